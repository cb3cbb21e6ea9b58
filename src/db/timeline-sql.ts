// The timeline of one actor (GET /v1/timeline?actor=...) in hand-written SQL: which events and
// claims, in timeline order, and how many are undated. EventParticipant and ClaimActor carry copies
// of their event's and claim's date window (kept by triggers, migration
// 20261129102807_timeline_window), indexed (actorId, from, to, id): a page is one index range scan
// in timeline order that stops after `take` live items, whatever the actor's number of items.
// Written through Prisma, SQLite walked Event and Claim in date order testing each row for the
// actor: tens of thousands of rows per request (the baseline showed 29 req/s at 1k articles).
// The items themselves are then loaded by id (analysis repository).
import type BetterSqlite3 from 'better-sqlite3'
import { statementCache } from './statements.js'

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
    const live = [`e."deletedAt" IS NULL`]
    const w = ['p."actorId" = ?', `p."dateFrom" IS ${dated ? 'NOT ' : ''}NULL`]
    const params: unknown[] = [f.actorId]
    if (f.from !== undefined) {
      w.push('p."dateTo" >= ?')
      params.push(f.from)
    }
    if (f.to !== undefined) {
      w.push('p."dateFrom" <= ?')
      params.push(f.to)
    }
    if (f.type !== undefined) {
      live.push('e.type = ?')
      params.push(f.type)
    }
    w.push(`EXISTS (SELECT 1 FROM "Event" e WHERE e.id = p."eventId" AND ${live.join(' AND ')})`)
    const from = `FROM "EventParticipant" p WHERE ${w.join(' AND ')}`
    if (take === null) return { sql: `SELECT count(DISTINCT p."eventId") AS n ${from}`, params }
    // The index (actorId, dateFrom, dateTo, eventId) gives this order; grouping on the same columns
    // folds an actor's several roles in one event into one row without a sort.
    const key = 'p."dateFrom", p."dateTo", p."eventId"'
    return { sql: `SELECT p."eventId" ${from} GROUP BY ${key} ORDER BY ${key} LIMIT ?`, params: [...params, take] }
  }

  function claims(f: TimelineFilter, dated: boolean, take: number | null) {
    const w = ['x."actorId" = ?', `x."statedFrom" IS ${dated ? 'NOT ' : ''}NULL`]
    const params: unknown[] = [f.actorId]
    if (f.from !== undefined) {
      w.push('x."statedTo" >= ?')
      params.push(f.from)
    }
    if (f.to !== undefined) {
      w.push('x."statedFrom" <= ?')
      params.push(f.to)
    }
    w.push(`EXISTS (SELECT 1 FROM "Claim" c JOIN "Article" ar ON ar.id = c."articleId"
      WHERE c.id = x."claimId" AND c."deletedAt" IS NULL AND ar."deletedAt" IS NULL)`)
    const from = `FROM "ClaimActor" x WHERE ${w.join(' AND ')}`
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
