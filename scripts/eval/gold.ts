// Gold annotations: the hand-made files in test/fixtures/extract/ (offsets into the development
// pages, which live outside the repository) and the seed, whose brief in seeds/ is its gold.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { type BriefInput, BriefSchema } from '../../src/domain/brief.schema.js'
import type { Gold, Span } from './score.js'

const SpanSchema = z.tuple([z.int().min(0), z.int().min(0)]).refine(([s, e]) => e >= s, 'end before start')

export const GoldFileSchema = z.object({
  file: z.string(),
  notes: z.string().optional(),
  published: z.string().nullable(),
  publisher: z.string().nullable().optional(),
  title: SpanSchema,
  body: z.array(SpanSchema).min(1),
  related: z.array(SpanSchema).default([]),
  actors: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.string(),
      country: z.string().nullable(),
      mentions: z.array(SpanSchema).default([]),
    }),
  ),
  claims: z.array(
    z.object({
      span: SpanSchema,
      quote: SpanSchema.nullable(),
      speaker: z.string().nullable(),
      kind: z.string(),
      modality: z.string(),
      about: z.array(z.string()).default([]),
    }),
  ),
  events: z.array(
    z.object({
      span: SpanSchema,
      trigger: SpanSchema.optional(),
      type: z.string(),
      status: z.string(),
      participants: z.array(z.object({ actor: z.string(), role: z.string() })),
      date: z.object({ date: z.string(), precision: z.string(), approximate: z.boolean().optional() }).nullable(),
    }),
  ),
  dates: z.array(
    z.object({ span: SpanSchema, date: z.string(), precision: z.string(), approximate: z.boolean().optional() }),
  ),
})

export type GoldFile = z.output<typeof GoldFileSchema>

export interface GoldPage {
  name: string
  source: string
  published: string | null
  publisher: string | null
  gold: Gold
  /** Checked so that an annotation that drifted from its page is reported, not scored. */
  problems: string[]
}

function fromFile(file: GoldFile, source: string): GoldPage {
  const problems: string[] = []
  const inRange = (s: Span, what: string) => {
    if (s[1] > source.length) problems.push(`${what} [${s[0]}, ${s[1]}) is past the end of the page`)
  }
  inRange(file.title, 'title')
  for (const s of file.body) inRange(s, 'body')
  const ids = new Set(file.actors.map((a) => a.id))
  for (const c of file.claims) {
    inRange(c.span, 'claim')
    if (c.speaker !== null && !ids.has(c.speaker)) problems.push(`claim speaker ${c.speaker} is not an actor`)
  }
  for (const e of file.events)
    for (const p of e.participants) if (!ids.has(p.actor)) problems.push(`participant ${p.actor} is not an actor`)
  return {
    name: file.file.replace(/\.txt$/, ''),
    source,
    published: file.published,
    publisher: file.publisher ?? null,
    problems,
    gold: {
      name: file.file,
      body: file.body,
      actors: file.actors.map((a) => ({
        id: a.id,
        name: a.name,
        kind: a.kind,
        country: a.country,
        forms: [...new Set(a.mentions.map(([s, e]) => source.slice(s, e)))],
      })),
      claims: file.claims.map((c) => ({ span: c.span, speaker: c.speaker, kind: c.kind })),
      events: file.events.map((e) => ({
        span: e.span,
        type: e.type,
        participants: e.participants.map((p) => p.actor),
        date: e.date,
      })),
      dates: file.dates.map((d) => ({ span: d.span, date: d.date, precision: d.precision })),
    },
  }
}

/**
 * The dates a brief carries (claims' `stated`, events' `start`) whose wording lies in the item's
 * evidence passage, as spans mapped by `span` from body offsets; one per passage.
 */
export function briefDates(b: BriefInput, span: (start: number, end: number) => Span) {
  const body = b.article.body
  const found = [
    ...b.claims.map((c) => ({ d: c.stated, ev: c.evidence })),
    ...b.events.map((e) => ({ d: e.start, ev: e.evidence })),
  ].flatMap(({ d, ev }) => {
    const start = ev.start ?? 0
    const end = ev.end ?? body.length
    const i = d?.text ? body.indexOf(d.text, start) : -1
    return d?.text && i >= 0 && i + d.text.length <= end
      ? [{ span: span(i, i + d.text.length), date: d.date, precision: d.precision }]
      : []
  })
  return found.filter((d, i) => found.findIndex((x) => x.span[0] === d.span[0]) === i)
}

/** The gold of the seed: its brief's body offsets carried to the raw page through its paragraphs. */
export function seedPage(root: string): GoldPage {
  const brief = BriefSchema.parse(
    JSON.parse(readFileSync(path.join(root, 'seeds/china-japan-relations.brief.json'), 'utf8')),
  )
  const source = brief.article.source.text
  const body = brief.article.body
  // Each body paragraph is found verbatim in the page, in order.
  const paragraphs: Array<{ body: number; source: number; length: number }> = []
  let from = 0
  let at = 0
  for (const p of body.split('\n\n')) {
    const found = source.indexOf(p, from)
    if (found < 0) throw new Error(`seed body paragraph not in its page: ${p.slice(0, 40)}`)
    paragraphs.push({ body: at, source: found, length: p.length })
    from = found + p.length
    at += p.length + 2
  }
  const toSource = (offset: number) => {
    const p = paragraphs.findLast((x) => x.body <= offset) ?? paragraphs[0]!
    return p.source + (offset - p.body)
  }
  const span = (s: number, e: number): Span => [toSource(s), toSource(e - 1) + 1]
  return {
    name: 'seed (china-japan-relations)',
    source,
    published: brief.article.published?.date ?? null,
    publisher: brief.article.publisher,
    problems: [],
    gold: {
      name: 'seed',
      body: paragraphs.map((p) => [p.source, p.source + p.length] as Span),
      actors: brief.actors.map((a) => ({
        id: a.slug,
        name: a.name,
        kind: a.kind,
        country: a.country,
        forms: [...new Set([...a.surfaceForms, ...a.aliases])],
      })),
      claims: brief.claims.map((c) => ({
        span: span(c.evidence.start, c.evidence.end),
        speaker: c.claimants[0] ?? null,
        kind: c.kind,
      })),
      events: brief.events.map((e) => ({
        span: span(e.evidence.start, e.evidence.end),
        type: e.type,
        participants: e.participants.map((p) => p.actor),
        date: e.start ? { date: e.start.date, precision: e.start.precision } : null,
      })),
      dates: briefDates(brief, span),
    },
  }
}

/** Every gold page: the seed, then the annotated development pages found in `pagesDir`. */
export function loadGold(root: string, pagesDir: string): { pages: GoldPage[]; missing: string[] } {
  const dir = path.join(root, 'test/fixtures/extract')
  const pages = [seedPage(root)]
  const missing: string[] = []
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.gold.json'))
    .sort()) {
    const file = GoldFileSchema.parse(JSON.parse(readFileSync(path.join(dir, f), 'utf8')))
    let source: string
    try {
      source = readFileSync(path.join(pagesDir, file.file), 'utf8')
    } catch {
      missing.push(file.file)
      continue
    }
    pages.push(fromFile(file, source))
  }
  return { pages, missing }
}
