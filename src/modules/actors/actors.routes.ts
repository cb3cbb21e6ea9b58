import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { linkNext } from '../../lib/list.js'
import { ProblemSchema } from '../../lib/problems.js'
import { IdOrSlugParams } from '../../lib/refs.js'
import { actorsRepository } from './actors.repository.js'
import { ActorListQuery, ActorListSchema, ActorSchema } from './actors.schemas.js'

const errors = { 400: ProblemSchema, 404: ProblemSchema, 410: ProblemSchema, 429: ProblemSchema, 500: ProblemSchema }

export const actorRoutes: FastifyPluginAsyncZod = async (app) => {
  const repo = actorsRepository(app.db.read)

  app.get(
    '/actors',
    {
      schema: {
        tags: ['actors'],
        operationId: 'listActors',
        summary: 'List actors',
        querystring: ActorListQuery,
        response: { 200: ActorListSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { rows, page } = await repo.list(request.query)
      linkNext(request, reply, page.nextCursor)
      return { data: rows, page }
    },
  )

  app.get(
    '/actors/:idOrSlug',
    {
      schema: {
        tags: ['actors'],
        operationId: 'getActor',
        summary: 'One actor with aliases, affiliations, claims made and about it, and its events',
        description: 'A merged actor answers 308 with the survivor in Location.',
        params: IdOrSlugParams,
        response: { 200: ActorSchema, 308: ProblemSchema.describe('Merged: see Location'), ...errors },
      },
    },
    async (request, reply) => {
      const { id, redirect } = await repo.resolve(request.params.idOrSlug)
      if (redirect) return reply.redirect(`/v1/actors/${redirect}`, 308)
      return repo.get(id)
    },
  )
}
