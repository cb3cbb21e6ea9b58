// Keyset-paginated lists in hand-written SQL, written once for every list built on a filter
// (`FROM … WHERE …` with its parameters): the page's ids and sort values in the order of
// src/lib/pagination.ts (keysetOrder, keysetAfter rendered as SQL), the total, and the value counts
// of a facet. The same filter serves all three, as Datasette wraps one filter for its facets.
// A filter driven from a link table without its whole key (an actor's events in any role) may meet a
// record more than once: then pages, totals and facets count distinct records.
import { type FacetValue, topValues } from '../lib/facets.js'
import { type ListPage, type ListQuery, runKeysetList } from '../lib/list.js'
import {
  type KeysetTerm,
  keysetAfter,
  keysetOrder,
  type SortSpec,
  type SortValue,
  sortSpec,
} from '../lib/pagination.js'
import type { Sql } from './sql.js'

export interface ListFilter {
  /** `FROM … WHERE …` selecting the records */
  sql: string
  params: unknown[]
  /** The record id's column in that FROM, e.g. `c.id` or `x."claimId"` */
  id: string
  /** The column a sort field orders by in that FROM (a link table's copy when it drives) */
  sortColumn: (field: string) => string
  /** The FROM may meet a record more than once (a link table driving without its whole key) */
  distinct: boolean
}

export interface PageRow {
  id: string
  /** The sort column's value (the id itself for the id sort) */
  sortValue: SortValue
}

/** A keyset term as SQL on the given sort and id columns (its value appended to params). */
export function termSql(k: KeysetTerm, col: string, idCol: string, params: unknown[]): string {
  const c = k.column === 'id' ? idCol : col
  if (k.cmp === 'null') return `${c} IS NULL`
  params.push(k.value)
  return `${c} ${k.cmp === 'gt' ? '>' : k.cmp === 'lt' ? '<' : '='} ?`
}

/** `AND (…)` selecting the rows after the keyset position, or '' from the start. */
export function keysetSql(
  spec: SortSpec,
  after: { value: SortValue; id: string } | null,
  col: string,
  idCol: string,
  params: unknown[],
): string {
  if (!after) return ''
  const groups = keysetAfter(spec, after.value, after.id).map(
    (g) => `(${g.map((k) => termSql(k, col, idCol, params)).join(' AND ')})`,
  )
  return ` AND (${groups.join(' OR ')})`
}

/** `ORDER BY` terms of the sort on the given columns. */
export function orderSql(spec: SortSpec, col: string, idCol: string): string {
  return keysetOrder(spec)
    .map((o) => `${o.column === 'id' ? idCol : col} ${o.desc ? 'DESC' : 'ASC'}${o.nullsLast ? ' NULLS LAST' : ''}`)
    .join(', ')
}

export function listSqlReader(db: Sql) {
  return {
    /** Up to `take` ids (with their sort values) after the keyset position, in the order of the sort. */
    page(
      f: ListFilter,
      spec: SortSpec,
      after: { value: SortValue; id: string } | null,
      take: number,
    ): Promise<PageRow[]> {
      const col = spec.field === 'id' ? f.id : f.sortColumn(spec.field)
      const params = [...f.params]
      const cond = keysetSql(spec, after, col, f.id, params)
      params.push(take)
      const sql = `SELECT${f.distinct ? ' DISTINCT' : ''} ${f.id} AS id, ${col} AS "sortValue" ${f.sql}${cond} ORDER BY ${orderSql(spec, col, f.id)} LIMIT ?`
      return db.all<PageRow>(sql, params)
    },

    async count(f: ListFilter): Promise<number> {
      const n = f.distinct ? `count(DISTINCT ${f.id})` : 'count(*)'
      return (await db.get<{ n: number }>(`SELECT ${n} AS n ${f.sql}`, f.params))?.n ?? 0
    },

    /** Value counts of an expression over the records the filter selects (unsorted, untruncated). */
    facet(f: ListFilter, value: string): Promise<FacetValue[]> {
      const sql = f.distinct
        ? `SELECT value, count(*) AS count FROM (SELECT DISTINCT ${f.id} AS id, ${value} AS value ${f.sql}) AS records GROUP BY value`
        : `SELECT ${value} AS value, count(*) AS count ${f.sql} GROUP BY 1`
      return db.all<FacetValue>(sql, f.params)
    },
  }
}

/** The year of an ISO date column, as the facets count it. */
export const yearSql = (column: string) => `CAST(substr(${column}, 1, 4) AS INTEGER)`

/** What a list built on a SQL filter is, whatever the query. */
export interface SqlList<F extends string, Row, Out> {
  resource: string
  /** The sorts a query may name (descending with "-"), each with the field it orders by */
  sorts: Record<string, { field: string; nullable?: boolean }>
  /** The expression each column facet counts over the filter's records */
  facets: { readonly [K in F]?: string }
  map: (row: Row) => Out
}

/**
 * A page of a list built on a SQL filter: ids and sort values from the filter, rows read by id
 * (`rows`), facets from `list.facets` or, for the others, `facet`.
 */
export async function runSqlList<F extends string, Row, Out>(
  reader: ReturnType<typeof listSqlReader>,
  list: SqlList<F, Row, Out>,
  query: ListQuery<F>,
  filter: ListFilter,
  rows: (ids: string[]) => Promise<Row[]>,
  facet?: (name: F) => Promise<FacetValue[]>,
): Promise<ListPage<Out>> {
  const spec = sortSpec(query.sort, list.sorts)
  const page = await runKeysetList({
    resource: list.resource,
    query,
    spec,
    facet: async (name: F) => {
      const column = list.facets[name]
      return column !== undefined ? topValues(await reader.facet(filter, column)) : ((await facet?.(name)) ?? [])
    },
    fetch: (after, take) => reader.page(filter, spec, after, take),
    total: () => reader.count(filter),
    sortValue: (r) => r.sortValue,
  })
  return { ...page, rows: (await rows(page.rows.map((r) => r.id))).map(list.map) }
}
