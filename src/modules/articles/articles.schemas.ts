import { z } from 'zod'
import { ARTICLE_ACTOR_ROLES } from '../../domain/vocabulary.js'
import { DateBoundSchema, PartialDateSchema } from '../../domain/dates.js'
import { facetsParam } from '../../lib/facets.js'
import { LIST_PARAMS, listResponse } from '../../lib/pagination.js'
import { ActorRefSchema } from '../../domain/refs.js'

export const ARTICLE_SORTS = ['id', '-id', 'published', '-published', 'title', '-title'] as const

export const ArticleListQuery = z
  .object({
    actor: z.string().min(1).max(200).optional().describe('Actor id or slug: articles involving it'),
    topic: z.string().min(1).max(100).optional().describe('Topic slug, e.g. "security"'),
    publishedFrom: DateBoundSchema.optional().describe(
      'Published on or after (YYYY, YYYY-MM or YYYY-MM-DD; precision-aware overlap)',
    ),
    publishedTo: DateBoundSchema.optional().describe('Published on or before (precision-aware overlap)'),
    q: z.string().min(1).max(200).optional().describe('Words in title, summary or body'),
    sort: z
      .enum(ARTICLE_SORTS)
      .default('id')
      .describe('id = order of ingestion (default); published = publication date, unknown dates last; title'),
    ...LIST_PARAMS,
    facets: facetsParam(['topic', 'year', 'publisher', 'language', 'section'] as const),
  })
  .strict()

export const ArticleSummarySchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    summary: z.string().nullable(),
    section: z.string().nullable(),
    publisher: z.string().nullable(),
    byline: z.string().nullable().describe('Null when the source does not name the author'),
    url: z.string().nullable().describe('Null when the source gives none'),
    language: z.string(),
    published: PartialDateSchema.nullable().describe('Null when the source does not state it'),
    topics: z.array(z.string()),
    counts: z.object({ actors: z.int(), claims: z.int(), events: z.int() }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ArticleSummary' })

export const ArticleSchema = ArticleSummarySchema.extend({
  keyPoints: z.array(z.string()),
  body: z.string().describe('Cleaned article text; every evidence offset points into it'),
  relatedHeadlines: z.array(z.string()),
  source: z.object({ sha256: z.string(), mediaType: z.string() }).describe('The raw source document is in the brief'),
  actors: z.array(
    ActorRefSchema.extend({
      role: z.enum(ARTICLE_ACTOR_ROLES),
      surfaceForms: z.array(z.string()).describe('How this article names the actor'),
    }),
  ),
}).meta({ id: 'Article' })

export const ArticleListSchema = listResponse(ArticleSummarySchema, 'ArticleList')
