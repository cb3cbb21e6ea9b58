// The benchmark's baseline: a minimal Fastify server answering the benchmarked routes with the
// same JSON as Geobrief (test/bench/baseline.test.ts), using the best plain SQL through
// better-sqlite3: every statement prepared once, here at start; each selects only the columns the
// answer uses (no SELECT *). No validation, no hooks, no cache: the fastest honest way to serve the
// same answers.
// Usage: tsx bench/baseline.ts --db FILE --port N
import { createHash } from 'node:crypto'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import Fastify from 'fastify'

type Row = Record<string, unknown>

export function baselineApp(file: string) {
  const db = new Database(file, { readonly: true })
  db.pragma('busy_timeout = 2000')
  const q = {
    articleByIdOrSlug: db.prepare(
      `SELECT id, slug, title, summary, "keyPoints", section, publisher, byline, url, language, "publishedDate",
       "publishedPrecision", "publishedApprox", "publishedText", "relatedHeadlines", body, "sourceText", "sourceSha256",
       "sourceMediaType"
       FROM "Article" WHERE (id = ? OR slug = ?) AND "deletedAt" IS NULL`,
    ),
    topics: db.prepare('SELECT topic FROM "ArticleTopic" WHERE "articleId" = ? ORDER BY topic'),
    articleActors: db.prepare(
      `SELECT aa.role, aa."surfaceForms", a.id, a.slug, a.name, a.kind, a.country, a.title, a.description, a."wikidataId"
       FROM "ArticleActor" aa JOIN "Actor" a ON a.id = aa."actorId"
       WHERE aa."articleId" = ? ORDER BY aa.position`,
    ),
    aliases: db.prepare(
      'SELECT "actorId", alias FROM "ActorAlias" WHERE "actorId" IN (SELECT value FROM json_each(?)) ORDER BY id',
    ),
    affiliations: db.prepare(
      `SELECT f."actorId", f.relation, f.title, f."fromDate", f."fromPrecision", f."fromText", f."toDate", f."toPrecision",
              f."toText", t.slug AS "targetSlug"
       FROM "ActorAffiliation" f JOIN "Actor" t ON t.id = f."targetId"
       WHERE f."actorId" IN (SELECT value FROM json_each(?)) ORDER BY f.id`,
    ),
    claims: db.prepare(
      `SELECT id, kind, summary, modality, "quoteText", "quoteStart", "quoteEnd", "evidenceStart", "evidenceEnd", "evidenceExact", "evidencePrefix", "evidenceSuffix",
              "statedDate", "statedPrecision", "statedApprox", "statedText", "extractionMethod", extractor, confidence, reviewed
       FROM "Claim" WHERE "articleId" = ? AND "deletedAt" IS NULL ORDER BY position`,
    ),
    claimActors: db.prepare(
      `SELECT ca."claimId", ca.role, a.slug FROM "ClaimActor" ca JOIN "Actor" a ON a.id = ca."actorId"
       WHERE ca."claimId" IN (SELECT value FROM json_each(?)) ORDER BY ca.position`,
    ),
    links: db.prepare(
      `SELECT "fromClaimId", type, "toClaimId", "toEventId" FROM "ClaimLink"
       WHERE "fromClaimId" IN (SELECT value FROM json_each(?)) ORDER BY id`,
    ),
    reports: db.prepare(
      `SELECT r."evidenceStart", r."evidenceEnd", r."evidenceExact", r."evidencePrefix", r."evidenceSuffix",
              e.id, e.title, e.description, e.type, e.extension, e.subtype, e.mode, e.contexts, e.status, e.modality,
              e."startDate", e."startPrecision", e."startApprox", e."startText",
              e."endDate", e."endPrecision", e."endApprox", e."endText",
              e."locationName", e."locationCountry", e.latitude, e.longitude,
              e."extractionMethod", e.extractor, e.confidence, e.reviewed
       FROM "EventReport" r JOIN "Event" e ON e.id = r."eventId"
       WHERE r."articleId" = ? AND e."deletedAt" IS NULL ORDER BY r.position`,
    ),
    participants: db.prepare(
      `SELECT p."eventId", p.role, a.slug FROM "EventParticipant" p JOIN "Actor" a ON a.id = p."actorId"
       WHERE p."eventId" IN (SELECT value FROM json_each(?)) ORDER BY p.position`,
    ),
    actorByIdOrSlug: db.prepare('SELECT id, "mergedIntoId" FROM "Actor" WHERE id = ? OR slug = ? LIMIT 1'),
    actorRef: db.prepare(
      'SELECT id, slug, name, kind, country, "deletedAt", "mergedIntoId" FROM "Actor" WHERE id = ? OR slug = ? LIMIT 1',
    ),
    articlesByActor: db.prepare(
      // Driven from ArticleActor's copy of the publication window, as Geobrief does: the best plain
      // SQL on this schema, so the comparison measures the layers above the query, not a worse plan.
      `SELECT a.id, a.slug, a.title, a.summary, a.section, a.publisher, a.byline, a.url, a.language, a."publishedDate",
         a."publishedPrecision", a."publishedApprox", a."publishedText", a."createdAt", a."updatedAt"
       FROM "ArticleActor" x JOIN "Article" a ON a.id = x."articleId"
       WHERE x."actorId" = ? AND x."publishedTo" >= ? AND x."publishedFrom" <= ? AND a."deletedAt" IS NULL
       ORDER BY x."articleId" LIMIT ?`,
    ),
    articlesOfActor: db.prepare(
      `SELECT a.id, a.slug, a.title, a.summary, a.section, a.publisher, a.byline, a.url, a.language, a."publishedDate",
         a."publishedPrecision", a."publishedApprox", a."publishedText", a."createdAt", a."updatedAt"
       FROM "ArticleActor" x JOIN "Article" a ON a.id = x."articleId"
       WHERE x."actorId" = ? AND a."deletedAt" IS NULL ORDER BY x."articleId" LIMIT ?`,
    ),
    // Driven from the topic index ArticleTopic(topic, articleId), which yields the page in id order.
    articlesByTopic: db.prepare(
      `SELECT a.id, a.slug, a.title, a.summary, a.section, a.publisher, a.byline, a.url, a.language, a."publishedDate",
         a."publishedPrecision", a."publishedApprox", a."publishedText", a."createdAt", a."updatedAt"
       FROM "ArticleTopic" tp JOIN "Article" a ON a.id = tp."articleId"
       WHERE tp.topic = ? AND a."deletedAt" IS NULL ORDER BY tp."articleId" LIMIT ?`,
    ),
    counts: db.prepare(
      `SELECT (SELECT count(*) FROM "ArticleActor" WHERE "articleId" = @id) AS actors,
              (SELECT count(*) FROM "Claim" WHERE "articleId" = @id AND "deletedAt" IS NULL) AS claims,
              (SELECT count(*) FROM "EventReport" WHERE "articleId" = @id) AS events`,
    ),
    // Driven from the actor's rows and their date copies, as Geobrief does (the best plain SQL on this schema).
    timelineEvents: db.prepare(
      `SELECT e.id, e.title, e."startDate", e."startPrecision", e."startApprox", e."startText", e."endDate",
              e."endPrecision", e."endApprox", e."endText", e.type, e.status, e.modality, e."dateFrom", e."dateTo"
       FROM "Event" e JOIN (
         SELECT p."eventId" AS id, p."dateFrom", p."dateTo" FROM "EventParticipant" p
         WHERE p."actorId" = ? AND p."dateFrom" IS NOT NULL
           AND EXISTS (SELECT 1 FROM "Event" l WHERE l.id = p."eventId" AND l."deletedAt" IS NULL)
         GROUP BY p."dateFrom", p."dateTo", p."eventId" ORDER BY p."dateFrom", p."dateTo", p."eventId" LIMIT ?
       ) k ON k.id = e.id ORDER BY k."dateFrom", k."dateTo", k.id`,
    ),
    timelineClaims: db.prepare(
      `SELECT c.id, c.summary, c."statedDate", c."statedPrecision", c."statedApprox", c."statedText", c.kind,
              c.modality, c."quoteText", c."statedFrom", c."statedTo"
       FROM "Claim" c JOIN (
         SELECT x."claimId" AS id, x."statedFrom", x."statedTo" FROM "ClaimActor" x
         WHERE x."actorId" = ? AND x."statedFrom" IS NOT NULL
           AND EXISTS (SELECT 1 FROM "Claim" l JOIN "Article" ar ON ar.id = l."articleId"
                       WHERE l.id = x."claimId" AND l."deletedAt" IS NULL AND ar."deletedAt" IS NULL)
         GROUP BY x."statedFrom", x."statedTo", x."claimId" ORDER BY x."statedFrom", x."statedTo", x."claimId" LIMIT ?
       ) k ON k.id = c.id ORDER BY k."statedFrom", k."statedTo", k.id`,
    ),
    undatedEvents: db.prepare(
      `SELECT count(DISTINCT p."eventId") AS n FROM "EventParticipant" p WHERE p."actorId" = ? AND p."dateFrom" IS NULL
         AND EXISTS (SELECT 1 FROM "Event" l WHERE l.id = p."eventId" AND l."deletedAt" IS NULL)`,
    ),
    undatedClaims: db.prepare(
      `SELECT count(DISTINCT x."claimId") AS n FROM "ClaimActor" x WHERE x."actorId" = ? AND x."statedFrom" IS NULL
         AND EXISTS (SELECT 1 FROM "Claim" l JOIN "Article" ar ON ar.id = l."articleId"
                     WHERE l.id = x."claimId" AND l."deletedAt" IS NULL AND ar."deletedAt" IS NULL)`,
    ),
    eventActors: db.prepare(
      `SELECT p."eventId", a.id, a.slug, a.name, a.kind, a.country FROM "EventParticipant" p JOIN "Actor" a ON a.id = p."actorId"
       WHERE p."eventId" IN (SELECT value FROM json_each(?)) ORDER BY p.position`,
    ),
    claimants: db.prepare(
      `SELECT x."claimId", a.id, a.slug, a.name, a.kind, a.country FROM "ClaimActor" x JOIN "Actor" a ON a.id = x."actorId"
       WHERE x.role = 'claimant' AND x."claimId" IN (SELECT value FROM json_each(?)) ORDER BY x.position`,
    ),
    search: db.prepare(
      `SELECT d.entity, d."entityId", f.title, snippet(search_fts, -1, char(1), char(2), '…', 16) AS snip,
              bm25(search_fts, 4.0, 1.0) AS score
       FROM search_fts f JOIN "search_doc" d ON d.id = f.rowid
       WHERE search_fts MATCH ? AND d.entity IN ('article', 'claim', 'event', 'actor')
       ORDER BY score, d."entityId" LIMIT ?`,
    ),
  }

  const date = (d: unknown, p: unknown, approx: unknown, text: unknown) =>
    d === null || p === null ? null : { date: d, precision: p, approximate: approx === 1, text }
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v)
  const group = <T extends Row>(rows: T[], key: string) => {
    const m = new Map<unknown, T[]>()
    for (const r of rows) {
      const k = r[key]
      const list = m.get(k)
      if (list) list.push(r)
      else m.set(k, [r])
    }
    return m
  }
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

  function brief(idOrSlug: string) {
    const a = q.articleByIdOrSlug.get(idOrSlug, idOrSlug) as Row | undefined
    if (!a) return null
    const actors = q.articleActors.all(a.id) as Row[]
    const ids = JSON.stringify(actors.map((x) => x.id))
    const aliases = group(q.aliases.all(ids) as Row[], 'actorId')
    const affs = group(q.affiliations.all(ids) as Row[], 'actorId')
    const claims = q.claims.all(a.id) as Row[]
    const claimIds = JSON.stringify(claims.map((c) => c.id))
    const cActors = group(q.claimActors.all(claimIds) as Row[], 'claimId')
    const links = group(q.links.all(claimIds) as Row[], 'fromClaimId')
    const reports = q.reports.all(a.id) as Row[]
    const parts = group(q.participants.all(JSON.stringify(reports.map((r) => r.id))) as Row[], 'eventId')
    const claimKey = new Map(claims.map((c, i) => [c.id, `c${i + 1}`]))
    const eventKey = new Map(reports.map((r, i) => [r.id, `e${i + 1}`]))
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
        topics: (q.topics.all(a.id) as Row[]).map((t) => t.topic),
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
        role: x.role,
        surfaceForms: json(x.surfaceForms),
      })),
      claims: claims.map((c) => {
        const ca = cActors.get(c.id) ?? []
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
      events: reports.map((e) => ({
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
    }
  }

  const bounds = (v: string, first: boolean) => {
    if (v.length === 10) return v
    if (v.length === 7) {
      if (first) return `${v}-01`
      const [y, m] = v.split('-').map(Number) as [number, number]
      return `${v}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`
    }
    return first ? `${v}-01-01` : `${v}-12-31`
  }

  /** The filters the benchmark sends: actor, actor and a publication window, or topic. */
  interface ArticleFilters {
    actor?: string
    publishedFrom?: string
    publishedTo?: string
    topic?: string
  }

  function articleRows(f: ArticleFilters, take: number): Row[] {
    if (f.actor !== undefined) {
      const ref = q.actorByIdOrSlug.get(f.actor, f.actor) as Row | undefined
      const actorId = ref ? (ref.mergedIntoId ?? ref.id) : ''
      if (f.publishedFrom === undefined && f.publishedTo === undefined)
        return q.articlesOfActor.all(actorId, take) as Row[]
      const from = f.publishedFrom === undefined ? '0000-01-01' : bounds(f.publishedFrom, true)
      const to = f.publishedTo === undefined ? '9999-12-31' : bounds(f.publishedTo, false)
      return q.articlesByActor.all(actorId, from, to, take) as Row[]
    }
    if (f.topic !== undefined) return q.articlesByTopic.all(f.topic, take) as Row[]
    throw new Error('the baseline answers /v1/articles with an actor or a topic filter only')
  }

  function articles(f: ArticleFilters, limit: number) {
    const rows = articleRows(f, limit + 1)
    const page = rows.slice(0, limit)
    const last = page[page.length - 1]
    // The cursor's filter hash (src/lib/pagination.ts filterHash): the filters given, keys sorted.
    const filters = JSON.stringify(
      (['actor', 'publishedFrom', 'publishedTo', 'topic'] as const)
        .filter((k) => f[k] !== undefined)
        .map((k) => [k, f[k]]),
    )
    const h = createHash('sha256').update(filters).digest('base64url').slice(0, 12)
    const nextCursor =
      rows.length > limit && last
        ? Buffer.from(JSON.stringify({ r: 'articles', s: 'id', f: h, v: last.id, i: last.id })).toString('base64url')
        : null
    return {
      data: page.map((a) => {
        const counts = q.counts.get({ id: a.id }) as Row
        return {
          id: a.id,
          slug: a.slug,
          title: a.title,
          summary: a.summary,
          section: a.section,
          publisher: a.publisher,
          byline: a.byline,
          url: a.url,
          language: a.language,
          published: date(a.publishedDate, a.publishedPrecision, a.publishedApprox, a.publishedText),
          topics: (q.topics.all(a.id) as Row[]).map((t) => t.topic),
          counts: { actors: counts.actors, claims: counts.claims, events: counts.events },
          createdAt: new Date(a.createdAt as string).toISOString(),
          updatedAt: new Date(a.updatedAt as string).toISOString(),
        }
      }),
      page: { limit, nextCursor },
    }
  }

  const MONTHS = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ]
  const label = (d: string, p: string) => {
    const [y, m, day] = d.split('-')
    return p === 'year'
      ? `${y}`
      : p === 'month'
        ? `${MONTHS[Number(m) - 1]} ${y}`
        : `${Number(day)} ${MONTHS[Number(m) - 1]} ${y}`
  }
  const ref = (r: Row) => ({ id: r.id, slug: r.slug, name: r.name, kind: r.kind, country: r.country })

  function timeline(actor: string, limit = 200) {
    const a = q.actorRef.get(actor, actor) as Row | undefined
    if (!a) return null
    const id = (a.mergedIntoId ?? a.id) as string
    const events = q.timelineEvents.all(id, limit + 1) as Row[]
    const claims = q.timelineClaims.all(id, limit + 1) as Row[]
    const eActors = group(q.eventActors.all(JSON.stringify(events.map((e) => e.id))) as Row[], 'eventId')
    const cActors = group(q.claimants.all(JSON.stringify(claims.map((c) => c.id))) as Row[], 'claimId')
    const items = [
      ...events.map((e) => ({
        kind: 'event',
        id: e.id as string,
        title: e.title,
        date: date(e.startDate, e.startPrecision, e.startApprox, e.startText) as unknown as {
          date: string
          precision: string
        },
        end: date(e.endDate, e.endPrecision, e.endApprox, e.endText),
        type: e.type,
        status: e.status,
        modality: e.modality,
        actors: (eActors.get(e.id) ?? []).map(ref),
        quote: null,
        url: `/v1/events/${e.id}`,
        from: e.dateFrom as string,
        to: e.dateTo as string,
      })),
      ...claims.map((c) => ({
        kind: 'claim',
        id: c.id as string,
        title: c.summary,
        date: date(c.statedDate, c.statedPrecision, c.statedApprox, c.statedText) as unknown as {
          date: string
          precision: string
        },
        end: null,
        type: c.kind,
        status: null,
        modality: c.modality,
        actors: (cActors.get(c.id) ?? []).map(ref),
        quote: c.quoteText,
        url: `/v1/claims/${c.id}`,
        from: c.statedFrom as string,
        to: c.statedTo as string,
      })),
    ].sort((x, y) => x.from.localeCompare(y.from) || x.to.localeCompare(y.to) || x.id.localeCompare(y.id))
    const groups: Array<{ period: string; precision: string; label: string; items: unknown[] }> = []
    for (const { from: _f, to: _t, ...item } of items.slice(0, limit)) {
      const last = groups[groups.length - 1]
      if (last && last.period === item.date.date && last.precision === item.date.precision) last.items.push(item)
      else
        groups.push({
          period: item.date.date,
          precision: item.date.precision,
          label: label(item.date.date, item.date.precision),
          items: [item],
        })
    }
    const undated = (q.undatedEvents.get(id) as Row).n as number
    const undatedC = (q.undatedClaims.get(id) as Row).n as number
    return { groups, truncated: items.length > limit, undated: undated + undatedC }
  }

  const PATHS: Record<string, string> = {
    article: '/v1/articles/',
    claim: '/v1/claims/',
    event: '/v1/events/',
    actor: '/v1/actors/',
  }
  const esc = (s: string) =>
    s
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replaceAll('\u0001', '<mark>')
      .replaceAll('\u0002', '</mark>')

  function search(word: string, limit = 20) {
    const rows = q.search.all(`"${word.replace(/"/g, '""')}"`, limit + 1) as Row[]
    return {
      data: rows.slice(0, limit).map((r) => ({
        type: r.entity,
        id: r.entityId,
        title: r.title,
        snippet: esc(r.snip as string),
        score: Math.round(-Number(r.score) * 1000) / 1000,
        url: `${PATHS[r.entity as string]}${r.entityId}`,
      })),
      page: { limit, nextCursor: rows.length > limit ? `o${limit}` : null },
    }
  }

  const app = Fastify({ logger: false })
  const send = (reply: { type(t: string): { send(b: string): unknown }; code(n: number): unknown }, body: unknown) => {
    if (body === null) {
      reply.code(404)
      return reply.type('application/problem+json').send('{"status":404}')
    }
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(body))
  }
  // The hardware reference of the benchmark, as Geobrief answers it.
  app.get('/health', (_req, reply) => {
    reply.header('cache-control', 'no-store')
    return send(reply, { status: 'ok' })
  })
  app.get<{ Params: { id: string } }>('/v1/articles/:id/brief', (req, reply) => send(reply, brief(req.params.id)))
  app.get<{ Querystring: Record<string, string> }>('/v1/articles', (req, reply) =>
    send(
      reply,
      articles(
        {
          actor: req.query.actor,
          publishedFrom: req.query.publishedFrom,
          publishedTo: req.query.publishedTo,
          topic: req.query.topic,
        },
        Number(req.query.limit ?? 20),
      ),
    ),
  )
  app.get<{ Querystring: Record<string, string> }>('/v1/timeline', (req, reply) =>
    send(reply, timeline(req.query.actor ?? '')),
  )
  app.get<{ Querystring: Record<string, string> }>('/v1/search', (req, reply) =>
    send(reply, search(req.query.q ?? '', Number(req.query.limit ?? 20))),
  )
  app.addHook('onClose', async () => db.close())
  return app
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { db: { type: 'string' }, port: { type: 'string', default: '3901' } } })
  if (!values.db) throw new Error('--db FILE is required')
  const app = baselineApp(values.db)
  await app.listen({ port: Number(values.port), host: '127.0.0.1' })
  console.log(`baseline listening on ${values.port}`)
}
