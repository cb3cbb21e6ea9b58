// GET /v1/search: ranked full-text search across articles, claims, events and actors.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { type SearchEntity, searchAll } from '../../db/search.js'
import { linkNext } from '../../lib/list.js'
import { ProblemSchema } from '../../lib/problems.js'
import { parseSearch } from '../../lib/search-query.js'
import { SearchQuery, SearchResultSchema } from './search.schemas.js'

const PATHS: Record<SearchEntity, string> = {
  article: '/v1/articles/',
  claim: '/v1/claims/',
  event: '/v1/events/',
  actor: '/v1/actors/',
}

export const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/search',
    {
      schema: {
        tags: ['search'],
        operationId: 'search',
        summary: 'Ranked full-text search across articles, claims, events and actors',
        description:
          'Examples: `hotline`, `"rules-based order"`, `hyper*`, `Taiwan AND (coast OR air)`, `Japan NOT Australia`. A stray quote, parenthesis or operator is a 400 that says what is wrong.',
        querystring: SearchQuery,
        response: { 200: SearchResultSchema, 400: ProblemSchema, 429: ProblemSchema, 500: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { q, types, limit, cursor } = request.query
      const tokens = parseSearch(q)
      const offset = cursor ? Number(cursor.slice(1)) : 0
      const hits = await searchAll(app.db.sql, tokens, types, limit + 1, offset)
      const more = hits.length > limit
      const nextCursor = more ? `o${offset + limit}` : null
      linkNext(request, reply, nextCursor)
      return {
        data: hits.slice(0, limit).map((h) => ({
          type: h.entity,
          id: h.id,
          title: h.title,
          snippet: h.snippet,
          score: h.score,
          url: `${PATHS[h.entity]}${h.id}`,
        })),
        page: { limit, nextCursor },
      }
    },
  )
}
