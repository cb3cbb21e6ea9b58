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
import { ProblemError } from './problems.js'

export interface ListArgs<Row> {
  resource: string
  sort: string
  spec: SortSpec
  filters: Record<string, unknown>
  where: Record<string, unknown>
  limit: number
  cursor?: string
  count?: boolean
  find: (args: {
    where: Record<string, unknown>
    orderBy: Array<Record<string, unknown>>
    take: number
  }) => Promise<Row[]>
  total: (where: Record<string, unknown>) => Promise<number>
  sortValue: (row: Row) => SortValue
  id: (row: Row) => string
}

export interface ListPage<Row> {
  rows: Row[]
  page: { limit: number; nextCursor: string | null; total?: number }
  facets?: Record<string, Array<{ value: string | number | null; count: number }>>
}

export async function runList<Row>(a: ListArgs<Row>): Promise<ListPage<Row>> {
  return runKeysetList({
    ...a,
    fetch: (after, take) =>
      a.find({
        where: after ? { AND: [a.where, afterCursor(a.spec, after.value, after.id)] } : a.where,
        orderBy: orderBy(a.spec),
        take,
      }),
    total: () => a.total(a.where),
  })
}

export interface KeysetListArgs<Row> {
  resource: string
  sort: string
  spec: SortSpec
  filters: Record<string, unknown>
  limit: number
  cursor?: string
  count?: boolean
  /** Up to `take` rows after the keyset position (null: from the start), in the order of `spec`. */
  fetch: (after: { value: SortValue; id: string } | null, take: number) => Promise<Row[]> | Row[]
  total: () => Promise<number> | number
  sortValue: (row: Row) => SortValue
  id: (row: Row) => string
}

/** A keyset-paginated page from any fetcher (Prisma or hand-written SQL), with the opaque cursor. */
export async function runKeysetList<Row>(a: KeysetListArgs<Row>): Promise<ListPage<Row>> {
  const f = filterHash(a.filters)
  let after: { value: SortValue; id: string } | null = null
  if (a.cursor) {
    const c = decodeCursor(a.cursor, { r: a.resource, s: a.sort, f })
    // Every sort column is text; null only where the column is nullable.
    if (!(typeof c.v === 'string' || (c.v === null && a.spec.nullable)))
      throw new ProblemError('invalid-cursor', 'The cursor is malformed; use page.nextCursor as given')
    after = { value: c.v, id: c.i }
  }
  const [rows, total] = await Promise.all([
    a.fetch(after, a.limit + 1),
    a.count ? a.total() : Promise.resolve(undefined),
  ])
  const more = rows.length > a.limit
  const pageRows = more ? rows.slice(0, a.limit) : rows
  const last = pageRows[pageRows.length - 1]
  const nextCursor =
    more && last ? encodeCursor({ r: a.resource, s: a.sort, f, v: a.sortValue(last), i: a.id(last) }) : null
  return { rows: pageRows, page: { limit: a.limit, nextCursor, ...(total !== undefined ? { total } : {}) } }
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
