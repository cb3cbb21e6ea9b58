// Full-text search on PostgreSQL: search_doc's tsvector (title weighted A, body B; migration
// 20261206100200_search) with its GIN index, ranked by ts_rank, snippets by ts_headline. The query
// language is the one users type on SQLite (src/lib/search-query.ts): words, "phrases", prefix*,
// AND / OR / NOT and parentheses, juxtaposition meaning AND, NOT binding tighter than AND and AND
// tighter than OR, as in FTS5. The parsed query becomes a tsquery expression built from
// phraseto_tsquery() and to_tsquery() calls on bound parameters, so no user text reaches
// tsquery syntax unchecked. Words are split on punctuation as the index splits them (search_text()
// in the migration; PUNCTUATION below is the same set of characters).
import type { Token } from '../../lib/search-query.js'
import type { Hit, SearchEntity } from '../search.js'
import { MARK_CLOSE, MARK_OPEN, markup } from '../search.js'
import type { Sql } from '../sql.js'

const CONFIG = "'english'"

/**
 * The characters search_text() (migration 20261206100200_search) replaces by a space: controls,
 * ASCII punctuation, Latin-1 punctuation and symbols, general and CJK punctuation. NUL is added here:
 * PostgreSQL text cannot hold it, so it never reaches the index, but a query may carry it.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are part of the set search_text() replaces
const PUNCTUATION = /[\u0000-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u007f\u00a0-\u00bf\u2000-\u206f\u3000-\u303f]/g

/** Text as the index reads it: each punctuation character a space (same length). */
export const searchText = (text: string) => text.replace(PUNCTUATION, ' ')

interface Expr {
  sql: string
  params: unknown[]
}

const and = (a: Expr, b: Expr): Expr => ({ sql: `(${a.sql} && ${b.sql})`, params: [...a.params, ...b.params] })

/** A word or phrase as a tsquery: its words in sequence (stemmed as the index is). */
function phrase(text: string): Expr {
  return { sql: `phraseto_tsquery(${CONFIG}, ?)`, params: [searchText(text)] }
}

/** A prefix term: its last word as a prefix of an indexed word, the words before it as a phrase. */
function prefixTerm(text: string): Expr {
  const words = searchText(text).split(/\s+/).filter(Boolean)
  const last = words.pop() ?? ''
  // No punctuation, so nothing in the parameter is tsquery syntax but the :* that follows.
  const prefix: Expr = { sql: `to_tsquery(${CONFIG}, ?)`, params: [`${last}:*`] }
  return words.length ? and(phrase(words.join(' ')), prefix) : prefix
}

/** Recursive descent over the checked tokens: or := and (OR and)*; and := not (AND? not)*; not := primary (NOT primary)*. */
export function toTsquery(tokens: readonly Token[]): Expr {
  let i = 0
  const peek = () => tokens[i]
  function primary(): Expr {
    const k = tokens[i++]
    if (k?.t === 'open') {
      const e = or()
      i++ // the closing parenthesis (the parser checked the nesting)
      return e
    }
    if (k?.t === 'phrase') return phrase(k.text)
    if (k?.t === 'term') return k.prefix ? prefixTerm(k.text) : phrase(k.text)
    throw new Error('search query: an operand was expected (the parser lets none through)')
  }
  function not(): Expr {
    let e = primary()
    while (peek()?.t === 'op' && (peek() as { op: string }).op === 'NOT') {
      i++
      const right = primary()
      e = { sql: `(${e.sql} && !!${right.sql})`, params: [...e.params, ...right.params] }
    }
    return e
  }
  function andExpr(): Expr {
    let e = not()
    for (;;) {
      const k = peek()
      if (k?.t === 'op' && k.op === 'AND') i++
      else if (!(k?.t === 'term' || k?.t === 'phrase' || k?.t === 'open')) break
      e = and(e, not())
    }
    return e
  }
  function or(): Expr {
    let e = andExpr()
    while (peek()?.t === 'op' && (peek() as { op: string }).op === 'OR') {
      i++
      const right = andExpr()
      e = { sql: `(${e.sql} || ${right.sql})`, params: [...e.params, ...right.params] }
    }
    return e
  }
  return or()
}

/** ts_headline's options: a fragment of about 16 words, matches between the markers markup() turns into <mark>. */
const headline = () =>
  `StartSel="${MARK_OPEN}", StopSel="${MARK_CLOSE}", MaxWords=16, MinWords=6, ShortWord=1, MaxFragments=1, FragmentDelimiter="…"`

export const postgresSearch = {
  async all(db: Sql, tokens: Token[], types: SearchEntity[], limit: number, offset: number): Promise<Hit[]> {
    const q = toTsquery(tokens)
    // The query is computed once (a one-row subquery), then matched through the GIN index.
    const ranked = await db.all<{ rid: number; score: number }>(
      `SELECT d.id AS rid, ts_rank(d.tsv, s.q) AS score FROM search_doc d, (SELECT ${q.sql} AS q) s
       WHERE d.tsv @@ s.q AND d.entity = ANY(?::text[])
       ORDER BY score DESC, d.id LIMIT ? OFFSET ?`,
      [...q.params, types, limit, offset],
    )
    if (ranked.length === 0) return []
    const phrases = tokens.some((k) => k.t === 'phrase')
    const rows = await db.all<{
      rid: number
      entity: SearchEntity
      entityId: string
      title: string
      body: string
      snip: string
      titleSnip: string
    }>(
      `SELECT d.id AS rid, d.entity, d."entityId", d.title, d.body,
         ts_headline(${CONFIG}, search_text(d.body), s.q, ?) AS snip,
         ts_headline(${CONFIG}, search_text(d.title), s.q, ?) AS "titleSnip"
       FROM search_doc d, (SELECT ${q.sql} AS q) s WHERE d.id = ANY(?::bigint[])`,
      [headline(), headline(), ...q.params, ranked.map((r) => r.rid)],
    )
    const byRow = new Map(rows.map((r) => [r.rid, r]))
    return ranked.flatMap(({ rid, score }) => {
      const r = byRow.get(rid)
      return r
        ? [{ entity: r.entity, id: r.entityId, title: r.title, snippet: markup(best(r, phrases)), score: round(score) }]
        : []
    })
  },

  async ids(db: Sql, tokens: Token[], entity: SearchEntity, cap: number): Promise<string[]> {
    const q = toTsquery(tokens)
    return db.pluck<string>(
      `SELECT d."entityId" FROM search_doc d, (SELECT ${q.sql} AS q) s
       WHERE d.tsv @@ s.q AND d.entity = ? ORDER BY ts_rank(d.tsv, s.q) DESC, d.id LIMIT ?`,
      [...q.params, entity, cap],
    )
  },
}

const round = (score: number) => Math.round(score * 1000) / 1000

/** The body's fragment when it holds a match, else the title's, as FTS5 snippets the best column. */
function best(r: { title: string; body: string; snip: string; titleSnip: string }, phrases: boolean): string {
  const inBody = r.snip.includes(MARK_OPEN) || !r.titleSnip.includes(MARK_OPEN)
  return inBody ? snippet(r.body, r.snip, phrases) : snippet(r.title, r.titleSnip, phrases)
}

/**
 * The fragment ts_headline chose, in the record's own text: the headline is a stretch of
 * search_text(body) with markers around matches; that stretch is found in the body's search text
 * and the same characters are taken from the body itself, punctuation and all, with the markers put
 * back at the same offsets. "…" marks a cut, as FTS5's snippets do.
 */
export function snippet(body: string, headline: string, phrases = false): string {
  const marks = new RegExp(`[${MARK_OPEN}${MARK_CLOSE}]`, 'g')
  const plain = headline.replace(marks, '')
  const start = searchText(body).indexOf(plain)
  if (plain === '' || start < 0) return headline
  let out = ''
  let at = start
  for (const part of headline.split(new RegExp(`([${MARK_OPEN}${MARK_CLOSE}])`))) {
    if (part === MARK_OPEN || part === MARK_CLOSE) out += part
    else {
      out += body.slice(at, at + part.length)
      at += part.length
    }
  }
  // A phrase's words are marked one by one; FTS5 marks the phrase as one span.
  if (phrases) out = out.replace(new RegExp(`${MARK_CLOSE}([^\\p{L}\\p{N}${MARK_OPEN}]*)${MARK_OPEN}`, 'gu'), '$1')
  return `${start > 0 ? '…' : ''}${out}${at < body.length ? '…' : ''}`
}
