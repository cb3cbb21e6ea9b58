// npm run bench:data -- --articles N [--seed S] [--db FILE] [--via bulk|ingest]
// Builds a deterministic synthetic database for the benchmark. `--via ingest` sends every brief
// through the API's ingest path (slow, full validation); the default `bulk` path writes the same
// rows with prepared statements in large transactions (documented in docs/benchmarks.md).
import { existsSync, rmSync } from 'node:fs'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import type { Brief } from '../src/domain/brief.schema.js'
import { briefHash, completeBrief } from '../src/ingest/canonical.js'
import { sha256 } from '../src/domain/brief.validate.js'
import { ingestBrief } from '../src/ingest/ingest.js'
import { quadClassOf } from '../src/domain/vocabulary.js'
import { Database as AppDatabase } from '../src/db/database.js'
import { rebuildAllStale } from '../src/db/brief-docs.js'
import { migrate } from '../src/db/migrate.js'
import { dayRange } from '../src/domain/dates.js'
import { newId } from '../src/lib/ids.js'
import { normalizeName } from '../src/lib/text.js'
import { actorPool, rng, synthBrief } from './synth.js'

export async function generate(opts: { articles: number; seed: number; file: string; via: string; actors: number }) {
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(opts.file + suffix)) rmSync(opts.file + suffix)
  const url = `file:${opts.file}`
  await migrate(url)
  const pool = actorPool(opts.actors, opts.seed)
  const started = performance.now()
  if (opts.via === 'ingest') {
    const db = await AppDatabase.open({ url, busyTimeoutMs: 5000 })
    for (let n = 0; n < opts.articles; n++) await ingestBrief(db, synthBrief(n, pool, opts.seed), { mode: 'create' })
    await db.close()
  } else bulkLoad(opts.file, opts.articles, pool, opts.seed)
  const secs = (performance.now() - started) / 1000
  // The bulk path writes rows directly: their brief documents are built here, as the writer would.
  const materialiseStarted = performance.now()
  const rw = new Database(opts.file)
  const docs = await rebuildAllStale(rw)
  rw.close()
  const docsSecs = (performance.now() - materialiseStarted) / 1000
  if (docs > 0) console.log(`  materialised ${docs} brief documents in ${docsSecs.toFixed(1)} s`)
  const db = new Database(opts.file, { readonly: true })
  const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n
  const counts = Object.fromEntries(['Article', 'Actor', 'Claim', 'Event', 'EventReport'].map((t) => [t, count(t)]))
  db.close()
  return { secs, counts, briefsPerSec: opts.articles / secs }
}

/** JSON.stringify replacer giving every plain object its keys in sorted order. */
function sortedKeys(_key: string, value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value
  const sorted: Record<string, unknown> = {}
  for (const k of Object.keys(value).sort()) sorted[k] = (value as Record<string, unknown>)[k]
  return sorted
}

/**
 * briefHash() of a brief that completeBrief() has already completed and that carries no ids: the
 * same canonical JSON (stableStringify) built by the native serialiser, about three times faster.
 */
function completedBriefHash(completed: Brief): string {
  return sha256(JSON.stringify(completed, sortedKeys))
}

// The full-text triggers of the bulk-loaded tables, as prisma/migrations/*_search_index defines them.
// During the load they are dropped, search_doc is written directly (the same rows in the same order
// as the AFTER INSERT triggers would write them), search_fts is filled in one pass at the end, and
// the triggers are recreated from the SQL saved from sqlite_master. If a migration has changed any of
// them, the generator keeps them in place and lets them fire instead.
const SEARCHED = [
  {
    table: 'Article',
    entity: 'article',
    title: (t: string) => `${t}."title"`,
    body: (t: string) => `coalesce(${t}."summary", '') || ' ' || coalesce(${t}."keyPoints", '') || ' ' || ${t}."body"`,
  },
  {
    table: 'Claim',
    entity: 'claim',
    title: (t: string) => `${t}."summary"`,
    body: (t: string) => `coalesce(${t}."quoteText", '') || ' ' || ${t}."evidenceExact"`,
  },
  {
    table: 'Event',
    entity: 'event',
    title: (t: string) => `${t}."title"`,
    body: (t: string) =>
      `coalesce(${t}."description", '') || ' ' || coalesce(${t}."subtype", '') || ' ' || coalesce(${t}."locationName", '')`,
  },
] as const

const squash = (sql: string) => sql.replace(/\s+/g, ' ').trim()

interface SchemaObject {
  type: string
  name: string
  sql: string
}

/** Drops the search triggers of Article, Claim and Event; returns them, or null if they are not the expected ones. */
function suspendSearchTriggers(db: Database.Database): SchemaObject[] | null {
  const triggers = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('Article', 'Claim', 'Event')
       AND (sql LIKE '%search_fts%' OR sql LIKE '%search_doc%') ORDER BY rowid`,
    )
    .all() as SchemaObject[]
  const expected = SEARCHED.map(
    (s) =>
      `CREATE TRIGGER "search_${s.entity}_ai" AFTER INSERT ON "${s.table}" WHEN new."deletedAt" IS NULL BEGIN ` +
      `INSERT INTO "search_doc" ("entity", "entityId") VALUES ('${s.entity}', new."id"); ` +
      `INSERT INTO "search_fts" (rowid, title, body) VALUES (last_insert_rowid(), ${s.title('new')}, ${s.body('new')}); END`,
  )
  const onInsert = triggers.filter((t) => / AFTER INSERT /i.test(squash(t.sql)))
  if (onInsert.length !== expected.length || !onInsert.every((t) => expected.includes(squash(t.sql)))) return null
  for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`)
  return triggers
}

/** Indexes that only speed up reads: dropped during the load, recreated (sorted once) at the end. */
function dropSecondaryIndexes(db: Database.Database, tables: string[]): SchemaObject[] {
  const indexes = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
       AND sql NOT LIKE 'CREATE UNIQUE %' AND tbl_name IN (${tables.map(() => '?').join(', ')}) ORDER BY rowid`,
    )
    .all(...tables) as SchemaObject[]
  for (const i of indexes) db.exec(`DROP INDEX "${i.name}"`)
  return indexes
}

/** One pass over the search_doc rows added by the load, in rowid order, as the triggers would have filled search_fts. */
function fillSearchIndex(db: Database.Database, afterDocId: number) {
  const alias = (i: number) => `t${i}`
  db.prepare(
    `INSERT INTO "search_fts" (rowid, title, body)
     SELECT d."id",
       CASE d."entity" ${SEARCHED.map((s, i) => `WHEN '${s.entity}' THEN ${s.title(alias(i))}`).join(' ')} END,
       CASE d."entity" ${SEARCHED.map((s, i) => `WHEN '${s.entity}' THEN ${s.body(alias(i))}`).join(' ')} END
     FROM "search_doc" d
     ${SEARCHED.map((s, i) => `LEFT JOIN "${s.table}" ${alias(i)} ON d."entity" = '${s.entity}' AND ${alias(i)}."id" = d."entityId"`).join('\n')}
     WHERE d."id" > ? ORDER BY d."id"`,
  ).run(afterDocId)
}

const LOADED_TABLES = [
  'Article',
  'ArticleTopic',
  'ArticleActor',
  'Claim',
  'ClaimActor',
  'Event',
  'EventParticipant',
  'EventReport',
]

function bulkLoad(file: string, n: number, pool: ReturnType<typeof actorPool>, seed: number) {
  const db = new Database(file)
  // A generated database can be regenerated, so durability is traded for speed during the load
  // (no journal file, no fsync, foreign keys checked once at the end); the file is put back in WAL
  // mode, which the app requires, at the end.
  db.pragma('journal_mode = MEMORY')
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -262144') // 256 MiB
  db.pragma('temp_store = MEMORY')
  db.pragma('foreign_keys = OFF')
  const started = performance.now()
  const phase = (what: string) => {
    if (n >= 10_000) console.log(`  ${what} after ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }
  const now = new Date().toISOString().replace('Z', '+00:00')
  const ins = {
    actor: db.prepare(
      `INSERT INTO "Actor" (id, slug, name, kind, country, title, description, wikidataId, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?)`,
    ),
    alias: db.prepare(`INSERT INTO "ActorAlias" (id, actorId, alias, normalized) VALUES (?, ?, ?, ?)`),
    article:
      db.prepare(`INSERT INTO "Article" (id, slug, title, summary, keyPoints, section, publisher, byline, url, language,
      publishedDate, publishedPrecision, publishedApprox, publishedText, publishedFrom, publishedTo, body, relatedHeadlines,
      sourceText, sourceSha256, sourceMediaType, briefSha256, createdAt, updatedAt)
      VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, 0, NULL, ?, ?, ?, '[]', ?, ?, 'text/plain', ?, ?, ?)`),
    topic: db.prepare(`INSERT OR IGNORE INTO "ArticleTopic" (articleId, topic) VALUES (?, ?)`),
    articleActor: db.prepare(
      `INSERT INTO "ArticleActor" (articleId, actorId, role, surfaceForms, position) VALUES (?, ?, ?, ?, ?)`,
    ),
    claim:
      db.prepare(`INSERT INTO "Claim" (id, articleId, position, kind, summary, modality, quoteText, quoteStart, quoteEnd,
      evidenceStart, evidenceEnd, evidenceExact, evidencePrefix, evidenceSuffix, statedDate, statedPrecision, statedApprox,
      statedText, statedFrom, statedTo, extractionMethod, extractor, confidence, reviewed, createdAt, updatedAt)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, ?, ?, ?, ?, ?, 0, ?, ?)`),
    claimActor: db.prepare(`INSERT OR IGNORE INTO "ClaimActor" (claimId, actorId, role, position) VALUES (?, ?, ?, ?)`),
    event:
      db.prepare(`INSERT INTO "Event" (id, title, description, type, extension, subtype, mode, contexts, quadClass, status,
      modality, startDate, startPrecision, startApprox, startText, endDate, endPrecision, endApprox, endText, dateFrom, dateTo,
      locationName, locationCountry, latitude, longitude, extractionMethod, extractor, confidence, reviewed, createdAt, updatedAt)
      VALUES (?, ?, NULL, ?, NULL, NULL, NULL, ?, ?, ?, ?, ?, ?, 0, NULL, NULL, NULL, 0, NULL, ?, ?, NULL, NULL, NULL, NULL, ?, ?, ?, 0, ?, ?)`),
    participant: db.prepare(
      `INSERT OR IGNORE INTO "EventParticipant" (eventId, actorId, role, position) VALUES (?, ?, ?, ?)`,
    ),
    report:
      db.prepare(`INSERT OR IGNORE INTO "EventReport" (eventId, articleId, position, evidenceStart, evidenceEnd, evidenceExact,
      evidencePrefix, evidenceSuffix, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    searchDoc: db.prepare(`INSERT INTO "search_doc" ("entity", "entityId") VALUES (?, ?)`),
  }
  const actorId = new Map<string, string>()
  db.transaction(() => {
    for (const a of pool) {
      const id = newId('actor')
      actorId.set(a.slug, id)
      ins.actor.run(id, a.slug, a.name, a.kind, a.country, now, now)
      const seen = new Set<string>()
      for (const alias of [a.name, ...a.aliases]) {
        const norm = normalizeName(alias)
        if (seen.has(norm)) continue
        seen.add(norm)
        ins.alias.run(newId('alias'), id, alias, norm)
      }
    }
  })()
  // Actors were written with their search triggers in place (few rows; each alias rewrites its
  // actor's entry). The bulk-loaded tables are written without them and without secondary indexes.
  const searchTriggers = suspendSearchTriggers(db)
  if (!searchTriggers) console.warn('  the search triggers are not the expected ones: left in place (slower)')
  const lastDocId = (db.prepare(`SELECT coalesce(max("id"), 0) AS n FROM "search_doc"`).get() as { n: number }).n
  const indexes = dropSecondaryIndexes(db, LOADED_TABLES)
  const searchDoc = (entity: string, id: string) => {
    if (searchTriggers) ins.searchDoc.run(entity, id)
  }
  const r = rng(seed + 1)
  const sharedEvents: string[] = []
  const batch = 5000
  for (let from = 0; from < n; from += batch) {
    db.transaction(() => {
      for (let k = from; k < Math.min(n, from + batch); k++) {
        const b = completeBrief(synthBrief(k, pool, seed))
        const hash = completedBriefHash(b)
        // The hash is computed here without briefHash() for speed: check it against the real one now and then.
        if (k % 1000 === 0 && hash !== briefHash(b)) throw new Error(`brief ${k}: hash differs from briefHash()`)
        const art = b.article
        const articleId = newId('article')
        const pub = art.published ? dayRange(art.published.date, art.published.precision) : null
        ins.article.run(
          articleId,
          art.slug,
          art.title,
          art.summary,
          JSON.stringify(art.keyPoints),
          art.section,
          art.publisher,
          art.language,
          art.published?.date ?? null,
          art.published?.precision ?? null,
          pub?.from ?? null,
          pub?.to ?? null,
          art.body,
          art.source.text,
          art.source.sha256 ?? '',
          hash,
          now,
          now,
        )
        searchDoc('article', articleId)
        for (const t of new Set(art.topics)) ins.topic.run(articleId, t)
        for (const [i, a] of b.actors.entries())
          ins.articleActor.run(articleId, actorId.get(a.slug), a.role, JSON.stringify(a.surfaceForms), i)
        b.claims.forEach((c, i) => {
          const id = newId('claim')
          const st = c.stated ? dayRange(c.stated.date, c.stated.precision) : null
          ins.claim.run(
            id,
            articleId,
            i,
            c.kind,
            c.summary,
            c.modality,
            c.quote?.text ?? null,
            c.quote?.start ?? null,
            c.quote?.end ?? null,
            c.evidence.start,
            c.evidence.end,
            c.evidence.exact,
            c.evidence.prefix ?? '',
            c.evidence.suffix ?? '',
            c.stated?.date ?? null,
            c.stated?.precision ?? null,
            st?.from ?? null,
            st?.to ?? null,
            c.extraction.method,
            c.extraction.extractor,
            c.extraction.confidence,
            now,
            now,
          )
          searchDoc('claim', id)
          c.claimants.forEach((s, j) => {
            ins.claimActor.run(id, actorId.get(s), 'claimant', j)
          })
          c.about.forEach((s, j) => {
            ins.claimActor.run(id, actorId.get(s), 'subject', j)
          })
        })
        b.events.forEach((e, i) => {
          // About one event in six is one already reported by an earlier article.
          let id: string
          if (sharedEvents.length > 0 && r() < 0.16) id = sharedEvents[Math.floor(r() * sharedEvents.length)] as string
          else {
            id = newId('event')
            const s = e.start ? dayRange(e.start.date, e.start.precision) : null
            ins.event.run(
              id,
              e.title,
              e.type,
              JSON.stringify(e.contexts),
              quadClassOf(e.type),
              e.status,
              e.modality,
              e.start?.date ?? null,
              e.start?.precision ?? null,
              s?.from ?? null,
              s?.to ?? null,
              e.extraction.method,
              e.extraction.extractor,
              e.extraction.confidence,
              now,
              now,
            )
            searchDoc('event', id)
            e.participants.forEach((p, j) => {
              ins.participant.run(id, actorId.get(p.actor), p.role, j)
            })
            if (sharedEvents.length < 5000) sharedEvents.push(id)
            else sharedEvents[Math.floor(r() * sharedEvents.length)] = id
          }
          ins.report.run(
            id,
            articleId,
            i,
            e.evidence.start,
            e.evidence.end,
            e.evidence.exact,
            e.evidence.prefix ?? '',
            e.evidence.suffix ?? '',
            now,
          )
        })
      }
    })()
    if (n >= 10_000) process.stdout.write(`  ${Math.min(n, from + batch)}/${n}\r`)
  }
  phase(`${n} briefs written`)
  db.transaction(() => {
    for (const i of indexes) db.exec(i.sql)
  })()
  phase(`${indexes.length} indexes recreated`)
  if (searchTriggers)
    db.transaction(() => {
      fillSearchIndex(db, lastDocId)
      for (const t of searchTriggers) db.exec(t.sql)
    })()
  phase('search index filled')
  const broken = db.pragma('foreign_key_check') as unknown[]
  if (broken.length > 0) throw new Error(`foreign key violations, e.g. ${JSON.stringify(broken.slice(0, 3))}`)
  db.exec('ANALYZE')
  db.pragma('journal_mode = WAL')
  db.close()
  phase('checked and analysed')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '42' },
      db: { type: 'string' },
      via: { type: 'string', default: 'bulk' },
      actors: { type: 'string', default: '3000' },
    },
  })
  const articles = Number(values.articles)
  const seed = Number(values.seed)
  const file = values.db ?? `data/bench-${articles}.db`
  if (!Number.isInteger(articles) || articles < 1) throw new Error('--articles must be a positive integer')
  const res = await generate({ articles, seed, file, via: values.via ?? 'bulk', actors: Number(values.actors) })
  console.log(
    `${file}: ${articles} briefs via ${values.via} in ${res.secs.toFixed(1)} s (${res.briefsPerSec.toFixed(0)} briefs/s); rows: ${JSON.stringify(res.counts)}`,
  )
}
