// Fixed name tables built once at module load: states (ISO names, capitals, everyday names),
// demonyms, curated institutions. Matching is case-sensitive and longest-first.
import countries from 'i18n-iso-countries'
import { KNOWN_ORGS } from './lexicons/actors.js'
import { GEO, NAME_STOPLIST } from './lexicons/geo.js'
import { alternation } from './inflect.js'
import type { ActorKind } from './types.js'

export interface Entry {
  slug: string
  name: string
  kind: ActorKind
  country: string | null
  aliases: string[]
}

export function slugify(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/['’]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 120)
      .replace(/-+$/, '') || 'actor'
  )
}

function canonicalName(names: string[]): string {
  const plain = names.filter((n) => !/[,(]/.test(n) && n.length >= 4 && n !== n.toUpperCase())
  return [...(plain.length ? plain : names)].sort((a, b) => a.length - b.length)[0]!
}

function buildStates(): Map<string, Entry> {
  const bySurface = new Map<string, Entry>()
  const stop = new Set(NAME_STOPLIST)
  const all = countries.getNames('en', { select: 'all' }) as Record<string, string[]>
  const extra = new Map(GEO.map((g) => [g.iso3, g]))
  for (const [a2, names] of Object.entries(all)) {
    const iso3 = countries.alpha2ToAlpha3(a2)
    if (!iso3) continue
    const name = canonicalName(names)
    const g = extra.get(iso3)
    const surfaces = [...names.filter((n) => !/[,(]/.test(n)), ...(g?.capitals ?? []), ...(g?.names ?? [])]
    const entry: Entry = { slug: slugify(name), name, kind: 'state', country: iso3, aliases: [] }
    for (const s of surfaces) {
      if (stop.has(s) || bySurface.has(s)) continue
      bySurface.set(s, entry)
      if (s !== name) entry.aliases.push(s)
    }
  }
  return bySurface
}

function buildOrgs(into: Map<string, Entry>): void {
  for (const o of KNOWN_ORGS) {
    const entry: Entry = { slug: slugify(o.name), name: o.name, kind: o.kind, country: o.country, aliases: o.aliases }
    for (const s of [o.name, ...o.aliases]) into.set(s, entry)
  }
}

export const FIXED: ReadonlyMap<string, Entry> = (() => {
  const m = buildStates()
  buildOrgs(m)
  return m
})()

/** Capitals that are not also a state's own name ("Nairobi", not "Singapore"). */
export const CAPITALS: ReadonlySet<string> = new Set(
  GEO.flatMap((g) => g.capitals).filter((c) => FIXED.get(c)?.kind === 'state' && FIXED.get(c)!.name !== c),
)

/** Demonym → ISO3, e.g. "Chinese" → "CHN". */
export const DEMONYMS: ReadonlyMap<string, string> = new Map(GEO.flatMap((g) => g.demonyms.map((d) => [d, g.iso3])))

/** Matches any fixed surface form with name boundaries; built once. */
export const FIXED_PATTERN = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation(FIXED.keys())})(?![\\p{L}\\p{N}$])`, 'gu')

/** Country of a fixed name, a demonym or a capital, e.g. "Tokyo" → "JPN". */
export function countryOf(word: string): string | null {
  const e = FIXED.get(word)
  if (e?.kind === 'state') return e.country
  return DEMONYMS.get(word) ?? null
}
