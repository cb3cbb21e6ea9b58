// Analysis over briefs: timeline, actor relations, pair view, positions, related claims.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { IdOrSlugParams, IdParams } from '../../domain/refs.js'
import { READ_ERRORS as errors } from '../../lib/responses.js'
import {
  ActorRelationsSchema,
  PairQuery,
  PairSchema,
  PositionsQuery,
  PositionsSchema,
  RelatedSchema,
  TimelineQuery,
  TimelineSchema,
} from './analysis.schemas.js'

export const analysisRoutes: FastifyPluginAsyncZod = async (app) => {
  const { analysis: repo, claims, events } = app.repos

  app.get(
    '/timeline',
    {
      schema: {
        tags: ['analysis'],
        operationId: 'getTimeline',
        summary: 'Events and dated claims in chronological order, grouped as precisely as their dates allow',
        description:
          'An item dated "late December 2021" sits in the group December 2021 with its wording, never on a made-up day. Items without a known date are counted in `undated`.',
        querystring: TimelineQuery,
        response: { 200: TimelineSchema, ...errors },
      },
    },
    async (request) => repo.timeline(request.query),
  )

  app.get(
    '/actors/:idOrSlug/relations',
    {
      schema: {
        tags: ['analysis'],
        operationId: 'getActorRelations',
        summary: 'The actors it shares events and claims with, with a cooperation–conflict balance',
        description:
          'Cooperative PLOVER types: AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT; conflictual: ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT. Every count lists the ids it is made of.',
        params: IdOrSlugParams,
        response: { 200: ActorRelationsSchema, ...errors },
      },
    },
    async (request) => repo.relations(request.params.idOrSlug),
  )

  app.get(
    '/relations',
    {
      schema: {
        tags: ['analysis'],
        operationId: 'getRelationPair',
        summary: 'Two actors over time: shared events and claims about each other, by month',
        querystring: PairQuery,
        response: { 200: PairSchema, ...errors },
      },
    },
    async (request) => {
      const [x, y] = request.query.actors.split(',').map((s) => s.trim()) as [string, string]
      return repo.pair([x, y], request.query.from, request.query.to)
    },
  )

  app.get(
    '/actors/:idOrSlug/positions',
    {
      schema: {
        tags: ['analysis'],
        operationId: 'getActorPositions',
        summary: 'What this actor has warned, recommended, pledged … about whom, and when',
        description:
          'The claims it made, oldest stated first (undated last), each with its quote, modality and evidence.',
        params: IdOrSlugParams,
        querystring: PositionsQuery,
        response: { 200: PositionsSchema, ...errors },
      },
    },
    async (request) => {
      const actor = await repo.actor(request.params.idOrSlug)
      const q = request.query
      const { rows, page } = await claims.list({
        claimant: actor.id,
        about: q.about,
        kind: q.kind,
        statedFrom: q.from,
        statedTo: q.to,
        sort: 'stated',
        limit: q.limit,
        cursor: q.cursor,
      })
      return { actor, data: rows, page }
    },
  )

  app.get(
    '/claims/:id/related',
    {
      schema: {
        tags: ['analysis'],
        operationId: 'getRelatedClaims',
        summary:
          'Claims and events linked to this claim (supports, contradicts, repeats, responds to, refers to event)',
        params: IdParams,
        response: { 200: RelatedSchema, ...errors },
      },
    },
    async (request) => {
      const claim = await claims.get(request.params.id)
      const links = await Promise.all(
        claim.links.map(async (l) => ({
          type: l.type,
          direction: l.direction,
          claim: l.claim ? await claims.get(l.claim.id).catch(() => null) : null,
          event: l.event ? await events.get(l.event.id).catch(() => null) : null,
        })),
      )
      return {
        claim: { id: claim.id, summary: claim.summary, article: claim.article },
        links: links.filter((l) => l.claim !== null || l.event !== null),
      }
    },
  )
}
