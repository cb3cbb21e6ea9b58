import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { anchorClaimPatch, needsAnchoring } from '../../domain/anchor.js'
import { unprocessable } from '../../ingest/edit-checks.js'
import type { z } from 'zod'
import { IdParams } from '../../domain/refs.js'
import { type Columns, dateCsvColumns, fieldColumns } from '../../lib/formats.js'
import { resourceRoutes } from '../../lib/resource-routes.js'
import { ClaimListQuery, ClaimListSchema, ClaimSchema } from './claims.schemas.js'
import { ClaimPatchSchema } from './claims.schemas.js'

type Row = z.output<typeof ClaimSchema>

const CSV_COLUMNS: Columns<Row> = {
  id: (x) => x.id,
  articleId: (c) => c.article.id,
  articleSlug: (c) => c.article.slug,
  ...fieldColumns<Row>('kind', 'modality', 'summary'),
  quote: (c) => c.quote?.text,
  claimants: (c) => c.claimants.map((a) => a.slug).join(';'),
  about: (c) => c.about.map((a) => a.slug).join(';'),
  ...dateCsvColumns<Row>('stated', (c) => c.stated),
  evidenceStart: (c) => c.evidence.start,
  evidenceEnd: (c) => c.evidence.end,
  evidence: (c) => c.evidence.exact,
  extraction: (c) => c.extraction.method,
  confidence: (c) => c.extraction.confidence,
  reviewed: (c) => c.extraction.reviewed,
}

const CLAIMS = { name: 'claims', record: 'Claim', param: 'id', params: IdParams } as const

export const claimRoutes: FastifyPluginAsyncZod = async (app) => {
  const repo = app.repos.claims
  resourceRoutes(app, {
    ...CLAIMS,
    repo,
    writes: app.writers.claims,
    list: {
      summary: 'List claims: who said what about whom',
      querystring: ClaimListQuery,
      response: ClaimListSchema,
      columns: CSV_COLUMNS,
    },
    get: { summary: 'One claim with claimants, subjects, its evidence passage and its links', response: ClaimSchema },
    patch: {
      summary: 'Change a claim',
      description:
        'Validated as on ingest: evidence and quote must select their exact text in the article body; actors must exist.',
      body: ClaimPatchSchema,
      // Evidence or a quote given by its text alone is found in the article body first.
      prepare: async (id, body) => {
        if (!needsAnchoring(body)) return
        const stored = await repo.passage(id)
        if (!stored) return // the handler answers 404 or 410
        const problems = anchorClaimPatch(stored.body, body, stored.evidence)
        if (problems.length > 0) throw unprocessable(problems)
      },
    },
    delete: { summary: 'Delete a claim (admin); it answers 410 from then on' },
  })
}
