import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { linkNext } from '../../lib/list.js'
import { ProblemSchema } from '../../lib/problems.js'
import { IdParams } from '../../lib/refs.js'
import { eventsRepository } from './events.repository.js'
import { EventListQuery, EventListSchema, EventSchema } from './events.schemas.js'
import { NoContent, WRITE_ERRORS } from '../../lib/write-route.js'
import { BEARER_SECURITY } from '../../plugins/auth.js'
import { EventPatchSchema, eventWrites } from './events.writes.js'

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

  const writes = eventWrites(app.db)

  app.patch(
    '/events/:id',
    {
      config: { scope: 'write' },
      schema: {
        tags: ['events'],
        operationId: 'patchEvent',
        summary: 'Change an event',
        security: BEARER_SECURITY,
        params: IdParams,
        body: EventPatchSchema,
        response: { 200: EventSchema, ...WRITE_ERRORS },
      },
    },
    async (request) => {
      await writes.patch(request.params.id, request.body, request.apiKey?.id ?? null)
      return repo.get(request.params.id)
    },
  )

  app.delete(
    '/events/:id',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['events'],
        operationId: 'deleteEvent',
        summary: 'Delete an event (admin); it answers 410 from then on',
        security: BEARER_SECURITY,
        params: IdParams,
        response: { 204: NoContent, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => {
      await writes.remove(request.params.id, request.apiKey?.id ?? null)
      return reply.code(204).send(null)
    },
  )
}
