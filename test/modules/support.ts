// Shared helpers for the read-API suites: brief variants built from the seed, list walks and
// problem+json assertions. Not a test file (vitest only collects *.test.ts).
import request from 'supertest'
import { expect } from 'vitest'
import type { BriefInput } from '../../src/domain/brief.schema.js'
import { type IngestResult, ingestBrief, parseBrief } from '../../src/ingest/ingest.js'
import { PROBLEM_BASE, PROBLEMS, type ProblemCode } from '../../src/lib/problems.js'
import { seedBriefJson, type TestApp } from '../helpers/app.js'

export const ISO_TIME = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
export const ID = (prefix: string) => expect.stringMatching(new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`))

/** The seed brief JSON, typed, deep-copied. */
export function seedBrief(): BriefInput {
  return structuredClone(seedBriefJson()) as BriefInput
}

/** A copy of the seed brief under another slug (same body, so every evidence offset stays valid). */
export function briefVariant(slug: string, edit?: (b: BriefInput) => void): BriefInput {
  const b = seedBrief()
  b.article.slug = slug
  edit?.(b)
  return b
}

/** Ingests a brief the way POST /v1/briefs does (create mode). */
export async function ingest(t: TestApp, b: BriefInput): Promise<IngestResult> {
  const result = await ingestBrief(t.app.db, await parseBrief(b), { mode: 'create' })
  expect(result.status).toBe('created')
  return result
}

export function withQuery(url: string, params: Record<string, string>): string {
  const sep = url.includes('?') ? '&' : '?'
  return `${url}${sep}${new URLSearchParams(params).toString()}`
}

export async function get(t: TestApp, url: string, headers: Record<string, string> = {}) {
  let req = request(t.app.server).get(url)
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v)
  return req
}

export async function getOk(t: TestApp, url: string) {
  const res = await get(t, url)
  if (res.status !== 200) throw new Error(`GET ${url} -> ${res.status}: ${res.text}`)
  expect(res.headers['content-type']).toMatch(/^application\/json/)
  return res
}

interface ListBody<T> {
  data: T[]
  page: { limit: number; nextCursor: string | null; total?: number }
}

/** Every item of a list in one request (limit=100), asserting it fits in one page. */
export async function listAll<T = Record<string, unknown>>(t: TestApp, url: string): Promise<T[]> {
  const res = await getOk(t, withQuery(url, { limit: '100' }))
  const body = res.body as ListBody<T>
  expect(body.page.nextCursor).toBeNull()
  expect(res.headers.link).toBeUndefined()
  return body.data
}

export interface Walk<T> {
  items: T[]
  pages: number
  totals: Array<number | undefined>
}

/**
 * Follows page.nextCursor from `url` (which carries limit) until it is null. `between(n)` runs
 * after page n (1-based) has been read. Checks every page's shape on the way.
 */
export async function walkCursor<T = Record<string, unknown>>(
  t: TestApp,
  url: string,
  limit: number,
  between?: (page: number) => Promise<void>,
): Promise<Walk<T>> {
  const items: T[] = []
  const totals: Array<number | undefined> = []
  let cursor: string | null = null
  let pages = 0
  do {
    const res = await getOk(t, cursor === null ? url : withQuery(url, { cursor }))
    const body = res.body as ListBody<T>
    pages++
    expect(body.page.limit).toBe(limit)
    expect(body.data.length).toBeLessThanOrEqual(limit)
    if (body.page.nextCursor !== null) {
      expect(body.data.length).toBe(limit)
      expect(res.headers.link).toMatch(/^<[^>]+>; rel="next"$/)
    } else expect(res.headers.link).toBeUndefined()
    items.push(...body.data)
    totals.push(body.page.total)
    cursor = body.page.nextCursor
    if (between) await between(pages)
    if (pages > 200) throw new Error('pagination does not terminate')
  } while (cursor !== null)
  return { items, pages, totals }
}

/** Follows the RFC 8288 Link rel="next" header from `url` until a page has none. */
export async function walkLink<T = Record<string, unknown>>(t: TestApp, url: string): Promise<Walk<T>> {
  const items: T[] = []
  const totals: Array<number | undefined> = []
  let next: string | null = url
  let pages = 0
  while (next !== null) {
    const res = await getOk(t, next)
    const body = res.body as ListBody<T>
    pages++
    items.push(...body.data)
    totals.push(body.page.total)
    const link = res.headers.link as string | undefined
    if (link === undefined) {
      expect(body.page.nextCursor).toBeNull()
      next = null
    } else {
      const m = /^<([^>]+)>; rel="next"$/.exec(link)
      expect(m).not.toBeNull()
      const target = new URL(m?.[1] ?? '', 'http://local')
      expect(target.searchParams.get('cursor')).toBe(body.page.nextCursor)
      next = `${target.pathname}${target.search}`
    }
    if (pages > 200) throw new Error('pagination does not terminate')
  }
  return { items, pages, totals }
}

export function ids(items: Array<{ id?: unknown }>): string[] {
  return items.map((i) => String(i.id))
}

/** Asserts an RFC 9457 problem response; `pointer` requires a matching entry in `errors`. */
export function expectProblem(
  res: { status: number; headers: Record<string, string>; body: unknown },
  expected: { status: number; code: ProblemCode; instance: string; pointer?: string },
): void {
  expect(res.status).toBe(expected.status)
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  const body = res.body as Record<string, unknown>
  const base = {
    type: `${PROBLEM_BASE}${expected.code}`,
    title: PROBLEMS[expected.code].title,
    status: expected.status,
    detail: expect.any(String),
    instance: expected.instance,
    code: expected.code,
  }
  if (expected.pointer !== undefined) {
    expect(body).toEqual({
      ...base,
      errors: expect.arrayContaining([{ pointer: expected.pointer, message: expect.any(String) }]),
    })
  } else if ('errors' in body) {
    expect(body).toEqual({ ...base, errors: expect.any(Array) })
  } else {
    expect(body).toEqual(base)
  }
}

/** A syntactically valid cursor body, base64url-encoded, for tampering tests. */
export function encodeCursor(payload: unknown): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url')
}

export function decodeCursor(cursor: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>
}

/** ETag on a 200, then If-None-Match with it gives 304 with no body. */
export async function expectEtagRoundTrip(t: TestApp, url: string): Promise<void> {
  const first = await getOk(t, url)
  const etag = first.headers.etag
  expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/)
  const again = await getOk(t, url)
  expect(again.headers.etag).toBe(etag)
  const cached = await get(t, url, { 'if-none-match': etag as string })
  expect(cached.status).toBe(304)
  expect(cached.text ?? '').toBe('')
  expect(cached.headers['content-length'] ?? '0').toBe('0')
  expect(cached.headers.etag).toBe(etag)
  const stale = await get(t, url, { 'if-none-match': '"not-the-etag"' })
  expect(stale.status).toBe(200)
  expect(stale.body).toEqual(first.body)
}
