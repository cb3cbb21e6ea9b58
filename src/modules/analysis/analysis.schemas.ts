import { z } from 'zod'
import { CLAIM_KINDS, EVENT_TYPES } from '../../domain/vocabulary.js'
import { DateBoundSchema, PartialDateSchema } from '../../domain/dates.js'
import { CursorSchema, LimitSchema, PageSchema, refParam } from '../../lib/pagination.js'
import { ActorRefSchema, ArticleRefSchema, stringFields } from '../../domain/refs.js'
import { ClaimSchema } from '../claims/claims.schemas.js'
import { EventSchema } from '../events/events.schemas.js'

export const TimelineQuery = z
  .object({
    actor: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('Actor id or slug: its events (any role) and its claims (made or about it)'),
    from: DateBoundSchema.optional().describe('Items that may overlap this bound onwards'),
    to: DateBoundSchema.optional().describe('Items that may overlap up to this bound'),
    type: z.enum(EVENT_TYPES).optional().describe('Only events of this PLOVER type (claims are then left out)'),
    include: z.enum(['all', 'events', 'claims']).default('all'),
    limit: z.coerce.number().int().min(1).max(500).default(200).describe('Most items returned, 1 to 500'),
  })
  .strict()

export const TimelineItemSchema = z.object({
  kind: z.enum(['event', 'claim']),
  id: z.string(),
  title: z.string().describe('Event title or claim summary'),
  date: PartialDateSchema.describe('Start (events) or when stated (claims), at its own precision'),
  end: PartialDateSchema.nullable(),
  type: z.string().describe('PLOVER type of an event, kind of a claim'),
  status: z.string().nullable().describe('Events: occurred, planned, ongoing'),
  modality: z.string(),
  actors: z.array(ActorRefSchema).describe('Participants of an event, claimants of a claim'),
  quote: z.string().nullable(),
  url: z.string(),
})

export const TimelineSchema = z
  .object({
    groups: z.array(
      z.object({
        period: z.string().describe('"2021", "2021-12" or "2021-12-27": as precise as the items are'),
        precision: z.enum(['day', 'month', 'year']),
        label: z.string().describe('e.g. "December 2021"'),
        items: z.array(TimelineItemSchema),
      }),
    ),
    truncated: z.boolean().describe('True when more items matched than limit'),
    undated: z.int().describe('Matching items with no known date (not placed on the timeline)'),
  })
  .meta({ id: 'Timeline' })

export const RelationSchema = z.object({
  actor: ActorRefSchema,
  events: z.object({
    count: z.int(),
    types: z.record(z.string(), z.int()).describe('Shared events per PLOVER type'),
    cooperative: z.int(),
    conflictual: z.int(),
    ids: z.array(z.string()),
  }),
  claims: z.object({
    made: z.int().describe('Claims by the actor about this one'),
    received: z.int().describe('Claims by this one about the actor'),
    kinds: z.record(z.string(), z.int()),
    ids: z.array(z.string()),
  }),
  balance: z
    .number()
    .nullable()
    .describe('(cooperative - conflictual) / (cooperative + conflictual) over shared events; null without any'),
})

export const ActorRelationsSchema = z
  .object({ actor: ActorRefSchema, relations: z.array(RelationSchema) })
  .meta({ id: 'ActorRelations' })

export const PairQuery = z
  .object({
    actors: z
      .string()
      .regex(/^[^,]+,[^,]+$/, 'two actors separated by a comma')
      .describe('Two actors: ids, slugs or ISO 3166-1 alpha-3 codes of states, e.g. CHN,JPN'),
    from: DateBoundSchema.optional(),
    to: DateBoundSchema.optional(),
  })
  .strict()

export const PairSchema = z
  .object({
    // An array of exactly two rather than a tuple: prefixItems is beyond some 3.1 validators (Prism).
    actors: z.array(ActorRefSchema).length(2).describe('The two actors, in the order asked'),
    summary: z.object({
      events: z.int(),
      cooperative: z.int(),
      conflictual: z.int(),
      balance: z.number().nullable(),
      claims: z.int(),
    }),
    periods: z.array(
      z.object({
        period: z.string().describe('Month (YYYY-MM) of the earliest possible date, or "undated"'),
        events: z.array(z.object({ ...stringFields('id', 'title', 'type'), date: PartialDateSchema.nullable() })),
        claims: z.array(
          z.object({ ...stringFields('id', 'summary', 'kind', 'by'), date: PartialDateSchema.nullable() }),
        ),
        cooperative: z.int(),
        conflictual: z.int(),
      }),
    ),
  })
  .meta({ id: 'RelationPair' })

export const PositionsQuery = z
  .object({
    about: refParam('Actor id or slug the claims are about'),
    kind: z.enum(CLAIM_KINDS).optional().describe('e.g. warning, recommendation, pledge'),
    from: DateBoundSchema.optional(),
    to: DateBoundSchema.optional(),
    limit: LimitSchema,
    cursor: CursorSchema,
  })
  .strict()

export const PositionsSchema = z
  .object({ actor: ActorRefSchema, data: z.array(ClaimSchema), page: PageSchema })
  .meta({ id: 'Positions' })

export const RelatedSchema = z
  .object({
    claim: z.object({ id: z.string(), summary: z.string(), article: ArticleRefSchema }),
    links: z.array(
      z.object({
        type: z.string(),
        direction: z.enum(['outgoing', 'incoming']),
        claim: ClaimSchema.nullable(),
        event: EventSchema.nullable(),
      }),
    ),
  })
  .meta({ id: 'RelatedClaims' })
