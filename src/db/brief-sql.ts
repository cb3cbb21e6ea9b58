// The full-brief read path in hand-written SQL on a read-only connection: 8 prepared statements
// per brief whatever its size, no ORM materialisation. Produces exactly what readBrief()
// (src/briefs/brief.read.ts, through Prisma) produces; test/app/brief-sql.test.ts holds them equal.
// Database-specific: json_each() passes id lists; a PostgreSQL port uses = ANY($1).
import type BetterSqlite3 from 'better-sqlite3'
import type { Brief } from '../domain/brief.schema.js'

type Row = Record<string, unknown>

function group(rows: Row[], key: string): Map<unknown, Row[]> {
  const m = new Map<unknown, Row[]>()
  for (const r of rows) {
    const list = m.get(r[key])
    if (list) list.push(r)
    else m.set(r[key], [r])
  }
  return m
}

const date = (d: unknown, p: unknown, approx: unknown, text: unknown) =>
  d === null || p === null ? null : { date: d, precision: p, approximate: approx === 1 || approx === 1n, text }
const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v)
const evidence = (r: Row) => ({
  start: r.evidenceStart,
  end: r.evidenceEnd,
  exact: r.evidenceExact,
  prefix: r.evidencePrefix,
  suffix: r.evidenceSuffix,
})
const extraction = (r: Row) => ({
  method: r.extractionMethod,
  extractor: r.extractor,
  confidence: r.confidence,
  reviewed: r.reviewed === 1,
})

export function briefReader(db: BetterSqlite3.Database) {
  const q = {
    article: db.prepare('SELECT * FROM "Article" WHERE id = ?'),
    topics: db.prepare('SELECT topic FROM "ArticleTopic" WHERE "articleId" = ? ORDER BY topic').pluck(),
    actors: db.prepare(
      `SELECT x.role AS "articleRole", x."surfaceForms", a.* FROM "ArticleActor" x JOIN "Actor" a ON a.id = x."actorId"
       WHERE x."articleId" = ? ORDER BY x.position`,
    ),
    aliases: db.prepare(
      'SELECT "actorId", alias FROM "ActorAlias" WHERE "actorId" IN (SELECT value FROM json_each(?)) ORDER BY id',
    ),
    affiliations: db.prepare(
      `SELECT f.*, t.slug AS "targetSlug" FROM "ActorAffiliation" f JOIN "Actor" t ON t.id = f."targetId"
       WHERE f."actorId" IN (SELECT value FROM json_each(?)) ORDER BY f.id`,
    ),
    claims: db.prepare('SELECT * FROM "Claim" WHERE "articleId" = ? AND "deletedAt" IS NULL ORDER BY position'),
    claimActors: db.prepare(
      `SELECT x."claimId", x.role, a.slug FROM "ClaimActor" x JOIN "Actor" a ON a.id = x."actorId"
       WHERE x."claimId" IN (SELECT value FROM json_each(?)) ORDER BY x.position`,
    ),
    links: db.prepare('SELECT * FROM "ClaimLink" WHERE "fromClaimId" IN (SELECT value FROM json_each(?)) ORDER BY id'),
    events: db.prepare(
      `SELECT r."evidenceStart", r."evidenceEnd", r."evidenceExact", r."evidencePrefix", r."evidenceSuffix", e.*
       FROM "EventReport" r JOIN "Event" e ON e.id = r."eventId"
       WHERE r."articleId" = ? AND e."deletedAt" IS NULL ORDER BY r.position`,
    ),
    participants: db.prepare(
      `SELECT p."eventId", p.role, a.slug FROM "EventParticipant" p JOIN "Actor" a ON a.id = p."actorId"
       WHERE p."eventId" IN (SELECT value FROM json_each(?)) ORDER BY p.position`,
    ),
  }

  /** The brief of a stored article (by id), read in one consistent snapshot; null when absent. */
  return db.transaction((articleId: string): Brief | null => {
    const a = q.article.get(articleId) as Row | undefined
    if (!a) return null
    const actors = q.actors.all(articleId) as Row[]
    const actorIds = JSON.stringify(actors.map((x) => x.id))
    const aliases = group(q.aliases.all(actorIds) as Row[], 'actorId')
    const affs = group(q.affiliations.all(actorIds) as Row[], 'actorId')
    const claims = q.claims.all(articleId) as Row[]
    const claimIds = JSON.stringify(claims.map((c) => c.id))
    const claimActors = group(q.claimActors.all(claimIds) as Row[], 'claimId')
    const links = group(q.links.all(claimIds) as Row[], 'fromClaimId')
    const events = q.events.all(articleId) as Row[]
    const parts = group(q.participants.all(JSON.stringify(events.map((e) => e.id))) as Row[], 'eventId')
    const claimKey = new Map(claims.map((c, i) => [c.id, `c${i + 1}`]))
    const eventKey = new Map(events.map((e, i) => [e.id, `e${i + 1}`]))
    return {
      schemaVersion: 1,
      article: {
        id: a.id,
        slug: a.slug,
        title: a.title,
        summary: a.summary,
        keyPoints: json(a.keyPoints),
        section: a.section,
        publisher: a.publisher,
        byline: a.byline,
        url: a.url,
        language: a.language,
        published: date(a.publishedDate, a.publishedPrecision, a.publishedApprox, a.publishedText),
        topics: q.topics.all(articleId),
        relatedHeadlines: json(a.relatedHeadlines),
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
          from: date(f.fromDate, f.fromPrecision, 0, f.fromText),
          to: date(f.toDate, f.toPrecision, 0, f.toText),
        })),
        role: x.articleRole,
        surfaceForms: json(x.surfaceForms),
      })),
      claims: claims.map((c) => {
        const ca = claimActors.get(c.id) ?? []
        return {
          id: c.id,
          key: claimKey.get(c.id),
          kind: c.kind,
          summary: c.summary,
          modality: c.modality,
          quote: c.quoteText !== null ? { text: c.quoteText, start: c.quoteStart, end: c.quoteEnd } : null,
          evidence: evidence(c),
          claimants: ca.filter((r) => r.role === 'claimant').map((r) => r.slug),
          about: ca.filter((r) => r.role === 'subject').map((r) => r.slug),
          stated: date(c.statedDate, c.statedPrecision, c.statedApprox, c.statedText),
          extraction: extraction(c),
          links: (links.get(c.id) ?? [])
            .map((l) => ({
              type: l.type,
              ...(l.toClaimId ? { claim: claimKey.get(l.toClaimId) } : {}),
              ...(l.toEventId ? { event: eventKey.get(l.toEventId) } : {}),
            }))
            .filter((l) => ('claim' in l && l.claim !== undefined) || ('event' in l && l.event !== undefined)),
        }
      }),
      events: events.map((e) => ({
        id: e.id,
        key: eventKey.get(e.id),
        title: e.title,
        description: e.description,
        type: e.type,
        extension: e.extension,
        subtype: e.subtype,
        mode: e.mode,
        contexts: json(e.contexts),
        status: e.status,
        modality: e.modality,
        start: date(e.startDate, e.startPrecision, e.startApprox, e.startText),
        end: date(e.endDate, e.endPrecision, e.endApprox, e.endText),
        location: e.locationName
          ? { name: e.locationName, country: e.locationCountry, latitude: e.latitude, longitude: e.longitude }
          : null,
        participants: (parts.get(e.id) ?? []).map((p) => ({ actor: p.slug, role: p.role })),
        evidence: evidence(e),
        extraction: extraction(e),
      })),
    } as unknown as Brief
  })
}
