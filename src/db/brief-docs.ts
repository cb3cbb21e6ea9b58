// Materialised briefs: each article's brief is kept as the JSON text GET /v1/articles/{id}/brief
// sends, with its ETag, in "BriefDoc". Triggers (migration brief_doc) mark a document stale in the
// same transaction as any change to a row the brief shows; the writer rebuilds stale documents
// (a few at the end of each write transaction, the rest in the background). A reader serves a fresh
// document as stored and builds a stale one from the tables, so it never sees stale or partial data.
// See docs/decisions.md, "Materialised briefs".
import type BetterSqlite3 from 'better-sqlite3'
import { etagOf } from '../lib/http.js'
import { briefReader } from './brief-sql.js'

export interface BriefDocument {
  /** The brief as JSON: the stored UTF-8 bytes, or text built from the tables */
  json: Buffer | string
  /** Its strong ETag, when stored with it (null: the digest is computed when sent) */
  etag: string | null
}

/** The brief document of an article (by id): the stored one when fresh, else built from the tables; null when absent. */
export function briefDocuments(db: BetterSqlite3.Database): (articleId: string) => BriefDocument | null {
  // The text read as bytes: sent as they are, without decoding 10-45 KB into a string and encoding
  // it back (10 µs against 44 µs per read of a 35 KB document).
  const fresh = db.prepare<[string], BriefDocument>(
    'SELECT CAST(json AS BLOB) AS json, etag FROM "BriefDoc" WHERE "articleId" = ? AND +stale = 0 AND json IS NOT NULL',
  )
  const read = briefReader(db)
  return (articleId) => {
    const doc = fresh.get(articleId)
    if (doc) return doc
    const brief = read(articleId)
    return brief ? { json: JSON.stringify(brief), etag: null } : null
  }
}

/**
 * The stored ETag of an article's brief document, null while the document is stale (stale documents
 * carry none). A covering-index probe: the response cache revalidates cached briefs with it.
 */
export function briefEtags(db: BetterSqlite3.Database): (articleId: string) => string | null {
  const etag = db
    .prepare<[string], string | null>(
      'SELECT etag FROM "BriefDoc" INDEXED BY "BriefDoc_articleId_etag_idx" WHERE "articleId" = ?',
    )
    .pluck()
  return (articleId) => etag.get(articleId) ?? null
}

/**
 * Rebuilds up to `limit` stale documents on the writer's connection, inside the caller's write
 * transaction (so a document and the rows it shows commit together). Returns how many it rebuilt.
 */
export function briefRebuilder(db: BetterSqlite3.Database): (limit: number) => number {
  const stale = db
    .prepare<[number], string>(
      // INDEXED BY: with most documents fresh, the statistics make stale = 1 look unselective.
      'SELECT "articleId" FROM "BriefDoc" INDEXED BY "BriefDoc_stale_idx" WHERE stale = 1 LIMIT ?',
    )
    .pluck()
  const rebuild = documentsRebuilder(db)
  return (limit) => {
    const ids = stale.all(limit)
    rebuild(ids)
    return ids.length
  }
}

const rebuilders = new WeakMap<BetterSqlite3.Database, (ids: readonly string[]) => void>()

/** Rebuilds the documents of these articles, in the caller's write transaction (an ingest's own article). */
export function rebuildDocuments(db: BetterSqlite3.Database, ids: readonly string[]): void {
  let rebuild = rebuilders.get(db)
  if (!rebuild) {
    rebuild = documentsRebuilder(db)
    rebuilders.set(db, rebuild)
  }
  rebuild(ids)
}

function documentsRebuilder(db: BetterSqlite3.Database): (ids: readonly string[]) => void {
  const store = db.prepare<[string, string, string]>(
    'UPDATE "BriefDoc" SET stale = 0, json = ?, etag = ? WHERE "articleId" = ?',
  )
  const drop = db.prepare<[string]>('DELETE FROM "BriefDoc" WHERE "articleId" = ?')
  const read = briefReader(db)
  return (ids) => {
    for (const id of ids) {
      const brief = read(id)
      if (!brief) {
        drop.run(id) // no article row: nothing to serve (the foreign key makes this unreachable)
        continue
      }
      const json = JSON.stringify(brief)
      store.run(json, etagOf(json), id)
    }
  }
}

/**
 * Rebuilds every stale document on a read-write connection, in transactions of `batch` documents:
 * for bulk loads (the benchmark's generator) that write rows without going through the writer.
 */
export function rebuildAllStale(db: BetterSqlite3.Database, batch = 500): number {
  const rebuild = briefRebuilder(db)
  const step = db.transaction(() => rebuild(batch))
  let total = 0
  for (let n = step(); n > 0; n = step()) total += n
  return total
}
