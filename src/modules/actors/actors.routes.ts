import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { z } from 'zod'
import { type Columns, LIST_FORMATS, negotiate, streamList } from '../../lib/formats.js'
import { linkNext } from '../../lib/list.js'
import { ProblemSchema } from '../../lib/problems.js'
import { IdOrSlugParams } from '../../domain/refs.js'
import { actorsRepository } from './actors.repository.js'
import { ActorListQuery, ActorListSchema, ActorSchema, type ActorSummarySchema } from './actors.schemas.js'
import { NoContent, WRITE_ERRORS } from '../../lib/write-route.js'
import { BEARER_SECURITY } from '../../plugins/auth.js'
import { ActorMergeSchema, ActorPatchSchema } from './actors.schemas.js'
import { actorWrites } from './actors.writes.js'

const errors = { 400: ProblemSchema, 404: ProblemSchema, 410: ProblemSchema, 429: ProblemSchema, 500: ProblemSchema }

const CSV_COLUMNS: Columns<z.output<typeof ActorSummarySchema>> = {
  id: (a) => a.id,
  slug: (a) => a.slug,
  name: (a) => a.name,
  kind: (a) => a.kind,
  country: (a) => a.country,
  title: (a) => a.title,
  description: (a) => a.description,
  wikidataId: (a) => a.wikidataId,
  aliases: (a) => a.aliases.join(';'),
  createdAt: (a) => a.createdAt,
  updatedAt: (a) => a.updatedAt,
}

export const actorRoutes: FastifyPluginAsyncZod = async (app) => {
  const repo = actorsRepository(app.db.read)

  app.get(
    '/actors',
    {
      schema: {
        tags: ['actors'],
        operationId: 'listActors',
        summary: 'List actors',
        querystring: ActorListQuery,
        response: { 200: ActorListSchema, ...errors },
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
          'actors',
        )
      const { rows, page, facets } = await repo.list(query)
      linkNext(request, reply, page.nextCursor)
      return { data: rows, page, ...(facets ? { facets } : {}) }
    },
  )

  app.get(
    '/actors/:idOrSlug',
    {
      schema: {
        tags: ['actors'],
        operationId: 'getActor',
        summary: 'One actor with aliases, affiliations, claims made and about it, and its events',
        description: 'A merged actor answers 308 with the survivor in Location.',
        params: IdOrSlugParams,
        response: { 200: ActorSchema, 308: ProblemSchema.describe('Merged: see Location'), ...errors },
      },
    },
    async (request, reply) => {
      const { id, redirect } = await repo.resolve(request.params.idOrSlug)
      if (redirect) return reply.redirect(`/v1/actors/${redirect}`, 308)
      return repo.get(id)
    },
  )

  const writes = actorWrites(app.db)

  app.patch(
    '/actors/:idOrSlug',
    {
      config: { scope: 'write' },
      schema: {
        tags: ['actors'],
        operationId: 'patchActor',
        summary: 'Change an actor',
        security: BEARER_SECURITY,
        params: IdOrSlugParams,
        body: ActorPatchSchema,
        response: { 200: ActorSchema, ...WRITE_ERRORS },
      },
    },
    async (request) => repo.get(await writes.patch(request.params.idOrSlug, request.body, request.apiKey?.id ?? null)),
  )

  app.delete(
    '/actors/:idOrSlug',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['actors'],
        operationId: 'deleteActor',
        summary: 'Delete an actor nothing refers to (admin)',
        description: 'An actor that claims or events refer to cannot be deleted (409): merge it instead.',
        security: BEARER_SECURITY,
        params: IdOrSlugParams,
        response: { 204: NoContent, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => {
      await writes.remove(request.params.idOrSlug, request.apiKey?.id ?? null)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/actors/:idOrSlug/merge',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['actors'],
        operationId: 'mergeActor',
        summary: 'Merge a duplicate actor into this one (admin)',
        description:
          "Moves every claim, alias, participation, article link and affiliation of `duplicate` to the actor in the path. The duplicate's id and slug then answer 308 to this actor.",
        security: BEARER_SECURITY,
        params: IdOrSlugParams,
        body: ActorMergeSchema,
        response: { 200: ActorSchema, ...WRITE_ERRORS },
      },
    },
    async (request) =>
      repo.get(await writes.merge(request.params.idOrSlug, request.body.duplicate, request.apiKey?.id ?? null)),
  )
}
