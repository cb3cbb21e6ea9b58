// OpenAPI-driven fuzzing. runFuzz migrates a fresh SQLite file, loads seeds/, creates admin, write and
// revoked API keys, reads the OpenAPI document from the app (app.swagger()) and sends `count` requests
// with app.inject, one at a time. Each request is drawn with fast-check from its own seed
// (caseSeed(seed, index)) out of generators built from the document and a snapshot of the database:
// documented-valid requests for every operation (real ids and slugs, enums, bounds, date patterns,
// bodies from the schemas, mutated copies of the seed brief) and hostile ones (boundary and huge values,
// NUL, lone surrogates, RTL marks, emoji, SQL injection, path traversal, FTS operators, bad cursors,
// wrong media types, malformed and 10,000-deep JSON, prototype-pollution keys, wrong methods, unknown
// paths, odd headers). Every answer must be < 500 and keep the contract: an error with a body is
// application/problem+json matching the Problem schema, with a status the operation documents (or a
// global one); a success matches the schema documented for its status and media type. Failures are
// counted and recorded (the first of each kind shrunk by fast-check), never thrown. Afterwards the
// server must still answer /health and the database must pass integrity, foreign-key and FTS5 checks.
// Used by test/robustness/fuzz.test.ts, `npm run fuzz` (scripts/fuzz.ts) and scripts/robustness.ts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import fc from 'fast-check'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import { loadSeeds, SEEDS_DIR } from '../../src/ingest/seed.js'
import { testConfig } from '../../src/config.js'
import { migrate } from '../../src/db/migrate.js'
import { createKey, revokeKey } from '../../src/db/keys.js'
import { type OpenApiValidator, openApiValidator, type ValidateFunction } from './openapi-ajv.js'
import { rawExchange, requestBytes } from './raw-http.js'

// ---------------------------------------------------------------------------------------------
// Public API

export interface FuzzOptions {
  seed: number
  count: number
  log?: (line: string) => void
  /** Shrink the first failure of each kind with fast-check (extra requests, not counted). Default true. */
  shrink?: boolean
  /** Log every request before it is sent (to find a hang). */
  trace?: boolean
  /**
   * Send over TCP to a listening server instead of app.inject, so that Node's HTTP parser judges
   * every request, and add malformed and oversized requests that only a socket can carry.
   */
  socket?: boolean
}

/** A request as generated: symbolic auth (tokens differ per run), raw URL (already encoded), raw body. */
export interface FuzzRequest {
  /** Which generator made it: valid, hostile-query, hostile-path, hostile-body, wrong-method, ... */
  kind: string
  /** The operationId it targets (null: no documented operation, e.g. a method the path does not have). */
  op: string | null
  method: string
  url: string
  auth: Auth
  headers: Record<string, string>
  body?: string
  /** The exact bytes (latin1) for a request no client library would write: the other fields describe it. */
  raw?: string
}

export interface FuzzFailure {
  /** The seed that regenerates this request: fc.sample(arbitrary, { seed, numRuns: 1 }). */
  seed: number
  /** Position in the run (the run itself is reproduced by the run seed and count). */
  index: number
  request: unknown
  status: number
  reason: string
  /** Smallest request fast-check found failing the same way (when shrinking ran). */
  shrunk?: { request: unknown; status: number; reason: string; shrinks: number }
  /** Server log lines (level error) written while the request ran: the cause of a 5xx. */
  log?: string[]
}

export interface FuzzResult {
  requests: number
  byStatus: Record<string, number>
  byKind: Record<string, number>
  /** Status histogram per operation (by the route that answered; "-" when none did). */
  byOperation: Record<string, Record<string, number>>
  fiveXX: number
  contractViolations: number
  /** At most MAX_RECORDED of them; fiveXX and contractViolations count them all. */
  failures: FuzzFailure[]
  /** 'ok', or what PRAGMA integrity_check / foreign_key_check / FTS5 integrity-check found. */
  integrity: string
  serverUp: boolean
  ms: number
}

// 431 and 408: the HTTP parser's answers to oversized or slow requests, before any route.
const GLOBAL_STATUSES = new Set([404, 405, 408, 413, 415, 429, 431])
const EPOCH = 500
const MAX_RECORDED = 200
const MAX_SHRUNK = 6
const SHRINK_BUDGET_MS = 12_000
const REQUEST_TIMEOUT_MS = 20_000

// ---------------------------------------------------------------------------------------------
// The OpenAPI document

type Json = Record<string, unknown>
type Schema = Json

interface Param {
  name: string
  in: string
  required?: boolean
  description?: string
  schema: Schema
}

interface Operation {
  id: string
  method: string
  path: string
  params: Param[]
  body?: Schema
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>
  secured: boolean
}

interface Doc {
  paths: Record<string, Record<string, Json>>
  components: { schemas: Record<string, Schema> }
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']

function operationsOf(doc: Doc): Operation[] {
  const ops: Operation[] = []
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!HTTP_METHODS.includes(method)) continue
      const op = raw as Json
      const body = (op.requestBody as Json | undefined)?.content as Record<string, { schema?: Schema }> | undefined
      ops.push({
        id: String(op.operationId ?? `${method} ${p}`),
        method: method.toUpperCase(),
        path: p,
        params: ((op.parameters as Param[] | undefined) ?? []).filter((x) => x.in === 'path' || x.in === 'query'),
        body: body?.['application/json']?.schema,
        responses: (op.responses ?? {}) as Operation['responses'],
        secured: Array.isArray(op.security) && op.security.length > 0,
      })
    }
  }
  return ops
}

/** The route as Fastify names it ("/v1/claims/:id") for a document path ("/v1/claims/{id}"). */
const routeKey = (method: string, docPath: string) => `${method} ${docPath.replace(/\{([^}]+)\}/g, ':$1')}`

/** Responses checked against the document as served (scripts/robustness/openapi-ajv.ts). */
class Contract {
  readonly #validator: OpenApiValidator
  readonly problem: ValidateFunction

  constructor(doc: Doc) {
    this.#validator = openApiValidator(doc as never, { fast: true })
    this.problem = this.#validator.component('Problem')
  }

  validator(op: Operation, status: number, media: string): ValidateFunction | undefined {
    return this.#validator.response(op.path, op.method, status, media)
  }
}

// ---------------------------------------------------------------------------------------------
// Requests for Node's HTTP parser (socket only)

/** Malformed HTTP: each must get a problem+json answer from the parser's error handler, never a bare 400. */
const MALFORMED_HTTP = [
  'GET /v1/articles HTTP/9.9\r\nhost: x\r\n\r\n',
  'GET /v1/articles\r\nhost: x\r\n\r\n',
  'get /v1/articles HTTP/1.1\r\nhost: x\r\n\r\n',
  'FROB /v1/articles HTTP/1.1\r\nhost: x\r\n\r\n',
  'GET /v1/articles HTTP/1.1\r\nhost x\r\n\r\n',
  'GET /v1/articles HTTP/1.1\r\nbad header: x\r\n\r\n',
  'GET /v1/articles HTTP/1.1\r\nx-a: a\x01b\r\n\r\n',
  'GET /v1/articles HTTP/1.1\r\n host: x\r\n\r\n',
  'GET /v1/articles/\x00 HTTP/1.1\r\nhost: x\r\n\r\n',
  'GET /v1/art icles HTTP/1.1\r\nhost: x\r\n\r\n',
  'POST /v1/briefs HTTP/1.1\r\nhost: x\r\ncontent-length: 5\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n',
  'POST /v1/briefs HTTP/1.1\r\nhost: x\r\ncontent-length: 5\r\ncontent-length: 6\r\n\r\nhello',
  'POST /v1/briefs HTTP/1.1\r\nhost: x\r\ncontent-length: -1\r\n\r\n',
  'POST /v1/briefs HTTP/1.1\r\nhost: x\r\ncontent-length: abc\r\n\r\n',
  'POST /v1/briefs HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\ncontent-type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
]

/** Oversized request lines and headers (over Node's 16 KB), and malformed requests. */
function parserRequests(): fc.Arbitrary<FuzzRequest> {
  const raw = (kind: string, text: string): FuzzRequest => ({
    kind: `parser:${kind}`,
    op: null,
    method: text.split(' ')[0] ?? '',
    url: (text.split(' ')[1] ?? '').slice(0, 80),
    auth: 'none',
    headers: {},
    raw: text,
  })
  const head = 'host: x\r\nconnection: close\r\n'
  const size = fc.integer({ min: 17_000, max: 40_000 })
  return fc.oneof(
    size.map((n) => raw('long-url', `GET /v1/articles?q=${'a'.repeat(n)} HTTP/1.1\r\n${head}\r\n`)),
    size.map((n) => raw('long-header', `GET /v1/actors HTTP/1.1\r\n${head}x-big: ${'b'.repeat(n)}\r\n\r\n`)),
    fc
      .integer({ min: 900, max: 2500 })
      .map((n) =>
        raw(
          'many-headers',
          `GET /v1/claims HTTP/1.1\r\n${head}${Array.from({ length: n }, (_, i) => `x-h${i}: v\r\n`).join('')}\r\n`,
        ),
      ),
    fc.constantFrom(...MALFORMED_HTTP).map((text) => raw('malformed', text)),
  )
}

// ---------------------------------------------------------------------------------------------
// Values

/** UTF-8 percent-encoding that never throws (a lone surrogate becomes U+FFFD, as on the wire). */
export function enc(s: string): string {
  let out = ''
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b)
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

const KB100 = 'x'.repeat(100 * 1024)
const TOO_LARGE = `{"title":"${'x'.repeat(2_200_000)}"}`
const EMOJI_100KB = '😀'.repeat(25 * 1024)

/** Hostile strings: boundaries, encodings, injection, traversal, operators of the search language. */
const HOSTILE: readonly string[] = [
  '',
  ' ',
  '   ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud83d',
  '\ud83dx\ude00',
  '\u202eevil\u202c',
  '\u200f\u200e',
  '\u200b',
  '\ufeff',
  '😀',
  '👨‍👩‍👧‍👦',
  '🇯🇵🇨🇳',
  'e\u0301\u0301\u0301',
  'Ｃｈｉｎａ',
  'İı',
  'ß',
  'العربية',
  '中国',
  '\t\r\n',
  '\\',
  '\\u0000',
  '\'; DROP TABLE "Article"; --',
  "' OR 1=1 --",
  '" OR ""="',
  "1'); DELETE FROM ApiKey; --",
  'x" UNION SELECT hash FROM ApiKey --',
  '%',
  '%%',
  '%00',
  '%zz',
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '/etc/passwd',
  'file:///etc/passwd',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'NaN',
  'Infinity',
  '-Infinity',
  '-1',
  '0',
  '-0',
  '1e309',
  '1.5',
  '0x10',
  '9'.repeat(400),
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '<script>alert(1)</script>',
  '$\u007B7*7}', // template-injection probe
  '{{7*7}}',
  '"',
  '*',
  '(',
  ')',
  'AND',
  'OR',
  'NOT',
  'NEAR',
  'NEAR(japan china, 2)',
  '^japan',
  'col:japan',
  'title:japan',
  'japan AND',
  '((((((((((japan',
  '"unterminated',
  '*japan',
  'a'.repeat(201),
  'a'.repeat(1001),
  KB100,
  EMOJI_100KB,
  'art_01ARZ3NDEKTSV4RRFFQ69G5FAV',
  'act_',
  'seq_999999999999999',
  'seq_-1',
  'o999999',
  '2021-02-30',
  '0000-00-00',
  '9999-99-99',
  '2021-13',
  '+02021',
]

/** Percent sequences sent as they are (not encoded again): invalid UTF-8, overlong forms, NUL. */
const RAW_PCT: readonly string[] = [
  '%00',
  '%zz',
  '%',
  '%ED%A0%80',
  '%C0%AE%C0%AE%C0%AF',
  '%FF%FE',
  '%E2%80%AE',
  '%EF%BB%BF',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%2f..%2fetc%2fpasswd',
  '%252e%252e%252f',
  'a%2Fb',
  '%20',
  '+',
  '%0d%0aX-Injected:%201',
]

const NUMBERS: readonly string[] = [
  '-1',
  '0',
  '-0',
  '101',
  '501',
  '1.5',
  '1e2',
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '0b1',
  ' 5',
  '5 ',
  '+5',
  '05',
  '9007199254740993',
  '99999999999999999999999999',
  '',
  'ten',
  '1,2',
  '[1]',
]

const WEIRD_VALUES: readonly unknown[] = [
  null,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 53,
  -(2 ** 53),
  '',
  'x',
  true,
  false,
  [],
  {},
  [null],
  { a: 1 },
  'NaN',
  '\u0000',
]

const hostileString = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
)

const fuzzSlug = fc.nat({ max: 99_999 }).map((n) => `fuzz-${n}`)

const dateArb = fc.oneof(
  fc.integer({ min: 1990, max: 2030 }).map(String),
  fc
    .tuple(fc.integer({ min: 1990, max: 2030 }), fc.integer({ min: 1, max: 12 }))
    .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
  fc
    .tuple(fc.integer({ min: 1990, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
)

/** A partial date whose `date` has exactly the precision it claims (a rule the document cannot state). */
const partialDate = fc
  .record({
    y: fc.integer({ min: 1990, max: 2030 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    precision: fc.constantFrom('year', 'month', 'day'),
    approximate: fc.boolean(),
    text: fc.option(fc.constantFrom('late December', 'on Thursday', 'around 2019', 'last year'), { nil: null }),
  })
  .map(({ y, m, d, precision, approximate, text }) => {
    const mm = String(m).padStart(2, '0')
    const date =
      precision === 'year' ? `${y}` : precision === 'month' ? `${y}-${mm}` : `${y}-${mm}-${String(d).padStart(2, '0')}`
    return { date, precision, approximate, text }
  })

function pick<T>(xs: readonly T[], fallback: T): fc.Arbitrary<T> {
  return xs.length > 0 ? fc.constantFrom(...xs) : fc.constant(fallback)
}

// ---------------------------------------------------------------------------------------------
// What the generators know: the seed brief (fixed) and the database as it is (a snapshot per epoch)

interface Fixed {
  seedSlug: string
  seedBrief: Json
  words: string[]
  topics: string[]
  spans: Array<{ start: number; end: number; exact: string }>
  briefPaths: Array<Array<string | number>>
  stringPaths: Array<Array<string | number>>
  spanPaths: Array<Array<string | number>>
}

interface Snapshot {
  /** Ids and slugs of live records, and of deleted (or merged) ones, which answer 410 (or 308). */
  articles: Refs
  articleSlugs: string[]
  actors: Refs
  actorSlugs: string[]
  claims: Refs
  events: Refs
  /** Real cursors per operation, and all of them (a cursor of another list must be refused). */
  cursors: Record<string, string[]>
  allCursors: string[]
  seq: number
}

interface Refs {
  live: string[]
  gone: string[]
}

function split<T extends { deletedAt: Date | null }>(
  rows: T[],
  names: (row: T) => string[],
  gone: (row: T) => boolean = () => false,
): Refs {
  const out: Refs = { live: [], gone: [] }
  for (const r of rows) (r.deletedAt || gone(r) ? out.gone : out.live).push(...names(r))
  return out
}

/** Mostly live records; now and then a deleted or merged one. */
function refs(r: Refs, fallback: string): fc.Arbitrary<string> {
  if (r.gone.length === 0) return pick(r.live, fallback)
  if (r.live.length === 0) return pick(r.gone, fallback)
  return fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...r.live) }, fc.constantFrom(...r.gone))
}

function pathsOf(v: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []) {
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) pathsOf(x, [...prefix, i], out)
  } else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v as Json)) {
      out.push([...prefix, k])
      pathsOf(x, [...prefix, k], out)
    }
  return out
}

function getAt(v: unknown, p: Array<string | number>): unknown {
  let cur = v
  for (const k of p) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k as string] : undefined
  return cur
}

function fixedContext(): Fixed {
  const file = path.join(SEEDS_DIR, 'china-japan-relations.brief.json')
  const seedBrief = JSON.parse(readFileSync(file, 'utf8')) as Json
  const article = seedBrief.article as Json
  const body = String(article.body ?? '')
  const words = [...new Set(body.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3))].slice(0, 300)
  const all = pathsOf(seedBrief)
  const spans: Fixed['spans'] = []
  const spanPaths: Fixed['spanPaths'] = []
  for (const p of all) {
    const v = getAt(seedBrief, p) as Json
    const last = p[p.length - 1]
    if ((last === 'evidence' || last === 'quote') && v && typeof v === 'object') {
      spanPaths.push(p)
      if (typeof v.start === 'number' && typeof v.end === 'number')
        spans.push({ start: v.start, end: v.end, exact: String(v.exact ?? v.text ?? '') })
    }
  }
  return {
    seedSlug: String(article.slug),
    seedBrief,
    words: words.length > 0 ? words : ['japan'],
    topics: Array.isArray(article.topics) ? (article.topics as string[]) : [],
    spans,
    briefPaths: all,
    stringPaths: all.filter((p) => typeof getAt(seedBrief, p) === 'string'),
    spanPaths,
  }
}

/** Ids and slugs from the database; real cursors from the lists (or the previous snapshot's, to save time). */
async function snapshot(app: FastifyInstance, ops: Operation[], fixed: Fixed, previous?: Snapshot): Promise<Snapshot> {
  const db = app.db.read
  // Live and deleted records separately and newest first: replaced briefs leave many deleted claims behind.
  const live = { deletedAt: null }
  const gone = { deletedAt: { not: null } }
  const newest = { id: 'desc' } as const
  const [articles, goneArticles, actors, claims, goneClaims, events, goneEvents, last] = await Promise.all([
    db.article.findMany({ where: live, select: { id: true, slug: true, deletedAt: true }, orderBy: newest, take: 30 }),
    db.article.findMany({ where: gone, select: { id: true, slug: true, deletedAt: true }, orderBy: newest, take: 5 }),
    db.actor.findMany({
      select: { id: true, slug: true, deletedAt: true, mergedIntoId: true },
      orderBy: newest,
      take: 100,
    }),
    db.claim.findMany({ where: live, select: { id: true, deletedAt: true }, orderBy: newest, take: 60 }),
    db.claim.findMany({ where: gone, select: { id: true, deletedAt: true }, orderBy: newest, take: 10 }),
    db.event.findMany({ where: live, select: { id: true, deletedAt: true }, orderBy: newest, take: 60 }),
    db.event.findMany({ where: gone, select: { id: true, deletedAt: true }, orderBy: newest, take: 10 }),
    db.change.findFirst({ select: { seq: true }, orderBy: { seq: 'desc' } }),
  ])
  const cursors: Record<string, string[]> = previous ? previous.cursors : {}
  const all: string[] = previous ? previous.allCursors : []
  if (!previous) {
    // Real cursors: the first page of each list (one per page) under each sort it offers.
    for (const op of ops) {
      if (op.method !== 'GET' || !op.params.some((p) => p.name === 'cursor' && p.in === 'query')) continue
      if (op.params.some((p) => p.in === 'path' || (p.required && p.in === 'query'))) continue
      const sorts = (op.params.find((p) => p.name === 'sort')?.schema.enum as string[] | undefined) ?? [undefined]
      for (const sort of sorts.slice(0, 4)) {
        const res = await app.inject({ method: 'GET', url: `${op.path}?limit=1${sort ? `&sort=${enc(sort)}` : ''}` })
        if (res.statusCode !== 200) continue
        const next = (JSON.parse(res.body) as { page?: { nextCursor?: string | null } }).page?.nextCursor
        if (typeof next === 'string') {
          cursors[op.id] = [...(cursors[op.id] ?? []), next]
          all.push(next)
        }
      }
    }
    const seedActor = fixed.seedBrief.actors as Array<{ slug: string }> | undefined
    const positions = ops.find((o) => o.path.endsWith('/positions'))
    if (positions && seedActor?.[0]) {
      const url = positions.path.replace(/\{[^}]+\}/, enc(seedActor[0].slug))
      const res = await app.inject({ method: 'GET', url: `${url}?limit=1` })
      const next =
        res.statusCode === 200
          ? (JSON.parse(res.body) as { page?: { nextCursor?: string | null } }).page?.nextCursor
          : null
      if (typeof next === 'string') {
        cursors[positions.id] = [next]
        all.push(next)
      }
    }
  }
  return {
    articles: split([...articles, ...goneArticles], (a) => [a.id, a.slug]),
    articleSlugs: articles.filter((a) => !a.deletedAt).map((a) => a.slug),
    actors: split(
      actors,
      (a) => [a.id, a.slug],
      (a) => a.mergedIntoId !== null,
    ),
    actorSlugs: actors.filter((a) => !a.deletedAt && !a.mergedIntoId).map((a) => a.slug),
    claims: split([...claims, ...goneClaims], (c) => [c.id]),
    events: split([...events, ...goneEvents], (e) => [e.id]),
    cursors,
    allCursors: all,
    seq: last?.seq ?? 0,
  }
}

// ---------------------------------------------------------------------------------------------
// Generators

export type Auth =
  | 'admin'
  | 'write'
  | 'none'
  | 'revoked'
  | 'unknown-key'
  | 'tampered'
  | 'no-token'
  | 'basic'
  | 'two-tokens'
  | 'lower-bearer'
  | 'long'

interface Tokens {
  admin: string
  write: string
  revoked: string
}

function authorization(auth: Auth, t: Tokens): string | undefined {
  switch (auth) {
    case 'none':
      return undefined
    case 'admin':
      return `Bearer ${t.admin}`
    case 'write':
      return `Bearer ${t.write}`
    case 'revoked':
      return `Bearer ${t.revoked}`
    case 'unknown-key':
      return `Bearer gbk_key_01ARZ3NDEKTSV4RRFFQ69G5FAV_${'A'.repeat(43)}`
    case 'tampered':
      return `Bearer ${t.admin.slice(0, -1)}${t.admin.endsWith('A') ? 'B' : 'A'}`
    case 'no-token':
      return 'Bearer '
    case 'basic':
      return 'Basic YWRtaW46YWRtaW4='
    case 'two-tokens':
      return `Bearer ${t.admin} ${t.admin}`
    case 'lower-bearer':
      return `bearer ${t.admin}`
    case 'long':
      return `Bearer ${'x'.repeat(20_000)}`
  }
}

const securedAuth: fc.Arbitrary<Auth> = fc.oneof(
  { weight: 14, arbitrary: fc.constant<Auth>('admin') },
  { weight: 3, arbitrary: fc.constant<Auth>('write') },
  { weight: 2, arbitrary: fc.constant<Auth>('none') },
  {
    weight: 3,
    arbitrary: fc.constantFrom<Auth>(
      'revoked',
      'unknown-key',
      'tampered',
      'no-token',
      'basic',
      'two-tokens',
      'lower-bearer',
      'long',
    ),
  },
)
const publicAuth: fc.Arbitrary<Auth> = fc.oneof(
  { weight: 18, arbitrary: fc.constant<Auth>('none') },
  { weight: 1, arbitrary: fc.constantFrom<Auth>('admin', 'unknown-key', 'basic', 'long') },
)

const ACCEPTS = [
  'application/json',
  'text/csv',
  'application/x-ndjson',
  'application/ndjson',
  'text/markdown',
  'application/ld+json',
  '*/*',
  'text/html',
  'application/xml',
  'text/csv;q=0.1, application/x-ndjson;q=0.9',
  'application/json;q=0',
  'text/markdown;q=abc, */*;q=-1',
  ';;;,,,',
  `${'text/csv,'.repeat(500)}x`,
]

const STRING_ARBS = new Map<string, fc.Arbitrary<string>>()

class Generators {
  readonly #memo = new Map<string, fc.Arbitrary<unknown>>()

  /** One arbitrary per key and snapshot: families share them (hostile-headers and head reuse valid). */
  memo<T>(key: string, build: () => fc.Arbitrary<T>): fc.Arbitrary<T> {
    let arb = this.#memo.get(key) as fc.Arbitrary<T> | undefined
    if (!arb) {
      arb = build()
      this.#memo.set(key, arb)
    }
    return arb
  }

  constructor(
    private readonly ops: Operation[],
    private readonly fixed: Fixed,
    private readonly snap: Snapshot,
    private readonly doc: Doc,
  ) {}

  resolve(s: Schema): Schema {
    let cur = s
    for (let i = 0; i < 10 && typeof cur.$ref === 'string'; i++) {
      const name = cur.$ref.split('/').pop() ?? ''
      cur = this.doc.components.schemas[name] ?? {}
    }
    return cur
  }

  // Refs to real records (ids and slugs), with a fallback when the database holds none.
  articleRef = () => refs(this.snap.articles, this.fixed.seedSlug)
  actorRef = () => refs(this.snap.actors, 'china')
  actorSlug = () => pick(this.snap.actorSlugs, 'china')
  claimId = () => refs(this.snap.claims, 'clm_01ARZ3NDEKTSV4RRFFQ69G5FAV')
  eventId = () => refs(this.snap.events, 'evt_01ARZ3NDEKTSV4RRFFQ69G5FAV')
  word = () => pick(this.fixed.words, 'japan')

  /** A value the schema accepts (types, enums, patterns, bounds), with hints for names that refer to records. */
  schemaArb(s: Schema, name?: string, depth = 0, hostile = false): fc.Arbitrary<unknown> {
    const hinted = this.hint(name, s)
    if (hinted && !hostile) return fc.oneof({ weight: 6, arbitrary: hinted }, this.plainArb(s, depth, hostile))
    return this.plainArb(s, depth, hostile)
  }

  hint(name: string | undefined, s: Schema): fc.Arbitrary<unknown> | undefined {
    switch (name) {
      case 'claimants':
      case 'about':
        return fc.uniqueArray(this.actorSlug(), { minLength: 1, maxLength: 3 })
      case 'actor':
        return s.type === 'string' ? this.actorSlug() : undefined
      case 'duplicate':
        return this.actorRef()
      case 'evidence':
        return pick(this.fixed.spans, { start: 0, end: 1, exact: 'C' })
      case 'quote':
        return fc.oneof(
          fc.constant(null),
          pick(this.fixed.spans, { start: 0, end: 1, exact: 'C' }).map((x) => ({
            text: x.exact,
            start: x.start,
            end: x.end,
          })),
        )
      case 'country':
        return fc.constantFrom('CHN', 'JPN', 'USA', 'TWN', 'AUS')
      case 'slug':
        return fuzzSlug
      case 'published':
      case 'stated':
      case 'start':
      case 'end':
        return this.resolve(s).type === 'integer' ? undefined : fc.option(partialDate, { nil: null, freq: 4 })
      default:
        return undefined
    }
  }

  plainArb(s0: Schema, depth: number, hostile: boolean): fc.Arbitrary<unknown> {
    let s = this.resolve(s0)
    if (Array.isArray(s.allOf)) {
      const parts = (s.allOf as Schema[]).map((x) => this.resolve(x))
      const { allOf: _allOf, ...rest } = s
      s = Object.assign({}, ...parts, rest, { type: parts[0]?.type ?? rest.type })
    }
    let base: fc.Arbitrary<unknown>
    const type = Array.isArray(s.type) ? (s.type as string[]).find((t) => t !== 'null') : (s.type as string | undefined)
    if (Array.isArray(s.enum) && s.enum.length > 0) base = fc.constantFrom(...(s.enum as unknown[]))
    else if (s.const !== undefined) base = fc.constant(s.const)
    else if (Array.isArray(s.anyOf) || Array.isArray(s.oneOf)) {
      const alts = ((s.anyOf ?? s.oneOf) as Schema[]).map((x) => this.plainArb(x, depth + 1, hostile))
      base = alts.length > 0 ? fc.oneof(...alts) : fc.constant(null)
    } else if (depth > 6 || type === 'null') base = fc.constant(null)
    else if (type === 'string') base = hostile ? fc.oneof(hostileString, this.stringArb(s)) : this.stringArb(s)
    else if (type === 'integer') {
      const min = Math.max(Number(s.minimum ?? -1e6), -(2 ** 31))
      const max = Math.min(Number(s.maximum ?? 1e6), 2 ** 31 - 1)
      base = fc.integer({ min, max })
      if (hostile) base = fc.oneof(base, fc.constantFrom(-1, 2 ** 53, -(2 ** 53), 1e300, 0.5))
    } else if (type === 'number') {
      const min = Number(s.minimum ?? -1e6)
      const max = Number(s.maximum ?? 1e6)
      base = fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
      if (hostile) base = fc.oneof(base, fc.constantFrom(-1e308, 1e308, Number.MIN_VALUE, -0))
    } else if (type === 'boolean') base = fc.boolean()
    else if (type === 'array') {
      const items = (s.items as Schema | undefined) ?? {}
      const minLength = Number(s.minItems ?? 0)
      const maxLength = Math.max(minLength, Math.min(Number(s.maxItems ?? 3), 3))
      base = fc.array(this.schemaArb(items, undefined, depth + 1, hostile), { minLength, maxLength })
    } else if (type === 'object' || s.properties || s.additionalProperties) {
      const props = (s.properties ?? {}) as Record<string, Schema>
      const required = (s.required ?? []) as string[]
      if (Object.keys(props).length > 0)
        base = fc.record(
          Object.fromEntries(
            Object.entries(props).map(([k, v]) => [k, this.schemaArb(v, k, depth + 1, hostile)]),
          ) as Record<string, fc.Arbitrary<unknown>>,
          { requiredKeys: required.filter((r) => r in props) },
        )
      else if (s.additionalProperties && typeof s.additionalProperties === 'object')
        base = fc.dictionary(
          fc.string({ minLength: 1, maxLength: 8 }),
          this.schemaArb(s.additionalProperties as Schema, undefined, depth + 1, hostile),
          { maxKeys: 3 },
        )
      else base = fc.constant({})
    } else base = fc.jsonValue({ maxDepth: 2 })
    const nullable = Array.isArray(s.type) && (s.type as string[]).includes('null')
    return nullable ? fc.oneof({ weight: 4, arbitrary: base }, fc.constant(null)) : base
  }

  /** Strings for a string schema; cached, since building a regex arbitrary is costly and snapshots are rebuilt often. */
  stringArb(s: Schema): fc.Arbitrary<string> {
    const key = JSON.stringify([s.pattern, s.minLength, s.maxLength, s.format])
    let arb = STRING_ARBS.get(key)
    if (!arb) {
      arb = this.buildStringArb(s)
      STRING_ARBS.set(key, arb)
    }
    return arb
  }

  buildStringArb(s: Schema): fc.Arbitrary<string> {
    const min = Number(s.minLength ?? 0)
    const max = s.maxLength === undefined ? Number.POSITIVE_INFINITY : Number(s.maxLength)
    const fits = (x: string) => x.length >= min && x.length <= max
    if (typeof s.pattern === 'string') {
      if (s.pattern === '^\\d{4}(-\\d{2}(-\\d{2})?)?$') return dateArb
      // Only explicit bounds filter a pattern (a default cap could reject every match, e.g. ^[0-9a-f]{64}$).
      const matching = fc.stringMatching(new RegExp(s.pattern))
      return min > 0 || Number.isFinite(max) ? matching.filter(fits) : matching
    }
    if (s.format === 'uri' || s.format === 'url') return fc.webUrl().filter(fits)
    if (s.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString())
    if (s.format === 'email') return fc.emailAddress().filter(fits)
    const cap = Math.max(min, Math.min(max, 40))
    return fc
      .oneof(
        fc.string({ unit: 'grapheme-ascii', minLength: min, maxLength: cap }),
        fc.string({ unit: 'binary', minLength: min, maxLength: cap }).filter(fits),
      )
      .filter(fits)
  }

  // -- query parameters ---------------------------------------------------------------------

  /** The allowed values a comma-separated parameter lists in its description ("...: a, b, c"). */
  listed(p: Param): string[] {
    const m = /(?:to count|to search): ([a-zA-Z, ]+)$/.exec(String(p.description ?? p.schema.description ?? ''))
    return m?.[1] ? m[1].split(',').map((x) => x.trim()) : []
  }

  qArb(op: Operation): fc.Arbitrary<string> {
    const w = this.word()
    const simple = [
      w,
      fc.tuple(w, w).map(([a, b]) => `${a} ${b}`),
      w.map((a) => `${a.slice(0, 3)}*`),
      fc.tuple(w, w).map(([a, b]) => `"${a} ${b}"`),
    ]
    if (op.path !== '/v1/search') return fc.oneof(...simple)
    return fc.oneof(
      ...simple,
      fc.tuple(w, w).map(([a, b]) => `${a} OR ${b}`),
      fc.tuple(w, w, w).map(([a, b, c]) => `(${a} OR ${b}) NOT ${c}`),
      fc.tuple(w, w).map(([a, b]) => `${a} AND ${b}`),
    )
  }

  queryValue(op: Operation, p: Param): fc.Arbitrary<string> {
    const s = this.resolve(p.schema)
    switch (p.name) {
      case 'actor':
      case 'claimant':
      case 'about':
      case 'initiator':
      case 'target':
        return fc.oneof({ weight: 4, arbitrary: this.actorRef() }, this.stringArb(s))
      case 'article':
        return fc.oneof({ weight: 4, arbitrary: this.articleRef() }, this.stringArb(s))
      case 'q':
        return this.qArb(op)
      case 'topic':
        return fc.oneof(pick(this.fixed.topics, 'japan'), this.stringArb(s))
      case 'cursor': {
        const real = this.snap.cursors[op.id] ?? []
        if (op.path === '/v1/search') return fc.nat({ max: 40 }).map((n) => `o${n}`)
        return real.length > 0 ? fc.constantFrom(...real) : this.stringArb(s)
      }
      case 'since':
        return fc.oneof(
          fc.nat({ max: this.snap.seq + 5 }).map((n) => `seq_${n}`),
          fc
            .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
            .map((d) => d.toISOString()),
        )
      case 'actors':
        return fc.tuple(this.actorRef(), this.actorRef()).map(([a, b]) => `${a},${b}`)
      case 'count':
        return fc.constantFrom('true', 'false', '1', '0', 'yes', 'no', 'on', 'off')
      default:
        break
    }
    const listed = this.listed(p)
    if (listed.length > 0)
      return fc
        .uniqueArray(fc.constantFrom(...listed), { minLength: 1, maxLength: listed.length })
        .map((xs) => xs.join(','))
    if (p.name === 'limit' && s.type === 'integer')
      return fc
        .oneof(
          {
            weight: 4,
            arbitrary: fc.integer({ min: Number(s.minimum ?? 1), max: Math.min(Number(s.maximum ?? 20), 20) }),
          },
          fc.integer({ min: Number(s.minimum ?? 1), max: Number(s.maximum ?? 100) }),
        )
        .map(String)
    return this.schemaArb(s).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
  }

  /** Query pairs: required parameters always, optional ones sometimes (CSV/NDJSON exports kept rare). */
  queryPairs(op: Operation): fc.Arbitrary<QPair[]> {
    return this.memo(`queryPairs ${op.id}`, () => this.buildQueryPairs(op))
  }

  buildQueryPairs(op: Operation): fc.Arbitrary<QPair[]> {
    const qs = op.params.filter((p) => p.in === 'query')
    if (qs.length === 0) return fc.constant([])
    const entries = qs.map((p) => {
      let value = this.queryValue(op, p)
      if (p.name === 'format') value = fc.oneof({ weight: 6, arbitrary: fc.constant('json') }, value)
      const present = p.required
        ? fc.constant(true)
        : fc.boolean().chain((b) => (b ? fc.boolean() : fc.constant(false)))
      return fc.tuple(present, value).map(([on, v]) => (on ? ([[p.name, v]] as QPair[]) : []))
    })
    return fc.tuple(...entries).map((xs) => xs.flat())
  }

  // -- path parameters ------------------------------------------------------------------------

  pathValue(op: Operation, p: Param): fc.Arbitrary<string> {
    const s = this.resolve(p.schema)
    const random = this.stringArb(s)
    let real: fc.Arbitrary<string>
    if (op.path.startsWith('/v1/articles/')) real = this.articleRef()
    else if (op.path.startsWith('/v1/actors/')) real = this.actorRef()
    else if (op.path.startsWith('/v1/claims/')) real = this.claimId()
    else if (op.path.startsWith('/v1/events/')) real = this.eventId()
    else if (op.path.startsWith('/v1/briefs/'))
      real = fc.oneof(pick(this.snap.articleSlugs, this.fixed.seedSlug), fuzzSlug)
    else real = random
    // Destructive operations on real records are kept rarer, so the reads keep finding data.
    if (op.method === 'DELETE' || op.id === 'mergeActor')
      return fc.oneof({ weight: 1, arbitrary: real }, { weight: 3, arbitrary: random })
    return fc.oneof({ weight: 6, arbitrary: real }, { weight: 1, arbitrary: random })
  }

  pathArb(op: Operation, hostileParam?: fc.Arbitrary<string>): fc.Arbitrary<string> {
    const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string)
    if (names.length === 0) return fc.constant(op.path)
    const arbs = names.map((n) => {
      const p = op.params.find((x) => x.in === 'path' && x.name === n) ?? {
        name: n,
        in: 'path',
        schema: { type: 'string' },
      }
      return this.pathValue(op, p).map(enc)
    })
    const values = hostileParam
      ? fc.tuple(fc.nat({ max: names.length - 1 }), hostileParam, fc.tuple(...arbs)).map(([i, h, vs]) => {
          const out = [...vs]
          out[i] = h
          return out
        })
      : fc.tuple(...arbs)
    return values.map((vs) => {
      let i = 0
      return op.path.replace(/\{[^}]+\}/g, () => vs[i++] ?? 'x')
    })
  }

  // -- bodies -------------------------------------------------------------------------------

  /** The seed brief, mutated: slug, offsets, dropped fields, swapped types, hostile strings, extra keys. */
  briefArb(): fc.Arbitrary<{ brief: Json; slug: string }> {
    return this.memo('briefArb', () => this.buildBriefArb())
  }

  buildBriefArb(): fc.Arbitrary<{ brief: Json; slug: string }> {
    const f = this.fixed
    const mutation = fc.oneof(
      fc.record({
        t: fc.constant('shift' as const),
        at: fc.nat(),
        delta: fc.integer({ min: -60, max: 60 }).filter((d) => d !== 0),
        which: fc.constantFrom('start', 'end', 'both'),
      }),
      fc.record({
        t: fc.constant('offset' as const),
        at: fc.nat(),
        value: fc.constantFrom<unknown>(-1, 1e9, 2 ** 53, 1.5, '12', null, Number.MAX_SAFE_INTEGER),
      }),
      fc.record({ t: fc.constant('drop' as const), at: fc.nat() }),
      fc.record({ t: fc.constant('swap' as const), at: fc.nat(), value: fc.constantFrom(...WEIRD_VALUES) }),
      fc.record({ t: fc.constant('hostile' as const), at: fc.nat(), value: hostileString }),
      fc.record({ t: fc.constant('unknown-actor' as const), at: fc.nat(), slug: fuzzSlug }),
      fc.record({ t: fc.constant('duplicate-key' as const), at: fc.nat() }),
      fc.record({ t: fc.constant('extra' as const), at: fc.nat(), key: fc.constantFrom('extra', 'id', '$where', '') }),
      fc.record({ t: fc.constant('repeat' as const), times: fc.integer({ min: 2, max: 40 }) }),
      fc.record({ t: fc.constant('version' as const), value: fc.constantFrom<unknown>(2, '1', null, 0, 1.0) }),
    )
    const slug = fc.oneof(
      { weight: 5, arbitrary: fc.constant(f.seedSlug) },
      { weight: 3, arbitrary: fuzzSlug },
      { weight: 1, arbitrary: fc.constantFrom('UPPER', 'a--b', '-a', 'x'.repeat(121), '../x', 'ｓｌｕｇ', '') },
    )
    return fc.tuple(fc.array(mutation, { minLength: 0, maxLength: 3 }), slug).map(([mutations, newSlug]) => {
      const brief = structuredClone(f.seedBrief)
      ;(brief.article as Json).slug = newSlug
      for (const m of mutations) applyMutation(brief, m, f)
      const article = brief.article as Json | undefined
      return { brief, slug: typeof article?.slug === 'string' ? article.slug : newSlug }
    })
  }

  bodyArb(op: Operation, hostile = false): fc.Arbitrary<unknown> {
    return this.memo(`bodyArb ${op.id} ${hostile}`, () => this.buildBodyArb(op, hostile))
  }

  buildBodyArb(op: Operation, hostile = false): fc.Arbitrary<unknown> {
    if (!op.body) return fc.constant(undefined)
    return this.schemaArb(op.body, undefined, 0, hostile)
  }

  // -- requests -----------------------------------------------------------------------------

  authArb(op: Operation | null): fc.Arbitrary<Auth> {
    return op?.secured ? securedAuth : publicAuth
  }

  acceptArb(op: Operation): fc.Arbitrary<string | undefined> {
    const ok = op.responses['200']?.content ?? {}
    const several = Object.keys(ok).length > 1
    return fc.oneof(
      { weight: several ? 12 : 30, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom(...ACCEPTS) },
    )
  }

  valid(op: Operation): fc.Arbitrary<FuzzRequest> {
    return this.memo(`valid ${op.id}`, () => this.buildValid(op))
  }

  buildValid(op: Operation): fc.Arbitrary<FuzzRequest> {
    const isBrief =
      op.body !== undefined && this.resolve(op.body).properties !== undefined && op.path.startsWith('/v1/briefs')
    const body: fc.Arbitrary<{ text?: string; slug?: string }> = isBrief
      ? fc
          .oneof(
            { weight: 9, arbitrary: this.briefArb() },
            {
              weight: 1,
              arbitrary: this.bodyArb(op).map((b) => ({ brief: b as Json, slug: 'fuzz-generic' })),
            },
          )
          .map(({ brief, slug }) => ({ text: JSON.stringify(brief), slug }))
      : this.bodyArb(op).map((b) => (b === undefined ? {} : { text: JSON.stringify(b) }))
    return fc
      .record({
        path: this.pathArb(op),
        query: this.queryPairs(op),
        body,
        auth: this.authArb(op),
        accept: this.acceptArb(op),
        slugInPath: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, fc.constant(false)),
      })
      .map(({ path: p, query, body: b, auth, accept, slugInPath }) => {
        // PUT /v1/briefs/{slug}: the path names the brief's own slug (mostly).
        const url =
          isBrief && op.path.includes('{') && slugInPath && b.slug ? op.path.replace(/\{[^}]+\}/, enc(b.slug)) : p
        return makeRequest(
          'valid',
          op,
          op.method,
          url + queryString(query),
          auth,
          {
            ...(b.text !== undefined ? { 'content-type': 'application/json' } : {}),
            ...(accept !== undefined ? { accept } : {}),
          },
          b.text,
        )
      })
  }

  head(op: Operation): fc.Arbitrary<FuzzRequest> {
    return this.valid(op).map((r) => ({ ...r, kind: 'head', method: 'HEAD' }))
  }

  hostileQuery(op: Operation): fc.Arbitrary<FuzzRequest> {
    const declared = op.params.filter((p) => p.in === 'query')
    const names = declared.map((p) => p.name)
    const edits: Array<fc.Arbitrary<(q: QPair[]) => string>> = []
    const plain = (q: QPair[]) => queryString(q)
    if (names.length > 0) {
      const name = fc.constantFrom(...names)
      edits.push(
        fc.tuple(name, hostileString).map(
          ([n, v]) =>
            (q) =>
              plain(setParam(q, n, enc(v))),
        ),
        fc.tuple(name, fc.constantFrom(...RAW_PCT)).map(
          ([n, v]) =>
            (q) =>
              plain(setParam(q, n, v)),
        ),
        fc.tuple(name, hostileString).map(
          ([n, v]) =>
            (q) =>
              `${plain(q)}${q.length ? '&' : '?'}${n}=${enc(v)}`,
        ),
        name.map((n) => (q) => plain(setParam(q, n, ''))),
        name.map((n) => (q) => `${plain(q)}${q.length ? '&' : '?'}${n}`),
      )
      const ints = declared.filter((p) => this.resolve(p.schema).type === 'integer').map((p) => p.name)
      if (ints.length > 0)
        edits.push(
          fc.tuple(fc.constantFrom(...ints), fc.constantFrom(...NUMBERS)).map(
            ([n, v]) =>
              (q) =>
                plain(setParam(q, n, enc(v))),
          ),
        )
      if (names.includes('cursor')) edits.push(this.badCursor().map((c) => (q) => plain(setParam(q, 'cursor', enc(c)))))
      if (names.includes('since'))
        edits.push(
          fc
            .constantFrom(
              'seq_',
              'seq_abc',
              'seq_9999999999999999',
              'seq_-1',
              '2021-13-45T00:00:00Z',
              'yesterday',
              '1640995200',
            )
            .map((c) => (q) => plain(setParam(q, 'since', enc(c)))),
        )
      if (names.includes('q')) edits.push(this.ftsGarbage().map((v) => (q) => plain(setParam(q, 'q', enc(v)))))
    }
    edits.push(
      fc
        .tuple(
          fc.constantFrom(
            'foo',
            '__proto__',
            'constructor',
            'prototype',
            'limit[]',
            'a[b]',
            'x'.repeat(300),
            '',
            '%00',
            '😀',
          ),
          hostileString,
        )
        .map(
          ([n, v]) =>
            (q) =>
              `${plain(q)}${q.length ? '&' : '?'}${enc(n)}=${enc(v)}`,
        ),
      fc
        .constantFrom(
          '?',
          '?&&&',
          '?=',
          '?==&=',
          '?%',
          '?%zz=1',
          '?a=%ED%A0%80',
          '?#frag',
          '??q=1',
          '?;',
          `?${'a=1&'.repeat(2000)}`,
        )
        .map((raw) => (q) => (q.length ? `${plain(q)}&${raw.slice(1)}` : raw)),
    )
    return fc
      .record({
        path: this.pathArb(op),
        query: this.queryPairs(op),
        edit: fc.oneof(...edits),
        auth: this.authArb(op),
        body: this.bodyArb(op),
      })
      .map(({ path: p, query, edit, auth, body }) =>
        makeRequest(
          'hostile-query',
          op,
          op.method,
          p + edit(query),
          auth,
          body === undefined ? {} : { 'content-type': 'application/json' },
          body === undefined ? undefined : JSON.stringify(body),
        ),
      )
  }

  badCursor(): fc.Arbitrary<string> {
    const real = this.snap.allCursors
    const decoded = real.flatMap((c) => {
      try {
        return [JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as Json]
      } catch {
        return []
      }
    })
    const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url')
    const arbs: Array<fc.Arbitrary<string>> = [
      fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => Buffer.from(b).toString('base64url')),
      fc.constantFrom(
        'bad',
        '=',
        '====',
        'null',
        'undefined',
        '%00',
        'o1',
        'seq_1',
        b64('{'),
        b64('null'),
        b64('[]'),
        b64('"x"'),
        b64('1e999'),
      ),
      fc.jsonValue({ maxDepth: 2 }).map(b64),
      hostileString.filter((s) => s.length > 0 && s.length <= 1000),
    ]
    if (real.length > 0) arbs.push(fc.constantFrom(...real))
    if (decoded.length > 0)
      arbs.push(
        fc
          .tuple(
            fc.constantFrom(...decoded),
            fc.constantFrom('r', 's', 'f', 'v', 'i', 'extra'),
            fc.constantFrom<unknown>(
              null,
              1,
              -1,
              1e308,
              '',
              'zzz',
              'x'.repeat(65),
              {},
              [],
              true,
              "' OR 1=1 --",
              '\u0000',
            ),
          )
          .map(([c, k, v]) => b64({ ...c, [k]: v })),
      )
    return fc.oneof(...arbs)
  }

  ftsGarbage(): fc.Arbitrary<string> {
    const token = fc.oneof(
      fc.constantFrom(
        '"',
        '*',
        '(',
        ')',
        'AND',
        'OR',
        'NOT',
        'NEAR',
        'NEAR(',
        'NEAR/2',
        '^',
        'col:',
        'title:',
        'body:',
        ':',
        '-',
        '+',
        '{',
        '}',
        "'",
        ',',
        '.',
        '""',
        '" "',
        '()',
        '*"',
        '\u0000',
        '💥',
        'and',
        'or',
      ),
      this.word(),
      this.word().map((w) => `${w}*`),
      this.word().map((w) => `"${w}`),
      this.word().map((w) => `*${w}`),
    )
    return fc
      .tuple(fc.array(token, { minLength: 1, maxLength: 10 }), fc.constantFrom(' ', '', '  '))
      .map(([ts, sep]) => ts.join(sep))
  }

  hostilePath(op: Operation): fc.Arbitrary<FuzzRequest> {
    const h = fc.oneof(
      hostileString.filter((s) => s.length > 0).map(enc),
      fc.constantFrom(...RAW_PCT),
      fc.constantFrom('a'.repeat(201), 'a'.repeat(5000), '..', '.', '~', 'ﾟ', enc('😀'.repeat(60))),
    )
    return fc
      .record({ path: this.pathArb(op, h), query: this.queryPairs(op), auth: this.authArb(op), body: this.bodyArb(op) })
      .map(({ path: p, query, auth, body }) =>
        makeRequest(
          'hostile-path',
          op,
          op.method,
          p + queryString(query),
          auth,
          body === undefined ? {} : { 'content-type': 'application/json' },
          body === undefined ? undefined : JSON.stringify(body),
        ),
      )
  }

  hostileBody(op: Operation): fc.Arbitrary<FuzzRequest> {
    const valid = this.bodyArb(op).map((b) => JSON.stringify(b ?? {}))
    const json: Record<string, string> = { 'content-type': 'application/json' }
    type Variant = { what: string; headers: Record<string, string>; body: string }
    const variants: fc.Arbitrary<Variant> = fc.oneof<fc.Arbitrary<Variant>[]>(
      fc.constantFrom(...MALFORMED_JSON).map((body) => ({ what: 'malformed', headers: json, body })),
      fc
        .tuple(valid, fc.constantFrom(...CONTENT_TYPES))
        .map(
          ([body, ct]): Variant => ({ what: 'content-type', headers: ct === null ? {} : { 'content-type': ct }, body }),
        ),
      fc.constant({
        what: 'multipart',
        headers: { 'content-type': 'multipart/form-data; boundary=----fuzz' },
        body: '------fuzz\r\nContent-Disposition: form-data; name="brief"; filename="b.json"\r\nContent-Type: application/json\r\n\r\n{}\r\n------fuzz--\r\n',
      }),
      fc.constantFrom(...DEEP).map((body) => ({ what: 'deep', headers: json, body })),
      fc.constantFrom(...JSON_TYPES).map((body) => ({ what: 'json-type', headers: json, body })),
      valid.map((body) => ({ what: 'proto', headers: json, body: pollute(body) })),
      valid.map((body) => ({ what: 'constructor', headers: json, body: pollute(body, true) })),
      this.bodyArb(op, true).map((b) => ({ what: 'hostile-fields', headers: json, body: JSON.stringify(b ?? {}) })),
      fc.constant({ what: 'too-large', headers: json, body: TOO_LARGE }),
      fc.constant({ what: 'huge-field', headers: json, body: JSON.stringify({ title: KB100, summary: EMOJI_100KB }) }),
      valid.map((body) => ({ what: 'content-length', headers: { ...json, 'content-length': '3' }, body })),
      valid.map((body) => ({ what: 'bom', headers: json, body: `\ufeff${body}` })),
      valid.map((body) => ({
        what: 'duplicate-keys',
        headers: json,
        body: body.replace(/^\{/, '{"title":1,"title":"x",'),
      })),
    )
    return fc
      .record({
        path: this.pathArb(op),
        variant: variants,
        auth: fc.oneof({ weight: 4, arbitrary: fc.constant<Auth>('admin') }, this.authArb(op)),
      })
      .map(({ path: p, variant, auth }) =>
        makeRequest(`hostile-body:${variant.what}`, op, op.method, p, auth, variant.headers, variant.body),
      )
  }

  hostileHeaders(op: Operation): fc.Arbitrary<FuzzRequest> {
    const extra = fc.oneof(
      fc.constantFrom(...ACCEPTS).map((accept) => ({ accept })),
      fc
        .constantFrom('*', '"x"', 'W/"x"', ', ,', 'x'.repeat(10_000), '"abc", W/"def", *')
        .map((v) => ({ 'if-none-match': v })),
      fc
        .constantFrom('evil.example', 'evil.example:99999', '[::1]', 'a b', '', 'localhost:3000/../x')
        .map((host) => ({ host })),
      fc
        .constantFrom('https', 'javascript', '')
        .map((v) => ({ 'x-forwarded-proto': v, 'x-forwarded-host': 'evil.example' })),
      fc.constantFrom('1.2.3.4', 'not-an-ip', '::ffff:127.0.0.1, 10.0.0.1').map((v) => ({ 'x-forwarded-for': v })),
      fc.constantFrom('gzip', 'br', 'identity;q=0', '*;q=0').map((v) => ({ 'accept-encoding': v })),
      fc.constant({ origin: 'https://evil.example' }),
      fc.constant({ 'idempotency-key': 'x'.repeat(5000) }),
    )
    return fc
      .record({ base: this.valid(op), extra })
      .map(({ base, extra: e }) => ({ ...base, kind: 'hostile-headers', headers: { ...base.headers, ...e } }))
  }

  wrongMethod(): fc.Arbitrary<FuzzRequest> {
    const byPath = new Map<string, Operation[]>()
    for (const op of this.ops) byPath.set(op.path, [...(byPath.get(op.path) ?? []), op])
    const arbs = [...byPath.entries()].map(([, ops]) => {
      const documented = new Set(ops.map((o) => o.method))
      if (documented.has('GET')) documented.add('HEAD')
      const others = WRONG_METHODS.filter((m) => !documented.has(m))
      const first = ops[0] as Operation
      return fc
        .record({
          path: this.pathArb(first),
          method: fc.constantFrom(...others),
          auth: fc.constantFrom<Auth>('none', 'admin'),
          withBody: fc.boolean(),
        })
        .map(({ path: p, method, auth, withBody }) =>
          makeRequest(
            'wrong-method',
            null,
            method,
            p,
            auth,
            withBody ? { 'content-type': 'application/json' } : {},
            withBody ? '{}' : undefined,
          ),
        )
    })
    return fc.oneof(...arbs)
  }

  unknownPath(): fc.Arbitrary<FuzzRequest> {
    return fc
      .record({
        url: fc.constantFrom(...UNKNOWN_PATHS),
        method: fc.constantFrom('GET', 'POST', 'DELETE'),
        auth: fc.constantFrom<Auth>('none', 'admin'),
      })
      .map(({ url, method, auth }) => makeRequest('unknown-path', null, method, url, auth, {}, undefined))
  }

  /** Every generator, weighted: about two in five requests valid by the document, the rest hostile. */
  all(): fc.Arbitrary<FuzzRequest> {
    const ops = this.ops
    const gets = ops.filter((o) => o.method === 'GET')
    const withQuery = ops.filter((o) => o.params.some((p) => p.in === 'query') || o.method === 'GET')
    const withPath = ops.filter((o) => o.params.some((p) => p.in === 'path'))
    const withBody = ops.filter((o) => o.body !== undefined)
    const each = (xs: Operation[], f: (op: Operation) => fc.Arbitrary<FuzzRequest>) =>
      xs.length > 0 ? fc.oneof(...xs.map(f)) : this.unknownPath()
    return fc.oneof(
      { weight: 40, arbitrary: each(ops, (op) => this.valid(op)) },
      { weight: 18, arbitrary: each(withQuery, (op) => this.hostileQuery(op)) },
      { weight: 8, arbitrary: each(withPath, (op) => this.hostilePath(op)) },
      { weight: 14, arbitrary: each(withBody, (op) => this.hostileBody(op)) },
      { weight: 7, arbitrary: each(ops, (op) => this.hostileHeaders(op)) },
      { weight: 3, arbitrary: each(gets, (op) => this.head(op)) },
      { weight: 6, arbitrary: this.wrongMethod() },
      { weight: 4, arbitrary: this.unknownPath() },
    )
  }
}

const WRONG_METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'PROPFIND',
  'SEARCH',
  'LOCK',
]

const UNKNOWN_PATHS = [
  '/',
  '/v1',
  '/v1/',
  '/v2/articles',
  '/V1/ARTICLES',
  '//v1//articles',
  '/v1/articles/x/y/z',
  '/v1/articles;jsessionid=1',
  '/v1/articles%2fx',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/v1/../../../etc/passwd',
  '/v1/actors/china/relations/extra',
  '/docs/../../etc/passwd',
  '/favicon.ico',
  '/.env',
  '/.git/config',
  '/v1/search/',
  '/v1/claims/%00',
  '/v1/actors/%ED%A0%80',
  '/v1/actors/%C0%AE%C0%AE%C0%AF',
  '/v1/articles/%',
  `/v1/articles/${'a'.repeat(5000)}`,
  `/${'x/'.repeat(2000)}`,
  '/v1/articles/\u0000',
  '/v1/articles/😀',
  '/v1/events?limit=1#x',
  '/v1/briefs',
  '/v1/briefs/',
  '/health/',
  '/ready?x=1',
]

const MALFORMED_JSON = [
  '{',
  '{"a":1',
  '{"a":1,}',
  "{'a':1}",
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":1}garbage',
  '[1,2',
  '"unterminated',
  'nul',
  '{"a":"\\u00"}',
  '{"a":"\u0000"}',
  '{"a":1}{"b":2}',
  '\u0000',
  ' ',
  '',
  '{"a":01}',
  '{"a":.5}',
  '{"a":"\\x41"}',
  '{a:1}',
  '//\n{}',
]

const JSON_TYPES = ['null', '[]', '"string"', '123', 'true', '{}', '[{}]', '-0', '1e999', '"\\ud800"', '{"":null}']

const CONTENT_TYPES: Array<string | null> = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/jsonx',
  'text/json',
  '*/*',
  'application/problem+json',
  'application/json, text/plain',
  ' application/json',
  'application/json;;;',
  '',
  null,
]

const DEEP = [
  `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
  `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`,
  `{"title":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
  `${'{"a":['.repeat(1_000)}${']}'.repeat(1_000)}`,
  `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
  // secure-json-parse walks the parsed tree when the text holds a suspicious key.
  `${'{"a":'.repeat(10_000)}{"constructor":{"prototype":{}}}${'}'.repeat(10_000)}`,
  `${'{"a":'.repeat(10_000)}{"__proto__":{}}${'}'.repeat(10_000)}`,
]

/** Inserts prototype-pollution keys into a JSON object text (JSON.parse would drop them from a literal). */
function pollute(body: string, viaConstructor = false): string {
  const key = viaConstructor
    ? '"constructor":{"prototype":{"fuzzPolluted":"yes"}}'
    : '"__proto__":{"fuzzPolluted":"yes","isAdmin":true}'
  if (!body.startsWith('{')) return `{${key}}`
  return body === '{}' ? `{${key}}` : body.replace(/^\{/, `{${key},`)
}

type Mutation =
  | { t: 'shift'; at: number; delta: number; which: string }
  | { t: 'offset'; at: number; value: unknown }
  | { t: 'drop'; at: number }
  | { t: 'swap'; at: number; value: unknown }
  | { t: 'hostile'; at: number; value: string }
  | { t: 'unknown-actor'; at: number; slug: string }
  | { t: 'duplicate-key'; at: number }
  | { t: 'extra'; at: number; key: string }
  | { t: 'repeat'; times: number }
  | { t: 'version'; value: unknown }

function setAt(root: unknown, p: Array<string | number>, value: unknown, remove = false): void {
  const parent = getAt(root, p.slice(0, -1))
  const k = p[p.length - 1]
  if (!parent || typeof parent !== 'object' || k === undefined) return
  if (remove) {
    if (Array.isArray(parent) && typeof k === 'number') parent.splice(k, 1)
    else delete (parent as Json)[k as string]
  } else (parent as Json)[k as string] = value
}

function applyMutation(brief: Json, m: Mutation, f: Fixed): void {
  const at = <T>(xs: T[], i: number): T | undefined => (xs.length > 0 ? xs[i % xs.length] : undefined)
  switch (m.t) {
    case 'shift':
    case 'offset': {
      const p = at(f.spanPaths, m.at)
      const span = p ? (getAt(brief, p) as Json | undefined) : undefined
      if (!span || typeof span !== 'object') return
      for (const k of m.t === 'shift' && m.which === 'both'
        ? ['start', 'end']
        : [m.t === 'shift' ? m.which : 'start']) {
        if (m.t === 'shift' && typeof span[k] === 'number') span[k] = (span[k] as number) + m.delta
        else if (m.t === 'offset') span[k] = m.value
      }
      return
    }
    case 'drop': {
      const p = at(f.briefPaths, m.at)
      if (p) setAt(brief, p, undefined, true)
      return
    }
    case 'swap': {
      const p = at(f.briefPaths, m.at)
      if (p) setAt(brief, p, structuredClone(m.value))
      return
    }
    case 'hostile': {
      const p = at(f.stringPaths, m.at)
      if (p) setAt(brief, p, m.value)
      return
    }
    case 'unknown-actor': {
      const claims = brief.claims as Json[] | undefined
      const c = claims ? at(claims, m.at) : undefined
      if (c) c.claimants = [m.slug]
      return
    }
    case 'duplicate-key': {
      const claims = brief.claims as Json[] | undefined
      if (claims && claims.length > 1) (claims[(m.at % (claims.length - 1)) + 1] as Json).key = (claims[0] as Json).key
      return
    }
    case 'extra': {
      const objects = f.briefPaths.filter((p) => {
        const v = getAt(brief, p)
        return v !== null && typeof v === 'object' && !Array.isArray(v)
      })
      const p = at(objects, m.at)
      const target = p ? (getAt(brief, p) as Json) : brief
      target[m.key] = 'fuzz'
      return
    }
    case 'repeat': {
      const claims = brief.claims as Json[] | undefined
      if (claims) brief.claims = Array.from({ length: m.times }, () => claims).flat()
      return
    }
    case 'version':
      brief.schemaVersion = m.value
      return
  }
}

/** A query pair; a third element 'raw' sends the value as it is (already percent-encoded, or broken on purpose). */
type QPair = [string, string] | [string, string, 'raw']

function queryString(pairs: QPair[]): string {
  return pairs.length === 0 ? '' : `?${pairs.map(([k, v, raw]) => `${enc(k)}=${raw ? v : enc(v)}`).join('&')}`
}

function setParam(pairs: QPair[], name: string, raw: string): QPair[] {
  return [...pairs.filter(([k]) => k !== name), [name, raw, 'raw']]
}

function makeRequest(
  kind: string,
  op: Operation | null,
  method: string,
  url: string,
  auth: Auth,
  headers: Record<string, string>,
  body: string | undefined,
): FuzzRequest {
  return { kind, op: op?.id ?? null, method, url, auth, headers, ...(body !== undefined ? { body } : {}) }
}

// ---------------------------------------------------------------------------------------------
// Judging one exchange

interface Exchange {
  status: number
  headers: Record<string, string | string[] | number | undefined>
  body: string
  route: { method: string; url: string | undefined } | null
  log: string[]
}

const FORMAT_MEDIA: Record<string, string> = {
  json: 'application/json',
  csv: 'text/csv',
  ndjson: 'application/x-ndjson',
  markdown: 'text/markdown',
  jsonld: 'application/ld+json',
}
const ACCEPT_MEDIA: Record<string, string> = {
  'application/json': 'application/json',
  'text/csv': 'text/csv',
  'application/x-ndjson': 'application/x-ndjson',
  'application/ndjson': 'application/x-ndjson',
  'text/markdown': 'text/markdown',
  'application/ld+json': 'application/ld+json',
}

/** The media type a request asks for with ?format= or a plain one-type Accept (undefined: no clear ask). */
function requestedMedia(req: FuzzRequest, content: Record<string, unknown>): string | undefined {
  let format: string | null = null
  try {
    const params = new URL(req.url, 'http://fuzz.invalid').searchParams
    if (params.getAll('format').length === 1) format = params.get('format')
  } catch {
    return undefined
  }
  if (format !== null) return FORMAT_MEDIA[format]
  const accept = ACCEPT_MEDIA[(req.headers.accept ?? '').trim().toLowerCase()]
  if (!accept) return undefined
  return accept in content ? accept : 'application/json'
}

/** The documented operation of the route that answered (HEAD is served by the GET route). */
function operationFor(route: Exchange['route'], ops: Map<string, Operation>): Operation | undefined {
  if (!route?.url) return undefined
  return ops.get(`${route.method === 'HEAD' ? 'GET' : route.method} ${route.url}`)
}

/** Ajv errors with their parameters (which property was additional, which type was expected). */
function errorsOf(v: ValidateFunction, root: string): string {
  return (v.errors ?? [])
    .slice(0, 4)
    .map((e) => `${root}${e.instancePath} ${e.message ?? 'invalid'} ${JSON.stringify(e.params)}`)
    .join('; ')
}

function judge(req: FuzzRequest, res: Exchange, ops: Map<string, Operation>, contract: Contract): string | null {
  if (Object.hasOwn(Object.prototype, 'fuzzPolluted') || Object.hasOwn(Object.prototype, 'isAdmin'))
    return 'prototype: Object.prototype was polluted by a request body'
  const status = res.status
  if (status >= 500) return `5xx: ${status} ${res.body.slice(0, 300)}`
  const op = operationFor(res.route, ops)
  const where = op ? op.id : `${req.method} (no route)`
  const ct = String(res.headers['content-type'] ?? '')
  const media = (ct.split(';')[0] ?? '').trim().toLowerCase()
  const hasBody = res.body.length > 0
  if (status >= 400) {
    const documented = op ? Object.keys(op.responses).includes(String(status)) : false
    // Unrouted requests (unknown method or path, a URL that does not decode) may also be a 400.
    if (!documented && !GLOBAL_STATUSES.has(status) && !(op === undefined && status === 400))
      return `status: ${status} is not documented for ${where} (nor global)`
    if (!hasBody) return null
    if (media !== 'application/problem+json') return `problem-media: ${status} sent as "${ct || 'no content-type'}"`
    let problem: unknown
    try {
      problem = JSON.parse(res.body)
    } catch {
      return `problem-json: ${status} body is not JSON`
    }
    if (!contract.problem(problem)) return `problem-schema: ${errorsOf(contract.problem, 'problem')}`
    if ((problem as { status?: unknown }).status !== status)
      return `problem-status: body says ${(problem as { status?: unknown }).status}, HTTP says ${status}`
    return null
  }
  if (status >= 300) {
    if (status === 304 && hasBody) return '304: a 304 with a body'
    if ([301, 302, 303, 307, 308].includes(status) && !res.headers.location)
      return `redirect: ${status} without Location`
    return null
  }
  if (!op) return `status: ${status} for ${where}, which no documented operation serves`
  const documented = op.responses[String(status)]
  if (!documented) return `status: ${status} is not documented for ${op.id}`
  if (req.method === 'HEAD') return null
  if (status === 204) return hasBody ? '204: a 204 with a body' : null
  const content = documented.content ?? {}
  const wanted = requestedMedia(req, content)
  if (wanted && status === 200 && media !== wanted) return `format: ${op.id} asked for ${wanted}, got "${ct}"`
  const entry = content[media]
  // An NDJSON export of an empty list is an empty body; every other documented success has one.
  if (!hasBody && !(entry && media === 'application/x-ndjson'))
    return Object.keys(content).length > 0 ? `empty: ${status} without a body` : null
  if (!entry) return `media: ${op.id} ${status} sent as "${ct}", documented ${Object.keys(content).join(', ')}`
  if (media === 'application/json' || media.endsWith('+json')) {
    let data: unknown
    try {
      data = JSON.parse(res.body)
    } catch {
      return `json: ${op.id} ${status} body is not JSON`
    }
    const v = contract.validator(op, status, media)
    if (v && !v(data)) return `schema: ${op.id} ${status}: ${errorsOf(v, 'body')}`
  } else if (media === 'application/x-ndjson') {
    for (const line of res.body.split('\n'))
      if (line.length > 0)
        try {
          JSON.parse(line)
        } catch {
          return `ndjson: ${op.id} sent a line that is not JSON`
        }
  } else if (media === 'text/csv' && !res.body.includes('\r\n')) return `csv: ${op.id} sent no header row`
  return null
}

// ---------------------------------------------------------------------------------------------
// The run

/** Seed of the index-th request of a run: each request can be regenerated on its own. */
export function caseSeed(seed: number, index: number): number {
  return (Math.imul(seed | 0, 0x9e3779b1) + Math.imul(index + 1, 0x85ebca6b)) | 0
}

function summarize(req: FuzzRequest): Record<string, unknown> {
  const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s)
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, clip(v, 120)]))
  return {
    kind: req.kind,
    op: req.op,
    method: req.method,
    url: clip(req.url, 400),
    auth: req.auth,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(req.body !== undefined ? { body: clip(req.body, 400) } : {}),
  }
}

const reasonKey = (reason: string) => reason.split(':')[0] ?? reason

export async function runFuzz(opts: FuzzOptions): Promise<FuzzResult> {
  const started = Date.now()
  const log = opts.log ?? (() => {})
  const dir = mkdtempSync(path.join(os.tmpdir(), 'geobrief-fuzz-'))
  const file = path.join(dir, 'fuzz.db')
  const url = `file:${file}`
  const marks: string[] = []
  let mark = Date.now()
  const lap = (what: string) => {
    marks.push(`${what} ${Date.now() - mark} ms`)
    mark = Date.now()
  }
  const errorLines: string[] = []
  let route: Exchange['route'] = null
  let app: FastifyInstance
  try {
    await migrate(url)
    lap('migrate')
    app = await buildApp(
      testConfig({
        DATABASE_URL: url,
        LOG_LEVEL: 'error',
        READ_RATE_LIMIT: 1_000_000_000,
        WRITE_RATE_LIMIT: 1_000_000_000,
      }),
      {
        logger: {
          level: 'error',
          stream: {
            write: (line: string) => {
              errorLines.push(line.length > 2000 ? `${line.slice(0, 2000)}…` : line)
            },
          },
        } as never,
      },
    )
    app.addHook('onResponse', async (request) => {
      route = { method: request.method, url: request.routeOptions.url }
    })
    await app.ready()
  } catch (err) {
    rmSync(dir, { recursive: true, force: true })
    throw err
  }
  lap('app')

  const result: FuzzResult = {
    requests: 0,
    byStatus: {},
    byKind: {},
    byOperation: {},
    fiveXX: 0,
    contractViolations: 0,
    failures: [],
    integrity: 'not checked',
    serverUp: false,
    ms: 0,
  }
  try {
    await loadSeeds(app)
    lap('seed')
    const admin = await createKey(app.db.read, 'admin', 'fuzz-admin')
    const write = await createKey(app.db.read, 'write', 'fuzz-write')
    const revoked = await createKey(app.db.read, 'admin', 'fuzz-revoked')
    await revokeKey(app.db.read, 'fuzz-revoked')
    const tokens: Tokens = { admin: admin.token, write: write.token, revoked: revoked.token }

    const doc = app.swagger() as unknown as Doc
    const ops = operationsOf(doc)
    const byRoute = new Map(ops.map((o) => [routeKey(o.method, o.path), o]))
    const contract = new Contract(doc)
    lap('document')
    const fixed = fixedContext()
    log(
      `fuzz: ${ops.length} operations, seed ${opts.seed}, ${opts.count} requests (setup ${Date.now() - started} ms: ${marks.join(', ')})`,
    )

    let port: number | undefined
    if (opts.socket) {
      await app.listen({ host: '127.0.0.1', port: 0 })
      const address = app.server.address()
      port = typeof address === 'object' && address ? address.port : undefined
    }
    const send = async (req: FuzzRequest): Promise<Exchange> => {
      const headers: Record<string, string> = { ...req.headers }
      const authz = authorization(req.auth, tokens)
      if (authz !== undefined) headers.authorization = authz
      route = null
      const logFrom = errorLines.length
      let timer: NodeJS.Timeout | undefined
      try {
        if (port !== undefined) {
          const bytes = req.raw ? Buffer.from(req.raw, 'latin1') : requestBytes(req.method, req.url, headers, req.body)
          const res = await rawExchange(port, bytes, REQUEST_TIMEOUT_MS)
          return { status: res.status, headers: res.headers, body: res.body, route, log: errorLines.slice(logFrom) }
        }
        const res = await Promise.race([
          app.inject({ method: req.method as 'GET', url: req.url, headers, payload: req.body }),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS)
          }),
        ])
        return { status: res.statusCode, headers: res.headers, body: res.body, route, log: errorLines.slice(logFrom) }
      } catch (err) {
        return {
          status: 599,
          headers: {},
          body: `${port === undefined ? 'inject' : 'socket'} failed: ${(err as Error).message}`,
          route,
          log: errorLines.slice(logFrom),
        }
      } finally {
        clearTimeout(timer)
      }
    }

    const shrunkKeys = new Set<string>()
    let shrinkMs = 0
    let lastBody = ''
    const evaluate = async (req: FuzzRequest) => {
      const res = await send(req)
      lastBody = res.body
      return { res, reason: judge(req, res, byRoute, contract) }
    }

    /** Sends, judges and counts one request; returns the status it got. */
    const record = async (
      req: FuzzRequest,
      seed: number,
      index: number,
      arb: fc.Arbitrary<FuzzRequest> | null,
    ): Promise<number> => {
      const { res, reason } = await evaluate(req)
      result.requests++
      result.byStatus[String(res.status)] = (result.byStatus[String(res.status)] ?? 0) + 1
      const kind = req.kind.split(':')[0] ?? req.kind
      result.byKind[kind] = (result.byKind[kind] ?? 0) + 1
      const answeredBy = operationFor(res.route, byRoute)?.id ?? '-'
      const opStats = result.byOperation[answeredBy] ?? {}
      result.byOperation[answeredBy] = opStats
      opStats[String(res.status)] = (opStats[String(res.status)] ?? 0) + 1
      if (reason === null) return res.status
      if (res.status >= 500) result.fiveXX++
      else result.contractViolations++
      const failure: FuzzFailure = {
        seed,
        index,
        request: summarize(req),
        status: res.status,
        reason,
        ...(res.log.length > 0 ? { log: res.log.slice(0, 3) } : {}),
      }
      const key = `${req.op ?? req.method}|${reasonKey(reason)}|${res.status}`
      if (
        arb &&
        opts.shrink !== false &&
        !shrunkKeys.has(key) &&
        shrunkKeys.size < MAX_SHRUNK &&
        shrinkMs < SHRINK_BUDGET_MS
      ) {
        shrunkKeys.add(key)
        const shrinkStart = Date.now()
        const details = await fc.check(
          fc.asyncProperty(arb, async (r) => {
            const e = await evaluate(r)
            return e.reason === null || reasonKey(e.reason) !== reasonKey(reason) || e.res.status !== res.status
          }),
          { seed, numRuns: 1, interruptAfterTimeLimit: 4_000, markInterruptAsFailure: false },
        )
        const smallest = details.counterexample?.[0]
        if (smallest) {
          const again = await evaluate(smallest)
          failure.shrunk = {
            request: summarize(smallest),
            status: again.res.status,
            reason: again.reason ?? '(passed when replayed)',
            shrinks: details.numShrinks,
          }
        }
        shrinkMs += Date.now() - shrinkStart
      }
      if (result.failures.length < MAX_RECORDED) result.failures.push(failure)
      log(
        `  FAIL #${index} seed ${seed} ${req.method} ${req.url.slice(0, 120)} -> ${res.status}: ${reason.slice(0, 200)}`,
      )
      return res.status
    }

    // The seed brief as the seed file has it: an idempotent no-op unless writes changed it. A deleted
    // actor's slug cannot be reused (422), so such actors are renamed in the brief and it is sent again.
    const restoreBrief = structuredClone(fixed.seedBrief)
    const restore = async (index: number) => {
      for (let attempt = 0; attempt < 5; attempt++) {
        const req: FuzzRequest = {
          kind: 'restore',
          op: 'putBrief',
          method: 'PUT',
          url: `/v1/briefs/${enc(fixed.seedSlug)}`,
          auth: 'admin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(restoreBrief),
        }
        const status = await record(req, opts.seed, index, null)
        if (status < 300) return
        const fix = adaptBrief(restoreBrief, lastBody, `r${index}`)
        log(`  restore before #${index} answered ${status}: ${fix ?? lastBody.slice(0, 300)}`)
        if (!fix) return
      }
    }

    let arb: fc.Arbitrary<FuzzRequest> = fc.constant(null as never)
    // Requests are generated from a snapshot of the database, refreshed every EPOCH requests after the
    // seed brief is restored. Deleting an article hides most of the data: restore and refresh at once.
    let stale = true
    let refresh = false
    let snap: Snapshot | undefined
    const upkeep = { restores: 0, restoreMs: 0, snapshots: 0, snapshotMs: 0 }
    for (let i = 0; i < opts.count; i++) {
      const epoch = i % EPOCH === 0
      if (stale || refresh || epoch) {
        let t = Date.now()
        if (i > 0 && (stale || epoch)) {
          await restore(i)
          upkeep.restores++
          upkeep.restoreMs += Date.now() - t
          t = Date.now()
        }
        // Cursors are fetched again each epoch only; ids whenever the records may have changed.
        snap = await snapshot(app, ops, fixed, epoch ? undefined : snap)
        const generated = new Generators(ops, fixed, snap, doc).all()
        arb = opts.socket
          ? fc.oneof({ weight: 19, arbitrary: generated }, { weight: 1, arbitrary: parserRequests() })
          : generated
        upkeep.snapshots++
        upkeep.snapshotMs += Date.now() - t
        stale = false
        refresh = false
        if (i > 0 && epoch)
          log(
            `  ${i} requests, ${Date.now() - started} ms, ${result.fiveXX} 5xx, ${result.contractViolations} violations`,
          )
      }
      const s = caseSeed(opts.seed, i)
      const t0 = Date.now()
      const [req] = fc.sample(arb, { seed: s, numRuns: 1 })
      if (!req) continue
      if (opts.trace)
        log(`  #${i} (${Date.now() - t0} ms to generate) ${req.kind} ${req.method} ${req.url.slice(0, 3000)}`)
      const status = await record(req, s, i, arb)
      if (status < 300 && req.op === 'deleteArticle') stale = true
      // A replaced brief gets new claim ids: look them up again (no restore needed).
      else if (status < 300 && (req.op === 'putBrief' || req.op === 'createBrief') && changedBrief(lastBody))
        refresh = true
      if (opts.trace) log(`    ${Date.now() - t0} ms`)
    }

    log(
      `fuzz: ${upkeep.restores} restores (${upkeep.restoreMs} ms), ${upkeep.snapshots} snapshots (${upkeep.snapshotMs} ms), shrinking ${shrinkMs} ms`,
    )
    const health = await app.inject({ method: 'GET', url: '/health' })
    result.serverUp = health.statusCode === 200 && health.json<{ status?: string }>().status === 'ok'
  } finally {
    await app.close()
    result.integrity = checkIntegrity(file)
    // A damaged database is kept for a post-mortem.
    if (result.integrity === 'ok') rmSync(dir, { recursive: true, force: true })
    else result.integrity += ` (database kept at ${file})`
    result.ms = Date.now() - started
  }
  return result
}

/**
 * Adapts the restore brief to what writes did to the shared actors, from the 422 the last restore got:
 * a deleted actor's slug cannot be reused (rename it); two actors of the brief merged into one (keep one).
 * Returns what it changed, or null when the problem is something else.
 */
function adaptBrief(brief: Json, problemText: string, suffix: string): string | null {
  let problem: { code?: string; errors?: Array<{ pointer?: string; message?: string }> }
  try {
    problem = JSON.parse(problemText)
  } catch {
    return null
  }
  if (problem.code !== 'unprocessable-brief') return null
  const actors = (brief.actors ?? []) as Array<{ slug?: string }>
  const done: string[] = []
  const drop = new Set<number>()
  for (const e of problem.errors ?? []) {
    const deleted = /^\/actors\/(\d+)\/slug$/.exec(e.pointer ?? '')
    const same = /^\/actors\/(\d+)$/.exec(e.pointer ?? '')
    const other = /as \/actors\/(\d+)/.exec(e.message ?? '')
    if (deleted) {
      const slug = actors[Number(deleted[1])]?.slug
      if (!slug) continue
      renameActor(brief, slug, `${slug}-${suffix}`)
      done.push(`renamed ${slug}`)
    } else if (same && other) {
      const dup = actors[Number(same[1])]?.slug
      const keep = actors[Number(other[1])]?.slug
      if (!dup || !keep || dup === keep) continue
      renameActor(brief, dup, keep)
      drop.add(Number(same[1]))
      done.push(`folded ${dup} into ${keep}`)
    }
  }
  if (drop.size > 0) brief.actors = actors.filter((_, i) => !drop.has(i))
  return done.length > 0 ? done.join(', ') : null
}

/** Renames an actor of a brief and every reference to it (claimants, about, participants, affiliations). */
function renameActor(brief: Json, from: string, to: string): void {
  const swap = (v: unknown) => (v === from ? to : v)
  for (const a of (brief.actors ?? []) as Json[]) {
    a.slug = swap(a.slug)
    for (const af of (a.affiliations ?? []) as Json[]) af.actor = swap(af.actor)
  }
  for (const c of (brief.claims ?? []) as Json[]) {
    if (Array.isArray(c.claimants)) c.claimants = c.claimants.map(swap)
    if (Array.isArray(c.about)) c.about = c.about.map(swap)
  }
  for (const e of (brief.events ?? []) as Json[])
    for (const p of (e.participants ?? []) as Json[]) p.actor = swap(p.actor)
}

/** Whether an ingest answer says the brief was created or replaced (claim ids are new then). */
function changedBrief(body: string): boolean {
  try {
    const status = (JSON.parse(body) as { status?: unknown }).status
    return status === 'created' || status === 'replaced'
  } catch {
    return false
  }
}

/** PRAGMA integrity_check and foreign_key_check, and FTS5's own consistency check of the search index. */
function checkIntegrity(file: string): string {
  let db: BetterSqlite3.Database
  try {
    db = new BetterSqlite3(file)
  } catch (err) {
    return `cannot open the database: ${(err as Error).message}`
  }
  try {
    const problems: string[] = []
    const ic = db.pragma('integrity_check', { simple: true })
    if (ic !== 'ok') problems.push(`integrity_check: ${String(ic)}`)
    const fk = db.pragma('foreign_key_check') as unknown[]
    if (fk.length > 0) problems.push(`foreign_key_check: ${fk.length} row(s), e.g. ${JSON.stringify(fk[0])}`)
    const fts = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%'")
      .all() as Array<{
      name: string
    }>
    for (const { name } of fts) {
      try {
        db.prepare(`INSERT INTO "${name}"("${name}") VALUES ('integrity-check')`).run()
      } catch (err) {
        problems.push(`${name} integrity-check: ${(err as Error).message}`)
      }
    }
    return problems.length === 0 ? 'ok' : problems.join('; ')
  } finally {
    db.close()
  }
}

/** For debugging a generator outside a run (see .tmp scratch scripts); not part of the API. */
export const internals = { Generators, fixedContext, operationsOf, snapshot }
