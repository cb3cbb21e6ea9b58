import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { readBrief } from '../../briefs/brief.read.js'
import { BriefSchema } from '../../briefs/brief.schema.js'
import { linkNext } from '../../lib/list.js'
import { ProblemError, ProblemSchema } from '../../lib/problems.js'
import { IdOrSlugParams } from '../../lib/refs.js'
import { articlesRepository } from './articles.repository.js'
import { ArticleListQuery, ArticleListSchema, ArticleSchema } from './articles.schemas.js'
import { NoContent, WRITE_ERRORS } from '../../lib/write-route.js'
import { BEARER_SECURITY } from '../../plugins/auth.js'
import { ArticlePatchSchema, articleWrites } from './articles.writes.js'

const errors = { 400: ProblemSchema, 404: ProblemSchema, 410: ProblemSchema, 429: ProblemSchema, 500: ProblemSchema }

export const articleRoutes: FastifyPluginAsyncZod = async (app) => {
  const repo = articlesRepository(app.db.read)

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
      const { rows, page } = await repo.list(request.query)
      linkNext(request, reply, page.nextCursor)
      return { data: rows, page }
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
        response: { 200: BriefSchema, ...errors },
      },
    },
    async (request) => {
      const brief = await readBrief(app.db.read, await repo.resolve(request.params.idOrSlug))
      if (!brief) throw new ProblemError('not-found', `No article "${request.params.idOrSlug}"`)
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
