// Brief factories for the suites: the seed brief and its variants (one implementation, shared with
// the robustness scenarios in scripts/robustness/briefs.ts), small self-contained briefs, spans,
// in-process ingestion and unique slugs.
import { expect } from 'vitest'
import type { BriefInput } from '../../src/domain/brief.schema.js'
import { dayRange, type Precision } from '../../src/domain/dates.js'
import { type IngestResult, parseBrief } from '../../src/ingest/ingest.js'
import { SEED_SLUG } from '../../scripts/robustness/briefs.js'
import type { TestApp } from './app.js'
import { getJson } from './http.js'

export { briefVariant, repeatClaims, robustnessBrief, SEED_SLUG, seedBrief } from '../../scripts/robustness/briefs.js'

export type SeedBrief = BriefInput
export type SeedActor = BriefInput['actors'][number]
export type SeedClaim = BriefInput['claims'][number]
export type SeedEvent = BriefInput['events'][number]
export type PDate = { date: string; precision: Precision; approximate?: boolean; text?: string | null }

let counter = 0

/** A slug no other test of this process uses. */
export function uniqueSlug(base: string): string {
  counter += 1
  return `${base}-${process.pid}-${counter}`
}

/** Ingests a brief the way POST /v1/briefs does (create mode) and expects it to be new. */
export async function ingest(t: TestApp, b: BriefInput): Promise<IngestResult> {
  const result = await t.app.writers.briefs.ingest(await parseBrief(b), { mode: 'create' })
  expect(result.status).toBe('created')
  return result
}

/** A span of `body` selecting the n-th occurrence (0-based) of `text`. */
export function span(body: string, text: string, nth = 0): { start: number; end: number; exact: string } {
  let start = -1
  for (let i = 0; i <= nth; i++) {
    start = body.indexOf(text, start + 1)
    if (start < 0) throw new Error(`"${text}" does not occur ${nth + 1} time(s) in the body`)
  }
  return { start, end: start + text.length, exact: text }
}

/** A quote selecting the first occurrence of `text` in `body`. */
export function quote(body: string, text: string): { text: string; start: number; end: number } {
  const { start, end } = span(body, text)
  return { text, start, end }
}

/** A small self-contained brief: its own body, the given actors, claims and events. */
export function miniBrief(
  slug: string,
  body: string,
  parts: {
    actors?: SeedActor[]
    claims?: SeedClaim[]
    events?: SeedEvent[]
    title?: string
    article?: Partial<BriefInput['article']>
  } = {},
): BriefInput {
  return {
    schemaVersion: 1,
    article: {
      slug,
      title: parts.title ?? `Test article ${slug}`,
      body,
      topics: ['test-topic'],
      source: { text: `SOURCE\n${body}` },
      ...parts.article,
    },
    actors: parts.actors ?? [],
    claims: parts.claims ?? [],
    events: parts.events ?? [],
  }
}

export function actor(slug: string, name: string, extra: Partial<SeedActor> = {}): SeedActor {
  return { slug, name, kind: 'state', role: 'subject', ...extra } as SeedActor
}

/** First and last day a partial date covers. */
export function rangeOf(d: PDate): { from: string; to: string } {
  return dayRange(d.date, d.precision)
}

/** Stored ids of the seed brief, index-aligned with the seed file's claims, events and actors. */
export async function seedIds(t: TestApp, slug = SEED_SLUG) {
  const brief = await getJson(t, `/v1/articles/${slug}/brief`)
  return {
    article: brief.article.id as string,
    claims: (brief.claims as Array<{ id: string }>).map((c) => c.id),
    events: (brief.events as Array<{ id: string }>).map((e) => e.id),
    actors: new Map<string, string>((brief.actors as Array<{ slug: string; id: string }>).map((a) => [a.slug, a.id])),
  }
}

/** Markup and script that must only ever be shown as text (the brief pages' escaping tests). */
export const HOSTILE = {
  script: '<script>alert(1)</script>',
  img: '<img src=x onerror=alert(1)>',
  js: 'javascript:alert(1)',
  svg: '"><svg onload=alert(1)>',
} as const

/**
 * A valid brief whose every shown text carries HOSTILE's payloads: article fields, body, actor name,
 * title and aliases, claim summary and quote, event title, description, date wording and location.
 */
export function hostileBrief(slug: string, url = `https://example.com/${HOSTILE.script}?x=${HOSTILE.svg}`): BriefInput {
  const { script, img, js, svg } = HOSTILE
  const said = `${img} is ${js}`
  const body = `Minister ${script} said: “${said}” on Monday.\n\nLater ${svg} met the delegation in ${js}.`
  const mallory = actor('mallory', `Mallory ${svg}`, {
    kind: 'person',
    country: null,
    title: script,
    aliases: [img, js],
  })
  const date = { date: '2022-01', precision: 'month' as const, approximate: false, text: `${script} Monday` }
  return miniBrief(slug, body, {
    title: `${script} Hostile ${svg}`,
    article: { summary: img, keyPoints: [js, svg], publisher: svg, byline: img, section: js, url },
    actors: [mallory],
    claims: [
      {
        key: 'c1',
        kind: 'warning',
        summary: `${script} ${svg} ${img}`,
        quote: quote(body, said),
        evidence: span(body, `Minister ${script} said: “${said}” on Monday.`),
        claimants: ['mallory'],
        stated: date,
      },
    ],
    events: [
      {
        key: 'e1',
        title: `${img} meeting`,
        description: `${svg} ${js}`,
        type: 'CONSULT',
        status: 'occurred',
        start: date,
        location: { name: svg, country: null },
        participants: [{ actor: 'mallory', role: 'initiator' }],
        evidence: span(body, `Later ${svg} met the delegation in ${js}.`),
      },
    ],
  })
}
