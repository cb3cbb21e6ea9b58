import type { z } from 'zod'
import { searchIds } from '../../db/search.js'
import type { PrismaClient } from '../../generated/prisma/client.js'
import { parseSearch } from '../../lib/search-query.js'
import { boundRange } from '../../domain/dates.js'
import { facetValues, type GroupBy, yearOf } from '../../lib/facets.js'
import { type ListPage, runList } from '../../lib/list.js'
import { sortSpec } from '../../lib/pagination.js'
import { ProblemError } from '../../lib/problems.js'
import { actorRef, actorRefSelect, articleRefSelect } from '../../domain/refs.js'
import { evidence, partialDate, stringArray } from '../../db/columns.js'
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
  const countryWhere = (c: string) => ({
    OR: [{ locationCountry: c }, { participants: { some: { actor: { country: c } } } }],
  })
  /**
   * The country facet means what the country filter means: the location's country or any
   * participant's. Candidate countries come from one grouped query; each is then counted with
   * the filter itself (top 50 candidates), so facet and filter always agree.
   */
  async function countryFacet(where: Record<string, unknown>) {
    const [byLocation, byActor] = await Promise.all([
      db.event.groupBy({ by: ['locationCountry'], where, _count: { _all: true } }),
      db.actor.groupBy({
        by: ['country'],
        where: { country: { not: null }, participation: { some: { event: where } } },
        _count: { _all: true },
      }),
    ])
    const weight = new Map<string, number>()
    for (const r of byLocation)
      if (r.locationCountry) weight.set(r.locationCountry, (weight.get(r.locationCountry) ?? 0) + r._count._all)
    for (const r of byActor) if (r.country) weight.set(r.country, (weight.get(r.country) ?? 0) + r._count._all)
    const candidates = [...weight]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 50)
      .map(([c]) => c)
    const counts = await Promise.all(
      candidates.map((c) => db.event.count({ where: { AND: [where, countryWhere(c)] } })),
    )
    const none = await db.event.count({
      where: {
        AND: [where, { locationCountry: null }, { participants: { none: { actor: { country: { not: null } } } } }],
      },
    })
    const values: Array<{ value: string | null; count: number }> = candidates.map((value, i) => ({
      value,
      count: counts[i] ?? 0,
    }))
    if (none > 0) values.push({ value: null, count: none })
    return values
      .filter((v) => v.count > 0)
      .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)))
  }

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
          if (f === 'country') {
            out[f] = await countryFacet({ AND: where })
            continue
          }
          const field = f === 'year' ? 'dateFrom' : f
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
