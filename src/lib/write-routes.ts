// PATCH and DELETE routes of a resource, written once: the scope they need, the bearer security
// requirement, the documented errors, and the audit key passed to the writer.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { z } from 'zod'
import { keyIdOf } from './http.js'
import { BEARER_SECURITY, NoContent, WRITE_ERRORS } from './responses.js'

type ZodApp = Parameters<FastifyPluginAsyncZod>[0]

interface RouteDoc<Param extends string> {
  /** e.g. '/claims/:id' */
  path: string
  /** The path parameter naming the record, and its schema. */
  param: Param
  params: z.ZodType<Record<Param, string>>
  tags: string[]
  operationId: string
  summary: string
  description?: string
}

const doc = <P extends string>(d: RouteDoc<P>) => ({
  tags: d.tags,
  operationId: d.operationId,
  summary: d.summary,
  ...(d.description ? { description: d.description } : {}),
  security: BEARER_SECURITY,
  params: d.params,
})

/** PATCH `path` (scope write): applies the writer's patch and answers the record as GET does. */
export function patchRoute<P extends string, Body>(
  app: ZodApp,
  def: RouteDoc<P> & {
    body: z.ZodType<Body>
    response: z.ZodType
    patch: (token: string, body: Body, keyId: string | null) => Promise<unknown>
  },
): void {
  app.patch(
    def.path,
    {
      config: { scope: 'write' },
      schema: { ...doc(def), body: def.body, response: { 200: def.response, ...WRITE_ERRORS } },
    },
    // The type provider cannot follow generic schemas: params and body are what def.params and def.body parsed.
    async (request) =>
      def.patch((request.params as Record<P, string>)[def.param], request.body as Body, keyIdOf(request)),
  )
}

/** DELETE `path` (scope admin): 204 once the writer has removed the record. */
export function deleteRoute<P extends string>(
  app: ZodApp,
  def: RouteDoc<P> & { remove: (token: string, keyId: string | null) => Promise<void> },
): void {
  app.delete(
    def.path,
    { config: { scope: 'admin' }, schema: { ...doc(def), response: { 204: NoContent, ...WRITE_ERRORS } } },
    async (request, reply) => {
      // As above: params are what def.params parsed.
      await def.remove((request.params as Record<P, string>)[def.param], keyIdOf(request))
      return reply.code(204).send(null)
    },
  )
}
