// Lists, written once: a keyset-paginated page (and its facets) from any fetcher, and the
// RFC 8288 Link header to the next page. lib/resource-routes.ts registers them as routes.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { decodeCursor, encodeCursor, filterHash, type SortSpec, type SortValue } from './pagination.js'
import { countFacets, type FacetCounts, type FacetValue } from './facets.js'
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

/** A keyset-paginated page (and the requested facets) from any fetcher (src/db/list-sql.ts, the article list). */
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
