import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { linkNext } from '../../lib/list.js'
import { ProblemSchema } from '../../lib/problems.js'
import { IdParams } from '../../lib/refs.js'
import { eventsRepository } from './events.repository.js'
import { EventListQuery, EventListSchema, EventSchema } from './events.schemas.js'

const errors = { 400: ProblemSchema, 404: ProblemSchema, 410: ProblemSchema, 429: ProblemSchema, 500: ProblemSchema }

export const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  const repo = eventsRepository(app.db.read)

  app.get(
    '/events',
    {
      schema: {
        tags: ['events'],
        operationId: 'listEvents',
        summary: 'List events',
        description:
          'Date filters use precision-aware overlap: an event dated "December 2021" overlaps from=2021-12-20.',
        querystring: EventListQuery,
        response: { 200: EventListSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { rows, page } = await repo.list(request.query)
      linkNext(request, reply, page.nextCursor)
      return { data: rows, page }
    },
  )

  app.get(
    '/events/:id',
    {
      schema: {
        tags: ['events'],
        operationId: 'getEvent',
        summary: 'One event with participants and the articles reporting it, each with its passage',
        params: IdParams,
        response: { 200: EventSchema, ...errors },
      },
    },
    async (request) => repo.get(request.params.id),
  )
}
