// npm run eval:extract: scores the extractor against the hand-made gold (the seed and the annotated
// development pages), prints the table, writes docs/extraction.md and exits 1 when an overall
// score falls below its floor in test/fixtures/extract/floors.json.
//   --pages DIR   where the development pages are (default: eval/dev beside the repository, or EVAL_PAGES)
//   --no-write    print only
//   --errors N    how many errors to print (default 30)
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { BriefInput } from '../src/domain/brief.schema.js'
import { EXTRACTOR, type Extraction, extract } from '../src/extract/index.js'
import { briefDates, loadGold } from './eval/gold.js'
import {
  type Pred,
  type PredActor,
  type ScoreError,
  type Scores,
  type Span,
  type Summary,
  score,
  summary,
  total,
} from './eval/score.js'

const ROOT = path.resolve(import.meta.dirname, '..')
const { values } = parseArgs({
  options: { pages: { type: 'string' }, 'no-write': { type: 'boolean' }, errors: { type: 'string', default: '30' } },
})
const pagesDir = path.resolve(values.pages ?? process.env.EVAL_PAGES ?? path.join(ROOT, '../shared/eval/dev'))

/** The draft's passages carried back to the raw page through the extractor's offset map. */
function predicted(x: Extraction): Pred {
  const b: BriefInput = x.brief
  const body = b.article.body
  const toSource = (s: number, e: number): Span => [x.sourceOffset(s), x.sourceOffset(e - 1) + 1]
  const bodySpans: Span[] = []
  let runStart = -1
  for (let i = 0; i <= body.length; i++) {
    const inText = i < body.length && !/\s/.test(body[i] as string)
    if (inText && runStart < 0) runStart = i
    // A run ends where the text ends or stops being contiguous in the page.
    const contiguous = inText && i > runStart && x.sourceOffset(i) === x.sourceOffset(i - 1) + 1
    if (runStart >= 0 && (!inText || (i > runStart && !contiguous))) {
      bodySpans.push(toSource(runStart, i))
      runStart = inText ? i : -1
    }
  }
  const actors = new Map<string, PredActor>(
    b.actors.map((a) => [
      a.slug,
      {
        name: a.name,
        kind: a.kind,
        country: a.country ?? null,
        forms: [...new Set([...(a.aliases ?? []), ...(a.surfaceForms ?? [])])],
      },
    ]),
  )
  const actor = (slug: string) => actors.get(slug) ?? { name: slug, kind: 'other', country: null, forms: [] }
  return {
    body: bodySpans,
    actors: [...actors.values()],
    claims: b.claims.map((c) => ({
      span: toSource(c.evidence.start ?? 0, c.evidence.end ?? 0),
      speakers: c.claimants.map(actor),
      kind: c.kind,
    })),
    events: b.events.map((e) => ({
      span: toSource(e.evidence.start ?? 0, e.evidence.end ?? 0),
      type: e.type,
      participants: (e.participants ?? []).map((p) => actor(p.actor)),
    })),
    dates: x.dates.flatMap((d) =>
      d.date ? [{ span: toSource(d.start, d.end), date: d.date.date, precision: d.date.precision }] : [],
    ),
    draftDates: briefDates(b, toSource),
  }
}

const pct = (x: number) => `${Math.round(x * 100)}%`
const f2 = (x: number) => x.toFixed(2)

function row(name: string, s: Summary, words: number, ms: number): string {
  return `| ${name} | ${pct(s.bodiesClean)} | ${pct(s.bodyKept)} | ${f2(s.claimPrecision)} | ${f2(s.claimRecall)} | ${f2(s.speakerAccuracy)} | ${f2(s.kindAccuracy)} | ${f2(s.actorRecall)} | ${f2(s.actorPrecision)} | ${f2(s.eventRecall)} | ${f2(s.eventPrecision)} | ${f2(s.eventTypeAccuracy)} | ${f2(s.participantAccuracy)} | ${f2(s.dateAccuracy)} | ${f2(s.draftDateAccuracy)} | ${words} | ${ms.toFixed(1)} |`
}

const HEADER = [
  '| article | bodies clean | body kept | claim P | claim R | speaker | kind | actor R | actor P | event R | event P | event type | participants | dates | dates in draft | words | ms |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
]

const { pages, missing } = loadGold(ROOT, pagesDir)
// One warm-up run, so that the per-page times are not the module's first compilation.
for (const page of pages) extract(page.source)
const rows: string[] = []
const all: Scores[] = []
const errors: Array<{ page: string; source: string; error: ScoreError }> = []
let seedRight = 0
let words = 0
let ms = 0
for (const page of pages) {
  if (page.problems.length) {
    console.error(`${page.name}: gold does not fit its page: ${page.problems.join('; ')}`)
    process.exitCode = 1
    continue
  }
  const t0 = performance.now()
  const x = extract(page.source, { ...(page.published ? { published: page.published } : {}) })
  const took = performance.now() - t0
  const n = page.source.split(/\s+/).filter(Boolean).length
  words += n
  ms += took
  const s = score(page.source, page.gold, predicted(x))
  all.push(s)
  if (page.gold.name === 'seed') seedRight = s.claims.speakerRight
  for (const e of s.errors) errors.push({ page: page.name, source: page.source, error: e })
  rows.push(row(page.name, summary({ ...s, clean: s.body.clean ? 1 : 0, articles: 1, kept: s.body.kept }), n, took))
}
const overall = summary(total(all))
rows.push(row('**overall**', overall, words, ms))
const msPer1000 = (ms / Math.max(1, words)) * 1000

const floorsFile = path.join(ROOT, 'test/fixtures/extract/floors.json')
const floors: Partial<Record<keyof Summary | 'seedClaimsWithSpeaker', number>> = existsSync(floorsFile)
  ? JSON.parse(readFileSync(floorsFile, 'utf8'))
  : {}
const below = Object.entries(floors).filter(([k, v]) =>
  k === 'seedClaimsWithSpeaker' ? seedRight < (v as number) : (overall[k as keyof Summary] ?? 0) < (v as number),
)

const table = [...HEADER, ...rows].join('\n')
console.log(table)
console.log(`\nseed: ${seedRight} of its ${pages[0]?.gold.claims.length} claims found with the right speaker`)
console.log(`extraction: ${msPer1000.toFixed(1)} ms per 1,000 words (${words} words, one run)`)
// The console shows each error's passage; the document only its offsets, since the development
// pages are third-party text the repository does not copy.
for (const e of errors.slice(0, Number(values.errors)))
  console.log(
    `  ${e.page}: ${e.error.message}${e.error.span ? ` ${JSON.stringify(e.source.slice(...e.error.span).slice(0, 100))}` : ''}`,
  )
if (missing.length) console.log(`pages not found in ${pagesDir}: ${missing.join(', ')} (not scored)`)
for (const [k, v] of below)
  console.log(`BELOW FLOOR: ${k} ${k === 'seedClaimsWithSpeaker' ? seedRight : f2(overall[k as keyof Summary])} < ${v}`)
if (below.length) process.exitCode = 1

if (!values['no-write']) {
  const doc = `# Extraction quality

Written by \`npm run eval:extract\` (scripts/eval-extract.ts): the extractor (${EXTRACTOR}) run on the
raw text of each gold page, scored against hand-made gold (test/fixtures/extract/, and the seed's
brief). Claims and events are paired with gold by passage overlap (at least half of the shorter
passage); speaker and kind accuracy are over paired claims; actors are matched by name, surname or
surface form; dates by passage, right when value and precision both are ("dates": every date
expression the date step resolved in the body; "dates in draft": those the draft attaches to a claim
as when it was stated or to an event as its start). "Bodies clean" is the
share of articles whose body keeps no page chrome; "body kept" the share of the gold body's
characters the draft keeps. The floors CI holds are in test/fixtures/extract/floors.json.

${table}

Seed: ${seedRight} of its ${pages[0]?.gold.claims.length} claims found with the right speaker.
Speed: ${msPer1000.toFixed(1)} ms per 1,000 words over ${words} words (one run; npm run bench measures it too).

## Errors (first ${Math.min(40, errors.length)} of ${errors.length})

${errors
  .slice(0, 40)
  .map((e) => `- ${e.page}: ${e.error.message}${e.error.span ? ` at [${e.error.span[0]}, ${e.error.span[1]})` : ''}`)
  .join('\n')}
`
  writeFileSync(path.join(ROOT, 'docs/extraction.md'), doc)
}
