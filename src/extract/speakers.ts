// Speaker expressions and what they refer to: actor mentions, pronouns ("he", "they") and role
// nouns ("the ministry", "the spokesman", "a source"), resolved to the last fitting actor.
import { ACTOR_KINDS } from '../domain/vocabulary.js'
import type { ActorIndex, ActorRecord, Mention } from './actors.js'
import { GENERIC_SOURCES } from './lexicons/speech.js'
import { wordTable } from './lexicons/table.js'
import type { ActorKind, Span } from './types.js'

export interface Candidate extends Span {
  /** Slugs the expression refers to; empty when it could not be resolved. */
  slugs: string[]
  via: 'name' | 'pronoun' | 'role'
}

export const UNNAMED_SOURCE = { slug: 'unnamed-source', name: 'Unnamed source', kind: 'other' as ActorKind }
/** The article's author, speaker of the views the body frames as its own in the first person. */
export const AUTHOR = { slug: 'author', name: 'Author', kind: 'person' as ActorKind }

const PRONOUN = /\b(?:he|she|they|it|He|She|They|It)\b/g
const ROLE_NOUNS =
  'spokesman|spokeswoman|spokesperson|ministry|minister|president|company|firm|agency|government|military|army|police|report|study|source|official|officials|professor|researcher|expert|department|group|organisation|organization|court|judge|prosecutor|statement|utility|council|commission|office|board|authority|authorities|regulator|watchdog|union|party|campaign|service|bank|institute|centre|center|charity|website|newspaper|network|channel|outlet|team'
/** "the Russian space agency", "its spokesman", "a senior source"; and bare "police said". */
const ROLE = new RegExp(
  `\\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\\s+((?:(?:\\p{Ll}[\\p{Ll}-]*|\\p{Lu}\\p{Ll}+)\\s+){0,3})(${ROLE_NOUNS})\\b|\\b(?:[Pp]olice|[Aa]uthorities)\\b(?=\\s+(?:said|say|says|told|added))`,
  'gu',
)
/** Unnamed groups of sources: "economists say", "officials said", "according to experts". */
const GENERIC = new RegExp(
  `\\b(?<!['’])(?:(?:[Mm]ost|[Mm]any|[Ss]ome|[Ss]everal|[Oo]ther|[Ss]enior|[Ll]ocal|[Ii]ndependent|[Tt]he)\\s+)?(?:(?!(?:say|says|said|told|tell|tells|and|or|by|to|of|that|the|from|with|for)\\s)\\p{Ll}+\\s+)?(${GENERIC_SOURCES.join('|')})\\b`,
  'gu',
)
/** Non-person kinds that "it" can stand for as a speaker. */
const IT_KINDS: ReadonlySet<ActorKind> = new Set<ActorKind>([
  'government_body',
  'military',
  'law_enforcement',
  'organisation',
  'academic_institution',
  'international_organisation',
  'media',
] as ActorKind[])

/** Role nouns ("the ministry"), each with the actor kinds it can refer to. */
const ROLE_KINDS: Record<string, ActorKind[]> = wordTable(
  `
ministry government_body
department government_body
agency government_body organisation
government government_body state
authorities government_body law_enforcement state
authority government_body
council government_body organisation
commission government_body international_organisation
office government_body
board government_body organisation
regulator government_body
watchdog government_body organisation
utility organisation
union organisation international_organisation
party organisation
campaign organisation
service government_body organisation
bank organisation government_body
institute academic_institution organisation
centre academic_institution organisation
center academic_institution organisation
charity organisation
website media organisation
newspaper media
network media organisation
channel media
outlet media
military military
army military
police law_enforcement
company organisation
firm organisation
group organisation grouping
organisation organisation international_organisation
organization organisation international_organisation
report academic_institution organisation government_body
study academic_institution organisation
court government_body
statement government_body state organisation
`,
  ACTOR_KINDS,
)

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

/**
 * A body the lead names by its role before its name ("the national rail agency said …", and
 * "Ruritanian Rail" two paragraphs on): the first fitting mention after the role.
 */
function nextMention(
  ctx: SpeakerContext,
  after: number,
  fits: (a: ActorRecord) => boolean,
  maxParas: number,
): ActorRecord | null {
  const para = ctx.paragraphOf(after)
  for (const m of ctx.mentions) {
    if (m.start <= after) continue
    if (ctx.paragraphOf(m.start) - para > maxParas) return null
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
  const a = lastMention(ctx, at, fits, 6) ?? (kinds ? nextMention(ctx, at, fits, 2) : null)
  if (a) return [a.slug]
  return kinds && PUBLICATION.test(noun) ? publisher(ctx, at, fits) : []
}

const PUBLICATION = /^(?:report|study|survey|review|analysis)$/
/** "a report … by X" earlier in the article: later "the report" is X's. */
const PUBLISHED_BY = /\b(?:report|study|survey|review|analysis)\b[^.;]{0,80}?\bby\s+/g

function publisher(ctx: SpeakerContext, at: number, fits: (a: ActorRecord) => boolean): string[] {
  for (const m of ctx.body.slice(0, at).matchAll(PUBLISHED_BY)) {
    const from = m.index + m[0].length
    const mention = ctx.mentions.find((x) => x.start >= from && x.start - from < 40)
    const a = mention && ctx.index.actors.get(mention.slug)
    if (a && fits(a)) return [a.slug]
  }
  return []
}

export function buildCandidates(ctx: Omit<SpeakerContext, 'candidates'>): Candidate[] {
  const out: Candidate[] = ctx.mentions.map((m) => ({
    start: m.start,
    end: m.end,
    slugs: [m.slug],
    via: 'name' as const,
  }))
  const full = { ...ctx, candidates: out }
  const names = [...out]
  for (const m of ctx.body.matchAll(PRONOUN)) {
    const p = m[0].toLowerCase()
    const slugs =
      p === 'they'
        ? lastGroup(full, m.index)
        : p === 'it'
          ? [lastMention(full, m.index, (a) => IT_KINDS.has(a.kind), 2)?.slug].filter((s): s is string => !!s)
          : [lastMention(full, m.index, (a) => a.kind === 'person')?.slug].filter((s): s is string => !!s)
    out.push({ start: m.index, end: m.index + m[0].length, slugs, via: 'pronoun' })
  }
  // A role phrase may hold names in its modifiers ("the Russian space agency"); only a clash on
  // its head noun drops it.
  const headClash = (start: number, end: number) => out.some((c) => c.start < end && start < c.end)
  for (const m of ctx.body.matchAll(ROLE)) {
    const noun = (m[2] ?? m[0]).toLowerCase()
    const span = { start: m.index, end: m.index + m[0].length }
    if (headClash(span.end - noun.length, span.end)) continue
    // "its spokesman" after an organisation speaks for it; "the firm" resolves to the last firm.
    let slugs = resolveRole(full, m.index, noun)
    // An unnamed spokesman speaks for the one he speaks for: "his spokesman" for the last person,
    // "its spokesman" for the last body.
    const owner = /^(his|her|its|their)\s/i.exec(m[0])?.[1]?.toLowerCase()
    if (!slugs.length && owner && /^spokes/.test(noun)) {
      const fits =
        owner === 'his' || owner === 'her'
          ? (a: ActorRecord) => a.kind === 'person'
          : (a: ActorRecord) => IT_KINDS.has(a.kind)
      const a = lastMention(full, m.index, fits, 2)
      if (a) slugs = [a.slug]
    }
    out.push({ ...span, slugs, via: 'role' })
  }
  for (const m of ctx.body.matchAll(GENERIC)) {
    const noun = m[1]!
    const head = m.index + m[0].length - noun.length
    if (headClash(head, m.index + m[0].length)) continue
    // "Acme Power officials", "agency officials": the body they speak for.
    const owner = names.find((c) => /^\s+$/.test(ctx.body.slice(c.end, head)) && c.end <= head)
    const roleWord = /(\p{L}+)\s+$/u.exec(ctx.body.slice(m.index, head))?.[1]?.toLowerCase()
    const slugs = owner
      ? owner.slugs
      : roleWord && ROLE_KINDS[roleWord] && /^(?:officials|sources)$/.test(noun)
        ? resolveRole(full, m.index, roleWord)
        : [UNNAMED_SOURCE.slug]
    const start = owner ? owner.start : m.index
    out.push({ start, end: m.index + m[0].length, slugs: slugs.length ? slugs : [UNNAMED_SOURCE.slug], via: 'role' })
  }
  // "the officials" points back to the body whose officials spoke last ("Acme Power officials
  // said …. …, said the officials").
  for (const c of out) {
    if (!/^the\s+officials$/i.test(ctx.body.slice(c.start, c.end))) continue
    const back = out
      .filter(
        (b) =>
          b.end <= c.start &&
          c.start - b.end < BACK_REFERENCE_CHARS &&
          /\sofficials$/.test(ctx.body.slice(b.start, b.end)) &&
          b.slugs.length &&
          !b.slugs.includes(UNNAMED_SOURCE.slug),
      )
      .sort((a, b) => a.end - b.end)
      .at(-1)
    if (back) c.slugs = [...back.slugs]
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end)
}

/** How far back "the officials" may look for the body whose officials were named. */
const BACK_REFERENCE_CHARS = 1500

export function candidatesIn(ctx: SpeakerContext, from: number, to: number): Candidate[] {
  return ctx.candidates.filter((c) => c.start >= from && c.end <= to)
}
