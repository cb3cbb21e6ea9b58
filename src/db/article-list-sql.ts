// The article list (GET /v1/articles) in hand-written SQL on the read-only connection.
// With an actor filter the query is driven from ArticleActor, whose copy of each article's
// publication window (kept by triggers, migration 20261129101522_article_actor_window) lets one
// index range scan yield the page in order and stop after limit+1 rows:
//   sort id        -> ArticleActor(actorId, articleId, publishedFrom, publishedTo)
//   sort published -> ArticleActor(actorId, publishedFrom, articleId)
// Without one, Article's own indexes serve the order. The page order and the keyset condition are
// those of src/lib/pagination.ts (keysetOrder, keysetAfter), rendered as SQL here. The filter is
// built once (articleFilter) and serves the page, the total and every facet, as Datasette wraps
// one filter for its facets.
// Id lists are passed as one JSON array (src/db/postgres/dialect.ts rewrites that for PostgreSQL);
// NULLS LAST needs SQLite >= 3.30.
import { type KeysetTerm, keysetAfter, keysetOrder, type SortSpec } from '../lib/pagination.js'
import { all, type Program, type Sql } from './sql.js'
import { Where } from './statements.js'

export interface ArticleListFilter {
  /** A resolved actor id; an unknown actor is an id that matches nothing. */
  actorId?: string
  topic?: string
  /** Day bounds: the article's window overlaps [from, to]. */
  from?: string
  to?: string
  /** Ids from a full-text search. */
  ids?: string[]
}

/** The facets of the article list: a column of Article, its publication year, or its topics. */
export type ArticleFacet = 'topic' | 'year' | 'publisher' | 'language' | 'section'

export interface ArticleListRow {
  id: string
  slug: string
  title: string
  summary: string | null
  section: string | null
  publisher: string | null
  byline: string | null
  url: string | null
  language: string
  publishedDate: string | null
  publishedPrecision: string | null
  publishedApprox: boolean
  publishedText: string | null
  publishedFrom: string | null
  createdAt: Date
  updatedAt: Date
  topics: Array<{ topic: string }>
  _count: { actors: number; claims: number; events: number }
}

const COLUMNS = `a.id, a.slug, a.title, a.summary, a.section, a.publisher, a.byline, a.url, a.language,
  a."publishedDate", a."publishedPrecision", a."publishedApprox", a."publishedText", a."publishedFrom",
  a."createdAt", a."updatedAt"`

export interface BuiltFilter {
  /** `FROM … WHERE …` over the live articles the filter selects, aliased `a` (and `x` for ArticleActor). */
  sql: string
  params: unknown[]
  /** Driven from ArticleActor (an actor filter): its copies of the window and id give the order. */
  viaActor: boolean
}

/** The one article filter: the page, the total and every facet select from it. */
export function articleFilter(f: ArticleListFilter): BuiltFilter {
  const viaActor = f.actorId !== undefined
  // The window columns of the driving table: ArticleActor's copy when driven from it.
  const t = viaActor ? 'x' : 'a'
  const w = new Where()
    .add('a."deletedAt" IS NULL')
    .when(f.actorId, 'x."actorId" = ?')
    .when(f.from, `${t}."publishedTo" >= ?`)
    .when(f.to, `${t}."publishedFrom" <= ?`)
    // An IN list from ArticleTopic(topic, articleId): as an EXISTS per article, a rare topic scanned
    // every article (15 ms a page at 10k articles).
    .when(f.topic, 'a.id IN (SELECT tp."articleId" FROM "ArticleTopic" tp WHERE tp.topic = ?)')
    .when(f.ids, 'a.id IN (SELECT value FROM json_each(?))', JSON.stringify(f.ids))
  const from = viaActor ? '"ArticleActor" x JOIN "Article" a ON a.id = x."articleId"' : '"Article" a'
  return { sql: `FROM ${from} WHERE ${w.sql}`, params: w.params, viaActor }
}

const FACET_VALUE: Record<Exclude<ArticleFacet, 'topic'>, string> = {
  year: 'CAST(substr(a."publishedFrom", 1, 4) AS INTEGER)',
  publisher: 'a.publisher',
  language: 'a.language',
  section: 'a.section',
}

/** A keyset term as SQL on the given sort and id columns. */
function termSql(k: KeysetTerm, col: string, idCol: string, params: unknown[]): string {
  const c = k.column === 'id' ? idCol : col
  if (k.cmp === 'null') return `${c} IS NULL`
  params.push(k.value)
  return `${c} ${k.cmp === 'gt' ? '>' : k.cmp === 'lt' ? '<' : '='} ?`
}

// The page's topics and counts, each one statement for all of its articles.
const IDS = '(SELECT value FROM json_each(?))'
const TOPICS = `SELECT "articleId" AS id, topic AS value FROM "ArticleTopic" WHERE "articleId" IN ${IDS} ORDER BY "articleId", topic`
const COUNTS = [
  `SELECT "articleId" AS id, count(*) AS n FROM "ArticleActor" WHERE "articleId" IN ${IDS} GROUP BY "articleId"`,
  `SELECT "articleId" AS id, count(*) AS n FROM "Claim" WHERE "articleId" IN ${IDS} AND "deletedAt" IS NULL GROUP BY "articleId"`,
  `SELECT "articleId" AS id, count(*) AS n FROM "EventReport" WHERE "articleId" IN ${IDS} GROUP BY "articleId"`,
] as const

/** A page's rows, topics and counts, read in one snapshot. */
function* pageProgram(sql: string, params: unknown[]): Program<ArticleListRow[]> {
  const rows = yield* all<Record<string, unknown>>(sql, params)
  const list = JSON.stringify(rows.map((r) => r.id))
  const topicsOf = new Map<string, Array<{ topic: string }>>()
  for (const t of yield* all<{ id: string; value: string }>(TOPICS, [list]))
    topicsOf.set(t.id, [...(topicsOf.get(t.id) ?? []), { topic: t.value }])
  const counts: Array<Map<string, number>> = []
  for (const statement of COUNTS)
    counts.push(new Map((yield* all<{ id: string; n: number }>(statement, [list])).map((r) => [r.id, r.n])))
  const [actors, claims, events] = counts
  return rows.map((r) => {
    const id = r.id as string
    return {
      // The SELECT lists ArticleListRow's columns; the fields that differ are set below.
      ...(r as unknown as ArticleListRow),
      publishedApprox: r.publishedApprox === 1,
      createdAt: new Date(r.createdAt as string),
      updatedAt: new Date(r.updatedAt as string),
      topics: topicsOf.get(id) ?? [],
      _count: { actors: actors?.get(id) ?? 0, claims: claims?.get(id) ?? 0, events: events?.get(id) ?? 0 },
    }
  })
}

export function articleListReader(db: Sql) {
  return {
    /** One page (take rows) after the keyset position `after`, in the order of the sort. */
    page(
      f: ArticleListFilter,
      sort: SortSpec,
      after: { value: string | null; id: string } | null,
      take: number,
    ): Promise<ArticleListRow[]> {
      const base = articleFilter(f)
      // Sort columns: ArticleActor's copies when driven from it, so its index gives the order.
      const idCol = base.viaActor ? 'x."articleId"' : 'a.id'
      const col = sort.field === 'title' ? 'a.title' : base.viaActor ? `x."${sort.field}"` : `a."${sort.field}"`
      const params = [...base.params]
      const cond = after
        ? ` AND (${keysetAfter(sort, after.value, after.id)
            .map((g) => `(${g.map((k) => termSql(k, col, idCol, params)).join(' AND ')})`)
            .join(' OR ')})`
        : ''
      const order = keysetOrder(sort)
        .map((o) => `${o.column === 'id' ? idCol : col} ${o.desc ? 'DESC' : 'ASC'}${o.nullsLast ? ' NULLS LAST' : ''}`)
        .join(', ')
      const sql = `SELECT ${COLUMNS} ${base.sql}${cond} ORDER BY ${order} LIMIT ?`
      params.push(take)
      return db.snapshot(() => pageProgram(sql, params))
    },

    async count(f: ArticleListFilter): Promise<number> {
      const base = articleFilter(f)
      return (await db.get<{ n: number }>(`SELECT count(*) AS n ${base.sql}`, base.params))?.n ?? 0
    },

    /** Value counts of one facet over the articles the filter selects (unsorted, untruncated). */
    facet(f: ArticleListFilter, facet: ArticleFacet): Promise<Array<{ value: string | number | null; count: number }>> {
      const base = articleFilter(f)
      const sql =
        facet === 'topic'
          ? `SELECT tp.topic AS value, count(*) AS count FROM "ArticleTopic" tp
             WHERE tp."articleId" IN (SELECT a.id ${base.sql}) GROUP BY tp.topic`
          : `SELECT ${FACET_VALUE[facet]} AS value, count(*) AS count ${base.sql} GROUP BY 1`
      return db.all(sql, base.params)
    },
  }
}
