// Materialised briefs: each article's brief is kept as the JSON text GET /v1/articles/{id}/brief
// sends, with its ETag, in "BriefDoc". Triggers (migration brief_doc) mark a document stale in the
// same transaction as any change to a row the brief shows; the writer rebuilds stale documents
// (a few at the end of each write transaction, the rest in the background). A reader serves a fresh
// document as stored and builds a stale one from the tables, so it never sees stale or partial data.
// See docs/decisions.md, "Materialised briefs".
import type BetterSqlite3 from 'better-sqlite3'
import { etagOf } from '../lib/http.js'
import { briefReader } from './brief-sql.js'
import { type Sql, sqliteSql } from './sql.js'

export interface BriefDocument {
  /** The brief as JSON: the stored UTF-8 bytes, or text built from the tables */
  json: Buffer | string
  /** Its strong ETag, when stored with it (null: the digest is computed when sent) */
  etag: string | null
}

// The text read as bytes: sent as they are, without decoding 10-45 KB into a string and encoding it
// back (10 µs against 44 µs per read of a 35 KB document on SQLite).
const FRESH = {
  sqlite:
    'SELECT CAST(json AS BLOB) AS json, etag FROM "BriefDoc" WHERE "articleId" = ? AND +stale = 0 AND json IS NOT NULL',
  postgres:
    'SELECT convert_to(json, \'UTF8\') AS json, etag FROM "BriefDoc" WHERE "articleId" = ? AND NOT stale AND json IS NOT NULL',
}

/** The brief document of an article (by id): the stored one when fresh, else built from the tables; null when absent. */
export function briefDocuments(sql: Sql): (articleId: string) => Promise<BriefDocument | null> {
  const read = briefReader(sql)
  return async (articleId) => {
    const doc = await sql.get<BriefDocument>(FRESH, [articleId])
    if (doc) return doc
    const brief = await read(articleId)
    return brief ? { json: JSON.stringify(brief), etag: null } : null
  }
}

const ETAG = {
  sqlite: 'SELECT etag FROM "BriefDoc" INDEXED BY "BriefDoc_articleId_etag_idx" WHERE "articleId" = ?',
  postgres: 'SELECT etag FROM "BriefDoc" WHERE "articleId" = ?',
}

/**
 * The stored ETag of an article's brief document, null while the document is stale (stale documents
 * carry none). A covering-index probe: the response cache revalidates cached briefs with it.
 */
export function briefEtags(sql: Sql): (articleId: string) => Promise<string | null> {
  return async (articleId) => (await sql.pluck<string | null>(ETAG, [articleId]))[0] ?? null
}

const STALE = {
  // INDEXED BY: with most documents fresh, SQLite's statistics make stale = 1 look unselective.
  sqlite: 'SELECT "articleId" FROM "BriefDoc" INDEXED BY "BriefDoc_stale_idx" WHERE stale = 1 LIMIT ?',
  postgres: 'SELECT "articleId" FROM "BriefDoc" WHERE stale LIMIT ?',
}
const STORE = {
  sqlite: 'UPDATE "BriefDoc" SET stale = 0, json = ?, etag = ? WHERE "articleId" = ?',
  postgres: 'UPDATE "BriefDoc" SET stale = false, json = ?, etag = ? WHERE "articleId" = ?',
}

/**
 * Rebuilds up to `limit` stale documents on the writer's connection, inside the caller's write
 * transaction (so a document and the rows it shows commit together). Resolves to how many it rebuilt.
 */
export async function rebuildStale(sql: Sql, limit: number): Promise<number> {
  const ids = await sql.pluck<string>(STALE, [limit])
  await rebuildDocuments(sql, ids)
  return ids.length
}

/** Rebuilds the documents of these articles, in the caller's write transaction (an ingest's own article). */
export async function rebuildDocuments(sql: Sql, ids: readonly string[]): Promise<void> {
  const read = briefReader(sql)
  for (const id of ids) {
    const brief = await read(id)
    if (!brief) {
      // no article row: nothing to serve (the foreign key makes this unreachable)
      await sql.run('DELETE FROM "BriefDoc" WHERE "articleId" = ?', [id])
      continue
    }
    const json = JSON.stringify(brief)
    await sql.run(STORE, [json, etagOf(json), id])
  }
}

/**
 * Rebuilds every stale document on a read-write SQLite connection, in transactions of `batch`
 * documents: for bulk loads (the benchmark's generator) that write rows without the writer.
 */
export async function rebuildAllStale(db: BetterSqlite3.Database, batch = 500): Promise<number> {
  const sql = sqliteSql(db)
  let total = 0
  for (;;) {
    db.exec('BEGIN IMMEDIATE')
    let n: number
    try {
      n = await rebuildStale(sql, batch)
      db.exec('COMMIT')
    } catch (error) {
      db.exec('ROLLBACK')
      throw error
    }
    if (n === 0) return total
    total += n
  }
}
