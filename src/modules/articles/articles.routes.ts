import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { BriefSchema } from '../../domain/brief.schema.js'
import { toJsonLd, toMarkdown } from '../../domain/brief.render.js'
import { BRIEF_FORMATS, type Columns, LIST_FORMATS, MEDIA, negotiate, streamList } from '../../lib/formats.js'
import { linkNext } from '../../lib/list.js'
import { ProblemError, ProblemSchema } from '../../lib/problems.js'
import { IdOrSlugParams } from '../../domain/refs.js'
import { articlesRepository } from './articles.repository.js'
import { ArticleListQuery, ArticleListSchema, ArticleSchema, type ArticleSummarySchema } from './articles.schemas.js'
import { NoContent, WRITE_ERRORS } from '../../lib/write-route.js'
import { BEARER_SECURITY } from '../../plugins/auth.js'
import { ArticlePatchSchema } from './articles.schemas.js'
import { articleWrites } from './articles.writes.js'

const BriefQuery = z
  .object({
    format: z
      .enum(BRIEF_FORMATS)
      .optional()
      .describe(
        'json (default, the ingest shape), markdown (a readable brief) or jsonld (schema.org). Also chosen by Accept.',
      ),
  })
  .strict()

const errors = { 400: ProblemSchema, 404: ProblemSchema, 410: ProblemSchema, 429: ProblemSchema, 500: ProblemSchema }

const CSV_COLUMNS: Columns<z.output<typeof ArticleSummarySchema>> = {
  id: (a) => a.id,
  slug: (a) => a.slug,
  title: (a) => a.title,
  summary: (a) => a.summary,
  section: (a) => a.section,
  publisher: (a) => a.publisher,
  byline: (a) => a.byline,
  url: (a) => a.url,
  language: (a) => a.language,
  published: (a) => a.published?.date,
  publishedPrecision: (a) => a.published?.precision,
  publishedText: (a) => a.published?.text,
  topics: (a) => a.topics.join(';'),
  actors: (a) => a.counts.actors,
  claims: (a) => a.counts.claims,
  events: (a) => a.counts.events,
  createdAt: (a) => a.createdAt,
  updatedAt: (a) => a.updatedAt,
}

export const articleRoutes: FastifyPluginAsyncZod = async (app) => {
  const repo = articlesRepository(app.db.read, app.db.raw)

  app.get(
    '/articles',
    {
      schema: {
        tags: ['articles'],
        operationId: 'listArticles',
        summary: 'List articles',
        description: 'Filters combine with AND. Cursor-paginated; the Link header carries the next page.',
        querystring: ArticleListQuery,
        response: { 200: ArticleListSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { format: param, ...query } = request.query
      const format = negotiate(request, LIST_FORMATS, param)
      if (format !== 'json')
        return streamList(
          reply,
          format,
          CSV_COLUMNS,
          (cursor) => repo.list({ ...query, limit: 100, cursor, count: false }),
          'articles',
        )
      const { rows, page, facets } = await repo.list(query)
      linkNext(request, reply, page.nextCursor)
      return { data: rows, page, ...(facets ? { facets } : {}) }
    },
  )

  app.get(
    '/articles/:idOrSlug',
    {
      schema: {
        tags: ['articles'],
        operationId: 'getArticle',
        summary: 'One article with its body and the actors it involves',
        params: IdOrSlugParams,
        response: { 200: ArticleSchema, ...errors },
      },
    },
    async (request) => repo.get(await repo.resolve(request.params.idOrSlug)),
  )

  app.get(
    '/articles/:idOrSlug/brief',
    {
      schema: {
        tags: ['articles'],
        operationId: 'getBrief',
        summary: 'The whole structured brief of an article',
        description:
          'Article, actors with their roles, claims with claimants and subjects, events with participants and dates, in the shape POST /v1/briefs accepts.',
        params: IdOrSlugParams,
        querystring: BriefQuery,
        response: { 200: BriefSchema, ...errors },
      },
      // The brief is built field by field by src/db/brief-sql.ts and checked against BriefSchema by
      // the contract tests; skipping zod's per-response parse of a 40 KB document is the hot path's
      // largest saving (docs/decisions.md, "Read path").
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (request, reply) => {
      const format = negotiate(request, BRIEF_FORMATS, request.query.format)
      const brief = app.db.readBrief(await repo.resolve(request.params.idOrSlug))
      if (!brief) throw new ProblemError('not-found', `No article "${request.params.idOrSlug}"`)
      if (format === 'markdown') return reply.type(MEDIA.markdown).send(toMarkdown(brief) as never)
      if (format === 'jsonld') {
        const base = `${request.protocol}://${request.host}`
        return reply.type(MEDIA.jsonld).send(JSON.stringify(toJsonLd(brief, base)) as never)
      }
      return brief
    },
  )

  const writes = articleWrites(app.db)

  app.patch(
    '/articles/:idOrSlug',
    {
      config: { scope: 'write' },
      schema: {
        tags: ['articles'],
        operationId: 'patchArticle',
        summary: 'Change article metadata (title, summary, dates, topics …)',
        description:
          'The body cannot be patched: evidence offsets point into it. Replace the brief with PUT /v1/briefs/{slug}.',
        security: BEARER_SECURITY,
        params: IdOrSlugParams,
        body: ArticlePatchSchema,
        response: { 200: ArticleSchema, ...WRITE_ERRORS },
      },
    },
    async (request) => repo.get(await writes.patch(request.params.idOrSlug, request.body, request.apiKey?.id ?? null)),
  )

  app.delete(
    '/articles/:idOrSlug',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['articles'],
        operationId: 'deleteArticle',
        summary: 'Delete an article (admin)',
        description:
          'Removes the article, its claims and its reporting links; events no other article reports are deleted too; actors stay. The article and its claims answer 410 from then on.',
        security: BEARER_SECURITY,
        params: IdOrSlugParams,
        response: { 204: NoContent, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => {
      await writes.remove(request.params.idOrSlug, request.apiKey?.id ?? null)
      return reply.code(204).send(null)
    },
  )
}
