// Actor mentions: the store's actors and fixed names (longest alias first), organisations by
// head nouns, demonym + body ("Chinese foreign ministry"), people by titles, appositives,
// speech verbs and surname reuse. Mentions of one actor merge under one slug.
import {
  COMMON_ORG_HEADS,
  GROUP_ANAPHORS,
  PLACED_ROLE_NOUNS,
  COMPANY_NOUNS,
  CORPORATE_SUFFIXES,
  CORPORATE_VERBS,
  LOWER_ORG_HEADS,
  NOT_ACTOR_ACRONYMS,
  NOT_NAME_WORDS,
  NOT_ORG_MODIFIERS,
  ORG_HEADS,
  PERSON_ROLE_NOUNS,
  PERSON_TITLES,
  SINGLE_WORD_BODIES,
} from './lexicons/actors.js'
import { COMPASS, GEO_FEATURES } from './lexicons/geo.js'
import { GIVEN_NAMES } from './lexicons/names.js'
import { SPEECH_VERBS } from './lexicons/speech.js'
import { CAPITALS, DEMONYMS, type Entry, FIXED, FIXED_PATTERN, countryOf, slugify } from './gazetteer.js'
import { alternation, escapeRegex, phraseForms } from './inflect.js'
import type { ActorKind, Span } from './types.js'

export interface KnownActor {
  slug: string
  name: string
  kind: ActorKind
  country: string | null
  aliases: string[]
}

export interface Mention extends Span {
  slug: string
}

export interface Affiliation {
  actor: string
  relation: 'member_of' | 'part_of' | 'employed_by' | 'leads' | 'spokesperson_for' | 'formerly_at'
  title: string | null
}

export interface ActorRecord {
  slug: string
  name: string
  kind: ActorKind
  country: string | null
  title: string | null
  aliases: string[]
  affiliations: Affiliation[]
  surfaceForms: Set<string>
}

export interface ActorIndex {
  actors: Map<string, ActorRecord>
  mentions: Mention[]
}

// Name words: a capitalised word or an initial ("D."); words of a name are separated by spaces
// only, never by a line break.
const CAP = "(?:\\p{Lu}\\.(?=[ \\u00a0]\\p{Lu})|\\p{Lu}[\\p{L}\\p{M}'’-]*)"
const SP = '[ \\u00a0]+'
const CONNECT = '(?:of|for|on|and|the|de|du|des|del|da|di|van|von|der|al|bin|&)'
const CAP_RUN = new RegExp(`${CAP}(?:${SP}(?:${CONNECT}${SP})*${CAP})*`, 'gu')
const ORG_HEAD_WORDS = new Set(Object.keys(ORG_HEADS).flatMap((h) => h.split(' ')))
// After "Chinese military" a lower-case word other than these makes "military" an adjective
// ("China's military progress").
const FOLLOWERS =
  /^[ \u00a0]+(?:said|says|say|has|have|had|is|was|were|are|will|would|could|and|or|to|in|on|of|for|that|which|who|spokes\w+|officials?|sources?)\b/
const ADJECTIVAL_HEADS = new Set([
  'military',
  'government',
  'army',
  'navy',
  'police',
  'troops',
  'cabinet',
  'parliament',
])
const DEMONYM_ORG = new RegExp(
  `(?<![\\p{L}])(${alternation([...DEMONYMS.keys(), ...[...FIXED.entries()].filter(([, e]) => e.kind === 'state').map(([s]) => s)])})(?:['’]s)?${SP}((?:[a-z]+${SP})?(?:${alternation(Object.keys(COMMON_ORG_HEADS).flatMap((h) => [h, h.replace(/\b\w/g, (c) => c.toUpperCase())]))}))(?![\\p{L}])`,
  'gu',
)
const TITLE_RE = new RegExp(`(?<![\\p{L}])(${alternation(PERSON_TITLES)})${SP}(${CAP}(?:${SP}${CAP}){0,2})`, 'gu')
const SPEECH_WORDS = new Set(SPEECH_VERBS.flatMap((v) => phraseForms(v.lemma.split(' ')[0]!)))
const SPEECH_FORMS = alternation(
  SPEECH_VERBS.filter((v) => !v.lemma.includes(' ')).flatMap((v) => phraseForms(v.lemma)),
)
const NAME_THEN_VERB = new RegExp(`(${CAP}(?:${SP}${CAP}){1,2})(?:,[^,\\n]{3,120},)?${SP}(?:${SPEECH_FORMS})\\b`, 'gu')
const VERB_THEN_NAME = new RegExp(`\\b(?:${SPEECH_FORMS})${SP}(${CAP}(?:${SP}${CAP}){1,2})`, 'gu')
const APPOSITIVE = new RegExp(
  `(${CAP}(?:${SP}${CAP}){1,2}),${SP}(?:(?:a|an|the|its|his|her|their)${SP})?(?:[\\p{L}-]+${SP}){0,3}(?:${PERSON_ROLE_NOUNS.join('|')})s?\\b`,
  'gu',
)

export function isNameToken(t: string): boolean {
  const bare = t.replace(/['’]s$/, '')
  return /^\p{Lu}/u.test(bare) && !NOT_NAME_WORDS.has(bare) && !FIXED.has(bare) && !DEMONYMS.has(bare)
}

export function stripPossessive(s: string): string {
  return s.replace(/['’]s$/, '').replace(/[.,]+$/, '')
}

class Registry {
  actors = new Map<string, ActorRecord>()
  mentions: Mention[] = []
  constructor(readonly body: string) {}

  occupied(s: Span): boolean {
    return this.mentions.some((m) => m.start < s.end && s.start < m.end)
  }

  upsert(e: Omit<Entry, 'aliases'> & { aliases?: string[]; title?: string | null }): ActorRecord {
    let a = this.actors.get(e.slug)
    if (!a) {
      a = {
        slug: e.slug,
        name: e.name,
        kind: e.kind,
        country: e.country,
        title: e.title ?? null,
        aliases: [...(e.aliases ?? [])],
        affiliations: [],
        surfaceForms: new Set(),
      }
      this.actors.set(e.slug, a)
    }
    if (!a.title && e.title) a.title = e.title
    if (!a.country && e.country) a.country = e.country
    return a
  }

  mention(start: number, end: number, a: ActorRecord): boolean {
    const span = { start, end }
    if (end <= start || this.occupied(span)) return false
    this.mentions.push({ ...span, slug: a.slug })
    a.surfaceForms.add(this.body.slice(start, end))
    return true
  }
}

export { Registry }

/** Whether a state name at `start..end` is part of a place ("East China Sea"). */
function isGeoFeature(body: string, start: number, end: number): boolean {
  const after = /^\s+(\p{Lu}\p{L}+)/u.exec(body.slice(end, end + 20))?.[1]
  if (after && GEO_FEATURES.includes(after)) return true
  const before = /(\p{Lu}\p{L}+)\s+$/u.exec(body.slice(Math.max(0, start - 12), start))?.[1]
  return !!before && COMPASS.includes(before) && !!after
}

export function addFixed(r: Registry, pattern: RegExp, table: ReadonlyMap<string, Entry>): void {
  pattern.lastIndex = 0
  for (const m of r.body.matchAll(pattern)) {
    const e = table.get(m[0])
    if (!e || isGeoFeature(r.body, m.index, m.index + m[0].length)) continue
    if (
      e.kind === 'state' &&
      /^\s+(?:and\s+)?(?:[A-Z][a-z]+\s+)?(?:Sea|Seas)\b/.test(
        r.body.slice(m.index + m[0].length, m.index + m[0].length + 30),
      )
    )
      continue
    // "flew to Nairobi": a capital after a preposition of place is the city, not the government.
    if (e.kind === 'state' && CAPITALS.has(m[0]) && PLACE_BEFORE.test(r.body.slice(Math.max(0, m.index - 12), m.index)))
      continue
    r.mention(m.index, m.index + m[0].length, r.upsert(e))
  }
}

const PLACE_BEFORE = /\b(?:in|to|from|at|near|into|outside|around|via|through|toward|towards|across|over|of)\s+$/

export function addDemonymOrgs(r: Registry): void {
  for (const m of r.body.matchAll(DEMONYM_ORG)) {
    const head = m[2]!.toLowerCase()
    const next = r.body.slice(m.index + m[0].length, m.index + m[0].length + 30)
    if (ADJECTIVAL_HEADS.has(head) && /^[ \u00a0]+\p{Ll}+(?<!ed)\b/u.test(next) && !FOLLOWERS.test(next)) continue
    const key = Object.keys(COMMON_ORG_HEADS).find((h) => head.endsWith(h))!
    const country = countryOf(m[1]!)
    const name = `${m[1]} ${m[2]}`
    const kind = COMMON_ORG_HEADS[key]!
    // "the Chinese government" is the state acting; keep it a body of its own but tied to the state.
    const a = r.upsert({ slug: slugify(name), name, kind, country })
    r.mention(m.index, m.index + m[0].length, a)
  }
}

/** "Stanford University's Center on X" is two organisations; "People's Liberation Army" is one. */
// A unit named after its owner's possessive is part of its name ("Marlow University's Center on Ageing").
const SUB_UNITS = new Set([
  'Center',
  'Centre',
  'Institute',
  'School',
  'Laboratory',
  'Lab',
  'Program',
  'Programme',
  'College',
])

function splitPossessive(run: string): string[] {
  const m = /^(.*?)['’]s[ \u00a0]+(.*)$/u.exec(run)
  if (!m || !ORG_HEAD_WORDS.has(m[1]!.split(/\s+/).at(-1)!)) return [run]
  if (SUB_UNITS.has(m[2]!.split(/[ \u00a0]+/)[0]!) && m[2]!.includes(' ')) return [run]
  return [`${m[1]}`, ...splitPossessive(m[2]!)]
}

const coordinated = new Set<string>()

/** "Acme Corporation and Zenith": two names; "Harbour Police Commissioner Ann Lee": the body ends at the title. */
function splitRun(run: string): string[] {
  const words = run.split(/[ \u00a0]+/)
  // "Senator Ann Lee of Acme Corporation": a titled person, then the body after "of".
  const of = words.indexOf('of')
  if (of > 2 && TITLE_WORDS.has(words[0]!) && words.slice(1, of).every((w) => isNameToken(w)))
    return splitRun(words.slice(of + 1).join(' '))
  for (let i = 1; i < words.length; i++) {
    if ((words[i] === 'and' || words[i] === '&') && ORG_HEAD_WORDS.has(words[i - 1]!)) {
      const rest = words.slice(i + 1).join(' ')
      coordinated.add(rest)
      return [words.slice(0, i).join(' '), ...splitRun(rest)]
    }
    if (TITLE_WORDS.has(words[i]!) && ORG_HEAD_WORDS.has(words[i - 1]!)) return [words.slice(0, i).join(' ')]
  }
  return [run]
}

export function addOrgs(r: Registry): void {
  for (const m of r.body.matchAll(CAP_RUN)) {
    coordinated.clear()
    for (const part of splitRun(m[0]).flatMap(splitPossessive)) {
      const offset = m.index + m[0].indexOf(part)
      const start0 = (p: string) => offset + p.indexOf(stripPossessive(p.replace(/^(?:The|A|An)\s+/, '')))
      const name = stripPossessive(part.replace(/^(?:The|A|An)\s+/, ''))
      const words = name.split(/\s+/)
      const head =
        words.findLast((w) => ORG_HEAD_WORDS.has(w)) ??
        (words.length > 1 && ORG_HEADS[`${words.at(-2)} ${words.at(-1)}`] ? words.at(-1) : undefined)
      // The second of two coordinated organisations needs no head of its own.
      if (
        !head &&
        coordinated.has(part) &&
        words.length <= 3 &&
        words.every((w) => isNameToken(w)) &&
        !FIXED.has(name)
      ) {
        r.mention(
          start0(part),
          start0(part) + name.length,
          r.upsert({ slug: slugify(name), name, kind: 'organisation', country: null }),
        )
        continue
      }
      if (!head || words.length < 2 || FIXED.has(name)) continue
      const kind = ORG_HEADS[head] ?? ORG_HEADS[words.slice(-2).join(' ')] ?? 'organisation'
      const start = offset + part.indexOf(name)
      const country = words.map((w) => countryOf(stripPossessive(w))).find((c) => c) ?? null
      r.mention(start, start + name.length, r.upsert({ slug: slugify(name), name, kind, country }))
    }
  }
}

const TITLE_WORDS = new Set(PERSON_TITLES.flatMap((t) => t.split(' ')).filter((w) => /^\p{Lu}/u.test(w)))

const PARTICLES = new Set([
  'de',
  'da',
  'di',
  'del',
  'della',
  'van',
  'von',
  'der',
  'den',
  'bin',
  'al',
  'du',
  'dos',
  'la',
  'le',
])

function isNamePart(t: string, i: number, n: number): boolean {
  return /^\p{Lu}/u.test(t) || (i > 0 && i < n - 1 && PARTICLES.has(t))
}

function trimName(raw: string): string | null {
  const tokens = stripPossessive(raw).split(/\s+/)
  while (tokens.length && (!isNameToken(tokens[0]!) || TITLE_WORDS.has(tokens[0]!))) tokens.shift()
  while (tokens.length && !isNameToken(tokens.at(-1)!)) tokens.pop()
  if (!tokens.length || tokens.some((t, i) => !isNamePart(t, i, tokens.length) || ORG_HEAD_WORDS.has(t))) return null
  return tokens.join(' ')
}

export function addPerson(r: Registry, at: number, raw: string, title: string | null, country: string | null): void {
  const name = trimName(raw)
  // A lone upper-case word is an abbreviation, not a person ("the GRZ said").
  if (!name || FIXED.has(name) || DEMONYMS.has(name.split(' ')[0]!) || /^[\p{Lu}\p{N}&]{2,}$/u.test(name)) return
  const start = at + raw.indexOf(name)
  const existing = findPerson(r, name)
  const a = existing ?? r.upsert({ slug: slugify(name), name, kind: 'person', country, title })
  if (title && !a.title) a.title = title
  if (country && !a.country) a.country = country
  r.mention(start, start + name.length, a)
}

/** A person already known by this full name, surname or first name. */
export function findPerson(r: Registry, name: string): ActorRecord | undefined {
  const people = [...r.actors.values()].filter((a) => a.kind === 'person')
  const exact = people.find((p) => p.name === name)
  if (exact) return exact
  if (name.includes(' ')) return undefined
  const bySurname = people.filter((p) => p.name.split(' ').at(-1) === name)
  if (bySurname.length >= 1) return bySurname.at(-1)
  const byFirst = people.filter((p) => p.name.split(' ')[0] === name)
  return byFirst.length === 1 ? byFirst[0] : undefined
}

export function addPeople(r: Registry): void {
  const body = r.body
  for (const m of body.matchAll(TITLE_RE)) {
    const before = body.slice(Math.max(0, m.index - 40), m.index)
    const demonym = /(\p{Lu}[\p{L}]+)(?:['’]s)?\s+(?:[a-z]+\s+){0,3}$/u.exec(before)?.[1]
    addPerson(r, m.index + m[0].length - m[2]!.length, m[2]!, m[1]!, demonym ? countryOf(demonym) : null)
  }
  for (const re of [APPOSITIVE, NAME_THEN_VERB, VERB_THEN_NAME]) {
    for (const m of body.matchAll(re)) {
      // "officials in Northfield and Port Ellis say": places, not people.
      if (re === NAME_THEN_VERB && PLACE_LIST_BEFORE.test(body.slice(Math.max(0, m.index - 60), m.index))) continue
      addPerson(r, m.index + m[0].indexOf(m[1]!), m[1]!, null, null)
    }
  }
}

const PLACE_LIST_BEFORE =
  /\b(?:in|at|from|near|across|to)[ \u00a0]+(?:\p{Lu}[\p{L}'’-]*[ \u00a0]+)*(?:and[ \u00a0]+)?$/u
const AND_NAME = new RegExp(`^(?:,|[ \\u00a0]+and)${SP}(${CAP}${SP}${CAP}(?:${SP}${CAP})?)`, 'u')

/** "ministers Ann Lee and Tom Berra": a name run coordinated with a person is a person. */
export function addCoordinatedPeople(r: Registry): void {
  for (let pass = 0; pass < 2; pass++)
    for (const m of [...r.mentions]) {
      if (r.actors.get(m.slug)?.kind !== 'person') continue
      const next = AND_NAME.exec(r.body.slice(m.end, m.end + 80))
      if (next) addPerson(r, m.end + next[0].indexOf(next[1]!), next[1]!, null, null)
    }
}

/** Single names: surnames and first names of people already found, and surname reuse. */
export function addShortNames(r: Registry): void {
  const people = [...r.actors.values()].filter((a) => a.kind === 'person' && a.name.includes(' '))
  const forms = new Map<string, ActorRecord>()
  for (const p of people) {
    const parts = p.name.split(' ')
    forms.set(parts.at(-1)!, p)
    if (people.filter((q) => q.name.split(' ')[0] === parts[0]).length === 1 && !forms.has(parts[0]!))
      forms.set(parts[0]!, p)
  }
  if (!forms.size) return
  const re = new RegExp(`(?<![\\p{L}])(?:${[...forms.keys()].map(escapeRegex).join('|')})(?![\\p{L}])`, 'gu')
  for (const m of r.body.matchAll(re)) r.mention(m.index, m.index + m[0].length, forms.get(m[0])!)
}

const ROLE_THEN_NAME = new RegExp(
  `\\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir)${SP}(?:[\\p{Ll}-]+${SP}){0,2}(?:${PERSON_ROLE_NOUNS.join('|')})s?,${SP}(${CAP}(?:${SP}${CAP}){1,2}),`,
  'gu',
)
/** A lone capitalised word or acronym right before a speech verb ("Interpol said"). */
const SINGLE_SPEAKER = new RegExp(
  `(?<![\\p{L}])(?<!\\p{Lu}[\\p{L}'’-]*[ \\u00a0])(${CAP})${SP}(?:also${SP})?(?:said|says|told|added|announced|reported|warned|confirmed)\\b`,
  'gu',
)

export function addRoleNames(r: Registry): void {
  for (const m of r.body.matchAll(ROLE_THEN_NAME)) addPerson(r, m.index + m[0].indexOf(m[1]!), m[1]!, null, null)
}

/** Single-word speakers not yet known: acronyms and names are taken as organisations. */
export function addSingleSpeakers(r: Registry): void {
  for (const m of r.body.matchAll(SINGLE_SPEAKER)) {
    const word = stripPossessive(m[1]!)
    const start = m.index
    if (!isNameToken(word) || TITLE_WORDS.has(word) || r.occupied({ start, end: start + word.length })) continue
    if (findPerson(r, word)) continue
    // Sentence-initial single words are often ordinary words ("Officials said"); require a capital
    // elsewhere in the word or a position inside the sentence.
    const initial = start === 0 || /[.!?”"]\s+$|\n$/.test(r.body.slice(Math.max(0, start - 3), start))
    if (initial && !/^\p{Lu}{2,}$/u.test(word) && !/\p{Lu}.*\p{Lu}|\p{Ll}{6,}/u.test(word)) continue
    r.mention(
      start,
      start + word.length,
      r.upsert({ slug: slugify(word), name: word, kind: 'organisation', country: null }),
    )
  }
}

const REUSED_RUN = new RegExp(`(?<![\\p{L}])(${CAP}${SP}${CAP}(?:${SP}${CAP})?)`, 'gu')

/** "Ana Lopes … Lopes said": a two- or three-word name whose last word recurs alone is a person. */
export function addReusedNames(r: Registry): void {
  for (const m of r.body.matchAll(REUSED_RUN)) {
    const name = trimName(m[1]!)
    if (!name?.includes(' ') || r.occupied({ start: m.index, end: m.index + m[0].length })) continue
    const last = name.split(' ').at(-1)!
    const alone = new RegExp(`(?<![\\p{L}]\\s?)(?<![\\p{Lu}][\\p{L}]*\\s)${escapeRegex(last)}(?![\\p{L}])`, 'u')
    const rest = r.body.slice(m.index + m[0].length)
    if (alone.test(rest)) addPerson(r, m.index, m[1]!, null, null)
  }
}

const LEADS = /^(?:the\s+)?(?:director|head|chief|chair|chairman|chairwoman|president|leader|founder|dean)\b/i

/** Appositives after a person ("X, director of the Y at Z,") give a title and affiliations. */
export function addAffiliations(r: Registry): void {
  const sorted = [...r.mentions].sort((a, b) => a.start - b.start)
  sorted.forEach((m, i) => {
    const a = r.actors.get(m.slug)!
    if (a.kind !== 'person' || r.body[m.end] !== ',') return
    const rest = r.body.slice(m.end + 1, m.end + 400)
    const app =
      /^\s+((?:a|an|the)\s+)?([^,;]*?(?:,\s+(?:and\s+)?(?:the|a)\s+[^,;]*?)?)(?=,|;|\.\s|\s+(?:said|says|told|wrote|added)\b|$)/u.exec(
        rest,
      )
    if (
      !app ||
      !PERSON_ROLE_NOUNS.some((n) => new RegExp(`\\b${n}s?\\b`, 'i').test(app[2]!.split(/\s+(?:of|at|for|in)\s+/)[0]!))
    )
      return
    const text = app[2]!.trim()
    if (/^(?:is|was|are|were|has|had|who|which|said|says|will|would)\b/.test(text)) return
    if (!a.title) a.title = text.charAt(0).toUpperCase() + text.slice(1)
    const end = m.end + 1 + app[0].length
    for (const o of sorted.slice(i + 1)) {
      if (o.start >= end) break
      const org = r.actors.get(o.slug)!
      if (org.kind === 'person' || org.slug === a.slug || a.affiliations.some((f) => f.actor === org.slug)) continue
      if (org.kind === 'state') {
        a.country ??= org.country
        continue
      }
      const before = r.body.slice(m.end, o.start)
      const relation = /\bformer(?:ly)?\b/i.test(before)
        ? 'formerly_at'
        : LEADS.test(text)
          ? 'leads'
          : /spokes/i.test(before)
            ? 'spokesperson_for'
            : 'employed_by'
      a.affiliations.push({ actor: org.slug, relation, title: null })
      a.country ??= org.country
    }
  })
}

/** "Chinese foreign ministry spokesperson Wang Wenbin": the body just before the title. */
export function addTitleAffiliations(r: Registry): void {
  const sorted = [...r.mentions].sort((a, b) => a.start - b.start)
  for (let i = 1; i < sorted.length; i++) {
    const p = r.actors.get(sorted[i]!.slug)!
    const o = r.actors.get(sorted[i - 1]!.slug)!
    if (p.kind !== 'person' || o.kind === 'person' || o.slug === p.slug) continue
    const gap = r.body.slice(sorted[i - 1]!.end, sorted[i]!.start)
    if (!/^(?:['’]s)?\s+(?:[a-z-]+\s+){1,3}$/.test(gap)) continue
    p.country ??= o.country
    if (o.kind === 'state' || p.affiliations.some((f) => f.actor === o.slug)) continue
    const relation = /spokes/.test(gap)
      ? 'spokesperson_for'
      : /\b(?:head|chief|leader|director)\b/.test(gap)
        ? 'leads'
        : 'member_of'
    p.affiliations.push({ actor: o.slug, relation, title: gap.trim().replace(/^['’]s\s+/, '') || null })
    if (!p.title) p.title = gap.trim().replace(/^['’]s\s+/, '')
  }
}

function knownTable(known: KnownActor[]): Map<string, Entry> {
  const table = new Map<string, Entry>()
  for (const k of known) {
    const e: Entry = { slug: k.slug, name: k.name, kind: k.kind, country: k.country, aliases: k.aliases }
    for (const s of [k.name, ...k.aliases]) if (s.length >= 2 && !table.has(s)) table.set(s, e)
  }
  return table
}

let knownCache: { key: KnownActor[]; table: Map<string, Entry>; pattern: RegExp } | null = null

/** The store's actors, compiled once per list (callers pass the same list while it is unchanged). */
function knownMatcher(known: KnownActor[]) {
  if (knownCache?.key !== known) {
    const table = knownTable(known)
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation(table.keys())})(?![\\p{L}\\p{N}])`, 'gu')
    knownCache = { key: known, table, pattern }
  }
  return knownCache
}

const NAME_RUN = new RegExp(
  `(?<![\\p{L}\\p{N}])${CAP}(?:${SP}(?:(?:${[...PARTICLES].join('|')})${SP})?${CAP}){1,3}`,
  'gu',
)
const AGE_APPOSITIVE = new RegExp(`(${CAP}(?:${SP}${CAP}){1,2}),${SP}\\d{1,3},`, 'gu')
const NAMED = new RegExp(`\\b(?:named|called|dubbed|identified as)${SP}(${CAP}(?:${SP}${CAP}){1,3})`, 'gu')

/** People by form: a run that starts with a common given name, "X, 34,", "a man named X". */
export function addNamedPeople(r: Registry): void {
  for (const run of r.body.matchAll(NAME_RUN)) {
    // "Mayor Jo Smith": the name starts at the given name.
    const all = run[0].split(/([ \u00a0]+)/)
    let at = all.findIndex((t, i) => i % 2 === 0 && GIVEN_NAMES.has(t))
    if (at < 0 || at > 4) continue
    // An initial before the given name belongs to the name ("C. Eugene Smith").
    while (at >= 2 && /^\p{Lu}\.$/u.test(all[at - 2]!)) at -= 2
    const m = { index: run.index + all.slice(0, at).join('').length, 0: all.slice(at).join('') }
    // Cut the run before a word that cannot be part of a person's name.
    const tokens = all.slice(at)
    let end = 1
    for (let i = 2; i < tokens.length; i += 2) {
      const t = stripPossessive(tokens[i]!)
      if (ORG_HEAD_WORDS.has(t) || FIXED.has(t) || DEMONYMS.has(t) || NOT_NAME_WORDS.has(t)) break
      end = i + 1
      if (/['’]s$/.test(tokens[i]!)) break
    }
    const raw = tokens.slice(0, end).join('')
    if (!raw.includes(' ') && !raw.includes('\u00a0')) continue
    if (r.occupied({ start: m.index, end: m.index + raw.length })) continue
    addPerson(r, m.index, raw, null, null)
  }
  for (const re of [AGE_APPOSITIVE, NAMED])
    for (const m of r.body.matchAll(re)) addPerson(r, m.index + m[0].indexOf(m[1]!), m[1]!, null, null)
}

const LOWER_HEAD_RE = new RegExp(
  `(?<![\\p{L}])(${CAP}(?:${SP}${CAP}){0,2})${SP}(?:(\\p{Ll}+)${SP})?(${Object.keys(LOWER_ORG_HEADS).join('|')})(?![\\p{L}])`,
  'gu',
)

/** "Obama administration", "Northfield police", "Hill County health department". */
export function addLowerHeadOrgs(r: Registry): void {
  for (const m of r.body.matchAll(LOWER_HEAD_RE)) {
    const mod = m[2]
    if (mod && (NOT_ORG_MODIFIERS.has(mod) || /(?:ed|ly)$/.test(mod) || SPEECH_WORDS.has(mod))) continue
    const lead = m[1]!.split(/[ \u00a0]+/)
    while (lead.length && lead[0] !== 'New' && (NOT_NAME_WORDS.has(lead[0]!) || TITLE_WORDS.has(lead[0]!))) lead.shift()
    if (
      !lead.length ||
      lead.some((w) => /['’]s$/.test(w) || !/^(?:\p{Lu}[\p{Ll}\p{M}'’.]*(?:-\p{Lu}\p{Ll}*)*|\p{Lu}+)$/u.test(w))
    )
      continue
    const leadAt = m.index + m[0].indexOf(lead[0]!)
    // One capitalised word opening a sentence may be an ordinary word ("Nearly every website").
    if (lead.length === 1 && (leadAt === 0 || /(?:[.!?”"]\s+|\n)$/.test(r.body.slice(Math.max(0, leadAt - 3), leadAt))))
      continue
    // A demonym or a state before the head is the state's own body (addDemonymOrgs).
    if (lead.length === 1 && (DEMONYMS.has(lead[0]!) || FIXED.get(lead[0]!)?.kind === 'state')) continue
    const start = leadAt
    const end = m.index + m[0].length
    const head = m[3]!
    const kind = mod === 'news' ? 'media' : LOWER_ORG_HEADS[head]!
    // A publication is named by its title ("the Ledger newspaper" is "Ledger").
    const name = kind === 'media' ? lead.join(' ') : r.body.slice(start, end)
    if (r.occupied({ start, end })) continue
    const country = lead.map((w) => countryOf(w)).find((c) => c) ?? null
    r.mention(start, end, r.upsert({ slug: slugify(name), name, kind, country }))
  }
}

const GENERIC_BODIES: Readonly<Record<string, ActorKind>> = {
  military: 'military',
  army: 'military',
  police: 'law_enforcement',
  government: 'government_body',
}
const GENERIC_RE = new RegExp(`\\b[Tt]he${SP}(${Object.keys(GENERIC_BODIES).join('|')})(?![\\p{L}-])`, 'gu')

/** "the military", "the police": the body of the article's own country, named by its common noun. */
export function addGenericBodies(r: Registry): void {
  for (const m of r.body.matchAll(GENERIC_RE)) {
    const word = m[1]!
    const start = m.index + m[0].length - word.length
    // "the military takeover": an adjective before a noun.
    const next = r.body.slice(m.index + m[0].length, m.index + m[0].length + 30)
    if (/^[ \u00a0]+\p{Ll}+(?<!ed)\b/u.test(next) && !FOLLOWERS.test(next)) continue
    const a = r.upsert({ slug: `the-${word}`, name: `the ${word}`, kind: GENERIC_BODIES[word]!, country: null })
    r.mention(start, start + word.length, a)
  }
}

/** "the Senate", "Parliament rises": institutions named by one word. */
export function addSingleWordBodies(r: Registry): void {
  const re = new RegExp(`(?<![\\p{L}])(?:${Object.keys(SINGLE_WORD_BODIES).join('|')})(?![\\p{L}])`, 'gu')
  for (const m of r.body.matchAll(re)) {
    const before = r.body.slice(Math.max(0, m.index - 4), m.index)
    // Sentence-initial capitals say nothing; "The Government" does.
    const initial = m.index === 0 || /(?:[.!?”"]\s+|\n)$/.test(before)
    if (initial) continue
    const name = m[0]
    r.mention(
      m.index,
      m.index + name.length,
      r.upsert({ slug: slugify(name), name, kind: SINGLE_WORD_BODIES[name]!, country: null }),
    )
  }
}

const ACRONYM = /(?<![\p{L}\p{N}'’.-])\p{Lu}[\p{Lu}\p{N}&]{1,6}(?![\p{L}\p{N}-])/gu

/** Upper-case abbreviations used at least twice, or once as a speaker or owner, are organisations. */
export function addAcronyms(r: Registry): void {
  const found = [...r.body.matchAll(ACRONYM)].filter((m) => /\p{Lu}.*\p{Lu}|\p{Lu}\p{N}/u.test(m[0]))
  const counts = new Map<string, number>()
  for (const m of found) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1)
  for (const m of found) {
    const word = m[0]
    if (NOT_ACTOR_ACRONYMS.has(word) || FIXED.has(word) || TITLE_WORDS.has(word)) continue
    // Shouted words in an upper-case line ("BREAKING NEWS") are not names.
    const around = r.body.slice(Math.max(0, m.index - 2), m.index + word.length + 2)
    if (/\p{Lu}{2}[ \u00a0]+\p{Lu}|\p{Lu}[ \u00a0]+\p{Lu}{2}/u.test(around)) continue
    const after = r.body.slice(m.index + word.length, m.index + word.length + 14)
    if ((counts.get(word) ?? 0) < 2 && !/^(?:['’]s\b|[ \u00a0]+(?:said|says|told|reported|announced)\b)/.test(after))
      continue
    const known = [...r.actors.values()].find((a) => a.name === word || a.aliases.includes(word))
    r.mention(
      m.index,
      m.index + word.length,
      known ?? r.upsert({ slug: slugify(word), name: word, kind: 'organisation', country: null }),
    )
  }
}

// A company or brand name: one to three capitalised words, a word may be CamelCase or end in ".com".
const COMPANY_NAME = `(\\p{Lu}[\\p{L}\\p{N}&-]*(?:\\.com)?(?:${SP}\\p{Lu}[\\p{L}\\p{N}&-]*){0,2})`
const CORP_VERB_FORMS = alternation(CORPORATE_VERBS.flatMap((v) => phraseForms(v)))
const COMPANY_BEFORE = new RegExp(`\\b(?:${alternation(COMPANY_NOUNS)})${SP}${COMPANY_NAME}(?![\\p{L}\\p{N}])`, 'gu')
const COMPANY_AFTER = new RegExp(
  `(?<![\\p{L}\\p{N}.])${COMPANY_NAME}(?=(?:,?${SP}(?:${alternation(CORPORATE_SUFFIXES)})\\b|['’]s${SP}(?:chief executive|CEO|founder|co-founder|shares|stock|drivers|employees|board)\\b|${SP}(?:has${SP}been${SP}|had${SP}|has${SP}|is${SP}|was${SP})?(?:${CORP_VERB_FORMS})\\b|${SP}(?:officials|executives|spokes(?:man|woman|person))\\b|,${SP}(?:which|a|an|the|\\p{Lu}[\\p{L}'’]*)${SP}(?:[\\p{L}'’-]+${SP}){0,3}(?:${alternation(COMPANY_NOUNS)})\\b))`,
  'gu',
)

/**
 * Companies and brands without a head noun: a capitalised name after a company noun ("the
 * supplier Zentro"), before a corporate suffix, "'s chief executive", an apposition naming a company,
 * or as the subject of a corporate verb ("Zentro launched"); then its other mentions.
 */
export function addCompanies(r: Registry): void {
  const found: Array<{ start: number; name: string }> = []
  for (const re of [COMPANY_BEFORE, COMPANY_AFTER])
    for (const m of r.body.matchAll(re)) {
      const name = m[1]!
      found.push({ start: m.index + m[0].length - name.length - (re === COMPANY_AFTER ? 0 : 0), name })
    }
  for (const f of found) {
    const start = f.start
    const words = f.name.split(/[ \u00a0]+/)
    const first = words[0]!.replace(/\.com$/, '')
    if (NOT_NAME_WORDS.has(first) || TITLE_WORDS.has(first) || DEMONYMS.has(first) || GIVEN_NAMES.has(first)) continue
    if (words.some((w) => FIXED.has(w.replace(/['’]s$/, '')))) continue
    // One capitalised word opening a sentence may be an ordinary word ("Officials hope").
    const initial = start === 0 || /(?:[.!?”"]\s+|\n)$/.test(r.body.slice(Math.max(0, start - 3), start))
    if (initial && words.length === 1 && !/\p{Lu}.*\p{Lu}|\.com$/u.test(first)) {
      const again = new RegExp(`(?<![.!?”"]\\s|^)${SP}${escapeRegex(f.name)}(?![\\p{L}])`, 'u')
      if (!again.test(r.body)) continue
    }
    if (r.occupied({ start, end: start + f.name.length })) continue
    const bare = f.name.replace(/\.com$/, '')
    const a = r.upsert({ slug: slugify(bare), name: bare, kind: 'organisation', country: null })
    r.mention(start, start + f.name.length, a)
    const others = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegex(bare)}(?:\\.com)?(?![\\p{L}\\p{N}])`, 'gu')
    for (const m of r.body.matchAll(others)) r.mention(m.index, m.index + m[0].length, a)
  }
}

const COMPANY_ANAPHOR = /\b[Tt]he[ \u00a0]+(?:company|firm|corporation)(?![\p{L}-])/gu
/** How far back "the company" looks for the organisation it stands for. */
const ANAPHOR_REACH = 1500

/** "the company", "the firm": the nearest organisation named before it, when there is one. */
export function addCompanyAnaphors(r: Registry): void {
  const orgs = r.mentions.filter((m) => r.actors.get(m.slug)?.kind === 'organisation').sort((a, b) => a.start - b.start)
  for (const m of r.body.matchAll(COMPANY_ANAPHOR)) {
    const prior = orgs.filter((o) => o.end <= m.index && m.index - o.end <= ANAPHOR_REACH).at(-1)
    // "the company's own", "the company said": anything but a modifier of another noun ("the company car").
    const next = r.body.slice(m.index + m[0].length, m.index + m[0].length + 20)
    if (!prior || /^[ \u00a0]+(?:car|cars|town|store|line|name|logo)\b/.test(next)) continue
    r.mention(m.index, m.index + m[0].length, r.actors.get(prior.slug)!)
  }
}

const MONTHS = /^(?:January|February|March|April|May|June|July|August|September|October|November|December)\b/
const PLACE_NAME = `\\p{Lu}[\\p{L}\\p{M}'’-]*(?:${SP}\\p{Lu}[\\p{L}\\p{M}'’-]*){0,2}`
const PLACED_ROLE = new RegExp(
  `(?<![\\p{L}])(?:${Object.keys(PLACED_ROLE_NOUNS)
    .map((w) => `[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}`)
    .join('|')})${SP}in${SP}(${PLACE_NAME})(?:${SP}and${SP}(${PLACE_NAME}))?(?![\\p{L}])`,
  'gu',
)

/** "prosecutors in Velmar and Osk": a common-noun body placed by the towns or states it serves. */
export function addPlacedRoles(r: Registry): void {
  for (const m of r.body.matchAll(PLACED_ROLE)) {
    const places = [m[1], m[2]].filter((p): p is string => !!p)
    // Capitalised names after "in" are places here, unless a word opens a clause ("in May", "in The").
    if (places.some((p) => NOT_NAME_WORDS.has(p.split(/[ \u00a0]/)[0]!) || MONTHS.test(p))) continue
    const role = m[0].split(/[ \u00a0]/)[0]!.toLowerCase()
    const name = m[0]
    const a = r.upsert({ slug: slugify(name), name, kind: PLACED_ROLE_NOUNS[role]!, country: null })
    // The phrase replaces the places' own mentions inside it.
    r.mentions = r.mentions.filter((x) => x.end <= m.index || x.start >= m.index + name.length)
    r.mention(m.index, m.index + name.length, a)
  }
}

const GROUP_PLURAL = new RegExp(`(?<![\\p{L}])The${SP}(\\p{Lu}[\\p{L}\\p{M}'’-]*)${SP}(?:are|were|have)\\b`, 'gu')
const GROUP_ANAPHOR = new RegExp(`\\b[Tt]he${SP}(?:${GROUP_ANAPHORS.join('|')})(?![\\p{L}-])`, 'gu')

/**
 * "The Velari are investigating": a people or group named by one capitalised word with a plural
 * verb; then "the tribe", "the community" after it stand for the nearest such group.
 */
export function addGroups(r: Registry): void {
  for (const m of r.body.matchAll(GROUP_PLURAL)) {
    const name = m[1]!
    if (NOT_NAME_WORDS.has(name) || FIXED.has(name) || DEMONYMS.has(name) || GIVEN_NAMES.has(name)) continue
    if (r.actors.has(slugify(name)) && r.actors.get(slugify(name))!.kind !== 'grouping') continue
    const a = r.upsert({ slug: slugify(name), name, kind: 'grouping', country: null })
    const others = new RegExp(`(?<![\\p{L}\\p{M}])${escapeRegex(name)}(?![\\p{L}\\p{M}])`, 'gu')
    for (const o of r.body.matchAll(others)) r.mention(o.index, o.index + name.length, a)
  }
  const groups = r.mentions.filter((m) => r.actors.get(m.slug)?.kind === 'grouping').sort((a, b) => a.start - b.start)
  for (const m of r.body.matchAll(GROUP_ANAPHOR)) {
    const prior = groups.filter((g) => g.end <= m.index && m.index - g.end <= ANAPHOR_REACH).at(-1)
    if (prior) r.mention(m.index, m.index + m[0].length, r.actors.get(prior.slug)!)
  }
}

export function findActors(body: string, known: KnownActor[] = []): ActorIndex {
  const r = new Registry(body)
  if (known.length) {
    const k = knownMatcher(known)
    addFixed(r, k.pattern, k.table)
  }
  addDemonymOrgs(r)
  addLowerHeadOrgs(r)
  addOrgs(r)
  addNamedPeople(r)
  addPeople(r)
  addCoordinatedPeople(r)
  addRoleNames(r)
  addFixed(r, FIXED_PATTERN, FIXED)
  addReusedNames(r)
  addShortNames(r)
  addCompanies(r)
  addSingleWordBodies(r)
  addGenericBodies(r)
  addAcronyms(r)
  addSingleSpeakers(r)
  addCompanyAnaphors(r)
  addPlacedRoles(r)
  addGroups(r)
  r.mentions.sort((a, b) => a.start - b.start)
  addAffiliations(r)
  addTitleAffiliations(r)
  return { actors: r.actors, mentions: r.mentions }
}
