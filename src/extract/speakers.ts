// Speaker expressions and what they refer to: actor mentions, pronouns ("he", "they") and role
// nouns ("the ministry", "the spokesman", "a source"), resolved to the last fitting actor.
import type { ActorIndex, ActorRecord, Mention } from './actors.js'
import type { ActorKind, Span } from './types.js'

export interface Candidate extends Span {
  /** Slugs the expression refers to; empty when it could not be resolved. */
  slugs: string[]
  via: 'name' | 'pronoun' | 'role'
}

export const UNNAMED_SOURCE = { slug: 'unnamed-source', name: 'Unnamed source', kind: 'other' as ActorKind }

const PRONOUN = /\b(?:he|she|they|He|She|They)\b/g
const ROLE =
  /\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+((?:[a-z-]+\s+){0,2})(spokesman|spokeswoman|spokesperson|ministry|minister|president|company|firm|agency|government|military|army|police|report|study|source|official|officials|professor|researcher|expert|department|group|organisation|organization|court|judge|prosecutor|statement)\b|\b(?:[Pp]olice|[Oo]fficials|[Ss]ources)\b(?=\s+(?:said|say|told|added))/g

const ROLE_KINDS: Record<string, ActorKind[]> = {
  ministry: ['government_body'],
  department: ['government_body'],
  agency: ['government_body', 'organisation'],
  government: ['government_body', 'state'],
  military: ['military'],
  army: ['military'],
  police: ['law_enforcement'],
  company: ['organisation'],
  firm: ['organisation'],
  group: ['organisation', 'grouping'],
  organisation: ['organisation', 'international_organisation'],
  organization: ['organisation', 'international_organisation'],
  report: ['academic_institution', 'organisation', 'government_body'],
  study: ['academic_institution', 'organisation'],
  court: ['government_body'],
  statement: ['government_body', 'state', 'organisation'],
}

export interface SpeakerContext {
  body: string
  index: ActorIndex
  paragraphOf: (offset: number) => number
  /** Sorted mentions. */
  mentions: Mention[]
  candidates: Candidate[]
}

function lastMention(
  ctx: SpeakerContext,
  before: number,
  fits: (a: ActorRecord) => boolean,
  maxParas = 3,
): ActorRecord | null {
  const para = ctx.paragraphOf(before)
  for (let i = ctx.mentions.length - 1; i >= 0; i--) {
    const m = ctx.mentions[i]!
    if (m.start >= before) continue
    if (para - ctx.paragraphOf(m.start) > maxParas) return null
    const a = ctx.index.actors.get(m.slug)!
    if (fits(a)) return a
  }
  return null
}

/** The last pair "A and B" (or "A, B and C") of non-person actors before a position. */
function lastGroup(ctx: SpeakerContext, before: number): string[] {
  const ms = ctx.mentions.filter((m) => m.start < before)
  for (let i = ms.length - 1; i > 0; i--) {
    const group = [ms[i]!]
    let j = i - 1
    while (j >= 0 && /^(?:,\s+|\s+and\s+|,\s+and\s+)$/.test(ctx.body.slice(ms[j]!.end, group[0]!.start)))
      group.unshift(ms[j--]!)
    const slugs = [...new Set(group.map((m) => m.slug))]
    if (slugs.length > 1 && slugs.every((s) => ctx.index.actors.get(s)!.kind !== 'person')) return slugs
    if (ctx.paragraphOf(before) - ctx.paragraphOf(ms[i]!.start) > 3) break
  }
  return []
}

function resolveRole(ctx: SpeakerContext, at: number, noun: string): string[] {
  if (/^(?:source|sources|official|officials)$/.test(noun)) return [UNNAMED_SOURCE.slug]
  const kinds = ROLE_KINDS[noun]
  const fits = kinds
    ? (a: ActorRecord) => kinds.includes(a.kind)
    : (a: ActorRecord) => a.kind === 'person' && (a.title ?? '').toLowerCase().includes(noun.replace(/s$/, ''))
  const a = lastMention(ctx, at, fits, 6)
  return a ? [a.slug] : []
}

export function buildCandidates(ctx: Omit<SpeakerContext, 'candidates'>): Candidate[] {
  const out: Candidate[] = ctx.mentions.map((m) => ({
    start: m.start,
    end: m.end,
    slugs: [m.slug],
    via: 'name' as const,
  }))
  const full = { ...ctx, candidates: out }
  for (const m of ctx.body.matchAll(PRONOUN)) {
    const p = m[0].toLowerCase()
    const slugs =
      p === 'they'
        ? lastGroup(full, m.index)
        : [lastMention(full, m.index, (a) => a.kind === 'person')?.slug].filter((s): s is string => !!s)
    out.push({ start: m.index, end: m.index + m[0].length, slugs, via: 'pronoun' })
  }
  for (const m of ctx.body.matchAll(ROLE)) {
    const noun = (m[2] ?? m[0]).toLowerCase()
    const span = { start: m.index, end: m.index + m[0].length }
    if (out.some((c) => c.start < span.end && span.start < c.end)) continue
    out.push({ ...span, slugs: resolveRole(full, m.index, noun), via: 'role' })
  }
  return out.sort((a, b) => a.start - b.start)
}

export function candidatesIn(ctx: SpeakerContext, from: number, to: number): Candidate[] {
  return ctx.candidates.filter((c) => c.start >= from && c.end <= to)
}
