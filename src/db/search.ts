// Full-text search: SQLite's statements (FTS5, bm25, snippet) here, PostgreSQL's (tsvector, ts_rank,
// ts_headline) in src/db/postgres/search.ts; callers only see ranked ids and snippets, and the same
// query language (src/lib/search-query.ts) on both.
import { escapeHtml } from '../lib/html.js'
import type { Token } from '../lib/search-query.js'
import { postgresSearch } from './postgres/search.js'
import type { Sql } from './sql.js'

export type SearchEntity = 'article' | 'claim' | 'event' | 'actor'

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`

/** Renders the parsed query as an FTS5 MATCH expression: every word is a quoted string. */
export function toFts5(tokens: Token[]): string {
  const parts: string[] = []
  let prev: Token | undefined
  for (const k of tokens) {
    const startsOperand = k.t === 'term' || k.t === 'phrase' || k.t === 'open'
    const endsOperand = prev && (prev.t === 'term' || prev.t === 'phrase' || prev.t === 'close')
    if (startsOperand && endsOperand) parts.push('AND')
    if (k.t === 'term') parts.push(k.prefix ? `${quote(k.text)}*` : quote(k.text))
    else if (k.t === 'phrase') parts.push(quote(k.text))
    else if (k.t === 'op') parts.push(k.op)
    else parts.push(k.t === 'open' ? '(' : ')')
    prev = k
  }
  return parts.join(' ')
}

export interface Hit {
  entity: SearchEntity
  id: string
  title: string
  snippet: string
  score: number
}

export const MARK_OPEN = '\u0001'
export const MARK_CLOSE = '\u0002'

/** HTML-safe snippet: the text is escaped, only the <mark> tags are markup. */
export function markup(raw: string): string {
  return escapeHtml(raw).replaceAll(MARK_OPEN, '<mark>').replaceAll(MARK_CLOSE, '</mark>')
}

/** Every entity type: the ranking then needs no filter, so it never reads search_doc. */
const ALL_TYPES = 4

/**
 * A page of hits across the given types, best first (ties in index order). Two statements: the
 * ranking (bm25 over every match, in FTS5's C code, reading no text) picks the page's rows, then
 * titles and snippets are made for those rows only. Made in the same statement as the ranking, a
 * snippet was built for every match: 44 against 23 ms for a word in 48,718 documents (10,000 articles).
 */
export async function searchAll(
  db: Sql,
  tokens: Token[],
  types: SearchEntity[],
  limit: number,
  offset: number,
): Promise<Hit[]> {
  if (db.dialect === 'postgres') return postgresSearch.all(db, tokens, types, limit, offset)
  const match = toFts5(tokens)
  // Some types only: each match's type is read by its rowid (as a join: the planner must drive from MATCH).
  const some = new Set(types).size !== ALL_TYPES
  const filter = some
    ? `FROM search_fts f JOIN "search_doc" d ON d."id" = f.rowid
        WHERE search_fts MATCH ? AND d."entity" IN (SELECT value FROM json_each(?))`
    : 'FROM search_fts f WHERE search_fts MATCH ?'
  const ranked = await db
    .all<{ rid: number; score: number }>(
      `SELECT f.rowid AS rid, bm25(search_fts, 4.0, 1.0) AS score ${filter} ORDER BY score, f.rowid LIMIT ? OFFSET ?`,
      [match, ...(some ? [JSON.stringify(types)] : []), limit, offset],
    )
    .catch(rethrowSyntax)
  if (ranked.length === 0) return []
  const rows = await db.all<{ rid: number; entity: SearchEntity; entityId: string; title: string; snip: string }>(
    `SELECT f.rowid AS rid, d."entity" AS entity, d."entityId" AS "entityId", f.title AS title,
           snippet(search_fts, -1, ?, ?, '…', 16) AS snip
     FROM search_fts f JOIN "search_doc" d ON d."id" = f.rowid
     WHERE search_fts MATCH ? AND f.rowid IN (SELECT value FROM json_each(?))`,
    [MARK_OPEN, MARK_CLOSE, match, JSON.stringify(ranked.map((r) => r.rid))],
  )
  const byRow = new Map(rows.map((r) => [r.rid, r]))
  return ranked.flatMap(({ rid, score }) => {
    const r = byRow.get(rid)
    return r
      ? [
          {
            entity: r.entity,
            id: r.entityId,
            title: r.title,
            snippet: markup(r.snip),
            score: Math.round(-score * 1000) / 1000,
          },
        ]
      : []
  })
}

/** Ids of one entity type matching the query (for the `q` filter of list routes), best first. */
export async function searchIds(db: Sql, tokens: Token[], entity: SearchEntity, cap = 10_000): Promise<string[]> {
  if (db.dialect === 'postgres') return postgresSearch.ids(db, tokens, entity, cap)
  return db
    .pluck<string>(
      `SELECT d."entityId" FROM search_fts f JOIN "search_doc" d ON d."id" = f.rowid
       WHERE search_fts MATCH ? AND d."entity" = ? ORDER BY bm25(search_fts, 4.0, 1.0) LIMIT ?`,
      [toFts5(tokens), entity, cap],
    )
    .catch(rethrowSyntax)
}

/** The database refused a full-text expression: the caller's query is at fault (plugins/errors.ts answers 400). */
export class SearchSyntaxError extends Error {
  constructor(cause: unknown) {
    super('The search query could not be understood', { cause })
    this.name = 'SearchSyntaxError'
  }
}

export function rethrowSyntax(err: unknown): never {
  if (isSearchSyntaxError(err)) throw new SearchSyntaxError(err)
  throw err
}

/** True when SQLite rejected an FTS5 expression (reported as a 400, never a 500). */
export function isSearchSyntaxError(err: unknown): boolean {
  const text = String((err as { message?: string })?.message ?? err)
  return /fts5: syntax error|unterminated string|no such column|malformed MATCH|parser stack overflow|expression tree is too large/i.test(
    text,
  )
}
