// Claims, events and actors as list pages (and GET of a claim or an event) show them, read in hand-written SQL on the read-only
// connection: a fixed number of statements per page whatever its length (the rows, then each
// relation for all of the page's ids through json_each), instead of a Prisma query per relation
// level. The page's ids come from the list's SQL filter (src/db/item-filters.ts, list-sql.ts). The
// rows have the shape the modules map to the API (createdAt as Date, booleans as booleans), in the
// order of the ids asked for.
// Id lists are passed as one JSON array (src/db/postgres/dialect.ts rewrites that for PostgreSQL).
import { all, type Program, type Sql } from './sql.js'
import type { EvidenceColumns, ExtractionColumns, LocationColumns, QuoteColumns, StoredDate } from './columns.js'

export interface ActorRefRow {
  id: string
  slug: string
  name: string
  kind: string
  country: string | null
}

export interface ArticleRefRow {
  id: string
  slug: string
  title: string
}

interface Stamped {
  deletedAt: Date | null
  createdAt: Date
  updatedAt: Date
}

export interface ClaimRow extends QuoteColumns, EvidenceColumns, ExtractionColumns, StoredDate<'stated'>, Stamped {
  id: string
  kind: string
  summary: string
  modality: string
  statedFrom: string | null
  statedTo: string | null
  reviewedByKeyId: string | null
  article: ArticleRefRow
  actors: Array<{ role: string; actor: ActorRefRow }>
  linksFrom: Array<{
    type: string
    toClaim: { id: string; summary: string } | null
    toEvent: { id: string; title: string } | null
  }>
  linksTo: Array<{ type: string; fromClaim: { id: string; summary: string } }>
}

export interface EventRow extends ExtractionColumns, LocationColumns, StoredDate<'start'>, StoredDate<'end'>, Stamped {
  id: string
  title: string
  description: string | null
  type: string
  extension: string | null
  subtype: string | null
  mode: string | null
  contexts: string
  quadClass: number
  status: string
  modality: string
  dateFrom: string | null
  dateTo: string | null
  reviewedByKeyId: string | null
  participants: Array<{ role: string; actor: ActorRefRow }>
  reports: Array<EvidenceColumns & { article: ArticleRefRow }>
}

type Raw = Record<string, unknown>

const ACTOR_REF =
  'a.id AS "actorId", a.slug AS "actorSlug", a.name AS "actorName", a.kind AS "actorKind", a.country AS "actorCountry"'

/** An actor reference as ACTOR_REF selects it, with the link's role. */
interface ActorLink {
  role: string
  actorId: string
  actorSlug: string
  actorName: string
  actorKind: string
  actorCountry: string | null
}

function actorLink(r: ActorLink): { role: string; actor: ActorRefRow } {
  return {
    role: r.role,
    actor: { id: r.actorId, slug: r.actorSlug, name: r.actorName, kind: r.actorKind, country: r.actorCountry },
  }
}

/** An article reference as the record statements select it. */
interface ArticleColumns {
  articleId: string
  articleSlug: string
  articleTitle: string
}

function articleRef(r: ArticleColumns): ArticleRefRow {
  return { id: r.articleId, slug: r.articleSlug, title: r.articleTitle }
}

/** SQLite's 0/1 and ISO text as the booleans and Dates a Prisma row carries. */
function typed<T>(r: Raw, booleans: readonly string[]): T {
  for (const b of booleans) r[b] = r[b] === 1
  for (const d of ['createdAt', 'updatedAt', 'deletedAt'] as const) if (r[d] != null) r[d] = new Date(r[d] as string)
  return r as T // the SELECT lists exactly the row type's columns; relations are filled by the caller
}

function groupBy(rows: Raw[], key: string): Map<string, Raw[]> {
  const m = new Map<string, Raw[]>()
  for (const r of rows) {
    const k = String(r[key])
    const list = m.get(k)
    if (list) list.push(r)
    else m.set(k, [r])
  }
  return m
}

/** Rows in the order of `ids` (absent ids skipped). */
function inOrder<T extends { id: string }>(ids: readonly string[], rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

const IDS = '(SELECT value FROM json_each(?))'

/**
 * A reader of records by id: the records' statement and, per relation, a statement and the column
 * naming the record each related row belongs to; `build` makes one record from its row and its
 * related rows, typed as `R` names them. All statements read in one snapshot, with JSON numbers.
 */
function byIds<T extends { id: string }, R extends Record<string, object>>(
  db: Sql,
  records: string,
  related: { [K in keyof R]?: [string, string] },
  build: (row: Raw, related: <K extends keyof R>(relation: K) => R[K][]) => T,
): (ids: readonly string[]) => Promise<T[]> {
  const relations = Object.entries(related) as Array<[keyof R, [string, string]]> // entries of `related`
  function* read(ids: readonly string[]): Program<T[]> {
    const list = JSON.stringify(ids)
    // Rows of each relation's SELECT, whose aliases are R's fields.
    const groups = new Map<keyof R, Map<string, Raw[]>>()
    for (const [name, [statement, key]] of relations) groups.set(name, groupBy(yield* all<Raw>(statement, [list]), key))
    const rows = (yield* all<Raw>(records, [list])).map((r) => {
      const id = String(r.id)
      return build(r, (relation) => (groups.get(relation)?.get(id) ?? []) as R[typeof relation][])
    })
    return inOrder(ids, rows)
  }
  return async (ids) => (ids.length === 0 ? [] : db.snapshot(() => read(ids)))
}

/** Reads claims by id, with their article, actors and links. */
/** A link from a claim: to a claim or to an event (the LEFT JOINs give both columns or neither). */
type LinkFrom = { type: string } & ({ claimId: string; claimSummary: string } | { claimId: null; claimSummary: null }) &
  ({ eventId: string; eventTitle: string } | { eventId: null; eventTitle: null })

interface LinkTo {
  type: string
  claimId: string
  claimSummary: string
}

export function claimRows(db: Sql): (ids: readonly string[]) => Promise<ClaimRow[]> {
  return byIds<ClaimRow, { actors: ActorLink; linksFrom: LinkFrom; linksTo: LinkTo }>(
    db,
    `SELECT c.id, c."articleId", c.kind, c.summary, c.modality, c."quoteText", c."quoteStart", c."quoteEnd",
         c."evidenceStart", c."evidenceEnd", c."evidenceExact", c."evidencePrefix", c."evidenceSuffix",
         c."statedDate", c."statedPrecision", c."statedApprox", c."statedText", c."statedFrom", c."statedTo",
         c."extractionMethod", c.extractor, c.confidence, c.reviewed, c."reviewedByKeyId",
         c."createdAt", c."updatedAt", c."deletedAt",
         ar.slug AS "articleSlug", ar.title AS "articleTitle"
       FROM "Claim" c JOIN "Article" ar ON ar.id = c."articleId" WHERE c.id IN ${IDS}`,
    {
      actors: [
        `SELECT x."claimId", x.role, ${ACTOR_REF} FROM "ClaimActor" x JOIN "Actor" a ON a.id = x."actorId"
           WHERE x."claimId" IN ${IDS} ORDER BY x."claimId", x.position`,
        'claimId',
      ],
      linksFrom: [
        `SELECT l."fromClaimId", l.type, tc.id AS "claimId", tc.summary AS "claimSummary", te.id AS "eventId", te.title AS "eventTitle"
           FROM "ClaimLink" l LEFT JOIN "Claim" tc ON tc.id = l."toClaimId" LEFT JOIN "Event" te ON te.id = l."toEventId"
           WHERE l."fromClaimId" IN ${IDS} ORDER BY l.id`,
        'fromClaimId',
      ],
      linksTo: [
        `SELECT l."toClaimId", l.type, fc.id AS "claimId", fc.summary AS "claimSummary"
           FROM "ClaimLink" l JOIN "Claim" fc ON fc.id = l."fromClaimId"
           WHERE l."toClaimId" IN ${IDS} ORDER BY l.id`,
        'toClaimId',
      ],
    },
    (r, related) => {
      // The row keeps its article columns beside `article` (mappers pick their fields): a rest
      // spread of 30 columns per claim cost 7% of a claim page's time.
      const row = typed<ClaimRow & ArticleColumns>(r, ['statedApprox', 'reviewed'])
      row.article = articleRef(row)
      row.actors = related('actors').map(actorLink)
      row.linksFrom = related('linksFrom').map((l) => ({
        type: l.type,
        toClaim: l.claimId !== null ? { id: l.claimId, summary: l.claimSummary } : null,
        toEvent: l.eventId !== null ? { id: l.eventId, title: l.eventTitle } : null,
      }))
      row.linksTo = related('linksTo').map((l) => ({
        type: l.type,
        fromClaim: { id: l.claimId, summary: l.claimSummary },
      }))
      return row
    },
  )
}

/**
 * Reads events by id, with their participants and the reports of live articles (`reports: false`
 * leaves the reports out, empty: the timeline shows none, and a shared event's reports are most of
 * its bytes).
 */
export function eventRows(db: Sql, opts: { reports?: boolean } = {}): (ids: readonly string[]) => Promise<EventRow[]> {
  const withReports = opts.reports ?? true
  return byIds<EventRow, { participants: ActorLink; reports: EvidenceColumns & ArticleColumns & { eventId: string } }>(
    db,
    `SELECT e.id, e.title, e.description, e.type, e.extension, e.subtype, e.mode, e.contexts, e."quadClass",
         e.status, e.modality, e."startDate", e."startPrecision", e."startApprox", e."startText",
         e."endDate", e."endPrecision", e."endApprox", e."endText", e."dateFrom", e."dateTo",
         e."locationName", e."locationCountry", e.latitude, e.longitude,
         e."extractionMethod", e.extractor, e.confidence, e.reviewed, e."reviewedByKeyId",
         e."createdAt", e."updatedAt", e."deletedAt"
       FROM "Event" e WHERE e.id IN ${IDS}`,
    {
      participants: [
        `SELECT p."eventId", p.role, ${ACTOR_REF} FROM "EventParticipant" p JOIN "Actor" a ON a.id = p."actorId"
           WHERE p."eventId" IN ${IDS} ORDER BY p."eventId", p.position`,
        'eventId',
      ],
      // Left out, not read, when the reports are not wanted: related('reports') is then empty.
      ...(withReports
        ? {
            reports: [
              `SELECT r."eventId", r."evidenceStart", r."evidenceEnd", r."evidenceExact", r."evidencePrefix", r."evidenceSuffix",
                   ar.id AS "articleId", ar.slug AS "articleSlug", ar.title AS "articleTitle"
                 FROM "EventReport" r JOIN "Article" ar ON ar.id = r."articleId"
                 WHERE r."eventId" IN ${IDS} AND ar."deletedAt" IS NULL ORDER BY r."eventId", r."createdAt"`,
              'eventId',
            ] as [string, string], // a tuple, not an array
          }
        : {}),
    },
    (r, related) => {
      const row = typed<EventRow>(r, ['startApprox', 'endApprox', 'reviewed'])
      row.participants = related('participants').map(actorLink)
      row.reports = related('reports').map((rep) => ({
        evidenceStart: rep.evidenceStart,
        evidenceEnd: rep.evidenceEnd,
        evidenceExact: rep.evidenceExact,
        evidencePrefix: rep.evidencePrefix,
        evidenceSuffix: rep.evidenceSuffix,
        article: articleRef(rep),
      }))
      return row
    },
  )
}

/** A claim as the timeline shows it: its own columns, its dates and its claimants (no links, no evidence). */
export interface TimelineClaimRow extends StoredDate<'stated'> {
  id: string
  kind: string
  summary: string
  modality: string
  quoteText: string | null
  statedFrom: string | null
  statedTo: string | null
  claimants: ActorRefRow[]
}

/** Reads claims by id, narrowly, for the timeline (a page of 200 items: a third of claimRows' cost). */
export function timelineClaimRows(db: Sql): (ids: readonly string[]) => Promise<TimelineClaimRow[]> {
  return byIds<TimelineClaimRow, { claimants: ActorLink }>(
    db,
    `SELECT c.id, c.kind, c.summary, c.modality, c."quoteText",
         c."statedDate", c."statedPrecision", c."statedApprox", c."statedText", c."statedFrom", c."statedTo"
       FROM "Claim" c WHERE c.id IN ${IDS}`,
    {
      claimants: [
        `SELECT x."claimId", x.role, ${ACTOR_REF} FROM "ClaimActor" x JOIN "Actor" a ON a.id = x."actorId"
           WHERE x."claimId" IN ${IDS} AND x.role = 'claimant' ORDER BY x."claimId", x.position`,
        'claimId',
      ],
    },
    (r, related) => {
      const row = typed<TimelineClaimRow>(r, ['statedApprox'])
      row.claimants = related('claimants').map((a) => actorLink(a).actor)
      return row
    },
  )
}

export interface ActorSummaryRow {
  id: string
  slug: string
  name: string
  kind: string
  country: string | null
  title: string | null
  description: string | null
  wikidataId: string | null
  createdAt: Date
  updatedAt: Date
  aliases: Array<{ alias: string }>
}

/** Reads actors by id as the actor list shows them: the columns and the aliases in order of creation. */
export function actorSummaryRows(db: Sql): (ids: readonly string[]) => Promise<ActorSummaryRow[]> {
  return byIds<ActorSummaryRow, { aliases: { alias: string } }>(
    db,
    `SELECT a.id, a.slug, a.name, a.kind, a.country, a.title, a.description, a."wikidataId", a."createdAt", a."updatedAt"
       FROM "Actor" a WHERE a.id IN ${IDS}`,
    {
      aliases: [
        `SELECT al."actorId", al.alias FROM "ActorAlias" al WHERE al."actorId" IN ${IDS} ORDER BY al."actorId", al.id`,
        'actorId',
      ],
    },
    (r, related) => {
      const row = typed<ActorSummaryRow>(r, [])
      row.aliases = related('aliases').map((a) => ({ alias: a.alias }))
      return row
    },
  )
}
