// Full-text search on PostgreSQL: search_doc's tsvector (title weighted A, body B; migration
// 20261206100200_search) with its GIN index, ranked by ts_rank, snippets by ts_headline. The query
// language is the one users type on SQLite (src/lib/search-query.ts): words, "phrases", prefix*,
// AND / OR / NOT and parentheses, juxtaposition meaning AND, NOT binding tighter than AND and AND
// tighter than OR, as in FTS5. The parsed query becomes a tsquery expression built from
// phraseto_tsquery() and to_tsquery() calls on bound parameters, so no user text reaches
// tsquery syntax unchecked.
import type { Token } from '../../lib/search-query.js'
import type { Hit, SearchEntity } from '../search.js'
import { MARK_CLOSE, MARK_OPEN, markup } from '../search.js'
import type { Sql } from '../sql.js'

const CONFIG = "'english'"

interface Expr {
  sql: string
  params: unknown[]
}

const and = (a: Expr, b: Expr): Expr => ({ sql: `(${a.sql} && ${b.sql})`, params: [...a.params, ...b.params] })

/** A word or phrase as a tsquery: its words in sequence (stemmed as the index is). */
function phrase(text: string): Expr {
  return { sql: `phraseto_tsquery(${CONFIG}, ?)`, params: [text] }
}

/** A prefix term: its last word as a prefix of an indexed word, the words before it as a phrase. */
function prefixTerm(text: string): Expr {
  const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean)
  const last = words.pop() ?? ''
  // Letters and digits only: nothing in the parameter is tsquery syntax but the :* that follows.
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
    const rows = await db.all<{ rid: number; entity: SearchEntity; entityId: string; title: string; snip: string }>(
      `SELECT d.id AS rid, d.entity, d."entityId", d.title, ts_headline(${CONFIG}, d.body, s.q, ?) AS snip
       FROM search_doc d, (SELECT ${q.sql} AS q) s WHERE d.id = ANY(?::bigint[])`,
      [headline(), ...q.params, ranked.map((r) => r.rid)],
    )
    const byRow = new Map(rows.map((r) => [r.rid, r]))
    return ranked.flatMap(({ rid, score }) => {
      const r = byRow.get(rid)
      return r
        ? [{ entity: r.entity, id: r.entityId, title: r.title, snippet: markup(r.snip), score: round(score) }]
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
