import {
  type ArticleListFilter,
  type ArticleListRow,
  articleListReader,
  type SortField,
} from '../../db/article-list-sql.js'
import { searchIds } from '../../db/search.js'
import type BetterSqlite3 from 'better-sqlite3'
import type { PrismaClient } from '../../generated/prisma/client.js'
import { parseSearch } from '../../lib/search-query.js'
import { boundRange } from '../../domain/dates.js'
import { facetValues, type GroupBy, yearOf } from '../../lib/facets.js'
import { type ListPage, runKeysetList } from '../../lib/list.js'
import { sortSpec } from '../../lib/pagination.js'
import { ProblemError } from '../../lib/problems.js'
import { actorRefSelect } from '../../domain/refs.js'
import { partialDate, stringArray } from '../../db/columns.js'
import type { z } from 'zod'
import type { ArticleListQuery, ArticleSchema, ArticleSummarySchema } from './articles.schemas.js'

type Summary = z.output<typeof ArticleSummarySchema>
type Detail = z.output<typeof ArticleSchema>

const summarySelect = {
  id: true,
  slug: true,
  title: true,
  summary: true,
  section: true,
  publisher: true,
  byline: true,
  url: true,
  language: true,
  publishedDate: true,
  publishedPrecision: true,
  publishedApprox: true,
  publishedText: true,
  publishedFrom: true,
  createdAt: true,
  updatedAt: true,
  topics: { select: { topic: true }, orderBy: { topic: 'asc' as const } },
  _count: { select: { actors: true, claims: { where: { deletedAt: null } }, events: true } },
} as const

type SummaryRow = ArticleListRow

function toSummary(r: SummaryRow): Summary {
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
    published: partialDate(r.publishedDate, r.publishedPrecision, r.publishedApprox, r.publishedText),
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

/** Resolves an actor id or slug (following merges) for filters; null when unknown. */
export async function resolveActorId(db: PrismaClient, idOrSlug: string): Promise<string | null> {
  const row = await db.actor.findFirst({
    where: { OR: [{ id: idOrSlug }, { slug: idOrSlug }] },
    select: { id: true, mergedIntoId: true },
  })
  return row ? (row.mergedIntoId ?? row.id) : null
}

export function articlesRepository(db: PrismaClient, raw: BetterSqlite3.Database) {
  // Hot path: one indexed lookup on the read-only connection instead of an ORM round trip.
  const findArticle = raw.prepare('SELECT id, "deletedAt" FROM "Article" WHERE id = ? OR slug = ? LIMIT 1')
  const findActor = raw.prepare('SELECT id, "mergedIntoId" FROM "Actor" WHERE id = ? OR slug = ? LIMIT 1')
  const sql = articleListReader(raw)
  return {
    async list(q: z.output<typeof ArticleListQuery>): Promise<ListPage<Summary>> {
      // Prisma where, for the facets only; the page itself is hand-written SQL (src/db/article-list-sql.ts).
      const where: Record<string, unknown>[] = [{ deletedAt: null }]
      const filter: ArticleListFilter = {}
      if (q.actor !== undefined) {
        const ref = findActor.get(q.actor, q.actor) as { id: string; mergedIntoId: string | null } | undefined
        filter.actorId = ref ? (ref.mergedIntoId ?? ref.id) : ''
        where.push({ actors: { some: { actorId: filter.actorId } } })
      }
      if (q.topic !== undefined) {
        filter.topic = q.topic
        where.push({ topics: { some: { topic: q.topic } } })
      }
      if (q.publishedFrom !== undefined) {
        filter.from = boundRange(q.publishedFrom).from
        where.push({ publishedTo: { gte: filter.from } })
      }
      if (q.publishedTo !== undefined) {
        filter.to = boundRange(q.publishedTo).to
        where.push({ publishedFrom: { lte: filter.to } })
      }
      if (q.q !== undefined) {
        filter.ids = await searchIds(db, parseSearch(q.q), 'article')
        where.push({ id: { in: filter.ids } })
      }
      let facets: ListPage<unknown>['facets']
      if (q.facets?.length) {
        const w = { AND: where }
        const out: Record<string, Array<{ value: string | number | null; count: number }>> = {}
        for (const f of q.facets) {
          if (f === 'topic')
            out[f] = facetValues(
              (await (db.articleTopic.groupBy as unknown as GroupBy)({
                by: ['topic'],
                where: { article: w },
                _count: { _all: true },
              })) as never,
              'topic',
            )
          else {
            const field = f === 'year' ? 'publishedFrom' : f
            const rows = await (db.article.groupBy as unknown as GroupBy)({
              by: [field],
              where: w,
              _count: { _all: true },
            })
            out[f] = facetValues(rows as never, field, f === 'year' ? yearOf : undefined)
          }
        }
        facets = out
      }
      const { limit, cursor, count, sort, facets: _f, ...filters } = q
      const spec = sortSpec(sort, SORT_FIELDS)
      const sqlSort = { field: spec.field as SortField, desc: spec.desc }
      const page = await runKeysetList<SummaryRow>({
        resource: 'articles',
        sort,
        spec,
        filters,
        limit,
        cursor,
        count,
        fetch: (after, take) =>
          sql.page(filter, sqlSort, after ? { value: after.value as string | null, id: after.id } : null, take),
        total: () => sql.count(filter),
        sortValue: (r) =>
          sort.replace('-', '') === 'published' ? r.publishedFrom : sort.replace('-', '') === 'title' ? r.title : r.id,
        id: (r) => r.id,
      })
      return { rows: page.rows.map(toSummary), page: page.page, facets }
    },

    /** The article's id, or a 404/410 problem. */
    async resolve(idOrSlug: string): Promise<string> {
      const row = findArticle.get(idOrSlug, idOrSlug) as { id: string; deletedAt: string | null } | undefined
      if (!row) throw new ProblemError('not-found', `No article "${idOrSlug}"`)
      if (row.deletedAt) throw new ProblemError('gone', `Article "${idOrSlug}" was deleted`)
      return row.id
    },

    async get(id: string): Promise<Detail> {
      const r = await db.article.findUniqueOrThrow({
        where: { id },
        select: {
          ...summarySelect,
          keyPoints: true,
          body: true,
          relatedHeadlines: true,
          sourceSha256: true,
          sourceMediaType: true,
          actors: {
            orderBy: { position: 'asc' },
            select: { role: true, surfaceForms: true, actor: { select: actorRefSelect } },
          },
        },
      })
      return {
        ...toSummary(r as unknown as SummaryRow),
        keyPoints: stringArray(r.keyPoints),
        body: r.body,
        relatedHeadlines: stringArray(r.relatedHeadlines),
        source: { sha256: r.sourceSha256, mediaType: r.sourceMediaType },
        actors: r.actors.map((a) => ({
          ...a.actor,
          kind: a.actor.kind as Detail['actors'][number]['kind'],
          role: a.role as Detail['actors'][number]['role'],
          surfaceForms: stringArray(a.surfaceForms),
        })),
      }
    },
  }
}
