// The timeline (GET /v1/timeline, of one actor or of everything) in hand-written SQL: which events
// and claims, in timeline order, and how many are undated. EventParticipant and ClaimActor carry copies
// of their event's and claim's date window (kept by triggers, migration
// 20261129102807_timeline_window), indexed (actorId, from, to, id): a page is one index range scan
// in timeline order that stops after `take` live items, whatever the actor's number of items.
// Written through Prisma, SQLite walked Event and Claim in date order testing each row for the
// actor (docs/decisions.md, "Actor timelines").
// The items themselves are then loaded by id (analysis repository).
import type { Sql } from './sql.js'
import { Where } from './statements.js'

export interface TimelineFilter {
  /** One actor's items; absent, every live item. */
  actorId?: string
  /** Day bounds: items whose window overlaps [from, to]. */
  from?: string
  to?: string
  /** Only events of this type. */
  type?: string
}

export interface TimelineIds {
  /** The first `take` dated items of both kinds together, in timeline order, split by kind */
  events: string[]
  claims: string[]
  undatedEvents: number
  undatedClaims: number
}

/** A dated item's place in the timeline. */
interface Placed {
  id: string
  from: string
  to: string
}

/** Timeline order: the window's start, then its end, then the id (as the timeline sorts its items). */
const byPlace = (a: Placed, b: Placed) =>
  a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.id.localeCompare(b.id)

/** Where one kind of item lives: its table, its link to actors (with the window copy) and what keeps it live. */
interface ItemTables {
  record: string
  /** The record's alias in `record` */
  r: string
  link: string
  /** The link table's alias in `link` and its column naming the record */
  l: string
  linkId: string
  from: string
  to: string
  live: (f: TimelineFilter) => Where
}

const EVENTS: ItemTables = {
  record: '"Event" e',
  r: 'e',
  link: '"EventParticipant" p',
  l: 'p',
  linkId: 'p."eventId"',
  from: 'dateFrom',
  to: 'dateTo',
  live: (f) => new Where().add('e."deletedAt" IS NULL').when(f.type, 'e.type = ?'),
}

const CLAIMS: ItemTables = {
  record: '"Claim" c',
  r: 'c',
  link: '"ClaimActor" x',
  l: 'x',
  linkId: 'x."claimId"',
  from: 'statedFrom',
  to: 'statedTo',
  live: () =>
    new Where().add(
      'c."deletedAt" IS NULL AND NOT EXISTS (SELECT 1 FROM "Article" ar WHERE ar.id = c."articleId" AND ar."deletedAt" IS NOT NULL)',
    ),
}

/**
 * The ids of the dated items in timeline order (up to `take`), or the number of undated ones
 * (`take` null). With an actor the query is driven by the link table's window copy; without, by the
 * record's own window columns.
 */
function itemsQuery(k: ItemTables, f: TimelineFilter, dated: boolean, take: number | null) {
  const byActor = f.actorId !== undefined
  const t = byActor ? k.l : k.r
  const id = byActor ? k.linkId : `${k.r}.id`
  const live = k.live(f)
  const w = new Where()
    .when(f.actorId, `${t}."actorId" = ?`)
    .add(`${t}."${k.from}" IS ${dated ? 'NOT ' : ''}NULL`)
    .when(f.from, `${t}."${k.to}" >= ?`)
    .when(f.to, `${t}."${k.from}" <= ?`)
  if (byActor) w.add(`EXISTS (SELECT 1 FROM ${k.record} WHERE ${k.r}.id = ${k.linkId} AND ${live.sql})`, ...live.params)
  else w.add(live.sql, ...live.params)
  const from = `FROM ${byActor ? k.link : k.record} WHERE ${w.sql}`
  if (take === null) return { sql: `SELECT count(${byActor ? `DISTINCT ${id}` : '*'}) AS n ${from}`, params: w.params }
  // The index (actorId, from, to, id) gives this order; grouping on the same columns folds an
  // actor's several roles in one item into one row without a sort.
  const key = `${t}."${k.from}", ${t}."${k.to}", ${id}`
  const group = byActor ? ` GROUP BY ${key}` : ''
  const columns = `${id} AS id, ${t}."${k.from}" AS "from", ${t}."${k.to}" AS "to"`
  return { sql: `SELECT ${columns} ${from}${group} ORDER BY ${key} LIMIT ?`, params: [...w.params, take] }
}

export function timelineReader(db: Sql) {
  // Rows of the SELECT in itemsQuery: dated items, so both window columns are set.
  const placed = (q: { sql: string; params: unknown[] }) => db.all<Placed>(q.sql, q.params)
  const count = async (q: { sql: string; params: unknown[] }) => Number((await db.pluck(q.sql, q.params))[0])

  return {
    /**
     * The first `take` dated items, events and claims together, in timeline order (each kind's
     * first `take` merged, so only the items shown are read afterwards), and the undated counts.
     */
    async read(f: TimelineFilter, want: { events: boolean; claims: boolean }, take: number): Promise<TimelineIds> {
      const events = want.events ? await placed(itemsQuery(EVENTS, f, true, take)) : []
      const claims = want.claims ? await placed(itemsQuery(CLAIMS, f, true, take)) : []
      const kept = new Set(
        [...events, ...claims]
          .sort(byPlace)
          .slice(0, take)
          .map((i) => i.id),
      )
      return {
        events: events.filter((e) => kept.has(e.id)).map((e) => e.id),
        claims: claims.filter((c) => kept.has(c.id)).map((c) => c.id),
        undatedEvents: want.events ? await count(itemsQuery(EVENTS, f, false, null)) : 0,
        undatedClaims: want.claims ? await count(itemsQuery(CLAIMS, f, false, null)) : 0,
      }
    },
  }
}
