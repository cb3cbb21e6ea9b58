import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { readBrief } from '../../briefs/brief.read.js'
import { BriefSchema } from '../../briefs/brief.schema.js'
import { linkNext } from '../../lib/list.js'
import { ProblemError, ProblemSchema } from '../../lib/problems.js'
import { IdOrSlugParams } from '../../lib/refs.js'
import { articlesRepository } from './articles.repository.js'
import { ArticleListQuery, ArticleListSchema, ArticleSchema } from './articles.schemas.js'

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
}
