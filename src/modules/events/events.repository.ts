import type { z } from 'zod'
import { dateFrom, evidence, extraction, location, stringArray } from '../../db/columns.js'
import { countryFacetSql, dayBounds, type EventFilter, eventFilter, given } from '../../db/item-filters.js'
import { type EventRow, eventRows } from '../../db/item-rows.js'
import { type ListFilter, listSqlReader, runSqlList, yearSql } from '../../db/list-sql.js'
import { type Finder, filterId, liveRow } from '../../db/resolve.js'
import { searchIds } from '../../db/search.js'
import { actorRef } from '../../domain/refs.js'
import { type FacetValue, topValues } from '../../lib/facets.js'
import type { ListPage } from '../../lib/list.js'
import { parseSearch } from '../../lib/search-query.js'
import type { EventListQuery, EventSchema } from './events.schemas.js'
import type { Sql } from '../../db/sql.js'

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

/** The events list, whatever the query: its sorts, the expression each column facet counts, the mapping. */
const LIST = {
  resource: 'events',
  sorts: { id: { field: 'id' }, date: { field: 'dateFrom', nullable: true } },
  facets: { type: 'e.type', status: 'e.status', quadClass: 'e."quadClass"', year: yearSql('e."dateFrom"') },
  map: toEvent,
} as const

export function eventsRepository(raw: Sql, find: Finder) {
  const rows = eventRows(raw)
  const sql = listSqlReader(raw)

  /**
   * The country facet means what the country filter means: the location's country or any
   * participant's, each event counted once per country; events with neither count under null.
   */
  async function countryFacet(filter: ListFilter): Promise<FacetValue[]> {
    const q = countryFacetSql(filter)
    const all = await raw.all<FacetValue>(q.sql, q.params)
    const none = all.find((v) => v.value === null)
    const values = topValues(all.filter((v) => v.value !== null))
    if (none && none.count > 0) values.push(none)
    return values
      .filter((v) => v.count > 0)
      .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)))
  }

  return {
    async list(q: z.output<typeof EventListQuery>): Promise<ListPage<Event>> {
      const f: EventFilter = { participants: [] }
      for (const [token, role] of [
        [q.actor, undefined],
        [q.initiator, 'initiator'],
        [q.target, 'target'],
      ] as const)
        if (token !== undefined) f.participants.push({ actorId: await filterId(find, 'actor', token), role })
      Object.assign(f, given(q, ['type', 'status', 'country', 'reviewed']), dayBounds(q.from, q.to))
      if (q.article !== undefined) f.articleId = await filterId(find, 'article', q.article)
      if (q.q !== undefined) f.ids = await searchIds(raw, parseSearch(q.q), 'event')
      const filter = eventFilter(f)
      // country is the one facet that is not a column's values.
      return runSqlList(sql, LIST, q, filter, rows, () => countryFacet(filter))
    },

    async get(id: string): Promise<Event> {
      return toEvent(liveRow('event', id, (await rows([id]))[0] ?? null))
    },
  }
}
