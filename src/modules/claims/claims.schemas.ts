import { z } from 'zod'
import { CLAIM_KINDS, CLAIM_LINK_TYPES, MODALITIES } from '../../domain/vocabulary.js'
import {
  EvidenceSchema,
  ExtractionStateSchema,
  QuoteSchema,
  REVIEW_PATCH,
  SlugSchema,
} from '../../domain/brief.schema.js'
import { DateBoundSchema, PartialDateSchema } from '../../domain/dates.js'
import { listQuery, listResponse, patchSchema, refParam, reviewedParam } from '../../lib/pagination.js'
import { ActorRefSchema, ArticleRefSchema, EvidenceOutSchema, TIMESTAMPS } from '../../domain/refs.js'

export const CLAIM_SORTS = ['id', '-id', 'stated', '-stated'] as const

export const ClaimListQuery = listQuery(
  {
    claimant: refParam('Actor id or slug who made the claim'),
    about: refParam('Actor id or slug the claim is about'),
    article: refParam('Article id or slug'),
    kind: z.enum(CLAIM_KINDS).optional(),
    modality: z.enum(MODALITIES).optional(),
    statedFrom: DateBoundSchema.optional().describe('Stated on or after (precision-aware overlap)'),
    statedTo: DateBoundSchema.optional().describe('Stated on or before (precision-aware overlap)'),
    reviewed: reviewedParam,
  },
  {
    q: 'Words in the summary or the quote',
    sorts: CLAIM_SORTS,
    sortHelp: 'id = article order of ingestion; stated = when stated, unknown last',
    facets: ['kind', 'modality', 'year'],
  },
)

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
    extraction: ExtractionStateSchema,
    links: z.array(
      z.object({
        type: z.enum(CLAIM_LINK_TYPES),
        direction: z.enum(['outgoing', 'incoming']),
        claim: z.object({ id: z.string(), summary: z.string() }).nullable(),
        event: z.object({ id: z.string(), title: z.string() }).nullable(),
      }),
    ),
    ...TIMESTAMPS,
  })
  .meta({ id: 'Claim' })

export const ClaimListSchema = listResponse(ClaimSchema, 'ClaimList')

export const ClaimPatchSchema = patchSchema('ClaimPatch', {
  kind: z.enum(CLAIM_KINDS),
  summary: z.string().min(1).max(2000),
  modality: z.enum(MODALITIES),
  quote: QuoteSchema.nullable(),
  evidence: EvidenceSchema,
  claimants: z.array(SlugSchema).min(1).max(100).describe('Actor slugs; replaces the claimants'),
  about: z.array(SlugSchema).max(100).describe('Actor slugs; replaces the subjects'),
  stated: PartialDateSchema.nullable(),
  ...REVIEW_PATCH,
})

export type ClaimPatch = z.output<typeof ClaimPatchSchema>
