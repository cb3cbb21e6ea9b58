import { z } from 'zod'
import { Iso3Schema } from '../../domain/brief.schema.js'
import { ACTOR_KINDS, AFFILIATION_RELATIONS } from '../../domain/vocabulary.js'
import { PartialDateSchema } from '../../domain/dates.js'
import { facetsParam } from '../../lib/facets.js'
import { LIST_PARAMS, listResponse } from '../../lib/pagination.js'
import { ActorRefSchema, ArticleRefSchema, ClaimRefSchema, EventRefSchema } from '../../domain/refs.js'

export const ACTOR_SORTS = ['id', '-id', 'name', '-name'] as const

export const ActorListQuery = z
  .object({
    kind: z.enum(ACTOR_KINDS).optional(),
    country: z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'ISO 3166-1 alpha-3, e.g. JPN')
      .transform((v) => v.toUpperCase())
      .optional()
      .describe('ISO 3166-1 alpha-3 country code'),
    article: z.string().min(1).max(200).optional().describe('Article id or slug: actors it involves'),
    q: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe(
        'Part of the name or of any alias, case- and accent-insensitive ("pla", "Beijing"), or full-text words in the title or description',
      ),
    sort: z.enum(ACTOR_SORTS).default('id'),
    ...LIST_PARAMS,
    facets: facetsParam(['kind', 'country'] as const),
  })
  .strict()

export const ActorSummarySchema = ActorRefSchema.extend({
  title: z.string().nullable(),
  description: z.string().nullable(),
  wikidataId: z.string().nullable(),
  aliases: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
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

export const ActorPatchSchema = z
  .object({
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
  .partial()
  .strict()
  .meta({ id: 'ActorPatch', description: 'Fields to change; absent fields stay as they are' })

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
