// Keyset pagination with opaque cursors. A cursor names its resource, its sort and a hash of
// its filters, so a cursor from another list is refused (400), never misapplied.
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { FacetsSchema, facetsParam } from './facets.js'
import { ListFormatSchema } from './formats.js'
import { ProblemError } from './problems.js'

export type SortValue = string | number | null

interface CursorPayload {
  r: string
  s: string
  f: string
  v: SortValue
  i: string
}

export function filterHash(filters: Record<string, unknown>): string {
  const keys = Object.keys(filters)
    .filter((k) => filters[k] !== undefined)
    .sort()
  const canonical = JSON.stringify(keys.map((k) => [k, filters[k]]))
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 12)
}

export function encodeCursor(p: CursorPayload): string {
  return Buffer.from(JSON.stringify(p)).toString('base64url')
}

export function decodeCursor(cursor: string, expect: { r: string; s: string; f: string }): CursorPayload {
  let p: unknown
  try {
    p = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw new ProblemError('invalid-cursor', 'The cursor is malformed; use page.nextCursor as given')
  }
  const parsed = z
    .object({
      r: z.string(),
      s: z.string(),
      f: z.string(),
      v: z.union([z.string(), z.number(), z.null()]),
      i: z.string().max(64),
    })
    .strict()
    .safeParse(p)
  if (!parsed.success) throw new ProblemError('invalid-cursor', 'The cursor is malformed; use page.nextCursor as given')
  const c = parsed.data
  if (c.r !== expect.r || c.s !== expect.s || c.f !== expect.f)
    throw new ProblemError(
      'invalid-cursor',
      'The cursor belongs to another list (resource, sort or filters differ); start again without a cursor',
    )
  return c
}

export interface SortSpec {
  /** the record's column the sort orders by */
  field: string
  desc: boolean
  nullable: boolean
}

/** Parses "-published" into a spec from a whitelist. */
export function sortSpec(sort: string, fields: Record<string, { field: string; nullable?: boolean }>): SortSpec {
  const desc = sort.startsWith('-')
  const name = desc ? sort.slice(1) : sort
  const f = fields[name]
  if (!f) throw new ProblemError('validation', `Unknown sort "${sort}"`)
  return { field: f.field, desc, nullable: f.nullable ?? false }
}

/**
 * The keyset order, stated once: the sort column (nulls last when nullable) with ties broken by id
 * ascending, or id alone. src/db/list-sql.ts renders these terms as SQL.
 */
export interface OrderTerm {
  column: 'sort' | 'id'
  desc: boolean
  nullsLast: boolean
}

export function keysetOrder(spec: SortSpec): OrderTerm[] {
  if (spec.field === 'id') return [{ column: 'id', desc: spec.desc, nullsLast: false }]
  return [
    { column: 'sort', desc: spec.desc, nullsLast: spec.nullable },
    { column: 'id', desc: false, nullsLast: false },
  ]
}

export interface KeysetTerm {
  column: 'sort' | 'id'
  cmp: 'gt' | 'lt' | 'eq' | 'null'
  value?: string | number
}

/** The rows after position (v, id) in keysetOrder(spec): a disjunction of conjunctions of terms. */
export function keysetAfter(spec: SortSpec, v: SortValue, id: string): KeysetTerm[][] {
  if (spec.field === 'id') return [[{ column: 'id', cmp: spec.desc ? 'lt' : 'gt', value: id }]]
  const afterId: KeysetTerm = { column: 'id', cmp: 'gt', value: id }
  if (v === null) return [[{ column: 'sort', cmp: 'null' }, afterId]]
  const groups: KeysetTerm[][] = [
    [{ column: 'sort', cmp: spec.desc ? 'lt' : 'gt', value: v }],
    [{ column: 'sort', cmp: 'eq', value: v }, afterId],
  ]
  if (spec.nullable) groups.push([{ column: 'sort', cmp: 'null' }])
  return groups
}

export const LimitSchema = z.coerce.number().int().min(1).max(100).default(20).describe('Page size, 1 to 100')

export const CursorSchema = z.string().min(1).max(1000).optional().describe('Opaque cursor from page.nextCursor')

/**
 * A true/false query parameter. zod's stringbool also takes 1/0, yes/no, on/off; the document
 * names true and false, so that generated clients type the parameter instead of taking any string.
 */
const flagParam = (description: string) =>
  z
    .stringbool()
    .meta({ enum: ['true', 'false'] })
    .optional()
    .describe(description)

export const CountSchema = flagParam('true adds page.total, the number of matching items')

/** The paging and representation parameters every list takes, after its filters. */
export const LIST_PARAMS = {
  limit: LimitSchema,
  cursor: CursorSchema,
  count: CountSchema,
  format: ListFormatSchema,
}

/** An optional query parameter of short text (up to 200 characters). */
export const textParam = (description: string) => z.string().min(1).max(200).optional().describe(description)

/** A filter naming a record by id or slug (an unknown one matches nothing). */
export const refParam = textParam

/** A filter on the review state of automatic drafts (claims and events). */
export const reviewedParam = flagParam(
  'false: only automatic drafts nobody has reviewed yet; true: only reviewed items',
)

/** A filter on an ISO 3166-1 alpha-3 country code, case-insensitive. */
export const countryParam = (description: string) =>
  z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'ISO 3166-1 alpha-3, e.g. JPN')
    .transform((v) => v.toUpperCase())
    .optional()
    .describe(description)

/**
 * A list's query string: its filters, then `q`, `sort` (default id), the paging and
 * representation parameters and its facets, in that order; unknown parameters are refused.
 */
export function listQuery<
  const F extends z.ZodRawShape,
  const S extends readonly ['id', ...string[]],
  const X extends readonly string[],
>(filters: F, tail: { q: string; sorts: S; sortHelp?: string; facets: X }) {
  const sort = z.enum(tail.sorts).default('id')
  return z
    .object({
      ...filters,
      q: z.string().min(1).max(200).optional().describe(tail.q),
      sort: tail.sortHelp ? sort.describe(tail.sortHelp) : sort,
      ...LIST_PARAMS,
      facets: facetsParam(tail.facets),
    })
    .strict()
}

/** A PATCH body: every field of `shape` optional, nothing else accepted. */
export function patchSchema<const T extends z.ZodRawShape>(id: string, shape: T) {
  return z
    .object(shape)
    .partial()
    .strict()
    .meta({ id, description: 'Fields to change; absent fields stay as they are' })
}

export const PageSchema = z
  .object({
    limit: z.int(),
    nextCursor: z.string().nullable().describe('Cursor of the next page, null on the last page'),
    total: z.int().optional().describe('Number of matching items (with count=true)'),
  })
  .meta({ id: 'Page' })

export function listResponse<T extends z.ZodType>(item: T, id: string) {
  return z.object({ data: z.array(item), page: PageSchema, facets: FacetsSchema.optional() }).meta({ id })
}
