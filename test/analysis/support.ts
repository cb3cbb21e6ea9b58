// Shared helpers for the analysis and export suites: seed-derived expectations, brief builders,
// list walks, an RFC 4180 CSV parser and problem+json checks. Not a test file (vitest only
// collects *.test.ts).
import request from 'supertest'
import { expect } from 'vitest'
import type { BriefInput } from '../../src/domain/brief.schema.js'
import { type IngestResult, ingestBrief, parseBrief } from '../../src/ingest/ingest.js'
import { dayRange, type Precision } from '../../src/domain/dates.js'
import { SEED_SLUG, seedBriefJson, type TestApp } from '../helpers/app.js'

export type SeedBrief = BriefInput
export type SeedActor = BriefInput['actors'][number]
export type SeedClaim = BriefInput['claims'][number]
export type SeedEvent = BriefInput['events'][number]
export type PDate = { date: string; precision: Precision; approximate?: boolean; text?: string | null }

/** The seed brief JSON, typed and deep-copied. */
export function seedBrief(): SeedBrief {
  return structuredClone(seedBriefJson()) as SeedBrief
}

/** Ingests a brief the way POST /v1/briefs does (create mode) and expects it to be new. */
export async function ingest(t: TestApp, b: BriefInput): Promise<IngestResult> {
  const result = await ingestBrief(t.app.db, await parseBrief(b), { mode: 'create' })
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

/**
 * Starts the app on a loopback port once, so supertest reuses that server instead of listening
 * and closing for every request. t.close() stops it.
 */
export async function listen(t: TestApp): Promise<string> {
  return t.app.listen({ port: 0, host: '127.0.0.1' })
}

export function get(t: TestApp, url: string, headers: Record<string, string> = {}) {
  let req = request(t.app.server).get(url)
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v)
  return req
}

/** GET that must answer 200 JSON; returns the parsed body. */
// biome-ignore lint/suspicious/noExplicitAny: test bodies are inspected structurally
export async function getJson(t: TestApp, url: string, headers: Record<string, string> = {}): Promise<any> {
  const res = await get(t, url, headers)
  if (res.status !== 200) throw new Error(`GET ${url} -> ${res.status}: ${res.text}`)
  expect(res.headers['content-type']).toMatch(/^application\/json/)
  return res.body
}

export function withQuery(url: string, params: Record<string, string>): string {
  const sep = url.includes('?') ? '&' : '?'
  return `${url}${sep}${new URLSearchParams(params).toString()}`
}

/** Every item of a cursor-paginated list (pages of 100, following nextCursor). */
// biome-ignore lint/suspicious/noExplicitAny: list items are inspected structurally
export async function walkList(t: TestApp, url: string): Promise<any[]> {
  // biome-ignore lint/suspicious/noExplicitAny: see above
  const items: any[] = []
  let cursor: string | null = null
  for (let pages = 0; pages < 1000; pages++) {
    const body = await getJson(t, withQuery(url, { limit: '100', ...(cursor === null ? {} : { cursor }) }))
    items.push(...body.data)
    cursor = body.page.nextCursor
    if (cursor === null) return items
  }
  throw new Error('pagination does not terminate')
}

/** Asserts an RFC 9457 problem with a code and, optionally, a pointer among its errors. */
export function expectProblem(
  res: { status: number; headers: Record<string, string>; body: unknown },
  status: number,
  code: string,
  pointer?: string,
): void {
  const body = res.body as { code?: string; status?: number; errors?: Array<{ pointer: string }> }
  expect({ status: res.status, code: body.code }).toEqual({ status, code })
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  expect(body.status).toBe(status)
  if (pointer !== undefined) expect((body.errors ?? []).map((e) => e.pointer)).toContain(pointer)
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

/** First and last day a partial date covers. */
export function rangeOf(d: PDate): { from: string; to: string } {
  return dayRange(d.date, d.precision)
}

/** Deterministic PRNG (mulberry32) for reproducible fuzzing. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let x = a
    x = Math.imul(x ^ (x >>> 15), x | 1)
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61)
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A strict RFC 4180 parser: fields separated by commas, records by CRLF (a bare LF is accepted
 * as a record end too), fields containing comma, quote or line break enclosed in double quotes,
 * embedded quotes doubled. Throws on any malformed input instead of guessing.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let i = 0
  let atFieldStart = true
  let quoted = false
  const endField = () => {
    record.push(field)
    field = ''
    atFieldStart = true
    quoted = false
  }
  const endRecord = () => {
    endField()
    records.push(record)
    record = []
  }
  while (i < text.length) {
    const ch = text[i] as string
    if (atFieldStart && ch === '"') {
      quoted = true
      atFieldStart = false
      i++
      // quoted field: read to the closing quote
      for (;;) {
        if (i >= text.length) throw new Error('CSV: unterminated quoted field')
        const c = text[i] as string
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"'
            i += 2
            continue
          }
          i++
          break
        }
        field += c
        i++
      }
      const next = text[i]
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n')
        throw new Error(`CSV: character ${JSON.stringify(next)} after a closing quote at ${i}`)
      continue
    }
    if (ch === ',') {
      endField()
      i++
      continue
    }
    if (ch === '\r' && text[i + 1] === '\n') {
      endRecord()
      i += 2
      continue
    }
    if (ch === '\n') {
      endRecord()
      i++
      continue
    }
    if (ch === '"') throw new Error(`CSV: quote inside an unquoted field at ${i}`)
    if (ch === '\r') throw new Error(`CSV: bare CR at ${i}`)
    field += ch
    atFieldStart = false
    i++
  }
  if (!atFieldStart || quoted || record.length > 0) endRecord()
  return records
}

/** CSV text -> header and one object per record (checking every record has the header's width). */
export function csvObjects(text: string): { header: string[]; rows: Array<Record<string, string>> } {
  const [header, ...records] = parseCsv(text)
  if (!header) throw new Error('CSV: no header row')
  for (const r of records) expect(r.length).toBe(header.length)
  return { header, rows: records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))) }
}
