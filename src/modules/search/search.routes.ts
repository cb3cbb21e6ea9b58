// GET /v1/search: ranked full-text search across articles, claims, events and actors.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { type SearchEntity, searchAll } from '../../db/search.js'
import { LimitSchema } from '../../lib/pagination.js'
import { ProblemSchema } from '../../lib/problems.js'
import { parseSearch } from '../../lib/search-query.js'

const TYPES = ['article', 'claim', 'event', 'actor'] as const

const SearchQuery = z
  .object({
    q: z
      .string()
      .min(1)
      .max(500)
      .describe('Words (all must match), "exact phrases", prefix* terms, AND / OR / NOT in upper case, parentheses'),
    types: z
      .string()
      .max(100)
      .default(TYPES.join(','))
      .transform((v, ctx) => {
        const list = [
          ...new Set(
            v
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          ),
        ]
        const badType = list.find((t) => !(TYPES as readonly string[]).includes(t))
        if (badType || list.length === 0) {
          ctx.addIssue({ code: 'custom', message: `types is a comma-separated subset of ${TYPES.join(', ')}` })
          return z.NEVER
        }
        return list as SearchEntity[]
      })
      .describe('Comma-separated resource types to search: article, claim, event, actor'),
    limit: LimitSchema,
    cursor: z
      .string()
      .regex(/^o\d{1,6}$/)
      .optional()
      .describe('Opaque cursor from page.nextCursor'),
  })
  .strict()

const HitSchema = z
  .object({
    type: z.enum(TYPES),
    id: z.string(),
    title: z.string(),
    snippet: z.string().describe('Best-matching passage, HTML-escaped, matches wrapped in <mark>…</mark>'),
    score: z.number().describe('Relevance (BM25, higher is better; title matches weigh 4x)'),
    url: z.string().describe('The resource'),
  })
  .meta({ id: 'SearchHit' })

const SearchResultSchema = z
  .object({
    data: z.array(HitSchema),
    page: z.object({ limit: z.int(), nextCursor: z.string().nullable() }),
  })
  .meta({ id: 'SearchResult' })

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
      const hits = await searchAll(app.db.read, tokens, types, limit + 1, offset)
      const more = hits.length > limit
      const nextCursor = more ? `o${offset + limit}` : null
      if (nextCursor) {
        const url = new URL(request.url, 'http://local')
        url.searchParams.set('cursor', nextCursor)
        reply.header('link', `<${url.pathname}${url.search}>; rel="next"`)
      }
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
