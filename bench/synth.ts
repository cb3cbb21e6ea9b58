// Deterministic synthetic briefs for benchmarks: same seed, same data.
import type { Brief, BriefActor, BriefClaim, BriefEvent } from '../src/domain/brief.schema.js'
import { EVENT_TYPES } from '../src/domain/vocabulary.js'

export function rng(seed: number): () => number {
  // The state lives in a typed array: a captured `let` above 2^31 would be boxed on every call.
  const a = new Uint32Array([seed >>> 0])
  return () => {
    a[0] = (a[0] as number) + 0x6d2b79f5
    let t = a[0] as number
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const COUNTRIES = [
  'CHN',
  'JPN',
  'USA',
  'AUS',
  'KOR',
  'PRK',
  'IND',
  'RUS',
  'GBR',
  'FRA',
  'DEU',
  'VNM',
  'PHL',
  'IDN',
  'MYS',
  'SGP',
  'THA',
  'NZL',
  'CAN',
  'BRA',
  'TUR',
  'IRN',
  'ISR',
  'SAU',
  'EGY',
  'ZAF',
  'NGA',
  'UKR',
  'POL',
  'ITA',
]
const SYL = [
  'an',
  'bel',
  'cor',
  'da',
  'el',
  'fen',
  'gar',
  'hol',
  'is',
  'jun',
  'ka',
  'lor',
  'mer',
  'nal',
  'or',
  'pen',
  'quin',
  'ros',
  'sel',
  'tor',
  'ul',
  'var',
  'wen',
  'xi',
  'yor',
  'zan',
]
export const KINDS = [
  'state',
  'government_body',
  'military',
  'person',
  'person',
  'person',
  'organisation',
  'academic_institution',
  'media',
] as const
export const WORDS =
  'security cooperation dialogue tensions maritime trade defence alliance summit border sanctions ministers agreement talks region stability hotline exercises budget treaty economy investment technology patrol islands airspace missile diplomacy crisis'.split(
    ' ',
  )
export const CLAIM_KINDS = [
  'assessment',
  'recommendation',
  'warning',
  'prediction',
  'position',
  'pledge',
  'accusation',
  'denial',
] as const
export const PLOVER = EVENT_TYPES.filter((t) => t !== 'OTHER')

export interface PoolActor {
  slug: string
  name: string
  kind: (typeof KINDS)[number]
  country: string | null
  aliases: string[]
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

export function actorPool(size: number, seed: number): PoolActor[] {
  const r = rng(seed)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T
  const word = () => cap(Array.from({ length: 2 + Math.floor(r() * 2) }, () => pick(SYL)).join(''))
  return Array.from({ length: size }, (_, i) => {
    const kind = i < COUNTRIES.length ? 'state' : pick(KINDS)
    const name = i < COUNTRIES.length ? `State of ${word()}` : `${word()} ${word()}`
    return {
      slug: `actor-${i}`,
      name: `${name} ${i}`,
      kind,
      country: i < COUNTRIES.length ? (COUNTRIES[i] as string) : r() < 0.6 ? pick(COUNTRIES) : null,
      aliases: Array.from({ length: 1 + Math.floor(r() * 2) }, (_, k) => `${word()}-${i}-${k}`),
    }
  })
}

const DAY_START = Date.UTC(2016, 0, 1)
const DAY_SPAN = Date.UTC(2025, 11, 31) - DAY_START
const DAY_MS = 86_400_000
const DAYS = Array.from({ length: Math.ceil(DAY_SPAN / DAY_MS) }, (_, i) =>
  new Date(DAY_START + i * DAY_MS).toISOString().slice(0, 10),
)

function day(r: () => number): string {
  return DAYS[Math.floor(Math.floor(r() * DAY_SPAN) / DAY_MS)] as string
}

/** One brief; events with `shared` keys reuse the same real-world event across articles. */
export function synthBrief(n: number, pool: PoolActor[], seed: number): Brief {
  const r = rng(seed * 7919 + n)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T
  const nActors = 10 + Math.floor(r() * 11)
  const chosen = new Map<string, PoolActor>()
  chosen.set(pool[n % 30]?.slug as string, pool[n % 30] as PoolActor) // a state in every article
  while (chosen.size < nActors) {
    const a = pick(pool)
    chosen.set(a.slug, a)
  }
  const actors = [...chosen.values()]
  const sentences: string[] = []
  const words = (k: number) => {
    let s = pick(WORDS)
    for (let i = 1; i < k; i++) s += ` ${pick(WORDS)}`
    return s
  }
  const targetLen = 4000 + Math.floor(r() * 4000)
  let len = 0
  while (len < targetLen) {
    const a = pick(actors)
    const s = `${a.name} discussed ${words(6)} with ${pick(actors).name} amid ${words(8)}.`
    sentences.push(s)
    len += s.length + 2
  }
  const nClaims = 8 + Math.floor(r() * 8)
  const claimSentences: Array<{ text: string; quote: string; claimant: PoolActor; about: PoolActor }> = []
  for (let i = 0; i < nClaims; i++) {
    const claimant = pick(actors)
    const about = pick(actors)
    const quote = `${cap(words(5))} must ${words(4)}`
    claimSentences.push({ text: `${claimant.name} said “${quote}” about ${about.name}.`, quote, claimant, about })
  }
  const nEvents = 5 + Math.floor(r() * 6)
  const eventSentences = Array.from({ length: nEvents }, (_, i) => {
    const a = pick(actors)
    const b = pick(actors)
    return { text: `In the report, ${a.name} and ${b.name} were involved in ${words(5)} (${i}).`, a, b }
  })
  // Interleave claim and event sentences into the body as separate paragraphs.
  const paragraphs = [...sentences]
  for (const c of claimSentences) paragraphs.splice(Math.floor(r() * paragraphs.length), 0, c.text)
  for (const e of eventSentences) paragraphs.splice(Math.floor(r() * paragraphs.length), 0, e.text)
  const body = paragraphs.join('\n\n')
  const published = day(r)
  const briefActors: BriefActor[] = actors.map((a) => ({
    slug: a.slug,
    name: a.name,
    kind: a.kind,
    country: a.country,
    title: null,
    description: null,
    wikidataId: null,
    aliases: a.aliases,
    affiliations: [],
    role: 'mentioned',
    surfaceForms: body.includes(a.name) ? [a.name] : [],
  }))
  const claims: BriefClaim[] = claimSentences.map((c, i) => {
    const start = body.indexOf(c.text)
    const qs = body.indexOf(c.quote, start)
    return {
      key: `c${i + 1}`,
      kind: pick(CLAIM_KINDS),
      summary: `${c.claimant.name} on ${c.about.name}: ${c.quote}.`,
      modality: 'asserted',
      quote: { text: c.quote, start: qs, end: qs + c.quote.length },
      evidence: { start, end: start + c.text.length, exact: c.text },
      claimants: [c.claimant.slug],
      about: [c.about.slug],
      stated: { date: published, precision: 'day', approximate: false, text: null },
      extraction: { method: 'automatic', extractor: 'bench-synth', confidence: 0.9, reviewed: false },
      links: [],
    }
  })
  const events: BriefEvent[] = eventSentences.map((e, i) => {
    const start = body.indexOf(e.text)
    const precision = r() < 0.7 ? 'day' : r() < 0.7 ? 'month' : 'year'
    const d = day(r)
    const date = precision === 'day' ? d : precision === 'month' ? d.slice(0, 7) : d.slice(0, 4)
    return {
      key: `e${i + 1}`,
      title: `${e.a.name} – ${e.b.name}: ${words(3)}`,
      description: null,
      type: pick(PLOVER),
      extension: null,
      subtype: null,
      mode: null,
      contexts: ['diplomatic'],
      status: 'occurred',
      modality: 'asserted',
      start: { date, precision, approximate: false, text: null },
      end: null,
      location: null,
      participants:
        e.a.slug === e.b.slug
          ? [{ actor: e.a.slug, role: 'initiator' }]
          : [
              { actor: e.a.slug, role: 'initiator' },
              { actor: e.b.slug, role: 'target' },
            ],
      evidence: { start, end: start + e.text.length, exact: e.text },
      extraction: { method: 'automatic', extractor: 'bench-synth', confidence: 0.8, reviewed: false },
    }
  })
  return {
    schemaVersion: 1,
    article: {
      slug: `bench-article-${n}`,
      title: `${actors[0]?.name} and ${actors[1]?.name}: ${words(4)}`,
      summary: words(20),
      keyPoints: [words(10), words(10)],
      section: 'Synthetic',
      publisher: 'Geobrief benchmark generator',
      byline: null,
      url: null,
      language: 'en',
      published: { date: published, precision: 'day', approximate: false, text: null },
      topics: [pick(WORDS), pick(WORDS)],
      relatedHeadlines: [],
      body,
      source: { text: body, mediaType: 'text/plain' },
    },
    actors: briefActors,
    claims,
    events,
  }
}
