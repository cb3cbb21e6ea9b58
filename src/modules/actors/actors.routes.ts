import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { z } from 'zod'
import { IdOrSlugParams } from '../../domain/refs.js'
import { type Columns, fieldColumns } from '../../lib/formats.js'
import { keyIdOf } from '../../lib/http.js'
import { resourceRoutes } from '../../lib/resource-routes.js'
import { NoContent, WRITE_ERRORS } from '../../lib/responses.js'
import { BEARER_SECURITY } from '../../plugins/auth.js'
import { ActorListQuery, ActorListSchema, ActorSchema, type ActorSummarySchema } from './actors.schemas.js'
import { ActorMergeSchema, ActorPatchSchema } from './actors.schemas.js'

type Row = z.output<typeof ActorSummarySchema>

const CSV_COLUMNS: Columns<Row> = {
  ...fieldColumns<Row>('id', 'slug', 'name', 'kind', 'country', 'title', 'description', 'wikidataId'),
  aliases: (a) => a.aliases.join(';'),
  ...fieldColumns<Row>('createdAt', 'updatedAt'),
}

const ACTORS = { name: 'actors', record: 'Actor', param: 'idOrSlug', params: IdOrSlugParams } as const

export const actorRoutes: FastifyPluginAsyncZod = async (app) => {
  const repo = app.repos.actors
  const writes = app.writers.actors

  resourceRoutes(app, {
    ...ACTORS,
    repo,
    writes,
    list: { summary: 'List actors', querystring: ActorListQuery, response: ActorListSchema, columns: CSV_COLUMNS },
    get: {
      summary: 'One actor with aliases, affiliations, claims made and about it, and its events',
      description: 'A merged actor answers 308 with the survivor in Location.',
      response: ActorSchema,
      also: { 308: NoContent.describe('Merged: the surviving actor is in Location (no body)') },
      get: async (token, reply) => {
        const { id, redirect } = await repo.resolve(token)
        if (redirect) return reply.redirect(`/v1/actors/${redirect}`, 308)
        return repo.get(id)
      },
    },
    patch: { summary: 'Change an actor', body: ActorPatchSchema },
    delete: {
      summary: 'Delete an actor nothing refers to (admin)',
      description: 'An actor that claims or events refer to cannot be deleted (409): merge it instead.',
    },
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
