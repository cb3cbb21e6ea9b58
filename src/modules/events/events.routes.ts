import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { z } from 'zod'
import { type Columns, LIST_FORMATS, negotiate, streamList } from '../../lib/formats.js'
import { linkNext } from '../../lib/list.js'
import { ProblemSchema } from '../../lib/problems.js'
import { IdParams } from '../../domain/refs.js'
import { eventsRepository } from './events.repository.js'
import { EventListQuery, EventListSchema, EventSchema } from './events.schemas.js'
import { NoContent, WRITE_ERRORS } from '../../lib/write-route.js'
import { BEARER_SECURITY } from '../../plugins/auth.js'
import { EventPatchSchema } from './events.schemas.js'
import { eventWrites } from './events.writes.js'

const errors = { 400: ProblemSchema, 404: ProblemSchema, 410: ProblemSchema, 429: ProblemSchema, 500: ProblemSchema }

const CSV_COLUMNS: Columns<z.output<typeof EventSchema>> = {
  id: (e) => e.id,
  title: (e) => e.title,
  type: (e) => e.type,
  extension: (e) => e.extension,
  subtype: (e) => e.subtype,
  mode: (e) => e.mode,
  contexts: (e) => e.contexts.join(';'),
  quadClass: (e) => e.quadClass,
  status: (e) => e.status,
  modality: (e) => e.modality,
  start: (e) => e.start?.date,
  startPrecision: (e) => e.start?.precision,
  startText: (e) => e.start?.text,
  end: (e) => e.end?.date,
  endPrecision: (e) => e.end?.precision,
  location: (e) => e.location?.name,
  locationCountry: (e) => e.location?.country,
  initiators: (e) =>
    e.participants
      .filter((p) => p.role === 'initiator')
      .map((p) => p.actor.slug)
      .join(';'),
  targets: (e) =>
    e.participants
      .filter((p) => p.role === 'target')
      .map((p) => p.actor.slug)
      .join(';'),
  participants: (e) =>
    e.participants
      .filter((p) => p.role === 'participant')
      .map((p) => p.actor.slug)
      .join(';'),
  articles: (e) => e.reports.map((r) => r.article.slug).join(';'),
  description: (e) => e.description,
}

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
      const { format: param, ...query } = request.query
      const format = negotiate(request, LIST_FORMATS, param)
      if (format !== 'json')
        return streamList(
          reply,
          format,
          CSV_COLUMNS,
          (cursor) => repo.list({ ...query, limit: 100, cursor, count: false }),
          'events',
        )
      const { rows, page, facets } = await repo.list(query)
      linkNext(request, reply, page.nextCursor)
      return { data: rows, page, ...(facets ? { facets } : {}) }
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
