// Compact references embedded in other resources' responses, with the select that feeds them.
import { z } from 'zod'
import { ACTOR_KINDS } from './vocabulary.js'
import { PartialDateSchema } from './dates.js'

/** Required text fields of a compact object: `stringFields('id', 'slug')` is `{ id: z.string(), slug: z.string() }`. */
export function stringFields<const K extends string>(...keys: K[]): { [P in K]: z.ZodString } {
  return Object.fromEntries(keys.map((k) => [k, z.string()])) as { [P in K]: z.ZodString }
}

export const ActorRefSchema = z
  .object({
    ...stringFields('id', 'slug', 'name'),
    kind: z.enum(ACTOR_KINDS),
    country: z.string().nullable(),
  })
  .meta({ id: 'ActorRef' })

export const ArticleRefSchema = z.object(stringFields('id', 'slug', 'title')).meta({ id: 'ArticleRef' })

export const ClaimRefSchema = z
  .object({
    ...stringFields('id', 'kind', 'summary', 'modality'),
    quote: z.string().nullable(),
    stated: PartialDateSchema.nullable(),
    article: ArticleRefSchema,
  })
  .meta({ id: 'ClaimRef' })

export const EventRefSchema = z
  .object({
    ...stringFields('id', 'title', 'type', 'status'),
    start: PartialDateSchema.nullable(),
    end: PartialDateSchema.nullable(),
  })
  .meta({ id: 'EventRef' })

export const EvidenceOutSchema = z
  .object({
    start: z.int(),
    end: z.int(),
    ...stringFields('exact', 'prefix', 'suffix'),
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
