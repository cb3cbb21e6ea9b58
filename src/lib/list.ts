// Lists, written once: a keyset-paginated page (and its facets) from any fetcher, and the
// RFC 8288 Link header to the next page. lib/resource-routes.ts registers them as routes.
import type { FastifyReply, FastifyRequest } from 'fastify'
import {
  afterCursor,
  decodeCursor,
  encodeCursor,
  filterHash,
  orderBy,
  type SortSpec,
  sortSpec,
  type SortValue,
} from './pagination.js'
import { countFacets, type FacetCounts, type FacetGroup, type FacetValue, facetValues, yearOf } from './facets.js'
import { ProblemError } from './problems.js'

/** The parameters of a list query that are not filters (the cursor hashes the rest). */
export interface ListQuery<F extends string = string> {
  sort: string
  limit: number
  cursor?: string
  count?: boolean
  facets?: readonly F[]
}

/** The filters of a list query: what a cursor is bound to. */
function filtersOf(q: ListQuery): Record<string, unknown> {
  const { limit: _l, cursor: _c, count: _n, sort: _s, facets: _f, ...filters } = q
  return filters
}

export interface ListPage<Row> {
  rows: Row[]
  page: { limit: number; nextCursor: string | null; total?: number }
  facets?: FacetCounts
}

/**
 * The calls a list makes on one Prisma model delegate (db.claim, db.event …). lib/ names no Prisma
 * type: the delegate's own where type and columns are inferred at the call.
 */
export interface ListModel<Where, Column extends string> {
  findMany(args: {
    where: Where
    orderBy: Array<Record<string, unknown>>
    take: number
    select: object
  }): Promise<unknown[]>
  count(args: { where: Where }): Promise<number>
  groupBy(args: { by: Column[]; where: Where; _count: { _all: true } }): Promise<unknown>
}

/** What a list of one Prisma model is, whatever the query: its sorts, select, mapping and facets. */
export interface ModelList<Column extends string, F extends string, Row, Out> {
  resource: string
  /** The sorts a query may name (descending with "-"), each with the column it orders by. */
  sorts: Record<string, { field: string; nullable?: boolean }>
  /** What each row selects; `map` takes the row that select gives and answers the item. */
  select: object
  map: (row: Row) => Out
  /** The column each facet counts by groupBy over the filtered rows; a `year` facet folds a date column to years. */
  facetColumns: { readonly [K in F]?: Column }
}

/**
 * A page of one Prisma model (`where` and the keyset condition combine as AND), with the facets
 * the query asks for; `facet` counts those that are not one column's values.
 */
export async function runList<Where, Column extends string, F extends string, Row, Out>(
  model: ListModel<Where, Column>,
  list: ModelList<Column, F, Row, Out>,
  query: ListQuery<F>,
  where: Where,
  facet?: (facet: F) => Promise<FacetValue[]>,
): Promise<ListPage<Out>> {
  const spec = sortSpec(query.sort, list.sorts)
  const page = await runKeysetList({
    resource: list.resource,
    query,
    spec,
    facet: async (f) => {
      const column = list.facetColumns[f]
      if (column === undefined) return (await facet?.(f)) ?? []
      const rows = (await model.groupBy({ by: [column], where, _count: { _all: true } })) as FacetGroup[]
      return facetValues(rows, column, f === 'year' ? yearOf : undefined)
    },
    fetch: async (after, take) =>
      // Prisma rows carry an id and name their columns as the spec does.
      (await model.findMany({
        // The keyset condition is a where clause on the same model's columns.
        where: after ? ({ AND: [where, afterCursor(spec, after.value, after.id)] } as Where) : where,
        orderBy: orderBy(spec),
        take,
        select: list.select,
      })) as Array<{ id: string } & Record<string, SortValue>>,
    total: () => model.count({ where }),
    sortValue: (r) => r[spec.field] ?? null,
  })
  // The rows are what `select` selected, the row type `map` takes.
  return { ...page, rows: page.rows.map((r) => list.map(r as unknown as Row)) }
}

export interface KeysetListArgs<Row extends { id: string }, F extends string> {
  resource: string
  query: ListQuery<F>
  spec: SortSpec
  facet?: (facet: F) => Promise<FacetValue[]> | FacetValue[]
  /** Up to `take` rows after the keyset position (null: from the start), in the order of `spec`. */
  fetch: (after: { value: SortValue; id: string } | null, take: number) => Promise<Row[]> | Row[]
  total: () => Promise<number> | number
  sortValue: (row: Row) => SortValue
}

/** A keyset-paginated page (and the requested facets) from any fetcher, Prisma or hand-written SQL. */
export async function runKeysetList<Row extends { id: string }, F extends string>(
  a: KeysetListArgs<Row, F>,
): Promise<ListPage<Row>> {
  const { sort, limit, cursor, count } = a.query
  const f = filterHash(filtersOf(a.query))
  let after: { value: SortValue; id: string } | null = null
  if (cursor) {
    const c = decodeCursor(cursor, { r: a.resource, s: sort, f })
    // Every sort column is text; null only where the column is nullable.
    if (!(typeof c.v === 'string' || (c.v === null && a.spec.nullable)))
      throw new ProblemError('invalid-cursor', 'The cursor is malformed; use page.nextCursor as given')
    after = { value: c.v, id: c.i }
  }
  const [rows, total] = await Promise.all([a.fetch(after, limit + 1), count ? a.total() : Promise.resolve(undefined)])
  const more = rows.length > limit
  const pageRows = more ? rows.slice(0, limit) : rows
  const last = pageRows[pageRows.length - 1]
  const nextCursor = more && last ? encodeCursor({ r: a.resource, s: sort, f, v: a.sortValue(last), i: last.id }) : null
  const facets = a.facet ? await countFacets(a.query.facets, a.facet) : undefined
  return { rows: pageRows, page: { limit, nextCursor, ...(total !== undefined ? { total } : {}) }, facets }
}

/** Sets `Link: <this URL with param=next>; rel="next"` when there is a next page. */
export function linkNext(
  request: FastifyRequest,
  reply: FastifyReply,
  nextCursor: string | null,
  param = 'cursor',
): void {
  if (!nextCursor) return
  const url = new URL(request.url, 'http://local')
  url.searchParams.set(param, nextCursor)
  reply.header('link', `<${url.pathname}${url.search}>; rel="next"`)
}
