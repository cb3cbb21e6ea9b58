// Liveness and readiness.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ProblemSchema } from '../../lib/problems.js'
import { pendingMigrations } from './system.repository.js'

const HealthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' })
const ReadySchema = z
  .object({
    status: z.literal('ready'),
    migrations: z.int().describe('Migrations applied'),
    articles: z.int().describe('Articles stored'),
  })
  .meta({ id: 'Ready' })

export const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        operationId: 'getHealth',
        summary: 'Liveness: the process answers',
        // Rate-limited like every route; 503 while the server shuts down (plugins/shutdown.ts).
        response: { 200: HealthSchema, 429: ProblemSchema, 503: ProblemSchema },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store')
      return { status: 'ok' as const }
    },
  )

  app.get(
    '/ready',
    {
      schema: {
        tags: ['system'],
        operationId: 'getReady',
        summary: 'Readiness: the database answers and every migration is applied',
        response: { 200: ReadySchema, 429: ProblemSchema, 503: ProblemSchema },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store')
      const state = await pendingMigrations(app.db.read, app.db.url)
      return { status: 'ready' as const, migrations: state.applied, articles: state.articles }
    },
  )
}
