import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { z } from 'zod'
import { IdParams } from '../../domain/refs.js'
import { type Columns, dateCsvColumns, fieldColumns } from '../../lib/formats.js'
import { resourceRoutes } from '../../lib/resource-routes.js'
import { EventListQuery, EventListSchema, EventSchema } from './events.schemas.js'
import { EventPatchSchema } from './events.schemas.js'

type Row = z.output<typeof EventSchema>

/** The slugs of the participants in one role, `;`-separated. */
const slugsIn =
  (role: Row['participants'][number]['role']) =>
  (e: Row): string =>
    e.participants
      .filter((p) => p.role === role)
      .map((p) => p.actor.slug)
      .join(';')

const CSV_COLUMNS: Columns<Row> = {
  ...fieldColumns<Row>('id', 'title', 'type', 'extension', 'subtype', 'mode'),
  contexts: (e) => e.contexts.join(';'),
  ...fieldColumns<Row>('quadClass', 'status', 'modality'),
  ...dateCsvColumns<Row>('start', (e) => e.start),
  end: (e) => e.end?.date,
  endPrecision: (e) => e.end?.precision,
  location: (e) => e.location?.name,
  locationCountry: (e) => e.location?.country,
  initiators: slugsIn('initiator'),
  targets: slugsIn('target'),
  participants: slugsIn('participant'),
  articles: (e) => e.reports.map((r) => r.article.slug).join(';'),
  description: (x) => x.description,
}

const EVENTS = { name: 'events', record: 'Event', param: 'id', params: IdParams } as const

export const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  resourceRoutes(app, {
    ...EVENTS,
    repo: app.repos.events,
    writes: app.writers.events,
    list: {
      summary: 'List events',
      description: 'Date filters use precision-aware overlap: an event dated "December 2021" overlaps from=2021-12-20.',
      querystring: EventListQuery,
      response: EventListSchema,
      columns: CSV_COLUMNS,
    },
    get: {
      summary: 'One event with participants and the articles reporting it, each with its passage',
      response: EventSchema,
    },
    patch: { summary: 'Change an event', body: EventPatchSchema },
    delete: { summary: 'Delete an event (admin); it answers 410 from then on' },
  })
}
