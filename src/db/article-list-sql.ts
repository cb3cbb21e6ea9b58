// The article list (GET /v1/articles) in hand-written SQL on the read-only connection.
// With an actor filter the query is driven from ArticleActor, whose copy of each article's
// publication window (kept by triggers, migration 20261129101522_article_actor_window) lets one
// index range scan yield the page in order and stop after limit+1 rows:
//   sort id        -> ArticleActor(actorId, articleId, publishedFrom, publishedTo)
//   sort published -> ArticleActor(actorId, publishedFrom, articleId)
// Without one, Article's own indexes serve the order. The page order and the keyset condition
// follow src/lib/pagination.ts exactly (nulls last, ties broken by id ascending), so cursors are
// interchangeable with the Prisma lists; test/modules/articles-sql.test.ts holds the two equal.
// Database-specific: json_each() passes id lists and NULLS LAST needs SQLite >= 3.30; a
// PostgreSQL port uses = ANY($1) and the same NULLS LAST.
import type BetterSqlite3 from 'better-sqlite3'
import { statementCache } from './statements.js'

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

export type SortField = 'id' | 'publishedFrom' | 'title'

export interface ArticleListSort {
  field: SortField
  desc: boolean
}

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

interface Built {
  sql: string
  params: unknown[]
}

function where(f: ArticleListFilter, viaActor: boolean): Built {
  const w: string[] = ['a."deletedAt" IS NULL']
  const params: unknown[] = []
  // The window columns of the driving table: ArticleActor's copy when driven from it.
  const t = viaActor ? 'x' : 'a'
  if (viaActor) {
    w.push('x."actorId" = ?')
    params.push(f.actorId)
  }
  if (f.from !== undefined) {
    w.push(`${t}."publishedTo" >= ?`)
    params.push(f.from)
  }
  if (f.to !== undefined) {
    w.push(`${t}."publishedFrom" <= ?`)
    params.push(f.to)
  }
  if (f.topic !== undefined) {
    w.push('EXISTS (SELECT 1 FROM "ArticleTopic" tp WHERE tp."articleId" = a.id AND tp.topic = ?)')
    params.push(f.topic)
  }
  if (f.ids !== undefined) {
    w.push('a.id IN (SELECT value FROM json_each(?))')
    params.push(JSON.stringify(f.ids))
  }
  const from = viaActor ? '"ArticleActor" x JOIN "Article" a ON a.id = x."articleId"' : '"Article" a'
  return { sql: `FROM ${from} WHERE ${w.join(' AND ')}`, params }
}

export function articleListReader(db: BetterSqlite3.Database) {
  const prepare = statementCache(db)
  const topics = db.prepare('SELECT topic FROM "ArticleTopic" WHERE "articleId" = ? ORDER BY topic').pluck()
  const counts = db.prepare(
    `SELECT (SELECT count(*) FROM "ArticleActor" WHERE "articleId" = @id) AS actors,
            (SELECT count(*) FROM "Claim" WHERE "articleId" = @id AND "deletedAt" IS NULL) AS claims,
            (SELECT count(*) FROM "EventReport" WHERE "articleId" = @id) AS events`,
  )

  return {
    /** One page (take rows) after the keyset position `after`, in the order of the sort. */
    page(
      f: ArticleListFilter,
      sort: ArticleListSort,
      after: { value: string | null; id: string } | null,
      take: number,
    ): ArticleListRow[] {
      const viaActor = f.actorId !== undefined
      const base = where(f, viaActor)
      // Sort columns: ArticleActor's copies when driven from it, so its index gives the order.
      const idCol = viaActor ? 'x."articleId"' : 'a.id'
      const col =
        sort.field === 'id'
          ? idCol
          : sort.field === 'title'
            ? 'a.title'
            : viaActor
              ? 'x."publishedFrom"'
              : 'a."publishedFrom"'
      const nullable = sort.field === 'publishedFrom'
      const dir = sort.desc ? 'DESC' : 'ASC'
      const cond: string[] = []
      const params = [...base.params]
      if (after) {
        if (sort.field === 'id') {
          cond.push(`${idCol} ${sort.desc ? '<' : '>'} ?`)
          params.push(after.id)
        } else if (after.value === null) {
          cond.push(`(${col} IS NULL AND ${idCol} > ?)`)
          params.push(after.id)
        } else {
          const beyond = sort.desc ? '<' : '>'
          cond.push(`(${col} ${beyond} ? OR (${col} = ? AND ${idCol} > ?)${nullable ? ` OR ${col} IS NULL` : ''})`)
          params.push(after.value, after.value, after.id)
        }
      }
      const order =
        sort.field === 'id' ? `${idCol} ${dir}` : `${col} ${dir}${nullable ? ' NULLS LAST' : ''}, ${idCol} ASC`
      const sql = `SELECT ${COLUMNS} ${base.sql}${cond.length ? ` AND ${cond.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`
      params.push(take)
      const rows = prepare(sql).all(...params) as Array<Record<string, unknown>>
      return rows.map((r) => {
        const id = r.id as string
        const c = counts.get({ id }) as { actors: number; claims: number; events: number }
        return {
          ...(r as unknown as ArticleListRow),
          publishedApprox: r.publishedApprox === 1,
          createdAt: new Date(r.createdAt as string),
          updatedAt: new Date(r.updatedAt as string),
          topics: (topics.all(id) as string[]).map((topic) => ({ topic })),
          _count: { actors: c.actors, claims: c.claims, events: c.events },
        }
      })
    },

    count(f: ArticleListFilter): number {
      const base = where(f, f.actorId !== undefined)
      return (prepare(`SELECT count(*) AS n ${base.sql}`).get(...base.params) as { n: number }).n
    },
  }
}
