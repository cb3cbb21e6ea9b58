import type BetterSqlite3 from 'better-sqlite3'
import type { z } from 'zod'
import {
  dateFrom,
  dateSelect,
  evidence,
  evidenceSelect,
  extraction,
  extractionSelect,
  location,
  locationSelect,
  stringArray,
  columnsOf,
} from '../../db/columns.js'
import { type EventRow, eventRows } from '../../db/item-rows.js'
import { type Finder, filterId, liveRow } from '../../db/resolve.js'
import { searchIds } from '../../db/search.js'
import { boundRange } from '../../domain/dates.js'
import { actorRef, actorRefSelect, articleRefSelect } from '../../domain/refs.js'
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js'
import type { FacetValue } from '../../lib/facets.js'
import { type ListPage, runList } from '../../lib/list.js'
import { parseSearch } from '../../lib/search-query.js'
import type { EventListQuery, EventSchema } from './events.schemas.js'

type Event = z.output<typeof EventSchema>

type Row = EventRow

function toEvent(r: Row): Event {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    // Vocabulary columns are written only through the zod enums of the brief and patch schemas.
    type: r.type as Event['type'],
    extension: r.extension as Event['extension'],
    subtype: r.subtype,
    mode: r.mode,
    contexts: stringArray(r.contexts) as Event['contexts'],
    quadClass: r.quadClass,
    status: r.status as Event['status'],
    modality: r.modality as Event['modality'],
    start: dateFrom(r, 'start'),
    end: dateFrom(r, 'end'),
    location: location(r),
    participants: r.participants.map((p) => ({
      role: p.role as Event['participants'][number]['role'],
      actor: actorRef(p.actor),
    })),
    reports: r.reports.map((rep) => ({ article: rep.article, evidence: evidence(rep) })),
    extraction: { ...extraction(r), reviewedBy: r.reviewedByKeyId },
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }
}

/** The country filter: the event's location is in it, or any participant's country is. */
const countryWhere = (c: string): Prisma.EventWhereInput => ({
  OR: [{ locationCountry: c }, { participants: { some: { actor: { country: c } } } }],
})

/** The events list, whatever the query; the country facet is counted by countryFacet. */
const LIST = {
  resource: 'events',
  sorts: { id: { field: 'id' }, date: { field: 'dateFrom', nullable: true } },
  // The page's ids and sort columns; its rows are read by eventRows (src/db/item-rows.ts).
  select: { id: true, dateFrom: true },
  map: toEvent,
  facetColumns: { type: 'type', status: 'status', quadClass: 'quadClass', year: 'dateFrom' },
} as const

export function eventsRepository(db: PrismaClient, raw: BetterSqlite3.Database, find: Finder) {
  const rows = eventRows(raw)
  const list = { ...LIST, rows }
  /**
   * The country facet means what the country filter means: the location's country or any
   * participant's. Candidate countries come from one grouped query; each is then counted with
   * the filter itself (top 50 candidates), so facet and filter always agree.
   */
  async function countryFacet(where: Prisma.EventWhereInput): Promise<FacetValue[]> {
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
    const values: FacetValue[] = candidates.map((value, i) => ({ value, count: counts[i] ?? 0 }))
    if (none > 0) values.push({ value: null, count: none })
    return values
      .filter((v) => v.count > 0)
      .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)))
  }

  return {
    async list(q: z.output<typeof EventListQuery>): Promise<ListPage<Event>> {
      const where: Prisma.EventWhereInput[] = [{ deletedAt: null }]
      const role = async (idOrSlug: string, r?: string): Promise<Prisma.EventWhereInput> => ({
        participants: { some: { actorId: await filterId(find, 'actor', idOrSlug), ...(r ? { role: r } : {}) } },
      })
      if (q.actor !== undefined) where.push(await role(q.actor))
      if (q.initiator !== undefined) where.push(await role(q.initiator, 'initiator'))
      if (q.target !== undefined) where.push(await role(q.target, 'target'))
      if (q.type !== undefined) where.push({ type: q.type })
      if (q.status !== undefined) where.push({ status: q.status })
      if (q.from !== undefined) where.push({ dateTo: { gte: boundRange(q.from).from } })
      if (q.to !== undefined) where.push({ dateFrom: { lte: boundRange(q.to).to } })
      if (q.article !== undefined)
        where.push({ reports: { some: { articleId: await filterId(find, 'article', q.article) } } })
      if (q.country !== undefined) where.push(countryWhere(q.country))
      if (q.reviewed !== undefined) where.push({ reviewed: q.reviewed })
      if (q.q !== undefined) where.push({ id: { in: await searchIds(db, parseSearch(q.q), 'event') } })
      // country is the one facet that is not a column's values.
      return runList(db.event, list, q, { AND: where }, () => countryFacet({ AND: where }))
    },

    async get(id: string): Promise<Event> {
      return toEvent(liveRow('event', id, rows([id])[0] ?? null))
    },
  }
}
