import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { z } from 'zod'
import { IdParams } from '../../domain/refs.js'
import type { Columns } from '../../lib/formats.js'
import { deleteRoute, getRoute, listRoute, patchRoute } from '../../lib/resource-routes.js'
import { EventListQuery, EventListSchema, EventSchema } from './events.schemas.js'
import { EventPatchSchema } from './events.schemas.js'

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

const EVENTS = { name: 'events', record: 'Event', param: 'id', params: IdParams } as const

export const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  const repo = app.repos.events
  const writes = app.writers.events

  listRoute(app, EVENTS, {
    summary: 'List events',
    description: 'Date filters use precision-aware overlap: an event dated "December 2021" overlaps from=2021-12-20.',
    querystring: EventListQuery,
    response: EventListSchema,
    columns: CSV_COLUMNS,
    list: (query) => repo.list(query),
  })

  getRoute(app, EVENTS, {
    summary: 'One event with participants and the articles reporting it, each with its passage',
    response: EventSchema,
    get: async (token) => repo.get(token),
  })

  patchRoute(app, EVENTS, {
    summary: 'Change an event',
    body: EventPatchSchema,
    response: EventSchema,
    patch: async (id, body, keyId) => repo.get(await writes.patch(id, body, keyId)),
  })

  deleteRoute(app, EVENTS, {
    summary: 'Delete an event (admin); it answers 410 from then on',
    remove: (token, keyId) => writes.remove(token, keyId),
  })
}
