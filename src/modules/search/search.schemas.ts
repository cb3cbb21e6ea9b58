import { z } from 'zod'
import type { SearchEntity } from '../../db/search.js'
import { commaList } from '../../lib/facets.js'
import { LimitSchema } from '../../lib/pagination.js'

export const TYPES = ['article', 'claim', 'event', 'actor'] as const

export const SearchQuery = z
  .object({
    q: z
      .string()
      .min(1)
      .max(500)
      .describe('Words (all must match), "exact phrases", prefix* terms, AND / OR / NOT in upper case, parentheses'),
    types: z
      .string()
      .max(100)
      .default(TYPES.join(','))
      .transform((v, ctx) => {
        const list = commaList(v)
        const badType = list.find((t) => !(TYPES as readonly string[]).includes(t))
        if (badType || list.length === 0) {
          ctx.addIssue({ code: 'custom', message: `types is a comma-separated subset of ${TYPES.join(', ')}` })
          return z.NEVER
        }
        return list as SearchEntity[]
      })
      .describe('Comma-separated resource types to search: article, claim, event, actor'),
    limit: LimitSchema,
    cursor: z
      .string()
      .regex(/^o\d{1,6}$/)
      .optional()
      .describe('Opaque cursor from page.nextCursor'),
  })
  .strict()

export const HitSchema = z
  .object({
    type: z.enum(TYPES),
    id: z.string(),
    title: z.string(),
    snippet: z.string().describe('Best-matching passage, HTML-escaped, matches wrapped in <mark>…</mark>'),
    score: z.number().describe('Relevance (BM25, higher is better; title matches weigh 4x)'),
    url: z.string().describe('The resource'),
  })
  .meta({ id: 'SearchHit' })

export const SearchResultSchema = z
  .object({
    data: z.array(HitSchema),
    page: z.object({ limit: z.int(), nextCursor: z.string().nullable() }),
  })
  .meta({ id: 'SearchResult' })
