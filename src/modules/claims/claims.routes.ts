import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { linkNext } from '../../lib/list.js'
import { ProblemSchema } from '../../lib/problems.js'
import { IdParams } from '../../lib/refs.js'
import { claimsRepository } from './claims.repository.js'
import { ClaimListQuery, ClaimListSchema, ClaimSchema } from './claims.schemas.js'

const errors = { 400: ProblemSchema, 404: ProblemSchema, 410: ProblemSchema, 429: ProblemSchema, 500: ProblemSchema }

export const claimRoutes: FastifyPluginAsyncZod = async (app) => {
  const repo = claimsRepository(app.db.read)

  app.get(
    '/claims',
    {
      schema: {
        tags: ['claims'],
        operationId: 'listClaims',
        summary: 'List claims: who said what about whom',
        querystring: ClaimListQuery,
        response: { 200: ClaimListSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { rows, page } = await repo.list(request.query)
      linkNext(request, reply, page.nextCursor)
      return { data: rows, page }
    },
  )

  app.get(
    '/claims/:id',
    {
      schema: {
        tags: ['claims'],
        operationId: 'getClaim',
        summary: 'One claim with claimants, subjects, its evidence passage and its links',
        params: IdParams,
        response: { 200: ClaimSchema, ...errors },
      },
    },
    async (request) => repo.get(request.params.id),
  )
}
