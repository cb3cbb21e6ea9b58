// Ingest of whole briefs: POST creates (409 if the slug holds a different brief), PUT creates or
// replaces. Both run the one ingest path (src/ingest/ingest.ts, through app.writers.briefs), as
// `npm run seed` does.
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { type Brief, BriefSchema } from '../../domain/brief.schema.js'
import { briefSchemaProblem, parseBrief } from '../../ingest/ingest.js'
import { ProblemError, ProblemSchema } from '../../lib/problems.js'
import { BEARER_SECURITY } from '../../plugins/auth.js'
import { IngestResultSchema, SlugParams } from './briefs.schemas.js'

const errors = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  409: ProblemSchema,
  413: ProblemSchema,
  415: ProblemSchema,
  422: ProblemSchema,
  429: ProblemSchema,
  500: ProblemSchema,
  503: ProblemSchema,
}

/** Schema failures of a brief are 422s pointing into the brief (/claims/3/evidence/start), like the provenance checks. */
function briefOrThrow(request: FastifyRequest): Brief {
  const failure = request.validationError
  // Validated against BriefSchema: attachValidation only defers the error to here.
  if (!failure) return request.body as Brief
  // A body that is not yet a brief may be one once its text-only passages are anchored.
  const brief = parseBrief(request.body)
  if ((failure as { validationContext?: string }).validationContext === 'body') return brief
  // The body is a valid brief, so the path parameter failed.
  throw briefSchemaProblem([{ pointer: '', message: failure.message }])
}

export const briefRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/briefs',
    {
      config: { scope: 'write' },
      attachValidation: true,
      schema: {
        tags: ['briefs'],
        operationId: 'createBrief',
        summary: 'Add a whole brief in one transaction',
        description:
          'Stores the article, its actors (resolved to existing actors by slug, Wikidata id or name/alias), claims and events (deduplicated against stored events) atomically. Posting the same brief again changes nothing and answers 200 with the same ids; a different brief for an existing slug is a 409 (use PUT to replace).',
        security: BEARER_SECURITY,
        body: BriefSchema,
        response: { 200: IngestResultSchema, 201: IngestResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await app.writers.briefs.ingest(briefOrThrow(request), {
        mode: 'create',
        keyId: request.apiKey?.id,
      })
      if (result.status === 'created') reply.code(201).header('location', `/v1/articles/${result.slug}`)
      return result
    },
  )

  app.put(
    '/briefs/:slug',
    {
      config: { scope: 'write' },
      attachValidation: true,
      schema: {
        tags: ['briefs'],
        operationId: 'putBrief',
        summary: 'Create or replace the brief of an article',
        description:
          "Replaces the article's claims, event reports and actor links with the brief's (claim ids change; shared actors and events keep theirs). Restores a deleted article.",
        security: BEARER_SECURITY,
        params: SlugParams,
        body: BriefSchema,
        response: { 200: IngestResultSchema, 201: IngestResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      const brief = briefOrThrow(request)
      if (brief.article.slug !== request.params.slug)
        throw new ProblemError('unprocessable-brief', 'article.slug must equal the slug in the path', {
          errors: [{ pointer: '/article/slug', message: `expected "${request.params.slug}"` }],
        })
      const result = await app.writers.briefs.ingest(brief, { mode: 'replace', keyId: request.apiKey?.id })
      if (result.status === 'created') reply.code(201).header('location', `/v1/articles/${result.slug}`)
      return result
    },
  )
}
