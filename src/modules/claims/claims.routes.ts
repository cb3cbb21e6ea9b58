import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { z } from 'zod'
import { type Columns, LIST_FORMATS, negotiate, streamList } from '../../lib/formats.js'
import { linkNext } from '../../lib/list.js'
import { ProblemSchema } from '../../lib/problems.js'
import { IdParams } from '../../domain/refs.js'
import { claimsRepository } from './claims.repository.js'
import { ClaimListQuery, ClaimListSchema, ClaimSchema } from './claims.schemas.js'
import { NoContent, WRITE_ERRORS } from '../../lib/write-route.js'
import { BEARER_SECURITY } from '../../plugins/auth.js'
import { ClaimPatchSchema } from './claims.schemas.js'
import { claimWrites } from './claims.writes.js'

const errors = { 400: ProblemSchema, 404: ProblemSchema, 410: ProblemSchema, 429: ProblemSchema, 500: ProblemSchema }

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
  const repo = claimsRepository(app.db.read)

  app.get(
    '/claims',
    {
      schema: {
        tags: ['claims'],
        operationId: 'listClaims',
        summary: 'List claims: who said what about whom',
        querystring: ClaimListQuery,
        response: { 200: ClaimListSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { format: param, ...query } = request.query
      const format = negotiate(request, LIST_FORMATS, param)
      if (format !== 'json')
        return streamList(
          reply,
          format,
          CSV_COLUMNS,
          (cursor) => repo.list({ ...query, limit: 100, cursor, count: false }),
          'claims',
        )
      const { rows, page, facets } = await repo.list(query)
      linkNext(request, reply, page.nextCursor)
      return { data: rows, page, ...(facets ? { facets } : {}) }
    },
  )

  app.get(
    '/claims/:id',
    {
      schema: {
        tags: ['claims'],
        operationId: 'getClaim',
        summary: 'One claim with claimants, subjects, its evidence passage and its links',
        params: IdParams,
        response: { 200: ClaimSchema, ...errors },
      },
    },
    async (request) => repo.get(request.params.id),
  )

  const writes = claimWrites(app.db)

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
      await writes.patch(request.params.id, request.body, request.apiKey?.id ?? null)
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
      await writes.remove(request.params.id, request.apiKey?.id ?? null)
      return reply.code(204).send(null)
    },
  )
}
