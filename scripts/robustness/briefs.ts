// The seed brief and the briefs derived from it, for the robustness scenarios and the test suites
// (test/helpers re-exports these). Variants keep the seed's body, so every evidence span stays valid.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { BriefInput } from '../../src/domain/brief.schema.js'

export const SEED_SLUG = 'china-urged-to-push-for-better-ties-with-japan'
export const SEED_FILE = path.resolve(import.meta.dirname, '../../seeds/china-japan-relations.brief.json')

let seedCache: unknown

/** The seed brief file as parsed JSON (a fresh deep copy on every call). */
export function seedBriefJson(): unknown {
  seedCache ??= JSON.parse(readFileSync(SEED_FILE, 'utf8'))
  return structuredClone(seedCache)
}

/** The seed brief, typed and deep-copied. */
export function seedBrief(): BriefInput {
  return seedBriefJson() as BriefInput
}

/** A copy of the seed brief under another slug (same body, so every evidence offset stays valid). */
export function briefVariant(slug: string, edit?: (b: BriefInput) => void): BriefInput {
  const b = seedBrief()
  b.article.slug = slug
  edit?.(b)
  return b
}

/**
 * Gives `b` exactly `count` claims: more than it has repeats its claims under new keys (without
 * links) to make a longer transaction; fewer keeps the first ones and drops links to the others.
 */
export function repeatClaims(b: BriefInput, count: number): void {
  const base = b.claims
  if (count === base.length) return
  const out: BriefInput['claims'] = []
  for (let i = 0; i < count; i++) {
    const c = base[i % base.length] as BriefInput['claims'][number]
    if (i < base.length) out.push(c)
    else out.push({ ...structuredClone(c), key: `${c.key}-r${i}`, links: [] })
  }
  const keys = new Set(out.map((c) => c.key))
  for (const c of out) c.links = (c.links ?? []).filter((l) => l.claim === undefined || keys.has(l.claim))
  b.claims = out
}

/**
 * The seed brief under another slug and title for the robustness scenarios: `claims` sets the claim
 * count (see repeatClaims), `extraActors` are appended to the actor list.
 */
export function robustnessBrief(
  slug: string,
  opts: { title?: string; claims?: number; extraActors?: BriefInput['actors'] } = {},
): BriefInput {
  return briefVariant(slug, (b) => {
    b.article.title = opts.title ?? `Robustness brief ${slug}`
    if (opts.claims !== undefined) repeatClaims(b, opts.claims)
    if (opts.extraActors) b.actors.push(...opts.extraActors)
  })
}
