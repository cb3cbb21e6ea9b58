import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { z } from 'zod'
import { IdParams } from '../../domain/refs.js'
import type { Columns } from '../../lib/formats.js'
import { keyIdOf } from '../../lib/http.js'
import { listRoute } from '../../lib/list.js'
import { NoContent, READ_ERRORS, WRITE_ERRORS } from '../../lib/responses.js'
import { BEARER_SECURITY } from '../../plugins/auth.js'
import { ClaimListQuery, ClaimListSchema, ClaimSchema } from './claims.schemas.js'
import { ClaimPatchSchema } from './claims.writes.js'

const CSV_COLUMNS: Columns<z.output<typeof ClaimSchema>> = {
  id: (c) => c.id,
  articleId: (c) => c.article.id,
  articleSlug: (c) => c.article.slug,
  kind: (c) => c.kind,
  modality: (c) => c.modality,
  summary: (c) => c.summary,
  quote: (c) => c.quote?.text,
  claimants: (c) => c.claimants.map((a) => a.slug).join(';'),
  about: (c) => c.about.map((a) => a.slug).join(';'),
  stated: (c) => c.stated?.date,
  statedPrecision: (c) => c.stated?.precision,
  statedText: (c) => c.stated?.text,
  evidenceStart: (c) => c.evidence.start,
  evidenceEnd: (c) => c.evidence.end,
  evidence: (c) => c.evidence.exact,
  extraction: (c) => c.extraction.method,
  confidence: (c) => c.extraction.confidence,
  reviewed: (c) => c.extraction.reviewed,
}

export const claimRoutes: FastifyPluginAsyncZod = async (app) => {
  const repo = app.repos.claims
  const writes = app.writers.claims

  listRoute(app, {
    path: '/claims',
    tags: ['claims'],
    operationId: 'listClaims',
    summary: 'List claims: who said what about whom',
    querystring: ClaimListQuery,
    response: ClaimListSchema,
    errors: READ_ERRORS,
    columns: CSV_COLUMNS,
    filename: 'claims',
    list: (query) => repo.list(query),
  })

  app.get(
    '/claims/:id',
    {
      schema: {
        tags: ['claims'],
        operationId: 'getClaim',
        summary: 'One claim with claimants, subjects, its evidence passage and its links',
        params: IdParams,
        response: { 200: ClaimSchema, ...READ_ERRORS },
      },
    },
    async (request) => repo.get(request.params.id),
  )

  app.patch(
    '/claims/:id',
    {
      config: { scope: 'write' },
      schema: {
        tags: ['claims'],
        operationId: 'patchClaim',
        summary: 'Change a claim',
        description:
          'Validated as on ingest: evidence and quote must select their exact text in the article body; actors must exist.',
        security: BEARER_SECURITY,
        params: IdParams,
        body: ClaimPatchSchema,
        response: { 200: ClaimSchema, ...WRITE_ERRORS },
      },
    },
    async (request) => {
      await writes.patch(request.params.id, request.body, keyIdOf(request))
      return repo.get(request.params.id)
    },
  )

  app.delete(
    '/claims/:id',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['claims'],
        operationId: 'deleteClaim',
        summary: 'Delete a claim (admin); it answers 410 from then on',
        security: BEARER_SECURITY,
        params: IdParams,
        response: { 204: NoContent, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => {
      await writes.remove(request.params.id, keyIdOf(request))
      return reply.code(204).send(null)
    },
  )
}
