// Edits and deletion of events.
import {
  dateColumns,
  dateFrom,
  dateSelect,
  dateWindow,
  eventWindow,
  extractionColumns,
  reviewColumns,
  locationColumns,
  type StoredDate,
} from '../../db/columns.js'
import type { Database, Tx } from '../../db/database.js'
import { editRecord, tombstone } from '../../db/edits.js'
import type { FieldProblem } from '../../domain/brief.validate.js'
import type { PartialDate } from '../../domain/dates.js'
import { quadClassOf } from '../../domain/vocabulary.js'
import type { Prisma } from '../../generated/prisma/client.js'
import { actorIdsForSlugs, unprocessable } from '../../ingest/edit-checks.js'
import type { EventPatch } from './events.schemas.js'

type StoredEvent = { type: string; extension: string | null } & StoredDate<'start'> & StoredDate<'end'>

/** The type and dates the event will have, checked together: a patch may change one and keep the other. */
function checkTypeAndDates(ev: StoredEvent, patch: EventPatch, problems: FieldProblem[]) {
  const type = patch.type ?? ev.type
  const extension = patch.extension !== undefined ? patch.extension : ev.extension
  if (extension !== null && type !== 'OTHER')
    problems.push({ pointer: '/extension', message: 'an extension type goes with type OTHER' })
  const start: PartialDate | null = patch.start !== undefined ? patch.start : dateFrom(ev, 'start')
  const end: PartialDate | null = patch.end !== undefined ? patch.end : dateFrom(ev, 'end')
  if (end && !start) problems.push({ pointer: '/start', message: 'an event with an end date needs a start date' })
  const s = dateWindow(start)
  const e = dateWindow(end)
  if (s.from !== null && e.to !== null && e.to < s.from)
    problems.push({ pointer: '/end/date', message: 'the event ends before it starts' })
  return { type, start, end }
}

/**
 * Checks a patch against the stored event: its type and dates together, its participants' slugs
 * (every problem at once, 422). Answers the type and dates the event will have and the
 * participants as ids (null where the patch keeps them).
 */
async function checkEventPatch(tx: Tx, id: string, patch: EventPatch) {
  const ev = await tx.event.findUniqueOrThrow({
    where: { id },
    select: {
      type: true,
      extension: true,
      ...dateSelect('start'),
      ...dateSelect('end'),
    },
  })
  const problems: FieldProblem[] = []
  const { type, start, end } = checkTypeAndDates(ev, patch, problems)
  const participantIds = patch.participants
    ? await actorIdsForSlugs(
        tx,
        patch.participants.map((p) => p.actor),
        '/participants',
        problems,
      )
    : null
  if (problems.length > 0) throw unprocessable(problems)
  return { type, start, end, participantIds }
}

export function eventWrites(db: Database) {
  return {
    patch(token: string, patch: EventPatch, keyId: string | null): Promise<string> {
      return editRecord(db, 'event', token, keyId, async (tx, id) => {
        const { type, start, end, participantIds } = await checkEventPatch(tx, id, patch)
        const { start: _s, end: _e, location, participants, extraction, reviewed, ...fields } = patch
        const data: Prisma.EventUpdateInput = {
          ...fields,
          quadClass: quadClassOf(type),
          updatedByKeyId: keyId,
          ...dateColumns('start', start),
          ...dateColumns('end', end),
          ...eventWindow(start, end),
          ...(location !== undefined ? locationColumns(location) : {}),
          ...(extraction ? extractionColumns(extraction) : {}),
          ...reviewColumns(reviewed ?? extraction?.reviewed, keyId),
        }
        await tx.event.update({ where: { id }, data })
        if (participants && participantIds) {
          await tx.eventParticipant.deleteMany({ where: { eventId: id } })
          const seen = new Set<string>()
          await tx.eventParticipant.createMany({
            data: participants
              // actorIdsForSlugs answers one id per participant, in order
              .map((p, i) => ({ eventId: id, actorId: participantIds[i] as string, role: p.role }))
              .filter((p) => !seen.has(`${p.actorId}/${p.role}`) && seen.add(`${p.actorId}/${p.role}`))
              .map((p, position) => ({ ...p, position })),
          })
        }
      })
    },

    remove(token: string, keyId: string | null): Promise<void> {
      return tombstone(db, 'event', token, keyId)
    },
  }
}
