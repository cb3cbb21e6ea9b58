import type { z } from 'zod'
import { searchIds } from '../../db/search.js'
import type { PrismaClient } from '../../generated/prisma/client.js'
import { parseSearch } from '../../lib/search-query.js'
import { boundRange } from '../../lib/dates.js'
import { facetValues, type GroupBy, yearOf } from '../../lib/facets.js'
import { type ListPage, runList } from '../../lib/list.js'
import { sortSpec } from '../../lib/pagination.js'
import { ProblemError } from '../../lib/problems.js'
import { actorRef, actorRefSelect, articleRefSelect } from '../../lib/refs.js'
import { evidence, partialDate, stringArray } from '../../lib/shape.js'
import { resolveActorId } from '../articles/articles.repository.js'
import type { EventListQuery, EventSchema } from './events.schemas.js'

type Event = z.output<typeof EventSchema>

const select = {
  id: true,
  title: true,
  description: true,
  type: true,
  extension: true,
  subtype: true,
  mode: true,
  contexts: true,
  quadClass: true,
  status: true,
  modality: true,
  startDate: true,
  startPrecision: true,
  startApprox: true,
  startText: true,
  endDate: true,
  endPrecision: true,
  endApprox: true,
  endText: true,
  dateFrom: true,
  locationName: true,
  locationCountry: true,
  latitude: true,
  longitude: true,
  extractionMethod: true,
  extractor: true,
  confidence: true,
  reviewed: true,
  createdAt: true,
  updatedAt: true,
  participants: { orderBy: { position: 'asc' as const }, select: { role: true, actor: { select: actorRefSelect } } },
  reports: {
    where: { article: { deletedAt: null } },
    orderBy: { createdAt: 'asc' as const },
    select: {
      evidenceStart: true,
      evidenceEnd: true,
      evidenceExact: true,
      evidencePrefix: true,
      evidenceSuffix: true,
      article: { select: articleRefSelect },
    },
  },
} as const

// biome-ignore lint/suspicious/noExplicitAny: row shape follows `select` above
type Row = any

function toEvent(r: Row): Event {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    type: r.type,
    extension: r.extension,
    subtype: r.subtype,
    mode: r.mode,
    contexts: stringArray(r.contexts) as Event['contexts'],
    quadClass: r.quadClass,
    status: r.status,
    modality: r.modality,
    start: partialDate(r.startDate, r.startPrecision, r.startApprox, r.startText),
    end: partialDate(r.endDate, r.endPrecision, r.endApprox, r.endText),
    location: r.locationName
      ? { name: r.locationName, country: r.locationCountry, latitude: r.latitude, longitude: r.longitude }
      : null,
    participants: r.participants.map((p: { role: Event['participants'][number]['role']; actor: never }) => ({
      role: p.role,
      actor: actorRef(p.actor),
    })),
    reports: r.reports.map((rep: Row) => ({ article: rep.article, evidence: evidence(rep) })),
    extraction: { method: r.extractionMethod, extractor: r.extractor, confidence: r.confidence, reviewed: r.reviewed },
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }
}

export function eventsRepository(db: PrismaClient) {
  return {
    async list(q: z.output<typeof EventListQuery>): Promise<ListPage<Event>> {
      const where: Record<string, unknown>[] = [{ deletedAt: null }]
      const role = async (idOrSlug: string, r?: string) => ({
        participants: { some: { actorId: (await resolveActorId(db, idOrSlug)) ?? '', ...(r ? { role: r } : {}) } },
      })
      if (q.actor !== undefined) where.push(await role(q.actor))
      if (q.initiator !== undefined) where.push(await role(q.initiator, 'initiator'))
      if (q.target !== undefined) where.push(await role(q.target, 'target'))
      if (q.type !== undefined) where.push({ type: q.type })
      if (q.status !== undefined) where.push({ status: q.status })
      if (q.from !== undefined) where.push({ dateTo: { gte: boundRange(q.from).from } })
      if (q.to !== undefined) where.push({ dateFrom: { lte: boundRange(q.to).to } })
      if (q.article !== undefined) {
        const art = await db.article.findFirst({
          where: { OR: [{ id: q.article }, { slug: q.article }] },
          select: { id: true },
        })
        where.push({ reports: { some: { articleId: art?.id ?? '' } } })
      }
      if (q.country !== undefined)
        where.push({
          OR: [{ locationCountry: q.country }, { participants: { some: { actor: { country: q.country } } } }],
        })
      if (q.q !== undefined) where.push({ id: { in: await searchIds(db, parseSearch(q.q), 'event') } })
      let facets: ListPage<unknown>['facets']
      if (q.facets?.length) {
        const out: Record<string, Array<{ value: string | number | null; count: number }>> = {}
        for (const f of q.facets) {
          const field = f === 'year' ? 'dateFrom' : f === 'country' ? 'locationCountry' : f
          const rows = await (db.event.groupBy as unknown as GroupBy)({
            by: [field],
            where: { AND: where },
            _count: { _all: true },
          })
          out[f] = facetValues(rows as never, field, f === 'year' ? yearOf : undefined)
        }
        facets = out
      }
      const { limit, cursor, count, sort, facets: _f, ...filters } = q
      const byDate = sort.replace('-', '') === 'date'
      const page = await runList<Row>({
        resource: 'events',
        sort,
        spec: sortSpec(sort, { id: { field: 'id' }, date: { field: 'dateFrom', nullable: true } }),
        filters,
        where: { AND: where },
        limit,
        cursor,
        count,
        find: (args) => db.event.findMany({ ...args, select }),
        total: (w) => db.event.count({ where: w }),
        sortValue: (r) => (byDate ? r.dateFrom : r.id),
        id: (r) => r.id,
      })
      return { rows: page.rows.map(toEvent), page: page.page, facets }
    },

    async get(id: string): Promise<Event> {
      const r = await db.event.findUnique({ where: { id }, select: { ...select, deletedAt: true } })
      if (!r) throw new ProblemError('not-found', `No event "${id}"`)
      if (r.deletedAt) throw new ProblemError('gone', `Event "${id}" was deleted`)
      return toEvent(r)
    },
  }
}
