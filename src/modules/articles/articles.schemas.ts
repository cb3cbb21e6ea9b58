import { z } from 'zod'
import { ARTICLE_ACTOR_ROLES } from '../../domain/vocabulary.js'
import { DateBoundSchema, PartialDateSchema } from '../../domain/dates.js'
import { listQuery, listResponse, patchSchema, refParam } from '../../lib/pagination.js'
import { ActorRefSchema, TIMESTAMPS } from '../../domain/refs.js'

export const ARTICLE_SORTS = ['id', '-id', 'published', '-published', 'title', '-title'] as const

export const ArticleListQuery = listQuery(
  {
    actor: refParam('Actor id or slug: articles involving it'),
    topic: z.string().min(1).max(100).optional().describe('Topic slug, e.g. "security"'),
    publishedFrom: DateBoundSchema.optional().describe(
      'Published on or after (YYYY, YYYY-MM or YYYY-MM-DD; precision-aware overlap)',
    ),
    publishedTo: DateBoundSchema.optional().describe('Published on or before (precision-aware overlap)'),
  },
  {
    q: 'Words in title, summary or body',
    sorts: ARTICLE_SORTS,
    sortHelp: 'id = order of ingestion (default); published = publication date, unknown dates last; title',
    facets: ['topic', 'year', 'publisher', 'language', 'section'],
  },
)

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
    ...TIMESTAMPS,
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

export const ArticlePatchSchema = patchSchema('ArticlePatch', {
  title: z.string().min(1).max(500),
  summary: z.string().max(2000).nullable(),
  keyPoints: z.array(z.string().min(1).max(2000)).max(50),
  section: z.string().max(200).nullable(),
  publisher: z.string().max(200).nullable(),
  byline: z.string().max(300).nullable(),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable(),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/),
  published: PartialDateSchema.nullable(),
  topics: z.array(z.string().min(1).max(100)).max(50),
})

export type ArticlePatch = z.output<typeof ArticlePatchSchema>
