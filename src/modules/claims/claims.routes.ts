import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { z } from 'zod'
import { IdParams } from '../../domain/refs.js'
import type { Columns } from '../../lib/formats.js'
import { listRoute } from '../../lib/list.js'
import { deleteRoute, patchRoute } from '../../lib/write-routes.js'
import { READ_ERRORS } from '../../lib/responses.js'
import { ClaimListQuery, ClaimListSchema, ClaimSchema } from './claims.schemas.js'
import { ClaimPatchSchema } from './claims.schemas.js'

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

  patchRoute(app, {
    path: '/claims/:id',
    param: 'id',
    params: IdParams,
    tags: ['claims'],
    operationId: 'patchClaim',
    summary: 'Change a claim',
    description:
      'Validated as on ingest: evidence and quote must select their exact text in the article body; actors must exist.',
    body: ClaimPatchSchema,
    response: ClaimSchema,
    patch: async (id, body, keyId) => {
      await writes.patch(id, body, keyId)
      return repo.get(id)
    },
  })

  deleteRoute(app, {
    path: '/claims/:id',
    param: 'id',
    params: IdParams,
    tags: ['claims'],
    operationId: 'deleteClaim',
    summary: 'Delete a claim (admin); it answers 410 from then on',
    remove: (token, keyId) => writes.remove(token, keyId),
  })
}
