// The timeline of one actor (GET /v1/timeline?actor=...) in hand-written SQL: which events and
// claims, in timeline order, and how many are undated. EventParticipant and ClaimActor carry copies
// of their event's and claim's date window (kept by triggers, migration
// 20261129102807_timeline_window), indexed (actorId, from, to, id): a page is one index range scan
// in timeline order that stops after `take` live items, whatever the actor's number of items.
// Written through Prisma, SQLite walked Event and Claim in date order testing each row for the
// actor (docs/decisions.md, "Actor timelines").
// The items themselves are then loaded by id (analysis repository).
import type BetterSqlite3 from 'better-sqlite3'
import { statementCache, Where } from './statements.js'

export interface TimelineFilter {
  actorId: string
  /** Day bounds: items whose window overlaps [from, to]. */
  from?: string
  to?: string
  /** Only events of this type. */
  type?: string
}

export interface TimelineIds {
  events: string[]
  claims: string[]
  undatedEvents: number
  undatedClaims: number
}

export function timelineReader(db: BetterSqlite3.Database) {
  const prepare = statementCache(db)

  function events(f: TimelineFilter, dated: boolean, take: number | null) {
    const live = new Where().add('e."deletedAt" IS NULL').when(f.type, 'e.type = ?')
    const w = new Where()
      .add('p."actorId" = ?', f.actorId)
      .add(`p."dateFrom" IS ${dated ? 'NOT ' : ''}NULL`)
      .when(f.from, 'p."dateTo" >= ?')
      .when(f.to, 'p."dateFrom" <= ?')
      .add(`EXISTS (SELECT 1 FROM "Event" e WHERE e.id = p."eventId" AND ${live.sql})`, ...live.params)
    const { params } = w
    const from = `FROM "EventParticipant" p WHERE ${w.sql}`
    if (take === null) return { sql: `SELECT count(DISTINCT p."eventId") AS n ${from}`, params }
    // The index (actorId, dateFrom, dateTo, eventId) gives this order; grouping on the same columns
    // folds an actor's several roles in one event into one row without a sort.
    const key = 'p."dateFrom", p."dateTo", p."eventId"'
    return { sql: `SELECT p."eventId" ${from} GROUP BY ${key} ORDER BY ${key} LIMIT ?`, params: [...params, take] }
  }

  function claims(f: TimelineFilter, dated: boolean, take: number | null) {
    const w = new Where()
      .add('x."actorId" = ?', f.actorId)
      .add(`x."statedFrom" IS ${dated ? 'NOT ' : ''}NULL`)
      .when(f.from, 'x."statedTo" >= ?')
      .when(f.to, 'x."statedFrom" <= ?')
      .add(`EXISTS (SELECT 1 FROM "Claim" c JOIN "Article" ar ON ar.id = c."articleId"
      WHERE c.id = x."claimId" AND c."deletedAt" IS NULL AND ar."deletedAt" IS NULL)`)
    const { params } = w
    const from = `FROM "ClaimActor" x WHERE ${w.sql}`
    if (take === null) return { sql: `SELECT count(DISTINCT x."claimId") AS n ${from}`, params }
    const key = 'x."statedFrom", x."statedTo", x."claimId"'
    return { sql: `SELECT x."claimId" ${from} GROUP BY ${key} ORDER BY ${key} LIMIT ?`, params: [...params, take] }
  }

  const ids = (q: { sql: string; params: unknown[] }) =>
    prepare(q.sql)
      .pluck()
      .all(...q.params) as string[]
  const count = (q: { sql: string; params: unknown[] }) =>
    Number(
      prepare(q.sql)
        .pluck()
        .get(...q.params),
    )

  return {
    /** Up to `take` dated events and claims each, in timeline order, and the undated counts. */
    read(f: TimelineFilter, want: { events: boolean; claims: boolean }, take: number): TimelineIds {
      return {
        events: want.events ? ids(events(f, true, take)) : [],
        claims: want.claims ? ids(claims(f, true, take)) : [],
        undatedEvents: want.events ? count(events(f, false, null)) : 0,
        undatedClaims: want.claims ? count(claims(f, false, null)) : 0,
      }
    },
  }
}
