import { z } from 'zod'
import { Iso3Schema } from '../../domain/brief.schema.js'
import { ACTOR_KINDS, AFFILIATION_RELATIONS } from '../../domain/vocabulary.js'
import { PartialDateSchema } from '../../domain/dates.js'
import { countryParam, listQuery, listResponse, patchSchema, refParam } from '../../lib/pagination.js'
import { ActorRefSchema, ArticleRefSchema, ClaimRefSchema, EventRefSchema, TIMESTAMPS } from '../../domain/refs.js'

export const ACTOR_SORTS = ['id', '-id', 'name', '-name'] as const

export const ActorListQuery = listQuery(
  {
    kind: z.enum(ACTOR_KINDS).optional(),
    country: countryParam('ISO 3166-1 alpha-3 country code'),
    article: refParam('Article id or slug: actors it involves'),
  },
  {
    q: 'Part of the name or of any alias, case- and accent-insensitive ("pla", "Beijing"), or full-text words in the title or description',
    sorts: ACTOR_SORTS,
    facets: ['kind', 'country'],
  },
)

export const ActorSummarySchema = ActorRefSchema.extend({
  title: z.string().nullable(),
  description: z.string().nullable(),
  wikidataId: z.string().nullable(),
  aliases: z.array(z.string()),
  ...TIMESTAMPS,
}).meta({ id: 'ActorSummary' })

const AffiliationOut = z.object({
  relation: z.enum(AFFILIATION_RELATIONS),
  title: z.string().nullable(),
  from: PartialDateSchema.nullable(),
  to: PartialDateSchema.nullable(),
  actor: ActorRefSchema,
})

export const ActorSchema = ActorSummarySchema.extend({
  affiliations: z.array(AffiliationOut).describe('Organisations, bodies or states this actor belongs to'),
  members: z.array(AffiliationOut).describe('Actors affiliated with this one'),
  claimsMade: z.array(ClaimRefSchema).describe('Claims this actor made (latest 100)'),
  claimsAbout: z.array(ClaimRefSchema).describe('Claims about this actor (latest 100)'),
  events: z
    .array(EventRefSchema.extend({ role: z.string() }))
    .describe('Events it took part in, in date order (undated last; first 100)'),
  articles: z.array(ArticleRefSchema.extend({ role: z.string() })).describe('Articles involving it (first 100)'),
}).meta({ id: 'Actor' })

export const ActorListSchema = listResponse(ActorSummarySchema, 'ActorList')

export const ActorPatchSchema = patchSchema('ActorPatch', {
  name: z.string().min(1).max(300),
  kind: z.enum(ACTOR_KINDS),
  country: Iso3Schema.nullable(),
  title: z.string().max(300).nullable(),
  description: z.string().max(2000).nullable(),
  wikidataId: z
    .string()
    .regex(/^Q[1-9]\d*$/)
    .nullable(),
  aliases: z.array(z.string().min(1).max(300)).max(100).describe('Replaces the list of aliases'),
})

export const ActorMergeSchema = z
  .object({
    duplicate: z
      .string()
      .min(1)
      .max(200)
      .describe('Id or slug of the actor that turned out to be this one; it is merged into the actor in the path'),
  })
  .strict()
  .meta({ id: 'ActorMerge' })

export type ActorPatch = z.output<typeof ActorPatchSchema>
