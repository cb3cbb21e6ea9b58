import type { z } from 'zod'
import { type ArticleListFilter, type ArticleListRow, articleListReader } from '../../db/article-list-sql.js'
import { columnsOf, dateFrom, dateSelect, stringArray } from '../../db/columns.js'
import { type Finder, filterId, LIVE, type Resolved, resolveRecord } from '../../db/resolve.js'
import { searchIds } from '../../db/search.js'
import { boundRange } from '../../domain/dates.js'
import { actorRefSelect } from '../../domain/refs.js'
import type { PrismaClient } from '../../generated/prisma/client.js'
import { topValues } from '../../lib/facets.js'
import { type ListPage, runKeysetList } from '../../lib/list.js'
import { sortSpec } from '../../lib/pagination.js'
import { parseSearch } from '../../lib/search-query.js'
import type { ArticleListQuery, ArticleSchema, ArticleSummarySchema } from './articles.schemas.js'
import type { Sql } from '../../db/sql.js'

type Summary = z.output<typeof ArticleSummarySchema>
type Detail = z.output<typeof ArticleSchema>

const summarySelect = {
  ...columnsOf('id', 'slug', 'title', 'summary', 'section', 'publisher', 'byline', 'url', 'language'),
  ...dateSelect('published'),
  ...columnsOf('publishedFrom', 'createdAt', 'updatedAt'),
  topics: { select: { topic: true }, orderBy: { topic: 'asc' as const } },
  _count: { select: { actors: true, claims: { where: { deletedAt: null } }, events: true } },
} as const

/** A list row from SQL and a Prisma row of summarySelect have this shape. */
function toSummary(r: ArticleListRow): Summary {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    section: r.section,
    publisher: r.publisher,
    byline: r.byline,
    url: r.url,
    language: r.language,
    published: dateFrom(r, 'published'),
    topics: r.topics.map((t) => t.topic),
    counts: r._count,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }
}

const SORT_FIELDS = {
  id: { field: 'id' },
  published: { field: 'publishedFrom', nullable: true },
  title: { field: 'title' },
}

export function articlesRepository(db: PrismaClient, raw: Sql, find: Finder) {
  const sql = articleListReader(raw)

  /** The query's filters, resolved to what the SQL filter takes. */
  async function filterOf(q: z.output<typeof ArticleListQuery>): Promise<ArticleListFilter> {
    const f: ArticleListFilter = {}
    if (q.actor !== undefined) f.actorId = await filterId(find, 'actor', q.actor)
    if (q.topic !== undefined) f.topic = q.topic
    if (q.publishedFrom !== undefined) f.from = boundRange(q.publishedFrom).from
    if (q.publishedTo !== undefined) f.to = boundRange(q.publishedTo).to
    if (q.q !== undefined) f.ids = await searchIds(raw, parseSearch(q.q), 'article')
    return f
  }

  return {
    async list(q: z.output<typeof ArticleListQuery>): Promise<ListPage<Summary>> {
      const filter = await filterOf(q)
      const spec = sortSpec(q.sort, SORT_FIELDS)
      const page = await runKeysetList({
        resource: 'articles',
        query: q,
        facet: async (f) => topValues(await sql.facet(filter, f)),
        spec,
        fetch: (after, take) =>
          sql.page(filter, spec, after ? { value: after.value as string | null, id: after.id } : null, take),
        total: () => sql.count(filter),
        sortValue: (r) => (spec.field === 'publishedFrom' ? r.publishedFrom : spec.field === 'title' ? r.title : r.id),
      })
      return { ...page, rows: page.rows.map(toSummary) }
    },

    /** The article's id, or a RecordStateError (404/410). */
    async resolve(idOrSlug: string): Promise<string> {
      return ((await resolveRecord(find, 'article', idOrSlug, LIVE)) as Resolved).id
    },

    async get(id: string): Promise<Detail> {
      const r = await db.article.findUniqueOrThrow({
        where: { id },
        select: {
          ...summarySelect,
          ...columnsOf('keyPoints', 'body', 'relatedHeadlines', 'sourceSha256', 'sourceMediaType'),
          actors: {
            orderBy: { position: 'asc' },
            select: { role: true, surfaceForms: true, actor: { select: actorRefSelect } },
          },
        },
      })
      return {
        ...toSummary(r),
        keyPoints: stringArray(r.keyPoints),
        body: r.body,
        relatedHeadlines: stringArray(r.relatedHeadlines),
        source: { sha256: r.sourceSha256, mediaType: r.sourceMediaType },
        actors: r.actors.map((a) => ({
          ...a.actor,
          // Vocabulary columns are written only through the zod enums of the brief schema.
          kind: a.actor.kind as Detail['actors'][number]['kind'],
          role: a.role as Detail['actors'][number]['role'],
          surfaceForms: stringArray(a.surfaceForms),
        })),
      }
    },
  }
}
