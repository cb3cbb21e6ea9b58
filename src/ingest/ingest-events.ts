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
  i: number
  id: string
  dateFrom: string | null
  dateTo: string | null
}

/** What one brief event is matched on: its first participant's window copy, its type and its span. */
interface Probe {
  /** The event's position in the brief. */
  i: number
  /** First participant, span end and start, type, extension. */
  a: string
  t: string
  f: string
  y: string
  x: string | null
}

/**
 * Stored events that the brief's events may report, for all of them at once: per event, up to 50
 * live events of the same type (and extension) whose first-participant window copy overlaps its
 * span. Each probe is one index range on EventParticipant(actorId, dateFrom, …); `IS` compares
 * with a possibly null extension, which PostgreSQL spells IS NOT DISTINCT FROM.
 */
const CANDIDATES = {
  sqlite: `WITH q AS (
       SELECT json_extract(value, '$.i') AS i, json_extract(value, '$.a') AS a, json_extract(value, '$.t') AS t,
              json_extract(value, '$.f') AS f, json_extract(value, '$.y') AS y, json_extract(value, '$.x') AS x
       FROM json_each(?))
     SELECT i, id, "dateFrom", "dateTo" FROM (
       SELECT q.i, e.id, e."dateFrom", e."dateTo", row_number() OVER (PARTITION BY q.i) AS n
       FROM q JOIN "EventParticipant" p ON p."actorId" = q.a AND p."dateFrom" <= q.t AND p."dateTo" >= q.f
       JOIN "Event" e ON e.id = p."eventId"
       WHERE e.type = q.y AND e.extension IS q.x AND e."deletedAt" IS NULL)
     WHERE n <= 50`,
  postgres: `WITH q AS (
       SELECT (v->>'i')::int AS i, v->>'a' AS a, v->>'t' AS t, v->>'f' AS f, v->>'y' AS y, v->>'x' AS x
       FROM json_array_elements(?::json) AS v)
     SELECT i, id, "dateFrom", "dateTo" FROM (
       SELECT q.i, e.id, e."dateFrom", e."dateTo", row_number() OVER (PARTITION BY q.i) AS n
       FROM q JOIN "EventParticipant" p ON p."actorId" = q.a AND p."dateFrom" <= q.t AND p."dateTo" >= q.f
       JOIN "Event" e ON e.id = p."eventId"
       WHERE e.type = q.y AND e.extension IS NOT DISTINCT FROM q.x AND e."deletedAt" IS NULL) c
     WHERE n <= 50`,
}

/** A brief event with its participants resolved to stored actor ids. */
interface Resolved {
  e: BriefEvent
  participants: Array<{ actorId: string; role: string }>
  /** Distinct participant ids, in order. */
  actorIds: string[]
}

/**
 * The stored event each brief event reports, or null: the event it names by id, else one of the
 * same type, overlapping dates and the same participants. Two statements for the whole brief.
 */
async function findSameEvents(ctx: IngestContext, events: Resolved[]): Promise<Array<string | null>> {
  const same: Array<string | null> = events.map(() => null)
  const probes: Probe[] = []
  const spans = new Map<number, { from: string; to: string }>()
  for (const [i, { e, actorIds }] of events.entries()) {
    if (e.id !== undefined) {
      same[i] = await namedEvent(ctx, e.id, `/events/${i}`)
      continue
    }
    const window = eventWindow(e.start, e.end)
    if (!e.start || actorIds.length === 0) continue
    const span = { from: window.dateFrom ?? '', to: window.dateTo ?? '' }
    spans.set(i, span)
    probes.push({ i, a: actorIds[0] as string, t: span.to, f: span.from, y: e.type, x: e.extension })
  }
  if (probes.length === 0) return same
  const candidates = await ctx.sql.all<CandidateRow>(CANDIDATES, [JSON.stringify(probes)])
  if (candidates.length === 0) return same
  const members = await ctx.sql.all<{ eventId: string; actorId: string }>(
    'SELECT "eventId", "actorId" FROM "EventParticipant" WHERE "eventId" IN (SELECT value FROM json_each(?))',
    [JSON.stringify([...new Set(candidates.map((c) => c.id))])],
  )
  const membersOf = new Map<string, string[]>()
  for (const m of members) membersOf.set(m.eventId, [...(membersOf.get(m.eventId) ?? []), m.actorId])
  for (const [i, span] of spans) {
    const match = candidates.find(
      (c) =>
        Number(c.i) === i &&
        overlaps(span, { from: c.dateFrom, to: c.dateTo }) &&
        sameSet(membersOf.get(c.id) ?? [], events[i]?.actorIds ?? []),
    )
    same[i] = match?.id ?? null
  }
  return same
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
  const resolved: Resolved[] = []
  for (const e of brief.events) {
    const participants: Array<{ actorId: string; role: string }> = []
    for (const p of e.participants) participants.push({ actorId: await actors.resolve(p.actor), role: p.role })
    resolved.push({ e, participants, actorIds: [...new Set(participants.map((p) => p.actorId))] })
  }
  const sameAs = await findSameEvents(ctx, resolved)
  for (const [position, { e, participants }] of resolved.entries()) {
    const same = sameAs[position] ?? null
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
