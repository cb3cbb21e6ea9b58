import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { BriefSchema } from '../../domain/brief.schema.js'
import { toJsonLd, toMarkdown } from '../../domain/brief.render.js'
import { BRIEF_FORMATS, type Columns, dateCsvColumns, fieldColumns, MEDIA, negotiate } from '../../lib/formats.js'
import { resourceRoutes } from '../../lib/resource-routes.js'
import { ProblemError } from '../../lib/problems.js'
import { READ_ERRORS } from '../../lib/responses.js'
import { IdOrSlugParams } from '../../domain/refs.js'
import { ArticleListQuery, ArticleListSchema, ArticleSchema, type ArticleSummarySchema } from './articles.schemas.js'
import { ArticlePatchSchema } from './articles.schemas.js'

const BriefQuery = z
  .object({
    format: z
      .enum(BRIEF_FORMATS)
      .optional()
      .describe(
        'json (default, the ingest shape), markdown (a readable brief) or jsonld (schema.org). Also chosen by Accept.',
      ),
  })
  .strict()

/** What Accept can choose: the brief formats, and (for browsers) its page, which `format` cannot name. */
const BRIEF_REPRESENTATIONS = [...BRIEF_FORMATS, 'html'] as const

type Row = z.output<typeof ArticleSummarySchema>

const CSV_COLUMNS: Columns<Row> = {
  ...fieldColumns<Row>('id', 'slug', 'title', 'summary', 'section', 'publisher', 'byline', 'url', 'language'),
  ...dateCsvColumns<Row>('published', (a) => a.published),
  topics: (a) => a.topics.join(';'),
  actors: (a) => a.counts.actors,
  claims: (a) => a.counts.claims,
  events: (a) => a.counts.events,
  ...fieldColumns<Row>('createdAt', 'updatedAt'),
}

const ARTICLES = { name: 'articles', record: 'Article', param: 'idOrSlug', params: IdOrSlugParams } as const

export const articleRoutes: FastifyPluginAsyncZod = async (app) => {
  const repo = app.repos.articles

  resourceRoutes(app, {
    ...ARTICLES,
    repo,
    writes: app.writers.articles,
    list: {
      summary: 'List articles',
      description: 'Filters combine with AND. Cursor-paginated; the Link header carries the next page.',
      querystring: ArticleListQuery,
      response: ArticleListSchema,
      columns: CSV_COLUMNS,
    },
    get: {
      summary: 'One article with its body and the actors it involves',
      response: ArticleSchema,
      get: async (token) => repo.get(await repo.resolve(token)),
    },
    patch: {
      summary: 'Change article metadata (title, summary, dates, topics …)',
      description:
        'The body cannot be patched: evidence offsets point into it. Replace the brief with PUT /v1/briefs/{slug}.',
      body: ArticlePatchSchema,
    },
    delete: {
      summary: 'Delete an article (admin)',
      description:
        'Removes the article, its claims and its reporting links; events no other article reports are deleted too; actors stay. The article and its claims answer 410 from then on.',
    },
  })

  app.get(
    '/articles/:idOrSlug/brief',
    {
      schema: {
        tags: ['articles'],
        operationId: 'getBrief',
        summary: 'The whole structured brief of an article',
        description:
          'Article, actors with their roles, claims with claimants and subjects, events with participants and dates, in the shape POST /v1/briefs accepts.',
        params: IdOrSlugParams,
        querystring: BriefQuery,
        response: { 200: BriefSchema, ...READ_ERRORS },
      },
      // The JSON brief is sent as stored (src/db/brief-docs.ts), or built field by field by
      // src/db/brief-sql.ts when its document is stale; contract tests check it against BriefSchema.
      // Skipping zod's per-response parse of a 40 KB document is the hot path's largest saving
      // (docs/decisions.md, "Read path" and "Materialised briefs").
      serializerCompiler: () => (data) => JSON.stringify(data),
      // The representation depends on Accept (cache hits included: onSend runs for them too).
      onSend: async (_request, reply, payload) => {
        reply.header('vary', 'accept')
        return payload
      },
    },
    async (request, reply) => {
      const format = negotiate(request, BRIEF_REPRESENTATIONS, request.query.format)
      // A browser asking for this brief is sent to its page (src/modules/pages/).
      if (format === 'html') return reply.redirect(`/briefs/${encodeURIComponent(request.params.idOrSlug)}`, 303)
      const id = await repo.resolve(request.params.idOrSlug)
      if (format === 'json') {
        const doc = await app.repos.briefs.document(id)
        if (!doc) throw new ProblemError('not-found', `No article "${request.params.idOrSlug}"`)
        if (doc.etag) {
          reply.header('etag', doc.etag)
          // Every format of this brief is unchanged for as long as its document's ETag is.
          request.cacheValidator = { articleId: id, etag: doc.etag }
        }
        // A string is sent as it is: the serializer above runs only for objects.
        return reply.type(MEDIA.json).send(doc.json as never)
      }
      const etag = await app.repos.briefs.etag(id)
      if (etag) request.cacheValidator = { articleId: id, etag }
      const brief = await app.repos.briefs.read(id)
      if (!brief) throw new ProblemError('not-found', `No article "${request.params.idOrSlug}"`)
      // The typed reply expects the 200 schema's shape; the other formats are sent as text (`as never`).
      if (format === 'markdown') return reply.type(MEDIA.markdown).send(toMarkdown(brief) as never)
      const base = `${request.protocol}://${request.host}`
      return reply.type(MEDIA.jsonld).send(JSON.stringify(toJsonLd(brief, base)) as never)
    },
  )
}
