// The whole brief of one article in hand-written SQL on a read-only connection: 10 prepared
// statements per brief whatever its size, no ORM materialisation. The result is in the ingest
// shape, so a brief read here can be posted back unchanged (and ingest hashes it to recognise a
// brief it already holds). Columns become fields through src/db/columns.ts, as everywhere else.
// Id lists are passed as one JSON array (src/db/postgres/dialect.ts rewrites that for PostgreSQL).
import type { Brief, BriefActor, BriefClaim, BriefEvent } from '../domain/brief.schema.js'
import {
  type AffiliationDateColumns,
  affiliationDates,
  dateFrom,
  EVENT_FIELDS,
  type EvidenceColumns,
  type ExtractionColumns,
  evidence,
  extraction,
  type LocationColumns,
  location,
  pick,
  type QuoteColumns,
  quote,
  type StoredDate,
  stringArray,
} from './columns.js'
import { all, get, type Program, pluck, type Sql } from './sql.js'

// Row shapes of the SELECT lists below, as src/db/sql.ts returns them on either database (JSON columns as text,
// booleans as 0/1). Vocabulary columns are typed with the brief's enums: they are written only
// through BriefSchema or the PATCH schemas, which admit nothing else.

interface ArticleRow extends StoredDate<'published'> {
  id: string
  slug: string
  title: string
  summary: string | null
  keyPoints: string
  section: string | null
  publisher: string | null
  byline: string | null
  url: string | null
  language: string
  relatedHeadlines: string
  body: string
  sourceText: string
  sourceSha256: string
  sourceMediaType: string
}

interface ActorRow {
  id: string
  slug: string
  name: string
  kind: BriefActor['kind']
  country: string | null
  title: string | null
  description: string | null
  wikidataId: string | null
  articleRole: BriefActor['role']
  surfaceForms: string
}

interface AliasRow {
  actorId: string
  alias: string
}

interface AffiliationRow extends AffiliationDateColumns {
  actorId: string
  targetSlug: string
  relation: BriefActor['affiliations'][number]['relation']
  title: string | null
}

interface ClaimRow extends QuoteColumns, EvidenceColumns, ExtractionColumns, StoredDate<'stated'> {
  id: string
  kind: BriefClaim['kind']
  summary: string
  modality: BriefClaim['modality']
}

interface RoleRow {
  role: string
  slug: string
}

interface LinkRow {
  fromClaimId: string
  type: BriefClaim['links'][number]['type']
  toClaimId: string | null
  toEventId: string | null
}

interface EventRow extends EvidenceColumns, ExtractionColumns, LocationColumns, StoredDate<'start'>, StoredDate<'end'> {
  id: string
  title: string
  description: string | null
  type: BriefEvent['type']
  extension: BriefEvent['extension']
  subtype: string | null
  mode: string | null
  contexts: string
  status: BriefEvent['status']
  modality: BriefEvent['modality']
}

interface ParticipantRow {
  eventId: string
  role: BriefEvent['participants'][number]['role']
  slug: string
}

function group<R, K extends keyof R>(rows: R[], key: K): Map<R[K], R[]> {
  const m = new Map<R[K], R[]>()
  for (const r of rows) {
    const list = m.get(r[key])
    if (list) list.push(r)
    else m.set(r[key], [r])
  }
  return m
}

export type BriefReader = (articleId: string) => Promise<Brief | null>

/** The brief reader of a connection: its statements run in one snapshot per brief. */
export function briefReader(sql: Sql): BriefReader {
  return (articleId) => sql.snapshot(() => briefProgram(articleId))
}

const IN_LIST = 'IN (SELECT value FROM json_each(?))'

const Q = {
  article: 'SELECT * FROM "Article" WHERE id = ?',
  topics: 'SELECT topic FROM "ArticleTopic" WHERE "articleId" = ? ORDER BY topic',
  actors: `SELECT x.role AS "articleRole", x."surfaceForms", a.* FROM "ArticleActor" x JOIN "Actor" a ON a.id = x."actorId"
     WHERE x."articleId" = ? ORDER BY x.position`,
  aliases: `SELECT "actorId", alias FROM "ActorAlias" WHERE "actorId" ${IN_LIST} ORDER BY id`,
  affiliations: `SELECT f.*, t.slug AS "targetSlug" FROM "ActorAffiliation" f JOIN "Actor" t ON t.id = f."targetId"
     WHERE f."actorId" ${IN_LIST} ORDER BY f.id`,
  claims: 'SELECT * FROM "Claim" WHERE "articleId" = ? AND "deletedAt" IS NULL ORDER BY position',
  claimActors: `SELECT x."claimId", x.role, a.slug FROM "ClaimActor" x JOIN "Actor" a ON a.id = x."actorId"
     WHERE x."claimId" ${IN_LIST} ORDER BY x.position`,
  links: `SELECT * FROM "ClaimLink" WHERE "fromClaimId" ${IN_LIST} ORDER BY id`,
  events: `SELECT r."evidenceStart", r."evidenceEnd", r."evidenceExact", r."evidencePrefix", r."evidenceSuffix", e.*
     FROM "EventReport" r JOIN "Event" e ON e.id = r."eventId"
     WHERE r."articleId" = ? AND e."deletedAt" IS NULL ORDER BY r.position`,
  participants: `SELECT p."eventId", p.role, a.slug FROM "EventParticipant" p JOIN "Actor" a ON a.id = p."actorId"
     WHERE p."eventId" ${IN_LIST} ORDER BY p.position`,
}

/** The brief of a stored article (by id), as a Program (one snapshot); null when absent. */
export function* briefProgram(articleId: string): Program<Brief | null> {
  const a = yield* get<ArticleRow>(Q.article, [articleId])
  if (!a) return null
  const actors = yield* all<ActorRow>(Q.actors, [articleId])
  const actorIds = JSON.stringify(actors.map((x) => x.id))
  const aliases = group(yield* all<AliasRow>(Q.aliases, [actorIds]), 'actorId')
  const affs = group(yield* all<AffiliationRow>(Q.affiliations, [actorIds]), 'actorId')
  const claims = yield* all<ClaimRow>(Q.claims, [articleId])
  const claimIds = JSON.stringify(claims.map((c) => c.id))
  const claimActors = group(yield* all<RoleRow & { claimId: string }>(Q.claimActors, [claimIds]), 'claimId')
  const links = group(yield* all<LinkRow>(Q.links, [claimIds]), 'fromClaimId')
  const events = yield* all<EventRow>(Q.events, [articleId])
  const eventIds = JSON.stringify(events.map((e) => e.id))
  const parts = group(yield* all<ParticipantRow>(Q.participants, [eventIds]), 'eventId')
  const topics = yield* pluck<string>(Q.topics, [articleId])
  // Keys number claims and events in brief order, as a brief written by hand would.
  const claimKey = new Map(claims.map((c, i) => [c.id, `c${i + 1}`]))
  const eventKey = new Map(events.map((e, i) => [e.id, `e${i + 1}`]))
  return {
    schemaVersion: 1,
    article: {
      id: a.id,
      slug: a.slug,
      title: a.title,
      summary: a.summary,
      keyPoints: stringArray(a.keyPoints),
      section: a.section,
      publisher: a.publisher,
      byline: a.byline,
      url: a.url,
      language: a.language,
      published: dateFrom(a, 'published'),
      topics,
      relatedHeadlines: stringArray(a.relatedHeadlines),
      body: a.body,
      source: { text: a.sourceText, sha256: a.sourceSha256, mediaType: a.sourceMediaType },
    },
    actors: actors.map((x) => ({
      id: x.id,
      slug: x.slug,
      name: x.name,
      kind: x.kind,
      country: x.country,
      title: x.title,
      description: x.description,
      wikidataId: x.wikidataId,
      aliases: (aliases.get(x.id) ?? []).map((r) => r.alias).filter((al) => al !== x.name),
      affiliations: (affs.get(x.id) ?? []).map((f) => ({
        actor: f.targetSlug,
        relation: f.relation,
        title: f.title,
        ...affiliationDates(f),
      })),
      role: x.articleRole,
      surfaceForms: stringArray(x.surfaceForms),
    })),
    claims: claims.map((c, i) => {
      const ca = claimActors.get(c.id) ?? []
      return {
        id: c.id,
        key: `c${i + 1}`,
        kind: c.kind,
        summary: c.summary,
        modality: c.modality,
        quote: quote(c),
        evidence: evidence(c),
        claimants: ca.filter((r) => r.role === 'claimant').map((r) => r.slug),
        about: ca.filter((r) => r.role === 'subject').map((r) => r.slug),
        stated: dateFrom(c, 'stated'),
        extraction: extraction(c),
        links: (links.get(c.id) ?? [])
          .map((l) => ({
            type: l.type,
            ...(l.toClaimId ? { claim: claimKey.get(l.toClaimId) } : {}),
            ...(l.toEventId ? { event: eventKey.get(l.toEventId) } : {}),
          }))
          .filter((l) => l.claim !== undefined || l.event !== undefined),
      }
    }),
    events: events.map((e, i) => ({
      id: e.id,
      key: `e${i + 1}`,
      ...pick(e, EVENT_FIELDS),
      // written only through the brief and patch schemas' EVENT_CONTEXTS enum
      contexts: stringArray(e.contexts) as BriefEvent['contexts'],
      status: e.status,
      modality: e.modality,
      start: dateFrom(e, 'start'),
      end: dateFrom(e, 'end'),
      location: location(e),
      participants: (parts.get(e.id) ?? []).map((p) => ({ actor: p.slug, role: p.role })),
      evidence: evidence(e),
      extraction: extraction(e),
    })),
  }
}
