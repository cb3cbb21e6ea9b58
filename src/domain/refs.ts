// Compact references embedded in other resources' responses, with the select that feeds them.
import { z } from 'zod'
import { ACTOR_KINDS } from './vocabulary.js'
import { PartialDateSchema } from './dates.js'

export const ActorRefSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    kind: z.enum(ACTOR_KINDS),
    country: z.string().nullable(),
  })
  .meta({ id: 'ActorRef' })

export const ArticleRefSchema = z
  .object({ id: z.string(), slug: z.string(), title: z.string() })
  .meta({ id: 'ArticleRef' })

export const ClaimRefSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    summary: z.string(),
    modality: z.string(),
    quote: z.string().nullable(),
    stated: PartialDateSchema.nullable(),
    article: ArticleRefSchema,
  })
  .meta({ id: 'ClaimRef' })

export const EventRefSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    type: z.string(),
    status: z.string(),
    start: PartialDateSchema.nullable(),
    end: PartialDateSchema.nullable(),
  })
  .meta({ id: 'EventRef' })

export const EvidenceOutSchema = z
  .object({
    start: z.int(),
    end: z.int(),
    exact: z.string(),
    prefix: z.string(),
    suffix: z.string(),
  })
  .meta({ id: 'EvidenceSpan', description: 'body.slice(start, end) === exact; prefix/suffix re-anchor the passage' })

export const actorRefSelect = { id: true, slug: true, name: true, kind: true, country: true } as const
export const articleRefSelect = { id: true, slug: true, title: true } as const

export function actorRef(a: { id: string; slug: string; name: string; kind: string; country: string | null }) {
  return { ...a, kind: a.kind as (typeof ACTOR_KINDS)[number] }
}

export const IdOrSlugParams = z.object({
  idOrSlug: z.string().min(1).max(200).describe('Id (e.g. art_01…) or slug'),
})
export const IdParams = z.object({ id: z.string().min(1).max(100).describe('Id') })

export const ID_EXAMPLES = {
  article: 'china-urged-to-push-for-better-ties-with-japan',
  actor: 'china',
} as const

/** When a record was created and last changed (ISO 8601), the last fields of every resource. */
export const TIMESTAMPS = { createdAt: z.string(), updatedAt: z.string() }
