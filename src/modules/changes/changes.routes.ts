// GET /v1/changes: an ordered feed of created, updated, merged and deleted records, so a client
// can mirror Geobrief incrementally (ACLED has a separate /deleted endpoint; this is one feed).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { linkNext } from '../../lib/list.js'
import { ProblemError, ProblemSchema } from '../../lib/problems.js'
import { ChangeListSchema, ChangesQuery } from './changes.schemas.js'

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
      const rows = await app.repos.changes.after(pos, entity, limit + 1)
      const page = rows.slice(0, limit)
      const last = page[page.length - 1]
      const nextCursor = rows.length > limit && last ? encode(last.seq) : null
      const resume = last ? encode(last.seq) : (since ?? encode(0))
      linkNext(request, reply, nextCursor, 'since')
      reply.header('cache-control', 'no-cache')
      return {
        data: page,
        page: { limit, nextCursor, resume },
      }
    },
  )
}
