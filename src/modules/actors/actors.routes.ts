import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { z } from 'zod'
import { IdOrSlugParams } from '../../domain/refs.js'
import type { Columns } from '../../lib/formats.js'
import { keyIdOf } from '../../lib/http.js'
import { listRoute } from '../../lib/list.js'
import { deleteRoute, patchRoute } from '../../lib/write-routes.js'
import { ProblemSchema } from '../../lib/problems.js'
import { READ_ERRORS, WRITE_ERRORS } from '../../lib/responses.js'
import { BEARER_SECURITY } from '../../plugins/auth.js'
import { ActorListQuery, ActorListSchema, ActorSchema, type ActorSummarySchema } from './actors.schemas.js'
import { ActorMergeSchema, ActorPatchSchema } from './actors.schemas.js'

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
  const repo = app.repos.actors
  const writes = app.writers.actors

  listRoute(app, {
    path: '/actors',
    tags: ['actors'],
    operationId: 'listActors',
    summary: 'List actors',
    querystring: ActorListQuery,
    response: ActorListSchema,
    errors: READ_ERRORS,
    columns: CSV_COLUMNS,
    filename: 'actors',
    list: (query) => repo.list(query),
  })

  app.get(
    '/actors/:idOrSlug',
    {
      schema: {
        tags: ['actors'],
        operationId: 'getActor',
        summary: 'One actor with aliases, affiliations, claims made and about it, and its events',
        description: 'A merged actor answers 308 with the survivor in Location.',
        params: IdOrSlugParams,
        response: { 200: ActorSchema, 308: ProblemSchema.describe('Merged: see Location'), ...READ_ERRORS },
      },
    },
    async (request, reply) => {
      const { id, redirect } = await repo.resolve(request.params.idOrSlug)
      if (redirect) return reply.redirect(`/v1/actors/${redirect}`, 308)
      return repo.get(id)
    },
  )

  patchRoute(app, {
    path: '/actors/:idOrSlug',
    param: 'idOrSlug',
    params: IdOrSlugParams,
    tags: ['actors'],
    operationId: 'patchActor',
    summary: 'Change an actor',
    body: ActorPatchSchema,
    response: ActorSchema,
    patch: async (token, body, keyId) => repo.get(await writes.patch(token, body, keyId)),
  })

  deleteRoute(app, {
    path: '/actors/:idOrSlug',
    param: 'idOrSlug',
    params: IdOrSlugParams,
    tags: ['actors'],
    operationId: 'deleteActor',
    summary: 'Delete an actor nothing refers to (admin)',
    description: 'An actor that claims or events refer to cannot be deleted (409): merge it instead.',
    remove: (token, keyId) => writes.remove(token, keyId),
  })

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
    async (request) => repo.get(await writes.merge(request.params.idOrSlug, request.body.duplicate, keyIdOf(request))),
  )
}
