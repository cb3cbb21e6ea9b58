import { z } from 'zod'
import { CLAIM_KINDS, CLAIM_LINK_TYPES, MODALITIES } from '../../domain/vocabulary.js'
import { EvidenceSchema, ExtractionSchema, QuoteSchema, SlugSchema } from '../../domain/brief.schema.js'
import { DateBoundSchema, PartialDateSchema } from '../../domain/dates.js'
import { facetsParam } from '../../lib/facets.js'
import { LIST_PARAMS, listResponse } from '../../lib/pagination.js'
import { ActorRefSchema, ArticleRefSchema, EvidenceOutSchema } from '../../domain/refs.js'

export const CLAIM_SORTS = ['id', '-id', 'stated', '-stated'] as const

export const ClaimListQuery = z
  .object({
    claimant: z.string().min(1).max(200).optional().describe('Actor id or slug who made the claim'),
    about: z.string().min(1).max(200).optional().describe('Actor id or slug the claim is about'),
    article: z.string().min(1).max(200).optional().describe('Article id or slug'),
    kind: z.enum(CLAIM_KINDS).optional(),
    modality: z.enum(MODALITIES).optional(),
    statedFrom: DateBoundSchema.optional().describe('Stated on or after (precision-aware overlap)'),
    statedTo: DateBoundSchema.optional().describe('Stated on or before (precision-aware overlap)'),
    q: z.string().min(1).max(200).optional().describe('Words in the summary or the quote'),
    sort: z
      .enum(CLAIM_SORTS)
      .default('id')
      .describe('id = article order of ingestion; stated = when stated, unknown last'),
    ...LIST_PARAMS,
    facets: facetsParam(['kind', 'modality', 'year'] as const),
  })
  .strict()

export const ClaimSchema = z
  .object({
    id: z.string(),
    article: ArticleRefSchema,
    kind: z.enum(CLAIM_KINDS),
    summary: z.string(),
    modality: z.enum(MODALITIES),
    quote: QuoteSchema.nullable().describe('Verbatim quote; null for reported speech'),
    evidence: EvidenceOutSchema,
    claimants: z.array(ActorRefSchema),
    about: z.array(ActorRefSchema),
    stated: PartialDateSchema.nullable(),
    extraction: ExtractionSchema,
    links: z.array(
      z.object({
        type: z.enum(CLAIM_LINK_TYPES),
        direction: z.enum(['outgoing', 'incoming']),
        claim: z.object({ id: z.string(), summary: z.string() }).nullable(),
        event: z.object({ id: z.string(), title: z.string() }).nullable(),
      }),
    ),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Claim' })

export const ClaimListSchema = listResponse(ClaimSchema, 'ClaimList')

export const ClaimPatchSchema = z
  .object({
    kind: z.enum(CLAIM_KINDS),
    summary: z.string().min(1).max(2000),
    modality: z.enum(MODALITIES),
    quote: QuoteSchema.nullable(),
    evidence: EvidenceSchema,
    claimants: z.array(SlugSchema).min(1).max(100).describe('Actor slugs; replaces the claimants'),
    about: z.array(SlugSchema).max(100).describe('Actor slugs; replaces the subjects'),
    stated: PartialDateSchema.nullable(),
    extraction: ExtractionSchema,
  })
  .partial()
  .strict()
  .meta({ id: 'ClaimPatch', description: 'Fields to change; absent fields stay as they are' })

export type ClaimPatch = z.output<typeof ClaimPatchSchema>
