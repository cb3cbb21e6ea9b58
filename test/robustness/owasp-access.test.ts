// OWASP API Security Top 10 (2023), access control: API1 object-level authorization, API2 broken
// authentication, API3 object-property-level authorization (mass assignment, excessive data
// exposure) and API5 function-level authorization. docs/security.md maps each item to these tests.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import Sqlite from 'better-sqlite3'
import Fastify, { type RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { BriefInput } from '../../src/domain/brief.schema.js'
import { revokeKey, verifyToken } from '../../src/db/keys.js'
import auth from '../../src/plugins/auth.js'
import { SEED_SLUG, type TestApp, testApp, fileTestApp } from '../helpers/app.js'
import { expectProblem } from '../helpers/problems.js'
import { type Key, makeKey, type Method, type InjectRes as Res, injectCall as call } from '../helpers/http.js'
import { briefVariant, miniBrief, span, uniqueSlug } from '../helpers/briefs.js'

// Every Fastify instance built in this file records its routes (method, url, config.scope) through
// an onRoute hook added right after construction, before any plugin or route is registered.
const seen = vi.hoisted(() => ({ routes: [] as Array<{ methods: string[]; url: string; scope: unknown }> }))
vi.mock('fastify', async (importOriginal) => {
  const actual = await importOriginal<typeof import('fastify')>()
  const original = actual.default as unknown as (...args: unknown[]) => import('fastify').FastifyInstance
  const wrapped = (...args: unknown[]) => {
    const app = original(...args)
    app.addHook('onRoute', (route: RouteOptions) => {
      const methods = (Array.isArray(route.method) ? route.method : [route.method]).map(String)
      seen.routes.push({ methods, url: route.url, scope: route.config?.scope })
    })
    return app
  }
  return { ...actual, default: wrapped, fastify: wrapped }
})

type Doc = {
  info: { version: string }
  paths: Record<string, Record<string, { operationId?: string; security?: unknown }>>
}
type Who = 'none' | 'write' | 'admin'

const SAFE = new Set(['get', 'head', 'options'])
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']

/** Every operation of the OpenAPI document that changes data: [method, path template, operationId]. */
function mutatingOperations(doc: Doc): Array<{ method: Method; path: string; operationId: string }> {
  return Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.entries(item)
      .filter(([m]) => HTTP_METHODS.includes(m) && !SAFE.has(m))
      .map(([m, op]) => ({ method: m as Method, path: p, operationId: String(op.operationId) })),
  )
}

/** A concrete path for a template, with every {param} filled with `value`. */
const fill = (template: string, value: string) => template.replace(/\{[^}]+\}/g, value)

/** A regular expression matching concrete paths of an OpenAPI path template. */
const templateRe = (template: string) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/?]+')}$`)

const changeCount = (t: TestApp) => t.app.db.read.change.count()

const BODY = [
  'Alpha Ministry said the talks will resume next month.',
  'Beta Institute met Gamma Council in the capital.',
  'Delta Office was mentioned in passing.',
].join('\n\n')

/**
 * A small brief of its own: a claim by actor a, an event between b and c, and actor d that nothing
 * refers to (deletable). Actor slugs carry `tag` so several such briefs share nothing.
 */
function disposableBrief(tag: string): BriefInput {
  const slug = (s: string) => `${s}-${tag}`
  return miniBrief(`owasp-${tag}`, BODY, {
    actors: [
      { slug: slug('alpha'), name: `Alpha Ministry ${tag}`, kind: 'government_body', role: 'source' },
      { slug: slug('beta'), name: `Beta Institute ${tag}`, kind: 'academic_institution' },
      { slug: slug('gamma'), name: `Gamma Council ${tag}`, kind: 'government_body' },
      { slug: slug('delta'), name: `Delta Office ${tag}`, kind: 'government_body' },
    ],
    claims: [
      {
        key: 'c1',
        kind: 'assessment',
        summary: 'The talks will resume next month.',
        evidence: span(BODY, 'Alpha Ministry said the talks will resume next month.'),
        claimants: [slug('alpha')],
      },
    ],
    events: [
      {
        key: 'e1',
        title: `Beta met Gamma ${tag}`,
        type: 'CONSULT',
        status: 'occurred',
        participants: [
          { actor: slug('beta'), role: 'initiator' },
          { actor: slug('gamma'), role: 'target' },
        ],
        evidence: span(BODY, 'Beta Institute met Gamma Council in the capital.'),
      },
    ],
  })
}

interface Ingested {
  articleId: string
  slug: string
  actors: Record<string, string>
  claims: Record<string, string>
  events: Record<string, string>
}

async function ingest(t: TestApp, token: string, brief: BriefInput): Promise<Ingested> {
  const res = await call(t, 'post', '/v1/briefs', token, brief)
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body as Ingested
}

const withoutInstance = (body: unknown) => {
  const { instance: _instance, ...rest } = body as Record<string, unknown>
  return rest
}

// One seeded app for the whole file (apps with other settings are built where needed).
let shared: TestApp
fileTestApp({ seed: true, config: { WRITE_RATE_LIMIT: 100_000 } }, async (app) => {
  shared = app
})

describe('API1 broken object-level authorization', () => {
  let t: TestApp
  let write: Key
  let admin: Key
  let doc: Doc

  beforeAll(async () => {
    t = shared
    write = await makeKey(t, 'write')
    admin = await makeKey(t, 'admin')
    doc = t.app.swagger() as unknown as Doc
  })

  it('every mutating operation x {no key, write key, admin key} answers 401 / 403 / success as its scope says', async () => {
    const seedClaim = await t.app.db.read.claim.findFirstOrThrow({ where: { deletedAt: null }, select: { id: true } })
    const seedEvent = await t.app.db.read.event.findFirstOrThrow({ where: { deletedAt: null }, select: { id: true } })
    // Targets of the admin-only operations: each is tried by all three callers in turn, so the
    // admin's success proves the refused callers left it intact.
    const doomed = await ingest(t, admin.token, disposableBrief('bola-doomed'))
    const victims = await ingest(t, admin.token, disposableBrief('bola-victims'))

    type Cell = { url: string; body?: unknown }
    // `stores: false`: the operation changes nothing (a draft is computed and returned).
    const fixtures: Record<string, { scope: 'write' | 'admin'; ok: number; stores?: false; cell: (who: Who) => Cell }> =
      {
        extractBrief: {
          scope: 'write',
          ok: 200,
          stores: false,
          cell: () => ({ url: '/v1/extract', body: { text: 'Ruritania said on Monday that the talks would resume.' } }),
        },
        createBrief: {
          scope: 'write',
          ok: 201,
          cell: (who) => ({ url: '/v1/briefs', body: disposableBrief(`${uniqueSlug('create')}-${who}`) }),
        },
        putBrief: {
          scope: 'write',
          ok: 201,
          cell: (who) => {
            const brief = disposableBrief(`${uniqueSlug('put')}-${who}`)
            return { url: `/v1/briefs/${brief.article.slug}`, body: brief }
          },
        },
        patchArticle: {
          scope: 'write',
          ok: 200,
          cell: (who) => ({ url: `/v1/articles/${SEED_SLUG}`, body: { title: `Patched by ${who}` } }),
        },
        deleteArticle: { scope: 'admin', ok: 204, cell: () => ({ url: `/v1/articles/${doomed.slug}` }) },
        patchActor: {
          scope: 'write',
          ok: 200,
          cell: (who) => ({ url: '/v1/actors/china', body: { description: `Patched by ${who}` } }),
        },
        deleteActor: { scope: 'admin', ok: 204, cell: () => ({ url: '/v1/actors/delta-bola-victims' }) },
        mergeActor: {
          scope: 'admin',
          ok: 200,
          cell: () => ({ url: '/v1/actors/beta-bola-victims/merge', body: { duplicate: 'gamma-bola-victims' } }),
        },
        patchClaim: {
          scope: 'write',
          ok: 200,
          cell: (who) => ({ url: `/v1/claims/${seedClaim.id}`, body: { summary: `Patched by ${who}` } }),
        },
        deleteClaim: { scope: 'admin', ok: 204, cell: () => ({ url: `/v1/claims/${victims.claims.c1}` }) },
        patchEvent: {
          scope: 'write',
          ok: 200,
          cell: (who) => ({ url: `/v1/events/${seedEvent.id}`, body: { title: `Patched by ${who}` } }),
        },
        deleteEvent: { scope: 'admin', ok: 204, cell: () => ({ url: `/v1/events/${victims.events.e1}` }) },
      }

    const operations = mutatingOperations(doc)
    // The matrix covers exactly the mutating operations the document lists: a new one fails here until added.
    expect(operations.map((o) => o.operationId).sort()).toEqual(Object.keys(fixtures).sort())

    const seenCells: string[] = []
    for (const op of operations) {
      const f = fixtures[op.operationId]
      if (!f) throw new Error(`no fixture for ${op.operationId}`)
      for (const who of ['none', 'write', 'admin'] as const) {
        const { url, body } = f.cell(who)
        expect(url, `${op.operationId} fixture url`).toMatch(templateRe(op.path))
        const token = who === 'none' ? null : who === 'write' ? write.token : admin.token
        const before = await changeCount(t)
        const res = await call(t, op.method, url, token, body)
        const label = `${who} ${op.method.toUpperCase()} ${url}: ${res.status} ${JSON.stringify(res.body)}`
        if (who === 'none') {
          expectProblem(res, 401, 'unauthorized')
          expect(res.headers['www-authenticate'], label).toMatch(/^Bearer /)
          expect(await changeCount(t), label).toBe(before)
        } else if (who === 'write' && f.scope === 'admin') {
          expectProblem(res, 403, 'forbidden')
          expect(await changeCount(t), label).toBe(before)
        } else {
          expect(res.status, label).toBe(f.ok)
          if (f.stores === false) expect(await changeCount(t), label).toBe(before)
          else expect(await changeCount(t), label).toBeGreaterThan(before)
        }
        seenCells.push(`${op.operationId}:${who}:${res.status}`)
      }
    }
    expect(seenCells).toHaveLength(operations.length * 3)
  })

  it('each accepted write is attributed to the key that made it in the change feed', async () => {
    const slugW = uniqueSlug('attrib-w')
    const slugA = uniqueSlug('attrib-a')
    const w = await call(t, 'post', '/v1/briefs', write.token, briefVariant(slugW))
    const a = await call(t, 'post', '/v1/briefs', admin.token, briefVariant(slugA))
    expect([w.status, a.status]).toEqual([201, 201])
    const created = await t.app.db.read.change.findMany({
      where: { entity: 'article', action: 'created', entityId: { in: [w.body.articleId, a.body.articleId] } },
    })
    expect(Object.fromEntries(created.map((c) => [c.entityId, c.keyId]))).toEqual({
      [w.body.articleId]: write.key.id,
      [a.body.articleId]: admin.key.id,
    })
  })

  it('a deleted article, claim, event or actor answers 410 to every caller and cannot be patched or deleted again', async () => {
    const gone = await ingest(t, admin.token, disposableBrief('gone'))
    const claimId = gone.claims.c1 as string
    const eventId = gone.events.e1 as string
    const actor = 'delta-gone'
    expect((await call(t, 'delete', `/v1/claims/${claimId}`, admin.token)).status).toBe(204)
    expect((await call(t, 'delete', `/v1/events/${eventId}`, admin.token)).status).toBe(204)
    expect((await call(t, 'delete', `/v1/actors/${actor}`, admin.token)).status).toBe(204)
    expect((await call(t, 'delete', `/v1/articles/${gone.slug}`, admin.token)).status).toBe(204)

    const targets = [
      {
        get: [`/v1/articles/${gone.slug}`, `/v1/articles/${gone.articleId}`, `/v1/articles/${gone.slug}/brief`],
        patch: `/v1/articles/${gone.slug}`,
        body: { title: 'Back' },
      },
      {
        get: [`/v1/claims/${claimId}`, `/v1/claims/${claimId}/related`],
        patch: `/v1/claims/${claimId}`,
        body: { summary: 'Back' },
      },
      { get: [`/v1/events/${eventId}`], patch: `/v1/events/${eventId}`, body: { title: 'Back' } },
      {
        get: [`/v1/actors/${actor}`, `/v1/actors/${actor}/relations`, `/v1/actors/${actor}/positions`],
        patch: `/v1/actors/${actor}`,
        body: { name: 'Back' },
      },
    ]
    const before = await changeCount(t)
    for (const target of targets) {
      for (const url of target.get)
        for (const token of [null, write.token, admin.token]) {
          const res = await call(t, 'get', url, token)
          expect({ url, status: res.status }).toEqual({ url, status: 410 })
          expectProblem(res, 410, 'gone')
        }
      for (const token of [write.token, admin.token])
        expectProblem(await call(t, 'patch', target.patch, token, target.body), 410, 'gone')
      expectProblem(await call(t, 'delete', target.patch, admin.token), 410, 'gone')
      // Without a key the answer is 401: authentication comes before any lookup.
      expectProblem(await call(t, 'patch', target.patch, null, target.body), 401, 'unauthorized')
    }
    expect(await changeCount(t)).toBe(before)
  })
})

describe('API2 broken authentication', () => {
  let t: TestApp
  let write: Key
  let admin: Key
  let revoked: Key

  beforeAll(async () => {
    t = shared
    write = await makeKey(t, 'write')
    admin = await makeKey(t, 'admin')
    revoked = await makeKey(t, 'admin')
    expect(await revokeKey(t.app.db.read, revoked.key.name)).toBe(true)
  })

  const parts = (token: string) => {
    const m = /^gbk_(key_[0-9A-Z]{26})_([A-Za-z0-9_-]{43})$/.exec(token)
    if (!m) throw new Error(`unexpected token shape ${token}`)
    return { id: m[1] as string, secret: m[2] as string }
  }
  const flip = (s: string) => (s.startsWith('A') ? `B${s.slice(1)}` : `A${s.slice(1)}`)

  /** Authorization headers that carry a credential that must not work. */
  function badCredentials(): Array<[string, string]> {
    const a = parts(admin.token)
    const w = parts(write.token)
    return [
      ['empty header', ''],
      ['scheme only', 'Bearer'],
      ['scheme and a space', 'Bearer '],
      ['Basic scheme', 'Basic x'],
      ['Basic scheme with the admin token', `Basic ${admin.token}`],
      ['two tokens', 'Bearer a b'],
      ['two tokens, the first one valid', `Bearer ${admin.token} x`],
      ['other scheme name', `Token ${admin.token}`],
      ['no scheme', admin.token],
      ['scheme glued to the token', `Bearer${admin.token}`],
      ['wrong token prefix', `Bearer gbx_${admin.token.slice(4)}`],
      ['upper-cased token', `Bearer ${admin.token.toUpperCase()}`],
      ['token with a trailing character', `Bearer ${admin.token}x`],
      ['unknown key id', `Bearer gbk_key_01ARZ3NDEKTSV4RRFFQ69G5FAV_${a.secret}`],
      ['right key id, wrong secret', `Bearer gbk_${a.id}_${flip(a.secret)}`],
      ["admin id with the write key's secret", `Bearer gbk_${a.id}_${w.secret}`],
      ['secret only', `Bearer ${a.secret}`],
      ['revoked key', `Bearer ${revoked.token}`],
    ]
  }

  it('missing, malformed, unknown, forged and revoked credentials are all 401 with WWW-Authenticate and one body', async () => {
    const routes: Array<{ method: Method; url: string; body?: unknown }> = [
      { method: 'patch', url: `/v1/articles/${SEED_SLUG}`, body: { title: 'Hijacked' } },
      { method: 'delete', url: `/v1/articles/${SEED_SLUG}` },
      { method: 'post', url: '/v1/briefs', body: briefVariant(uniqueSlug('auth')) },
    ]
    const before = await changeCount(t)
    for (const r of routes) {
      const bodies = new Map<string, string>()
      const challenges = new Set<string>()
      for (const [name, header] of badCredentials()) {
        const res = await call(t, r.method, r.url, null, r.body, { authorization: header })
        const label = `${name} on ${r.method.toUpperCase()} ${r.url}`
        expect({ label, status: res.status }).toEqual({ label, status: 401 })
        expectProblem(res, 401, 'unauthorized')
        challenges.add(String(res.headers['www-authenticate']))
        bodies.set(JSON.stringify(withoutInstance(res.body)), label)
        // Nothing of the presented credential comes back.
        expect(res.text).not.toContain(parts(admin.token).secret)
        expect(res.text).not.toContain('gbk_')
      }
      // Every presented-but-bad credential gets the same bytes: no oracle for "id exists" or "revoked".
      expect([...bodies.keys()], `${r.method} ${r.url}`).toHaveLength(1)
      expect([...challenges]).toEqual(['Bearer realm="geobrief"'])
      // No header at all: same problem type, title, status and keys; only the detail says what is missing.
      const missing = await call(t, r.method, r.url, null, r.body)
      expectProblem(missing, 401, 'unauthorized')
      expect(missing.headers['www-authenticate']).toBe('Bearer realm="geobrief"')
      const presented = JSON.parse([...bodies.keys()][0] as string) as Record<string, unknown>
      const { detail: _d1, ...missingRest } = withoutInstance(missing.body)
      const { detail: _d2, ...presentedRest } = presented
      expect(missingRest).toEqual(presentedRest)
    }
    expect(await changeCount(t)).toBe(before)
    // The genuine keys still work, so the refusals above were about the credentials.
    expect((await call(t, 'patch', `/v1/articles/${SEED_SLUG}`, write.token, { title: 'Genuine' })).status).toBe(200)
  })

  it('the key is never taken from the query string, a cookie or another header', async () => {
    const before = await changeCount(t)
    const token = encodeURIComponent(admin.token)
    const urls = [
      `/v1/articles/${SEED_SLUG}?key=${token}`,
      `/v1/articles/${SEED_SLUG}?access_token=${token}`,
      `/v1/articles/${SEED_SLUG}?api_key=${token}`,
      `/v1/articles/${SEED_SLUG}?token=${token}`,
      `/v1/articles/${SEED_SLUG}?authorization=${encodeURIComponent(`Bearer ${admin.token}`)}`,
    ]
    for (const url of urls) {
      const res = await call(t, 'patch', url, null, { title: 'From the URL' })
      expect({ url, status: res.status }).toEqual({ url, status: 401 })
      expect(res.headers['www-authenticate']).toBe('Bearer realm="geobrief"')
    }
    for (const [name, value] of [
      ['cookie', `key=${admin.token}; access_token=${admin.token}`],
      ['x-api-key', admin.token],
      ['x-access-token', admin.token],
      ['proxy-authorization', `Bearer ${admin.token}`],
    ]) {
      const res = await call(t, 'delete', `/v1/articles/${SEED_SLUG}`, null, undefined, {
        [name as string]: value as string,
      })
      expect({ name, status: res.status }).toEqual({ name, status: 401 })
    }
    expect(await changeCount(t)).toBe(before)
    expect((await call(t, 'get', `/v1/articles/${SEED_SLUG}`)).status).toBe(200)
  })

  it('verifyToken does the same work for an unknown key id and for a wrong secret (medians within 3x)', async () => {
    const a = parts(admin.token)
    const unknown = `gbk_key_01ARZ3NDEKTSV4RRFFQ69G5FAV_${a.secret}`
    const wrong = `gbk_${a.id}_${flip(a.secret)}`
    type Db = Parameters<typeof verifyToken>[0]
    const real = t.app.db.read
    // The lookup answers in constant time too: the stored row, or null for an unknown id. This
    // isolates the hashing and comparison from database noise.
    const row = await real.apiKey.findUniqueOrThrow({ where: { id: a.id } })
    const stub = {
      apiKey: { findUnique: async (q: { where: { id: string } }) => (q.where.id === row.id ? row : null) },
    } as unknown as Db
    const medians = async (db: Db, rounds: number) => {
      expect(await verifyToken(db, admin.token)).toMatchObject({ id: a.id, scope: 'admin' })
      for (let i = 0; i < 20; i++) await Promise.all([verifyToken(db, unknown), verifyToken(db, wrong)]) // warm-up
      const times = { unknown: [] as number[], wrong: [] as number[] }
      for (let i = 0; i < rounds; i++) {
        // Interleaved, alternating order, so drift (GC, JIT, other work) affects both series alike.
        const order: Array<['unknown' | 'wrong', string]> = [
          ['unknown', unknown],
          ['wrong', wrong],
        ]
        if (i % 2) order.reverse()
        for (const [kind, token] of order) {
          const t0 = performance.now()
          const key = await verifyToken(db, token)
          times[kind].push(performance.now() - t0)
          if (key !== null) throw new Error(`${kind} token accepted`)
        }
      }
      const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number
      return [median(times.unknown), median(times.wrong)] as const
    }
    for (const [label, db, rounds] of [
      ['hash and compare', stub, 2000],
      ['with the database lookup', real, 200],
    ] as const) {
      const [mu, mw] = await medians(db, rounds)
      const msg = `${label}: median unknown id ${(mu * 1000).toFixed(1)} µs, wrong secret ${(mw * 1000).toFixed(1)} µs`
      expect(mu / mw, msg).toBeLessThan(3)
      expect(mw / mu, msg).toBeLessThan(3)
    }
  })

  it('the secret is compared as a hash in constant time (source review of src/db/keys.ts)', () => {
    const source = readFileSync(path.resolve(import.meta.dirname, '../../src/db/keys.ts'), 'utf8')
    const code = source.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '')
    expect(code).toMatch(/import\s*\{[^}]*\btimingSafeEqual\b[^}]*\}\s*from\s*'node:crypto'/)
    expect(code).toMatch(/timingSafeEqual\(\s*stored\s*,\s*presented\s*\)/)
    // No ordinary comparison of hashes or secrets anywhere in the module.
    expect(code).not.toMatch(/\.hash\s*[!=]==?|[!=]==?\s*\w*\.hash\b|secret\s*[!=]==?|[!=]==?\s*secret\b/)
    expect(code).not.toMatch(/\.equals\(/)
    // An unknown id still hashes the presented secret and compares against a dummy hash.
    expect(code).toMatch(/:\s*DUMMY\b/)
  })

  it('only a sha256 of the secret is stored: no row, no database file contains a token or its secret', async () => {
    const file = t.config.DATABASE_URL.replace(/^file:/, '')
    const keys = [write, admin, revoked]
    const rows = await t.app.db.read.apiKey.findMany()
    for (const k of keys) {
      const { id, secret } = parts(k.token)
      const row = rows.find((r) => r.id === id)
      expect(row?.hash).toBe(createHash('sha256').update(secret).digest('hex'))
    }
    // Every column of every row of every table, read through a separate read-only connection.
    const sqlite = new Sqlite(file, { readonly: true, fileMustExist: true })
    try {
      const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{
        name: string
      }>
      expect(tables.map((x) => x.name)).toContain('ApiKey')
      const cells: string[] = []
      for (const { name } of tables) {
        for (const row of sqlite.prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`).all() as Array<
          Record<string, unknown>
        >)
          for (const value of Object.values(row))
            cells.push(Buffer.isBuffer(value) ? value.toString('latin1') : String(value))
      }
      expect(cells.length).toBeGreaterThan(100)
      const all = cells.join('\u0000')
      for (const k of keys) {
        expect(all.includes(parts(k.token).secret), `secret of ${k.key.name} stored`).toBe(false)
        expect(all.includes(k.token), `token of ${k.key.name} stored`).toBe(false)
      }
    } finally {
      sqlite.close()
    }
    // And the raw bytes of the database and its write-ahead log.
    for (const f of [file, `${file}-wal`]) {
      let bytes: string
      try {
        bytes = readFileSync(f).toString('latin1')
      } catch {
        continue
      }
      for (const k of keys) expect(bytes.includes(parts(k.token).secret), f).toBe(false)
    }
  })

  it('failed authentication counts against the write rate limit (no unlimited guessing)', async () => {
    const small = await testApp({ config: { WRITE_RATE_LIMIT: 5 } })
    try {
      const key = await makeKey(small, 'admin')
      for (let i = 0; i < 5; i++) {
        const guess = `gbk_key_01ARZ3NDEKTSV4RRFFQ69G5FAV_${String(i).padStart(43, 'A')}`
        expectProblem(await call(small, 'delete', `/v1/articles/x${i}`, guess), 401, 'unauthorized')
      }
      const limited = await call(small, 'delete', '/v1/articles/x', 'gbk_key_01ARZ3NDEKTSV4RRFFQ69G5FAV_guess')
      expectProblem(limited, 429, 'rate-limited')
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
      // The limit is per client, before authentication: the genuine key from the same client waits too.
      expectProblem(await call(small, 'delete', '/v1/articles/x', key.token), 429, 'rate-limited')
    } finally {
      await small.close()
    }
  })
})

describe('API3 broken object-property-level authorization', () => {
  let t: TestApp
  let write: Key
  let admin: Key

  beforeAll(async () => {
    t = shared
    write = await makeKey(t, 'write')
    admin = await makeKey(t, 'admin')
  })

  const FORBIDDEN: Record<string, unknown> = {
    id: 'x_evil',
    createdAt: '2000-01-01T00:00:00.000Z',
    updatedAt: '2000-01-01T00:00:00.000Z',
    createdByKeyId: 'key_evil',
    updatedByKeyId: 'key_evil',
    deletedAt: '2000-01-01T00:00:00.000Z',
    body: 'A replaced body',
    mergedIntoId: 'act_evil',
    slug: 'evil-slug',
    briefSha256: '0'.repeat(64),
    articleId: 'art_evil',
    position: 0,
  }

  it('PATCH of articles, actors, claims and events with server-owned fields is 400 and persists nothing', async () => {
    const db = t.app.db.read
    const claim = await db.claim.findFirstOrThrow({ where: { deletedAt: null } })
    const event = await db.event.findFirstOrThrow({ where: { deletedAt: null } })
    const article = await db.article.findUniqueOrThrow({ where: { slug: SEED_SLUG } })
    const actor = await db.actor.findUniqueOrThrow({ where: { slug: 'china' } })
    const resources = [
      {
        url: `/v1/articles/${SEED_SLUG}`,
        valid: { title: 'MASS-ASSIGNED' },
        row: () => db.article.findUniqueOrThrow({ where: { id: article.id } }),
      },
      {
        url: '/v1/actors/china',
        valid: { description: 'MASS-ASSIGNED' },
        row: () => db.actor.findUniqueOrThrow({ where: { id: actor.id } }),
      },
      {
        url: `/v1/claims/${claim.id}`,
        valid: { summary: 'MASS-ASSIGNED' },
        row: () => db.claim.findUniqueOrThrow({ where: { id: claim.id } }),
      },
      {
        url: `/v1/events/${event.id}`,
        valid: { title: 'MASS-ASSIGNED' },
        row: () => db.event.findUniqueOrThrow({ where: { id: event.id } }),
      },
    ]
    const before = await changeCount(t)
    let attempts = 0
    for (const r of resources) {
      const snapshot = await r.row()
      for (const [field, value] of Object.entries(FORBIDDEN)) {
        for (const token of [write.token, admin.token]) {
          const res = await call(t, 'patch', r.url, token, { ...r.valid, [field]: value })
          const label = `${r.url} ${field}: ${res.status} ${JSON.stringify(res.body)}`
          expect(res.status, label).toBe(400)
          const body = expectProblem(res, 400, 'validation')
          expect(JSON.stringify(body.errors ?? body.detail), label).toContain(field)
          attempts += 1
        }
      }
      expect(await r.row()).toEqual(snapshot)
      const shown = await call(t, 'get', r.url)
      expect(JSON.stringify(shown.body)).not.toContain('MASS-ASSIGNED')
    }
    expect(attempts).toBe(resources.length * Object.keys(FORBIDDEN).length * 2)
    expect(await changeCount(t)).toBe(before)
  })

  it('POST /v1/briefs with an unknown key in any object of the brief is 422 and stores nothing', async () => {
    const base = briefVariant('placeholder') as unknown
    // Every object node of the brief, as a path of keys and indices.
    const nodes: Array<Array<string | number>> = []
    const walk = (v: unknown, at: Array<string | number>) => {
      if (Array.isArray(v)) {
        for (const [i, x] of v.entries()) walk(x, [...at, i])
      } else if (v && typeof v === 'object') {
        nodes.push(at)
        for (const [k, x] of Object.entries(v)) walk(x, [...at, k])
      }
    }
    walk(base, [])
    expect(nodes.length).toBeGreaterThan(100)
    // One node per position in the schema (/claims/*/evidence …): the first instance of each.
    const positions = new Map<string, Array<string | number>>()
    for (const at of nodes) {
      const shape = at.map((x) => (typeof x === 'number' ? '*' : x)).join('/')
      if (!positions.has(shape)) positions.set(shape, at)
    }
    expect(positions.size).toBeGreaterThanOrEqual(15)
    const articles = await t.app.db.read.article.count()
    const before = await changeCount(t)
    for (const at of positions.values()) {
      const slug = uniqueSlug('strict')
      const brief = briefVariant(slug) as unknown as Record<string, unknown>
      let node: Record<string, unknown> = brief
      for (const step of at) node = (node as Record<string | number, unknown>)[step] as Record<string, unknown>
      node.isAdmin = true
      const res = await call(t, 'post', '/v1/briefs', write.token, brief)
      const pointer = `/${at.join('/')}`
      const label = `extra key at "${pointer}": ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`
      expect(res.status, label).toBe(422)
      const body = expectProblem(res, 422, 'unprocessable-brief')
      const pointers = ((body.errors ?? []) as Array<{ pointer: string }>).map((e) => e.pointer)
      expect(pointers, label).toContain(pointer)
    }
    expect(await t.app.db.read.article.count()).toBe(articles)
    expect(await changeCount(t)).toBe(before)
  })

  it('ids inside a brief are never stored as given and never take over existing records', async () => {
    const db = t.app.db.read
    const seedArticle = await db.article.findUniqueOrThrow({ where: { slug: SEED_SLUG } })
    const seedClaim = await db.claim.findFirstOrThrow({ where: { articleId: seedArticle.id } })
    const china = await db.actor.findUniqueOrThrow({ where: { slug: 'china' } })
    for (const [label, ids] of [
      ['invented ids', { article: 'art_evil', claim: 'clm_evil', actor: 'act_evil' }],
      ["other records' ids", { article: seedArticle.id, claim: seedClaim.id, actor: china.id }],
    ] as const) {
      const slug = uniqueSlug('ids')
      const brief = briefVariant(slug, (b) => {
        b.article.id = ids.article
        ;(b.claims[0] as { id?: string }).id = ids.claim
        ;(b.claims[1] as { id?: string }).id = ids.claim
        const japan = b.actors.find((a) => a.slug === 'japan')
        if (japan) japan.id = ids.actor
      })
      const res = await call(t, 'post', '/v1/briefs', write.token, brief)
      expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(201)
      expect(res.body.articleId).not.toBe(ids.article)
      expect(Object.values(res.body.claims)).not.toContain(ids.claim)
      expect(res.body.actors.japan).not.toBe(ids.actor)
      const stored = await db.article.findUniqueOrThrow({ where: { slug } })
      expect(stored.id).toMatch(/^art_[0-9A-Z]{26}$/)
      expect(stored.id).not.toBe(ids.article)
      expect(await db.claim.count({ where: { articleId: stored.id, id: ids.claim } })).toBe(0)
    }
    expect(await db.article.findUnique({ where: { id: 'art_evil' } })).toBeNull()
    expect(await db.claim.findUnique({ where: { id: 'clm_evil' } })).toBeNull()
    expect(await db.actor.findUnique({ where: { id: 'act_evil' } })).toBeNull()
    // The records whose ids were borrowed are untouched.
    expect(await db.article.findUniqueOrThrow({ where: { id: seedArticle.id } })).toEqual(seedArticle)
    expect(await db.claim.findUniqueOrThrow({ where: { id: seedClaim.id } })).toEqual(seedClaim)
    expect((await db.actor.findUniqueOrThrow({ where: { id: china.id } })).slug).toBe('china')
    // An event id names an existing event to report; an unknown one is refused, not created.
    const res = await call(
      t,
      'post',
      '/v1/briefs',
      write.token,
      briefVariant(uniqueSlug('evt'), (b) => {
        ;(b.events[0] as { id?: string }).id = 'evt_evil'
      }),
    )
    expectProblem(res, 422, 'unprocessable-brief', '/events/0/id')
    expect(await db.event.findUnique({ where: { id: 'evt_evil' } })).toBeNull()
  })

  it('no response of a full crawl contains an API key, a secret, a key hash or a "hash" property', async () => {
    const db = t.app.db.read
    // Writes by both keys first, so the change feed and audit columns hold their ids.
    const slug = uniqueSlug('crawl')
    const writes: Res[] = []
    writes.push(await call(t, 'post', '/v1/briefs', write.token, briefVariant(slug)))
    writes.push(
      await call(
        t,
        'put',
        `/v1/briefs/${slug}`,
        admin.token,
        briefVariant(slug, (b) => {
          b.article.title = 'Crawl'
        }),
      ),
    )
    writes.push(await call(t, 'patch', '/v1/actors/japan', admin.token, { description: 'Crawled' }))
    for (const w of writes) expect(w.status).toBeLessThan(300)
    const doc = t.app.swagger() as unknown as Doc
    const article = await db.article.findUniqueOrThrow({ where: { slug: SEED_SLUG } })
    // Details of a sample: what the writes above touched, plus a few others of each kind.
    const crawled = await db.article.findUniqueOrThrow({ where: { slug } })
    const actors = await db.actor.findMany({
      where: { deletedAt: null, mergedIntoId: null },
      select: { slug: true },
      take: 4,
    })
    const claims = await db.claim.findMany({
      where: { deletedAt: null, articleId: { in: [crawled.id, article.id] } },
      select: { id: true },
      orderBy: { articleId: 'desc' },
      take: 6,
    })
    const events = await db.event.findMany({ where: { deletedAt: null }, select: { id: true }, take: 4 })
    const extra: Record<string, string[]> = {
      search: ['q=china', 'q=japan&types=claim,event'],
      getRelationPair: ['actors=china,japan'],
      listArticles: ['count=true', 'format=csv', 'format=ndjson'],
      listActors: ['limit=100', 'format=csv'],
      listClaims: ['limit=100', 'format=ndjson'],
      listEvents: ['limit=100', 'format=csv'],
      getBrief: ['format=markdown', 'format=jsonld'],
      listChanges: ['limit=100'],
    }
    const ids: Record<string, string[]> = {
      '/v1/articles/{idOrSlug}': [SEED_SLUG, article.id, slug],
      '/v1/actors/{idOrSlug}': [...new Set(['japan', ...actors.map((a) => a.slug)])],
      '/v1/claims/{id}': claims.map((c) => c.id),
      '/v1/events/{id}': events.map((e) => e.id),
    }
    const urls: Array<{ op: string; url: string }> = []
    for (const [template, item] of Object.entries(doc.paths)) {
      const op = item.get
      if (!op) continue
      const base = template.replace(/\/(relations|positions|related|brief)$/, '')
      const values = template.includes('{') ? (ids[base] ?? []) : ['']
      expect(values.length, template).toBeGreaterThan(0)
      for (const v of values) {
        const url = fill(template, v)
        const queries = extra[String(op.operationId)] ?? ['']
        for (const q of [...new Set(['', ...queries])]) {
          if (q === '' && ['search', 'getRelationPair'].includes(String(op.operationId))) continue
          urls.push({ op: String(op.operationId), url: q ? `${url}?${q}` : url })
        }
      }
    }
    urls.push({ op: 'docs', url: '/docs/json' }, { op: 'docs', url: '/docs/yaml' })
    const keyRows = await db.apiKey.findMany()
    expect(keyRows.length).toBeGreaterThanOrEqual(2)
    const secrets = [...[write, admin].flatMap((k) => [k.token, k.token.slice(-43)]), ...keyRows.map((r) => r.hash)]
    const responses: Array<{ url: string; res: Res }> = writes.map((res) => ({ url: 'write', res }))
    const covered = new Set<string>()
    for (const { op, url } of urls) {
      const res = await call(t, 'get', url)
      expect({ url, status: res.status }).toEqual({ url, status: 200 })
      covered.add(op)
      responses.push({ url, res })
    }
    // Every GET operation of the document was crawled.
    const getOps = Object.values(doc.paths).flatMap((item) => (item.get ? [String(item.get.operationId)] : []))
    expect([...covered].filter((o) => o !== 'docs').sort()).toEqual([...new Set(getOps)].sort())
    for (const { url, res } of responses) {
      const text = `${JSON.stringify(res.headers)}\n${res.text ?? ''}`
      for (const s of secrets) expect(text.includes(s), `${url} leaks a key secret or hash`).toBe(false)
      expect(text, url).not.toContain('gbk_')
      expect(text, url).not.toMatch(/"hash"\s*:/)
    }
    expect(responses.length).toBeGreaterThan(60)
  })
})

describe('API5 broken function-level authorization', () => {
  let t: TestApp
  let write: Key
  let admin: Key
  let doc: Doc

  beforeAll(async () => {
    t = shared
    write = await makeKey(t, 'write')
    admin = await makeKey(t, 'admin')
    doc = t.app.swagger() as unknown as Doc
  })

  it('every registered route that changes data declares a scope, and deletes and merges need admin', () => {
    const mutating = seen.routes.filter((r) => r.methods.some((m) => !SAFE.has(m.toLowerCase())))
    expect(mutating.length).toBeGreaterThanOrEqual(11)
    for (const r of mutating) {
      const label = `${r.methods.join(',')} ${r.url}`
      const adminOnly = r.methods.includes('DELETE') || r.url.endsWith('/merge')
      expect({ label, scope: r.scope }).toEqual({ label, scope: adminOnly ? 'admin' : 'write' })
    }
    // The hook saw the whole app, reads included.
    expect(seen.routes.some((r) => r.url === '/v1/articles' && r.methods.includes('GET'))).toBe(true)
  })

  it('the auth plugin refuses to register a mutating route without a scope', async () => {
    const app = Fastify({ logger: false })
    const attempt = async () => {
      await app.register(fp(async () => {}, { name: 'database' }))
      await app.register(auth)
      app.post('/unprotected', async () => ({ ok: true }))
      await app.ready()
    }
    await expect(attempt()).rejects.toThrow(/declares no auth scope/)
    await app.close().catch(() => undefined)
  })

  it('every mutating operation of the OpenAPI document is 401 without a key and documents bearer security', async () => {
    const ops = mutatingOperations(doc)
    expect(ops.length).toBeGreaterThanOrEqual(11)
    for (const op of ops) {
      const url = fill(op.path, 'owasp-probe')
      const res = await call(t, op.method, url, null, op.method === 'delete' ? undefined : {})
      expect({ op: op.operationId, status: res.status }).toEqual({ op: op.operationId, status: 401 })
      expect(doc.paths[op.path]?.[op.method]?.security).toEqual([{ bearerAuth: [] }])
    }
  })

  it('a write key cannot use any admin-only function (delete, merge) and changes nothing', async () => {
    const claim = await t.app.db.read.claim.findFirstOrThrow({ where: { deletedAt: null }, select: { id: true } })
    const event = await t.app.db.read.event.findFirstOrThrow({ where: { deletedAt: null }, select: { id: true } })
    const before = await changeCount(t)
    const cases: Array<{ method: Method; url: string; body?: unknown }> = [
      { method: 'delete', url: `/v1/articles/${SEED_SLUG}` },
      { method: 'delete', url: '/v1/actors/australia' },
      { method: 'delete', url: `/v1/claims/${claim.id}` },
      { method: 'delete', url: `/v1/events/${event.id}` },
      { method: 'post', url: '/v1/actors/china/merge', body: { duplicate: 'taiwan' } },
    ]
    for (const c of cases) expectProblem(await call(t, c.method, c.url, write.token, c.body), 403, 'forbidden')
    expect(await changeCount(t)).toBe(before)
    for (const url of [
      `/v1/articles/${SEED_SLUG}`,
      '/v1/actors/australia',
      '/v1/actors/taiwan',
      `/v1/claims/${claim.id}`,
      `/v1/events/${event.id}`,
    ])
      expect({ url, status: (await call(t, 'get', url)).status }).toEqual({ url, status: 200 })
  })

  it('method-override headers and parameters are ignored: a POST, PATCH or GET never becomes a DELETE', async () => {
    const claim = await t.app.db.read.claim.findFirstOrThrow({ where: { deletedAt: null }, select: { id: true } })
    const before = await changeCount(t)
    const overrides = ['x-http-method-override', 'x-http-method', 'x-method-override']
    for (const header of overrides) {
      for (const url of [`/v1/articles/${SEED_SLUG}`, `/v1/claims/${claim.id}`, '/v1/actors/australia']) {
        expectProblem(await call(t, 'post', url, admin.token, {}, { [header]: 'DELETE' }), 404, 'not-found')
        const get = await call(t, 'get', url, admin.token, undefined, { [header]: 'DELETE' })
        expect(get.status).toBe(200)
      }
    }
    for (const url of [`/v1/articles/${SEED_SLUG}?_method=DELETE`, `/v1/claims/${claim.id}?_method=DELETE`])
      expectProblem(await call(t, 'post', url, admin.token, {}), 404, 'not-found')
    expect(await changeCount(t)).toBe(before)
    // A PATCH carrying an override stays a PATCH, and with a write key never reaches an admin function.
    const res = await call(
      t,
      'patch',
      `/v1/articles/${SEED_SLUG}`,
      write.token,
      { title: 'Still here' },
      {
        'x-http-method-override': 'DELETE',
      },
    )
    expect(res.status).toBe(200)
    expect(res.body.title).toBe('Still here')
    const after = await t.app.db.read.change.findMany({ where: { seq: { gt: 0 } }, orderBy: { seq: 'desc' }, take: 1 })
    expect(after[0]?.action).toBe('updated')
    expect((await call(t, 'get', `/v1/articles/${SEED_SLUG}`)).status).toBe(200)
    expect((await call(t, 'get', `/v1/claims/${claim.id}`)).status).toBe(200)
  })

  it('HEAD on mutating paths is a read, never a way around authentication', async () => {
    const claim = await t.app.db.read.claim.findFirstOrThrow({ where: { deletedAt: null }, select: { id: true } })
    const before = await changeCount(t)
    for (const token of [null, write.token, admin.token]) {
      for (const url of [`/v1/articles/${SEED_SLUG}`, `/v1/claims/${claim.id}`, '/v1/actors/china']) {
        const res = await call(t, 'head', url, token)
        expect({ url, status: res.status }).toEqual({ url, status: 200 })
      }
      for (const url of ['/v1/briefs', `/v1/briefs/${SEED_SLUG}`, '/v1/actors/china/merge']) {
        expect({ url, status: (await call(t, 'head', url, token)).status }).toEqual({ url, status: 404 })
      }
    }
    expect(await changeCount(t)).toBe(before)
  })
})
