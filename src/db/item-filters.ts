// The filters of the actor, claim and event lists as SQL (src/db/list-sql.ts runs them). An actor filter
// drives the query from the link table, whose index and trigger-kept copies of the date window
// give the page in order and stop after it:
//   claims by claimant/about -> ClaimActor(actorId, role, claimId), ClaimActor(actorId, statedFrom, …)
//   events by actor/role     -> EventParticipant(actorId, role, eventId), EventParticipant(actorId, dateFrom, …)
// Every other condition is a column of the record or an EXISTS on a link table.
import { boundRange } from '../domain/dates.js'
import type { ListFilter } from './list-sql.js'
import { Where } from './statements.js'

export interface ClaimFilter {
  claimant?: string
  about?: string
  articleId?: string
  kind?: string
  modality?: string
  /** Day bounds: the stated window overlaps [from, to]. */
  from?: string
  to?: string
  reviewed?: boolean
  /** Ids from a full-text search. */
  ids?: string[]
}

const ids = (list: string[] | undefined) => (list ? JSON.stringify(list) : undefined)
const flag = (b: boolean | undefined) => (b === undefined ? undefined : b ? 1 : 0)

export function claimFilter(f: ClaimFilter): ListFilter {
  // The first actor filter drives; a second one is an EXISTS.
  const [driveRole, driveActor] =
    f.claimant !== undefined ? ['claimant', f.claimant] : f.about !== undefined ? ['subject', f.about] : [null, null]
  const w = new Where()
    // The article is live: no tombstone (the foreign key guarantees the row). Written as NOT EXISTS
    // so that it stays a correlated probe: as a JOIN or an EXISTS, SQLite built a Bloom filter over
    // every claim the other conditions select before the first row (13 ms a page at 10k articles).
    .add(
      'c."deletedAt" IS NULL AND NOT EXISTS (SELECT 1 FROM "Article" ar WHERE ar.id = c."articleId" AND ar."deletedAt" IS NOT NULL)',
    )
    .when(driveActor ?? undefined, 'x."actorId" = ?')
    .when(driveRole ?? undefined, 'x.role = ?')
    .when(
      driveRole === 'claimant' ? f.about : undefined,
      `EXISTS (SELECT 1 FROM "ClaimActor" s WHERE s."claimId" = c.id AND s.role = 'subject' AND s."actorId" = ?)`,
    )
    .when(f.articleId, 'c."articleId" = ?')
    .when(f.kind, 'c.kind = ?')
    .when(f.modality, 'c.modality = ?')
    .when(f.from, 'c."statedTo" >= ?')
    .when(f.to, 'c."statedFrom" <= ?')
    .when(flag(f.reviewed), 'c.reviewed = ?')
    .when(ids(f.ids), 'c.id IN (SELECT value FROM json_each(?))')
  const drives = driveActor !== null
  const from = drives ? '"ClaimActor" x JOIN "Claim" c ON c.id = x."claimId"' : '"Claim" c'
  return {
    sql: `FROM ${from} WHERE ${w.sql}`,
    params: w.params,
    id: drives ? 'x."claimId"' : 'c.id',
    distinct: false, // ClaimActor's key (claimId, actorId, role) meets a claim once per actor and role
    sortColumn: (field) => (drives && field === 'statedFrom' ? 'x."statedFrom"' : `c."${field}"`),
  }
}

export interface EventFilter {
  /** Participant filters: an actor in any role, or in the given one */
  participants: Array<{ actorId: string; role?: string }>
  type?: string
  status?: string
  from?: string
  to?: string
  /** Events reported by this article (live or not) */
  articleId?: string
  /** The event's location is in the country, or any participant's country is */
  country?: string
  reviewed?: boolean
  ids?: string[]
}

export function eventFilter(f: EventFilter): ListFilter {
  const [drive, ...others] = f.participants
  const w = new Where().add('e."deletedAt" IS NULL')
  if (drive) {
    w.add('p."actorId" = ?', drive.actorId)
    if (drive.role) w.add('p.role = ?', drive.role)
  }
  for (const o of others)
    w.add(
      `EXISTS (SELECT 1 FROM "EventParticipant" q WHERE q."eventId" = e.id AND q."actorId" = ?${o.role ? ' AND q.role = ?' : ''})`,
      ...(o.role ? [o.actorId, o.role] : [o.actorId]),
    )
  w.when(f.type, 'e.type = ?')
    .when(f.status, 'e.status = ?')
    .when(f.from, 'e."dateTo" >= ?')
    .when(f.to, 'e."dateFrom" <= ?')
    // An IN list driven by the article's reports (13 ms against 0.05 ms as an EXISTS probed per event).
    .when(f.articleId, 'e.id IN (SELECT r."eventId" FROM "EventReport" r WHERE r."articleId" = ?)')
  if (f.country !== undefined) w.add(`(${COUNTRY_OF_EVENT})`, f.country, f.country)
  w.when(flag(f.reviewed), 'e.reviewed = ?').when(ids(f.ids), 'e.id IN (SELECT value FROM json_each(?))')
  const from = drive ? '"EventParticipant" p JOIN "Event" e ON e.id = p."eventId"' : '"Event" e'
  return {
    sql: `FROM ${from} WHERE ${w.sql}`,
    params: w.params,
    id: drive ? 'p."eventId"' : 'e.id',
    // An actor in any role may take part twice in one event (initiator and target).
    distinct: drive !== undefined && drive.role === undefined,
    sortColumn: (field) => (drive && field === 'dateFrom' ? 'p."dateFrom"' : `e."${field}"`),
  }
}

export interface ActorFilter {
  kind?: string
  country?: string
  /** Actors the article involves */
  articleId?: string
  /** Actors with an alias containing this normalised text, or among these full-text ids */
  text?: { normalized: string; ids: string[] }
}

/** The live actors (neither deleted nor merged) the filter selects. */
export function actorFilter(f: ActorFilter): ListFilter {
  const w = new Where()
    .add('a."deletedAt" IS NULL AND a."mergedIntoId" IS NULL')
    .when(f.kind, 'a.kind = ?')
    .when(f.country, 'a.country = ?')
    // As an IN list, the article's few links drive; as an EXISTS, SQLite walked every actor
    // probing each (2.4 ms against 0.02 ms a page at 10,000 articles).
    .when(f.articleId, 'a.id IN (SELECT x."actorId" FROM "ArticleActor" x WHERE x."articleId" = ?)')
  if (f.text)
    // Aliases are stored normalised (lower case, letters, digits and single spaces), as the text is.
    w.add(
      `(EXISTS (SELECT 1 FROM "ActorAlias" al WHERE al."actorId" = a.id AND instr(al.normalized, ?) > 0)
        OR a.id IN (SELECT value FROM json_each(?)))`,
      f.text.normalized,
      JSON.stringify(f.text.ids),
    )
  return {
    sql: `FROM "Actor" a WHERE ${w.sql}`,
    params: w.params,
    id: 'a.id',
    distinct: false,
    sortColumn: (c) => `a."${c}"`,
  }
}

/**
 * The country filter's meaning: the location's country, or any participant's. Written as the set of
 * such events (two index range scans), not as a test per event: tested per event in id order, a
 * country few events have walked them all (57 ms a page at 10,000 articles, 2.4 s at p99 at 100,000),
 * while the set costs about 1 ms for the commonest country at 10,000.
 */
const COUNTRY_OF_EVENT = `e.id IN (SELECT x.id FROM "Event" x WHERE x."locationCountry" = ?
  UNION SELECT cp."eventId" FROM "Actor" ca JOIN "EventParticipant" cp ON cp."actorId" = ca.id WHERE ca.country = ?)`

/**
 * The countries of the events a filter selects, each counted once per event: the location's, and
 * every participant's; events with none count under null.
 */
export function countryFacetSql(f: ListFilter): { sql: string; params: unknown[] } {
  const events = `SELECT DISTINCT ${f.id} AS id ${f.sql}`
  return {
    sql: `WITH sel AS (${events}),
      pairs AS (
        SELECT e.id, e."locationCountry" AS value FROM sel JOIN "Event" e ON e.id = sel.id WHERE e."locationCountry" IS NOT NULL
        UNION
        SELECT cp."eventId", ca.country FROM sel JOIN "EventParticipant" cp ON cp."eventId" = sel.id
          JOIN "Actor" ca ON ca.id = cp."actorId" WHERE ca.country IS NOT NULL
      )
      SELECT value, count(*) AS count FROM pairs GROUP BY value
      UNION ALL
      SELECT NULL, count(*) FROM sel WHERE sel.id NOT IN (SELECT id FROM pairs)`,
    params: f.params,
  }
}

/** The values a query gives for these keys (absent ones left out), as a filter takes them. */
export function given<Q extends object, K extends keyof Q>(
  q: Q,
  keys: readonly K[],
): { [P in K]?: Exclude<Q[P], undefined> } {
  const out: { [P in K]?: Exclude<Q[P], undefined> } = {}
  for (const k of keys) if (q[k] !== undefined) out[k] = q[k] as Exclude<Q[K], undefined>
  return out
}

/** Day bounds of a window filter from its two partial-date parameters (absent ones left out). */
export function dayBounds(from: string | undefined, to: string | undefined): { from?: string; to?: string } {
  return {
    ...(from !== undefined ? { from: boundRange(from).from } : {}),
    ...(to !== undefined ? { to: boundRange(to).to } : {}),
  }
}
