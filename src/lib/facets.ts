// Datasette-style facets: counts per value of a whitelisted field, for the list's current filter.
import { z } from 'zod'

export const FacetValueSchema = z.object({
  value: z.union([z.string(), z.number(), z.null()]).describe('The value (null = unknown)'),
  count: z.int(),
})

export const FacetsSchema = z
  .record(z.string(), z.array(FacetValueSchema))
  .describe('Counts per value for each requested facet, over all items matching the filters (not just this page)')
  .meta({ id: 'Facets' })

export function facetsParam<const T extends readonly string[]>(allowed: T) {
  return z
    .string()
    .max(200)
    .transform((v, ctx) => {
      const list = [
        ...new Set(
          v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ]
      const bad = list.find((f) => !(allowed as readonly string[]).includes(f))
      if (bad) {
        ctx.addIssue({ code: 'custom', message: `unknown facet "${bad}"; allowed: ${allowed.join(', ')}` })
        return z.NEVER
      }
      return list as Array<T[number]>
    })
    .optional()
    .describe(`Comma-separated facets to count: ${allowed.join(', ')}`)
}

type Group = { _count: { _all: number } } & Record<string, unknown>

/** Shapes Prisma groupBy rows into sorted facet values; `map` can fold values (dates -> years). */
export function facetValues(
  rows: Group[],
  field: string,
  map: (v: unknown) => string | number | null = (v) => (v as string | number | null) ?? null,
  top = 50,
): Array<{ value: string | number | null; count: number }> {
  const counts = new Map<string | number | null, number>()
  for (const r of rows) {
    const key = map(r[field])
    counts.set(key, (counts.get(key) ?? 0) + r._count._all)
  }
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)))
    .slice(0, top)
}

export const yearOf = (v: unknown) => (typeof v === 'string' ? Number(v.slice(0, 4)) : null)

/** Prisma's groupBy, loosely typed: its generic signature cannot take a `by` chosen at run time. */
export type GroupBy = (args: { by: string[]; where: unknown; _count: { _all: true } }) => Promise<unknown[]>
