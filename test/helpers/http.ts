// Request helpers for the suites: supertest GETs and calls with a bearer token, list walks (cursor
// and Link header), cursors, ETags, keys, the change feed and common response matchers.
import { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import request from 'supertest'
import { expect } from 'vitest'
import { createKey, type KeyIdentity } from '../../src/db/keys.js'
import type { TestApp } from './app.js'
import { uniqueSlug } from './briefs.js'

export const ISO_TIME = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
export const ID = (prefix: string) => expect.stringMatching(new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`))

export function withQuery(url: string, params: Record<string, string>): string {
  const sep = url.includes('?') ? '&' : '?'
  return `${url}${sep}${new URLSearchParams(params).toString()}`
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

/** GET that must answer 200 JSON; returns the response. */
export async function getOk(t: TestApp, url: string, headers: Record<string, string> = {}) {
  const res = await get(t, url, headers)
  if (res.status !== 200) throw new Error(`GET ${url} -> ${res.status}: ${res.text}`)
  expect(res.headers['content-type']).toMatch(/^application\/json/)
  return res
}

/** GET that must answer 200 JSON; returns the parsed body. */
// biome-ignore lint/suspicious/noExplicitAny: test bodies are inspected structurally
export async function getJson(t: TestApp, url: string, headers: Record<string, string> = {}): Promise<any> {
  return (await getOk(t, url, headers)).body
}

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

/** A supertest request, with a bearer token when one is given and a JSON body when one is given. */
export function call(t: TestApp, method: Method, url: string, token?: string | null, body?: unknown) {
  let req = request(t.app.server)[method](url)
  if (token) req = req.set('authorization', `Bearer ${token}`)
  if (body !== undefined) req = req.send(body as object)
  return req
}

export interface Key {
  key: KeyIdentity
  token: string
}

export async function makeKey(t: TestApp, scope: 'write' | 'admin'): Promise<Key> {
  return createKey(t.app.db.read, scope, uniqueSlug(`${scope}-key`))
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

export interface ChangeEntry {
  seq: number
  entity: string
  id: string
  action: string
  mergedInto: string | null
  keyId: string | null
  at: string
}

/** A feed cursor for "now": pass it to changesSince later to get only what changed after this point. */
export async function feedPosition(t: TestApp): Promise<string> {
  const max = await t.app.db.read.change.aggregate({ _max: { seq: true } })
  return `seq_${max._max.seq ?? 0}`
}

/** Every change after `since` (a feed cursor), following nextCursor to the end. */
export async function changesSince(t: TestApp, since?: string): Promise<{ items: ChangeEntry[]; resume: string }> {
  const items: ChangeEntry[] = []
  let cursor = since
  for (let i = 0; i < 500; i++) {
    const query = new URLSearchParams({ limit: '100', ...(cursor ? { since: cursor } : {}) })
    const res = await get(t, `/v1/changes?${query}`)
    expect(res.status).toBe(200)
    const body = res.body as { data: ChangeEntry[]; page: { nextCursor: string | null; resume: string } }
    items.push(...body.data)
    if (body.page.nextCursor === null) return { items, resume: body.page.resume }
    cursor = body.page.nextCursor
  }
  throw new Error('change feed does not end')
}

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read field by field in assertions
type InjectBody = any
export type InjectRes = { status: number; headers: Record<string, string>; body: InjectBody; text: string }

/**
 * One request through app.inject (no socket): bearer token, a JSON body (an object, or a raw string
 * or stream sent as is) and extra headers. JSON and problem+json bodies are parsed.
 */
export async function injectCall(
  app: FastifyInstance | TestApp,
  method: Method | 'head' | 'options' | 'trace',
  url: string,
  token?: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<InjectRes> {
  const target = 'app' in app ? app.app : app
  const res = await target.inject({
    method: method.toUpperCase() as 'GET',
    url,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined
      ? { payload: typeof body === 'string' || body instanceof Readable ? body : JSON.stringify(body) }
      : {}),
  })
  const type = String(res.headers['content-type'] ?? '')
  return {
    status: res.statusCode,
    headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])),
    body: /^application\/([a-z.+-]+\+)?json/.test(type) && res.body ? JSON.parse(res.body) : res.body,
    text: res.body,
  }
}
