import { z } from 'zod'
import {
  EVENT_CONTEXTS,
  EVENT_EXTENSIONS,
  EVENT_STATUSES,
  EVENT_TYPES,
  MODALITIES,
  PARTICIPANT_ROLES,
} from '../../domain/vocabulary.js'
import { ExtractionStateSchema, LocationSchema, ParticipantSchema, REVIEW_PATCH } from '../../domain/brief.schema.js'
import { DateBoundSchema, PartialDateSchema } from '../../domain/dates.js'
import { countryParam, listQuery, listResponse, patchSchema, refParam, reviewedParam } from '../../lib/pagination.js'
import { ActorRefSchema, ArticleRefSchema, EvidenceOutSchema, TIMESTAMPS } from '../../domain/refs.js'

export const EVENT_SORTS = ['id', '-id', 'date', '-date'] as const

export const EventListQuery = listQuery(
  {
    actor: refParam('Actor id or slug, in any role'),
    initiator: refParam('Actor id or slug as initiator'),
    target: refParam('Actor id or slug as target'),
    type: z.enum(EVENT_TYPES).optional().describe('PLOVER type'),
    status: z.enum(EVENT_STATUSES).optional(),
    from: DateBoundSchema.optional().describe(
      'Events that may overlap this day, month or year onwards ("December 2021" overlaps from=2021-12-20)',
    ),
    to: DateBoundSchema.optional().describe('Events that may overlap up to this bound'),
    article: refParam('Article id or slug that reports the event'),
    country: countryParam('Location country, or the country of a participant'),
    reviewed: reviewedParam,
  },
  {
    q: 'Words in title or description',
    sorts: EVENT_SORTS,
    sortHelp: 'id = ingestion order; date = earliest possible start, undated last',
    facets: ['type', 'status', 'quadClass', 'country', 'year'],
  },
)

export const EventSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    type: z.enum(EVENT_TYPES),
    extension: z.enum(EVENT_EXTENSIONS).nullable(),
    subtype: z.string().nullable(),
    mode: z.string().nullable(),
    contexts: z.array(z.enum(EVENT_CONTEXTS)),
    quadClass: z
      .int()
      .nullable()
      .describe('1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict'),
    status: z.enum(EVENT_STATUSES),
    modality: z.enum(MODALITIES),
    start: PartialDateSchema.nullable(),
    end: PartialDateSchema.nullable(),
    location: LocationSchema.nullable(),
    participants: z.array(z.object({ role: z.enum(PARTICIPANT_ROLES), actor: ActorRefSchema })),
    reports: z
      .array(z.object({ article: ArticleRefSchema, evidence: EvidenceOutSchema }))
      .describe('Articles reporting the event, each with its passage'),
    extraction: ExtractionStateSchema,
    ...TIMESTAMPS,
  })
  .meta({ id: 'Event' })

export const EventListSchema = listResponse(EventSchema, 'EventList')

export const EventPatchSchema = patchSchema('EventPatch', {
  title: z.string().min(1).max(500),
  description: z.string().max(2000).nullable(),
  type: z.enum(EVENT_TYPES),
  extension: z.enum(EVENT_EXTENSIONS).nullable(),
  subtype: z.string().max(200).nullable(),
  mode: z.string().max(100).nullable(),
  contexts: z.array(z.enum(EVENT_CONTEXTS)).max(20),
  status: z.enum(EVENT_STATUSES),
  modality: z.enum(MODALITIES),
  start: PartialDateSchema.nullable(),
  end: PartialDateSchema.nullable(),
  location: LocationSchema.nullable(),
  participants: z.array(ParticipantSchema).max(100).describe('Replaces the participants'),
  ...REVIEW_PATCH,
})

export type EventPatch = z.output<typeof EventPatchSchema>
