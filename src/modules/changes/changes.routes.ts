// GET /v1/changes: an ordered feed of created, updated, merged and deleted records, so a client
// can mirror Geobrief incrementally (ACLED has a separate /deleted endpoint; this is one feed).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { LimitSchema } from '../../lib/pagination.js'
import { ProblemError, ProblemSchema } from '../../lib/problems.js'

const ChangesQuery = z
  .object({
    since: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe(
        'An ISO 8601 timestamp (changes after it) or a cursor from a previous page (page.nextCursor or page.resume)',
      ),
    entity: z.enum(['article', 'actor', 'claim', 'event']).optional(),
    limit: LimitSchema,
  })
  .strict()

const ChangeSchema = z
  .object({
    seq: z.int().describe('Position in the feed'),
    entity: z.enum(['article', 'actor', 'claim', 'event']),
    id: z.string(),
    action: z.enum(['created', 'updated', 'deleted', 'merged']),
    mergedInto: z.string().nullable().describe('For merged actors: the survivor'),
    keyId: z
      .string()
      .nullable()
      .describe('Id (not the secret) of the API key that made the change; null for the seed loader'),
    at: z.string(),
  })
  .meta({ id: 'Change' })

const ChangeListSchema = z
  .object({
    data: z.array(ChangeSchema),
    page: z.object({
      limit: z.int(),
      nextCursor: z.string().nullable().describe('Next page, null when this page reaches the end of the feed'),
      resume: z.string().describe('Pass as since= later to get only what changed after this page'),
    }),
  })
  .meta({ id: 'ChangeList' })

const encode = (seq: number) => `seq_${seq}`

function position(since: string | undefined): { seq?: number; at?: Date } {
  if (since === undefined) return {}
  const m = /^seq_(\d{1,15})$/.exec(since)
  if (m) return { seq: Number(m[1]) }
  const at = z.iso.datetime({ offset: true }).safeParse(since)
  if (at.success) return { at: new Date(at.data) }
  throw new ProblemError('validation', 'since must be an ISO 8601 timestamp or a cursor from this feed', {
    errors: [{ pointer: '/query/since', message: 'expected an ISO 8601 timestamp or seq_<n>' }],
  })
}

export const changeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/changes',
    {
      schema: {
        tags: ['changes'],
        operationId: 'listChanges',
        summary: 'Feed of changes, oldest first',
        querystring: ChangesQuery,
        response: { 200: ChangeListSchema, 400: ProblemSchema, 429: ProblemSchema, 500: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { since, entity, limit } = request.query
      const pos = position(since)
      const rows = await app.db.read.change.findMany({
        where: {
          ...(pos.seq !== undefined ? { seq: { gt: pos.seq } } : {}),
          ...(pos.at !== undefined ? { at: { gt: pos.at } } : {}),
          ...(entity ? { entity } : {}),
        },
        orderBy: { seq: 'asc' },
        take: limit + 1,
      })
      const page = rows.slice(0, limit)
      const last = page[page.length - 1]
      const nextCursor = rows.length > limit && last ? encode(last.seq) : null
      const resume = last ? encode(last.seq) : (since ?? encode(0))
      if (nextCursor) {
        const url = new URL(request.url, 'http://local')
        url.searchParams.set('since', nextCursor)
        reply.header('link', `<${url.pathname}${url.search}>; rel="next"`)
      }
      reply.header('cache-control', 'no-cache')
      return {
        data: page.map((c) => ({
          seq: c.seq,
          entity: c.entity as 'article',
          id: c.entityId,
          action: c.action as 'created',
          mergedInto: c.mergedInto,
          keyId: c.keyId,
          at: c.at.toISOString(),
        })),
        page: { limit, nextCursor, resume },
      }
    },
  )
}
