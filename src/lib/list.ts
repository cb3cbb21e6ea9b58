// List routes, written once: a keyset-paginated page from any fetcher, the RFC 8288 Link header,
// and `listRoute`, which registers a list with content negotiation (JSON page, or every page
// streamed as CSV or NDJSON) and its documented errors.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { z } from 'zod'
import { type Columns, LIST_FORMATS, type ListFormat, negotiate, streamList } from './formats.js'
import {
  afterCursor,
  decodeCursor,
  encodeCursor,
  filterHash,
  orderBy,
  type SortSpec,
  type SortValue,
} from './pagination.js'
import type { FacetCounts } from './facets.js'
import { ProblemError } from './problems.js'

/** The parameters of a list query that are not filters (the cursor hashes the rest). */
export interface ListQuery {
  sort: string
  limit: number
  cursor?: string
  count?: boolean
  facets?: unknown
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

/** A Prisma list: `where` and the keyset condition combine as AND; rows carry the sort column under its name. */
export interface ListArgs<Row extends { id: string }, Where> {
  resource: string
  query: ListQuery
  spec: SortSpec
  where: Where
  find: (args: { where: Where; orderBy: Array<Record<string, unknown>>; take: number }) => Promise<Row[]>
  total: (where: Where) => Promise<number>
}

export async function runList<Row extends { id: string }, Where>(a: ListArgs<Row, Where>): Promise<ListPage<Row>> {
  return runKeysetList({
    resource: a.resource,
    query: a.query,
    spec: a.spec,
    fetch: (after, take) =>
      a.find({
        // The keyset condition is a where clause on the same model's columns.
        where: after ? ({ AND: [a.where, afterCursor(a.spec, after.value, after.id)] } as Where) : a.where,
        orderBy: orderBy(a.spec),
        take,
      }),
    total: () => a.total(a.where),
    // Prisma rows name their columns as the spec does.
    sortValue: (r) => (r as unknown as Record<string, SortValue>)[a.spec.field] ?? null,
  })
}

export interface KeysetListArgs<Row extends { id: string }> {
  resource: string
  query: ListQuery
  spec: SortSpec
  /** Up to `take` rows after the keyset position (null: from the start), in the order of `spec`. */
  fetch: (after: { value: SortValue; id: string } | null, take: number) => Promise<Row[]> | Row[]
  total: () => Promise<number> | number
  sortValue: (row: Row) => SortValue
}

/** A keyset-paginated page from any fetcher (Prisma or hand-written SQL), with the opaque cursor. */
export async function runKeysetList<Row extends { id: string }>(a: KeysetListArgs<Row>): Promise<ListPage<Row>> {
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
  return { rows: pageRows, page: { limit, nextCursor, ...(total !== undefined ? { total } : {}) } }
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

/** What every list query carries besides its filters. */
export interface ListQueryBase {
  limit: number
  cursor?: string
  count?: boolean
  format?: ListFormat
}

export interface ListRouteDef<Query extends ListQueryBase, Item> {
  path: string
  tags: string[]
  operationId: string
  summary: string
  description?: string
  querystring: z.ZodType<Query>
  response: z.ZodType
  errors: Record<number, z.ZodType>
  /** CSV columns; NDJSON lines are the full items. */
  columns: Columns<Item>
  /** File name of a CSV or NDJSON export, without extension. */
  filename: string
  list: (query: Omit<Query, 'format'>) => Promise<ListPage<Item>>
}

type ZodApp = Parameters<FastifyPluginAsyncZod>[0]

/** Registers GET `path`: a JSON page with a Link header, or every page streamed as CSV or NDJSON. */
export function listRoute<Query extends ListQueryBase, Item>(app: ZodApp, def: ListRouteDef<Query, Item>): void {
  app.get(
    def.path,
    {
      schema: {
        tags: def.tags,
        operationId: def.operationId,
        summary: def.summary,
        ...(def.description ? { description: def.description } : {}),
        querystring: def.querystring,
        response: { 200: def.response, ...def.errors },
      },
    },
    async (request, reply) => {
      // The type provider cannot follow a generic schema: request.query is what def.querystring parsed.
      const { format: param, ...query } = request.query as Query
      const format = negotiate(request, LIST_FORMATS, param)
      if (format !== 'json')
        return streamList(
          reply,
          format,
          def.columns,
          (cursor) => def.list({ ...query, limit: 100, cursor, count: false }),
          def.filename,
        )
      const { rows, page, facets } = await def.list(query)
      linkNext(request, reply, page.nextCursor)
      return { data: rows, page, ...(facets ? { facets } : {}) }
    },
  )
}
