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

/** The distinct, trimmed, non-empty items of a comma-separated query value, in order. */
export function commaList(value: string): string[] {
  return [
    ...new Set(
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ]
}

export function facetsParam<const T extends readonly string[]>(allowed: T) {
  return z
    .string()
    .max(200)
    .transform((v, ctx) => {
      const list = commaList(v)
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

export type FacetValue = { value: string | number | null; count: number }
export type FacetCounts = Record<string, FacetValue[]>

/** Facet values merged by value, most frequent first (ties by value), at most `top`. */
export function topValues(rows: FacetValue[], top = 50): FacetValue[] {
  const counts = new Map<string | number | null, number>()
  for (const r of rows) counts.set(r.value, (counts.get(r.value) ?? 0) + r.count)
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)))
    .slice(0, top)
}

/** Counts every requested facet, one after another (each is one grouped query). */
export async function countFacets<F extends string>(
  facets: readonly F[] | undefined,
  count: (facet: F) => Promise<FacetValue[]> | FacetValue[],
): Promise<FacetCounts | undefined> {
  if (!facets?.length) return undefined
  const out: FacetCounts = {}
  for (const f of facets) out[f] = await count(f)
  return out
}
