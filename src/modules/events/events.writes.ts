// Edits and deletion of events.
import { z } from 'zod'
import { ExtractionSchema, LocationSchema, ParticipantSchema } from '../../domain/brief.schema.js'
import type { FieldProblem } from '../../domain/brief.validate.js'
import {
  EVENT_CONTEXTS,
  EVENT_EXTENSIONS,
  EVENT_STATUSES,
  EVENT_TYPES,
  MODALITIES,
  quadClassOf,
} from '../../domain/vocabulary.js'
import type { Database } from '../../db/database.js'
import { recordChange } from '../../db/changes.js'
import { dayRange, PartialDateSchema } from '../../domain/dates.js'
import { ProblemError } from '../../lib/problems.js'
import { partialDate } from '../../db/columns.js'
import { actorIdsForSlugs, unprocessable } from '../claims/claims.writes.js'

export const EventPatchSchema = z
  .object({
    title: z.string().min(1).max(500),
    description: z.string().max(2000).nullable(),
    type: z.enum(EVENT_TYPES),
    extension: z.enum(EVENT_EXTENSIONS).nullable(),
    subtype: z.string().max(200).nullable(),
    mode: z.string().max(100).nullable(),
    contexts: z.array(z.enum(EVENT_CONTEXTS)).max(20),
    status: z.enum(EVENT_STATUSES),
    modality: z.enum(MODALITIES),
    start: PartialDateSchema.nullable(),
    end: PartialDateSchema.nullable(),
    location: LocationSchema.nullable(),
    participants: z.array(ParticipantSchema).max(100).describe('Replaces the participants'),
    extraction: ExtractionSchema,
  })
  .partial()
  .strict()
  .meta({ id: 'EventPatch', description: 'Fields to change; absent fields stay as they are' })

export function eventWrites(db: Database) {
  return {
    async patch(id: string, patch: z.output<typeof EventPatchSchema>, keyId: string | null): Promise<void> {
      await db.writeTx(async (tx) => {
        const ev = await tx.event.findUnique({ where: { id } })
        if (!ev) throw new ProblemError('not-found', `No event "${id}"`)
        if (ev.deletedAt) throw new ProblemError('gone', `Event "${id}" was deleted`)
        const problems: FieldProblem[] = []
        const type = patch.type ?? ev.type
        const extension = patch.extension !== undefined ? patch.extension : ev.extension
        if (extension !== null && type !== 'OTHER')
          problems.push({ pointer: '/extension', message: 'an extension type goes with type OTHER' })
        const start =
          patch.start !== undefined
            ? patch.start
            : partialDate(ev.startDate, ev.startPrecision, ev.startApprox, ev.startText)
        const end =
          patch.end !== undefined ? patch.end : partialDate(ev.endDate, ev.endPrecision, ev.endApprox, ev.endText)
        if (end && !start) problems.push({ pointer: '/start', message: 'an event with an end date needs a start date' })
        const s = start ? dayRange(start.date, start.precision) : null
        const e = end ? dayRange(end.date, end.precision) : null
        if (s && e && e.to < s.from) problems.push({ pointer: '/end/date', message: 'the event ends before it starts' })
        const participantIds = patch.participants
          ? await actorIdsForSlugs(
              tx,
              patch.participants.map((p) => p.actor),
              '/participants',
              problems,
            )
          : null
        if (problems.length > 0) throw unprocessable(problems)

        const { start: _s, end: _e, location, participants, extraction, ...fields } = patch
        const data: Record<string, unknown> = { ...fields, quadClass: quadClassOf(type), updatedByKeyId: keyId }
        Object.assign(data, {
          startDate: start?.date ?? null,
          startPrecision: start?.precision ?? null,
          startApprox: start?.approximate ?? false,
          startText: start?.text ?? null,
          endDate: end?.date ?? null,
          endPrecision: end?.precision ?? null,
          endApprox: end?.approximate ?? false,
          endText: end?.text ?? null,
          dateFrom: s?.from ?? null,
          dateTo: (e ?? s)?.to ?? null,
        })
        if (location !== undefined)
          Object.assign(data, {
            locationName: location?.name ?? null,
            locationCountry: location?.country ?? null,
            latitude: location?.latitude ?? null,
            longitude: location?.longitude ?? null,
          })
        if (extraction)
          Object.assign(data, {
            extractionMethod: extraction.method,
            extractor: extraction.extractor,
            confidence: extraction.confidence,
            reviewed: extraction.reviewed,
          })
        await tx.event.update({ where: { id }, data })
        if (participants && participantIds) {
          await tx.eventParticipant.deleteMany({ where: { eventId: id } })
          const seen = new Set<string>()
          await tx.eventParticipant.createMany({
            data: participants
              .map((p, i) => ({ eventId: id, actorId: participantIds[i] as string, role: p.role }))
              .filter((p) => !seen.has(`${p.actorId}/${p.role}`) && seen.add(`${p.actorId}/${p.role}`))
              .map((p, position) => ({ ...p, position })),
          })
        }
        await recordChange(tx, 'event', id, 'updated', keyId)
      })
    },

    async remove(id: string, keyId: string | null): Promise<void> {
      await db.writeTx(async (tx) => {
        const ev = await tx.event.findUnique({ where: { id }, select: { deletedAt: true } })
        if (!ev) throw new ProblemError('not-found', `No event "${id}"`)
        if (ev.deletedAt) throw new ProblemError('gone', `Event "${id}" was deleted`)
        await tx.event.update({ where: { id }, data: { deletedAt: new Date(), updatedByKeyId: keyId } })
        await recordChange(tx, 'event', id, 'deleted', keyId)
      })
    },
  }
}
