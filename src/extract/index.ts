// Raw page text in, draft brief out: clean → sentences → quotes → actors → claims → events →
// dates. Pure, deterministic, offline and synchronous; every offset points into article.body.
import type { BriefInput } from '../domain/brief.schema.js'
import type { PartialDate } from '../domain/dates.js'
import { type KnownActor, findActors } from './actors.js'
import { buildActors, buildClaims, buildEvents } from './brief.js'
import { type ClaimWarning, findClaims } from './claims.js'
import { type Cleaned, clean, sourceOffsetOf } from './clean.js'
import { type DateMention, findDates } from './dates.js'
import { findEvents } from './events.js'
import { slugify } from './gazetteer.js'
import { findQuotes } from './quotes.js'
import { splitSentences } from './sentences.js'
import { lastAtOrBefore } from './sorted.js'
import { AUTHOR, UNNAMED_SOURCE, buildCandidates } from './speakers.js'
import { ExtractError, type Span } from './types.js'

export { ExtractError } from './types.js'
export type { KnownActor } from './actors.js'

export const EXTRACTOR = 'geobrief-rules@0.1.0'

export interface ExtractOptions {
  published?: string
  publisher?: string
  url?: string
  actors?: KnownActor[]
}

export interface ExtractWarning {
  code: 'unattributed-quote' | 'ambiguous-actor' | 'unresolved-date' | 'no-publication-date' | (string & {})
  message: string
  pointer?: string
}

export interface Extraction {
  brief: BriefInput
  warnings: ExtractWarning[]
  /** Every date expression in article.body (body offsets), resolved against the publication date. */
  dates: DateMention[]
  /** body offset -> offset in the raw text */
  sourceOffset(bodyOffset: number): number
}

function publishedOf(opts: ExtractOptions, cleaned: Cleaned): PartialDate | null {
  const value = opts.published ?? cleaned.dateLine
  if (!value || !/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(value)) return null
  const precision = value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day'
  return { date: value, precision, approximate: false, text: null }
}

function paragraphLookup(paragraphs: Span[]): (offset: number) => number {
  return (offset) => lastAtOrBefore(paragraphs, (p) => p.start, offset)
}

function slugOfTitle(title: string): string {
  const s = slugify(title)
  if (s.length <= 80) return s
  return s.slice(0, 80).replace(/-[^-]*$/, '')
}

export function extract(text: string, opts: ExtractOptions = {}): Extraction {
  if (!text || !/[\p{L}\p{N}]/u.test(text)) throw new ExtractError('empty', 'the input has no text')
  const cleaned = clean(text)
  const { body, paragraphs } = cleaned
  const sentences = splitSentences(body, paragraphs)
  if (!body || !sentences.length) throw new ExtractError('no-sentence', 'no running-text sentence found in the input')
  const published = publishedOf(opts, cleaned)
  const warnings: ExtractWarning[] = []
  if (!published)
    warnings.push({
      code: 'no-publication-date',
      message: 'no publication date given or found; relative dates stay unresolved',
      pointer: '/article/published',
    })

  const index = findActors(body, opts.actors ?? [])
  const paragraphOf = paragraphLookup(paragraphs)
  const base = { body, index, paragraphOf, mentions: index.mentions }
  const ctx = { ...base, candidates: buildCandidates(base) }
  const claimWarnings: ClaimWarning[] = []
  const drafts = findClaims(ctx, sentences, findQuotes(body, paragraphs), claimWarnings)
  if (drafts.some((d) => d.claimants.includes(UNNAMED_SOURCE.slug)) && !index.actors.has(UNNAMED_SOURCE.slug))
    index.actors.set(UNNAMED_SOURCE.slug, {
      ...UNNAMED_SOURCE,
      country: null,
      title: null,
      aliases: [],
      affiliations: [],
      surfaceForms: new Set(),
    })
  // The author of first-person views: the person the byline names, else this article's author.
  // An unnamed author is an actor of the article's own (named after its title): a shared "Author"
  // would make the authors of every unsigned article one person once stored.
  if (drafts.some((d) => d.claimants.includes(AUTHOR.slug))) {
    const headline = (cleaned.title ?? body.slice(sentences[0]!.start, sentences[0]!.end)).replace(/\s+/g, ' ')
    const byline = cleaned.byline?.replace(/\s+/g, ' ').trim().slice(0, 120)
    const name = byline || `Author of “${headline.slice(0, 100)}”`
    const known = [...index.actors.values()].find((a) => a.name === name)
    const slug =
      known?.slug ?? (byline ? slugify(name) : `author-${slugOfTitle(headline)}`.slice(0, 120).replace(/-+$/, ''))
    for (const d of drafts) d.claimants = d.claimants.map((c) => (c === AUTHOR.slug ? slug : c))
    if (!known)
      index.actors.set(slug, {
        ...AUTHOR,
        slug,
        name,
        country: null,
        title: null,
        aliases: [],
        affiliations: [],
        surfaceForms: new Set(),
      })
  }
  const dates = findDates(body, published?.precision === 'day' ? published.date : null)
  for (const d of dates)
    if (!d.date)
      warnings.push({ code: 'unresolved-date', message: `"${d.text}" at ${d.start} needs the publication date` })

  const claims = buildClaims(body, drafts, index, dates, EXTRACTOR)
  for (const w of claimWarnings) {
    const i = w.claim ? drafts.indexOf(w.claim) : -1
    warnings.push({ code: w.code, message: w.message, ...(i >= 0 ? { pointer: `/claims/${i}` } : {}) })
  }
  const events = buildEvents(body, findEvents(body, sentences, index), dates, EXTRACTOR)
  const title = (cleaned.title ?? body.slice(sentences[0]!.start, sentences[0]!.end)).slice(0, 500)
  const brief: BriefInput = {
    schemaVersion: 1,
    article: {
      slug: slugOfTitle(title),
      title,
      summary: null,
      keyPoints: [],
      section: null,
      publisher: opts.publisher ?? null,
      byline: cleaned.byline?.slice(0, 300) ?? null,
      url: opts.url ?? null,
      language: 'en',
      published,
      topics: [],
      relatedHeadlines: cleaned.relatedHeadlines
        .filter((h) => h !== title)
        .slice(0, 50)
        .map((h) => h.slice(0, 500)),
      body,
      source: { text, mediaType: 'text/plain' },
    },
    actors: buildActors(index, title, claims, events),
    claims,
    events,
  }
  return { brief, warnings, dates, sourceOffset: (b) => sourceOffsetOf(cleaned.segments, b) }
}
