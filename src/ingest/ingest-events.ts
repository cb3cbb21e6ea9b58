// The events of a brief: each is a stored event this article also reports (named by id, or the
// same type, overlapping dates and the same participants), or a new one. Either way the article
// gets one report of it, with the passage that reports it.
import {
  dateColumns,
  EVENT_FIELDS,
  eventWindow,
  evidenceColumns,
  extractionColumns,
  locationColumns,
  pick,
} from '../db/columns.js'
import { LIVE, prismaFinder, RecordStateError, resolveRecord } from '../db/resolve.js'
import { insertRows } from '../db/rows.js'
import type { BriefEvent } from '../domain/brief.schema.js'
import { quadClassOf } from '../domain/vocabulary.js'
import type { Prisma } from '../generated/prisma/client.js'
import { newId } from '../lib/ids.js'
import { ProblemError } from '../lib/problems.js'
import type { IngestContext } from './context.js'
import type { ActorIds } from './ingest-actors.js'

function overlaps(a: { from: string; to: string } | null, b: { from: string | null; to: string | null }): boolean {
  if (!a || !b.from || !b.to) return false
  return a.from <= b.to && b.from <= a.to
}

function sameSet(a: string[], b: string[]): boolean {
  const sa = new Set(a)
  const sb = new Set(b)
  return sa.size === sb.size && [...sa].every((x) => sb.has(x))
}

/** The live event a brief names by id, or a 422 pointing at the id. */
async function namedEvent(ctx: IngestContext, id: string, at: string): Promise<string> {
  try {
    return (await resolveRecord(prismaFinder(ctx.tx), 'event', id, LIVE)).id
  } catch (err) {
    if (!(err instanceof RecordStateError)) throw err
    throw new ProblemError('unprocessable-brief', 'The brief names an event id that does not exist', {
      errors: [{ pointer: `${at}/id`, message: `no event with id "${id}"` }],
    })
  }
}

interface CandidateRow {
  id: string
  dateFrom: string | null
  dateTo: string | null
}

/** An event already stored that this brief's event reports: explicit id, or same type, overlapping dates and same participants. */
// Driven by the first participant's trigger-kept copy of the event window (one index range).
// `IS ?` compares with a possibly null extension; PostgreSQL spells that IS NOT DISTINCT FROM.
const CANDIDATES = {
  sqlite: `SELECT e.id, e."dateFrom", e."dateTo" FROM "EventParticipant" p JOIN "Event" e ON e.id = p."eventId"
     WHERE p."actorId" = ? AND p."dateFrom" <= ? AND p."dateTo" >= ? AND e.type = ? AND e.extension IS ?
       AND e."deletedAt" IS NULL
     LIMIT 50`,
  postgres: `SELECT e.id, e."dateFrom", e."dateTo" FROM "EventParticipant" p JOIN "Event" e ON e.id = p."eventId"
     WHERE p."actorId" = ? AND p."dateFrom" <= ? AND p."dateTo" >= ? AND e.type = ? AND e.extension IS NOT DISTINCT FROM ?::text
       AND e."deletedAt" IS NULL
     LIMIT 50`,
}

async function findSameEvent(
  ctx: IngestContext,
  e: BriefEvent,
  participantIds: string[],
  at: string,
): Promise<string | null> {
  if (e.id !== undefined) return namedEvent(ctx, e.id, at)
  const window = eventWindow(e.start, e.end)
  const span = e.start ? { from: window.dateFrom ?? '', to: window.dateTo ?? '' } : null
  if (!span || participantIds.length === 0) return null
  const candidates = await ctx.sql.all<CandidateRow>(CANDIDATES, [
    participantIds[0] as string,
    span.to,
    span.from,
    e.type,
    e.extension,
  ])
  if (candidates.length === 0) return null
  const members = await ctx.sql.all<{ eventId: string; actorId: string }>(
    'SELECT "eventId", "actorId" FROM "EventParticipant" WHERE "eventId" IN (SELECT value FROM json_each(?))',
    [JSON.stringify(candidates.map((c) => c.id))],
  )
  const match = candidates.find(
    (c) =>
      overlaps(span, { from: c.dateFrom, to: c.dateTo }) &&
      sameSet(
        members.filter((m) => m.eventId === c.id).map((m) => m.actorId),
        participantIds,
      ),
  )
  return match?.id ?? null
}

function eventRow(ctx: IngestContext, id: string, e: BriefEvent): Prisma.EventCreateManyInput {
  return {
    id,
    ...pick(e, EVENT_FIELDS),
    contexts: e.contexts,
    quadClass: quadClassOf(e.type),
    status: e.status,
    modality: e.modality,
    ...dateColumns('start', e.start),
    ...dateColumns('end', e.end),
    ...eventWindow(e.start, e.end),
    ...locationColumns(e.location),
    ...extractionColumns(e.extraction),
    createdByKeyId: ctx.keyId,
    updatedByKeyId: ctx.keyId,
  }
}

/** Creates the brief's new events and reports every event of the brief; returns event key -> event id. */
export async function writeEvents(
  ctx: IngestContext,
  articleId: string,
  actors: ActorIds,
): Promise<Map<string, string>> {
  const { brief, keyId, changes } = ctx
  const eventIds = new Map<string, string>()
  const eventRows: Prisma.EventCreateManyInput[] = []
  const participantRows: Prisma.EventParticipantCreateManyInput[] = []
  const reportRows: Prisma.EventReportCreateManyInput[] = []
  for (const [position, e] of brief.events.entries()) {
    const participants: Array<{ actorId: string; role: string }> = []
    for (const p of e.participants) participants.push({ actorId: await actors.resolve(p.actor), role: p.role })
    const same = await findSameEvent(ctx, e, [...new Set(participants.map((p) => p.actorId))], `/events/${position}`)
    const id = same ?? newId('event')
    if (same) changes.push({ entity: 'event', entityId: id, action: 'updated', keyId })
    else {
      const row = eventRow(ctx, id, e)
      eventRows.push(row)
      const seen = new Set<string>()
      participants
        .filter((p) => !seen.has(`${p.actorId}/${p.role}`) && seen.add(`${p.actorId}/${p.role}`))
        .forEach((p, i) => {
          // With the copy of the event's window an actor's timeline is driven from (migration timeline_window).
          participantRows.push({ eventId: id, ...p, position: i, dateFrom: row.dateFrom, dateTo: row.dateTo })
        })
      changes.push({ entity: 'event', entityId: id, action: 'created', keyId })
    }
    eventIds.set(e.key, id)
    // Two events of one brief may denote the same stored event: one report per article.
    if (reportRows.some((r) => r.eventId === id)) continue
    reportRows.push({ eventId: id, articleId, position, ...evidenceColumns(e.evidence) })
  }
  await insertRows(ctx.sql, 'Event', eventRows)
  await insertRows(ctx.sql, 'EventParticipant', participantRows)
  await insertRows(ctx.sql, 'EventReport', reportRows)
  return eventIds
}
