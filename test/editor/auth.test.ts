// Who may write and how much: reads are public, every mutating route needs a bearer key with the
// route's scope; writes are rate-limited, bodies size-limited and JSON only.
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { revokeKey } from '../../src/db/keys.js'
import auth from '../../src/plugins/auth.js'
import { removeDatabases, SEED_SLUG, type TestApp, testApp, counts } from '../helpers/app.js'
import { call, type Key, makeKey, type Method } from '../helpers/http.js'
import { expectProblem } from '../helpers/problems.js'
import { briefVariant, seedBrief, uniqueSlug } from '../helpers/briefs.js'

// Every Fastify instance built in this file records its routes through an onRoute hook added right
// after construction, before any plugin or route is registered (see "route registration" below).
type SeenRoute = { methods: string[]; url: string; scope: unknown }
const seen = vi.hoisted(() => ({ apps: [] as SeenRoute[][] }))

vi.mock('fastify', async (importOriginal) => {
  const actual = await importOriginal<typeof import('fastify')>()
  const original = actual.default as unknown as (...args: unknown[]) => FastifyInstance
  const wrapped = (...args: unknown[]) => {
    const app = original(...args)
    const routes: SeenRoute[] = []
    seen.apps.push(routes)
    app.addHook('onRoute', (route: RouteOptions) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method]
      routes.push({ methods: methods.map(String), url: route.url, scope: route.config?.scope })
    })
    return app
  }
  return { ...actual, default: wrapped, fastify: wrapped }
})

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

type Route = { method: Method; url: string; body?: unknown; scope: 'write' | 'admin' }

describe('protection of the write API: keys, scopes, body size, media type', () => {
  let t: TestApp
  let write: Key
  let admin: Key
  let routes: Route[]

  beforeAll(async () => {
    t = await testApp({ seed: true, config: { WRITE_RATE_LIMIT: 100_000 } })
    write = await makeKey(t, 'write')
    admin = await makeKey(t, 'admin')
    const claim = await t.app.db.read.claim.findFirstOrThrow({ select: { id: true } })
    const event = await t.app.db.read.event.findFirstOrThrow({ select: { id: true } })
    const brief = seedBrief()
    routes = [
      {
        method: 'post',
        url: '/v1/briefs',
        body: { ...brief, article: { ...brief.article, slug: 'auth-new' } },
        scope: 'write',
      },
      { method: 'put', url: `/v1/briefs/${SEED_SLUG}`, body: brief, scope: 'write' },
      { method: 'patch', url: `/v1/articles/${SEED_SLUG}`, body: { title: 'Changed' }, scope: 'write' },
      { method: 'delete', url: `/v1/articles/${SEED_SLUG}`, scope: 'admin' },
      { method: 'patch', url: '/v1/actors/china', body: { description: 'Changed' }, scope: 'write' },
      { method: 'delete', url: '/v1/actors/australia', scope: 'admin' },
      { method: 'post', url: '/v1/actors/china/merge', body: { duplicate: 'japan' }, scope: 'admin' },
      { method: 'patch', url: `/v1/claims/${claim.id}`, body: { summary: 'Changed' }, scope: 'write' },
      { method: 'delete', url: `/v1/claims/${claim.id}`, scope: 'admin' },
      { method: 'patch', url: `/v1/events/${event.id}`, body: { title: 'Changed' }, scope: 'write' },
      { method: 'delete', url: `/v1/events/${event.id}`, scope: 'admin' },
    ]
  })
  afterAll(async () => {
    await t.close()
    removeDatabases()
  })

  const label = (r: Route) => `${r.method.toUpperCase()} ${r.url}`

  function expectChallenge(res: { status: number; headers: Record<string, string>; body: unknown }) {
    expectProblem(res, 401, 'unauthorized')
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="geobrief"/)
  }

  it('every mutating route answers 401 with WWW-Authenticate without Authorization, and changes nothing', async () => {
    const before = await counts(t)
    for (const r of routes) {
      const res = await call(t, r.method, r.url, null, r.body)
      try {
        expectChallenge(res)
      } catch (err) {
        throw new Error(`${label(r)}: ${(err as Error).message}`)
      }
    }
    expect(await counts(t)).toEqual(before)
    const article = await call(t, 'get', `/v1/articles/${SEED_SLUG}`)
    expect(article.status).toBe(200)
  })

  it.each([
    ['scheme only', 'Bearer'],
    ['empty token', 'Bearer '],
    ['other scheme', 'Basic dXNlcjpwYXNz'],
    ['two tokens', 'Bearer abc def'],
    ['not a Geobrief key', 'Bearer not-a-key'],
    ['key id without secret', 'Bearer gbk_key_01ARZ3NDEKTSV4RRFFQ69G5FAV'],
  ])('a malformed Authorization header (%s) is 401 on every mutating route', async (_name, header) => {
    const before = await counts(t)
    for (const r of routes) {
      let req = request(t.app.server)[r.method](r.url).set('authorization', header)
      if (r.body !== undefined) req = req.send(r.body as object)
      const res = await req
      try {
        expectChallenge(res)
      } catch (err) {
        throw new Error(`${label(r)}: ${(err as Error).message}`)
      }
    }
    expect(await counts(t)).toEqual(before)
  })

  it('an unknown key is 401', async () => {
    const unknown = `gbk_key_01ARZ3NDEKTSV4RRFFQ69G5FAV_${'A'.repeat(43)}`
    for (const r of routes) expectChallenge(await call(t, r.method, r.url, unknown, r.body))
  })

  it('the right key id with a wrong secret is 401', async () => {
    const m = /^gbk_(key_[0-9A-Z]{26})_(.{43})$/.exec(write.token)
    expect(m).not.toBeNull()
    const secret = m?.[2] ?? ''
    const other = secret.startsWith('A') ? `B${secret.slice(1)}` : `A${secret.slice(1)}`
    const forged = `gbk_${m?.[1]}_${other}`
    for (const r of routes) expectChallenge(await call(t, r.method, r.url, forged, r.body))
    // The genuine token still authenticates (404 comes after authentication).
    expectProblem(await call(t, 'patch', '/v1/articles/no-such-article', write.token, { title: 'x' }), 404, 'not-found')
  })

  it('a revoked key is 401; before revocation it was accepted', async () => {
    const key = await makeKey(t, 'admin')
    expectProblem(await call(t, 'patch', '/v1/articles/no-such-article', key.token, { title: 'x' }), 404, 'not-found')
    expect(await revokeKey(t.app.db.read, key.key.name)).toBe(true)
    for (const r of routes) expectChallenge(await call(t, r.method, r.url, key.token, r.body))
  })

  it('a write key on an admin route is 403 forbidden and changes nothing', async () => {
    const before = await counts(t)
    const adminRoutes = routes.filter((r) => r.scope === 'admin')
    expect(adminRoutes.map(label)).toHaveLength(5)
    for (const r of adminRoutes) {
      const res = await call(t, r.method, r.url, write.token, r.body)
      try {
        expectProblem(res, 403, 'forbidden')
      } catch (err) {
        throw new Error(`${label(r)}: ${(err as Error).message}`)
      }
    }
    expect(await counts(t)).toEqual(before)
  })

  it('write and admin keys pass authentication on write routes', async () => {
    for (const token of [write.token, admin.token]) {
      expectProblem(await call(t, 'patch', '/v1/articles/no-such-article', token, { title: 'x' }), 404, 'not-found')
      expectProblem(await call(t, 'patch', '/v1/actors/no-such-actor', token, { name: 'x' }), 404, 'not-found')
    }
    // An admin key passes admin routes too.
    expectProblem(await call(t, 'delete', '/v1/articles/no-such-article', admin.token), 404, 'not-found')
  })

  it.each([
    '/v1/articles',
    `/v1/articles/${SEED_SLUG}`,
    `/v1/articles/${SEED_SLUG}/brief`,
    '/v1/actors',
    '/v1/actors/china',
    '/v1/claims',
    '/v1/events',
    '/v1/changes',
  ])('GET %s needs no key', async (url) => {
    const res = await call(t, 'get', url)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
  })

  describe('body size and media type', () => {
    it('a body over BODY_LIMIT_BYTES is 413 payload-too-large and stores nothing', async () => {
      const before = await counts(t)
      const brief = briefVariant(uniqueSlug('too-large'))
      brief.article.summary = 'x'.repeat(10 * 1024 * 1024)
      const payload = JSON.stringify(brief)
      expect(Buffer.byteLength(payload)).toBeGreaterThan(t.config.BODY_LIMIT_BYTES)
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/briefs',
        headers: { authorization: `Bearer ${write.token}`, 'content-type': 'application/json' },
        payload,
      })
      expectProblem(
        { status: res.statusCode, headers: res.headers as Record<string, string>, body: res.json() },
        413,
        'payload-too-large',
      )
      expect(await counts(t)).toEqual(before)
    })

    it('a body over the limit is also 413 over a real connection', async () => {
      const res = await call(t, 'put', `/v1/briefs/${SEED_SLUG}`, write.token)
        .set('content-type', 'application/json')
        .send(JSON.stringify({ pad: 'y'.repeat(3 * 1024 * 1024) }))
        .catch((err: { response?: unknown }) => err.response ?? Promise.reject(err))
      expectProblem(res as Parameters<typeof expectProblem>[0], 413, 'payload-too-large')
    })

    it.each([
      ['POST', '/v1/briefs'],
      ['PUT', `/v1/briefs/${SEED_SLUG}`],
      ['PATCH', `/v1/articles/${SEED_SLUG}`],
    ])('%s %s with text/plain is 415 unsupported-media-type and stores nothing', async (method, url) => {
      const before = await counts(t)
      const body = url.includes('briefs') ? JSON.stringify(briefVariant(SEED_SLUG)) : JSON.stringify({ title: 'Plain' })
      const res = await call(t, method.toLowerCase() as 'post', url, write.token)
        .set('content-type', 'text/plain')
        .send(body)
      expectProblem(res, 415, 'unsupported-media-type')
      expect(await counts(t)).toEqual(before)
    })

    it('an unknown media type is 415 too', async () => {
      const res = await call(t, 'patch', `/v1/articles/${SEED_SLUG}`, write.token)
        .set('content-type', 'application/xml')
        .send('<title>x</title>')
      expectProblem(res, 415, 'unsupported-media-type')
    })
  })
})

describe('write rate limit', () => {
  let t: TestApp
  let write: Key

  beforeAll(async () => {
    t = await testApp({ seed: true, config: { WRITE_RATE_LIMIT: 3 } })
    write = await makeKey(t, 'write')
  })
  afterAll(async () => {
    await t.close()
    removeDatabases()
  })

  it('the 4th write within a minute is 429 rate-limited with Retry-After; reads are unaffected', async () => {
    for (const n of [1, 2, 3]) {
      const res = await call(t, 'patch', `/v1/articles/${SEED_SLUG}`, write.token, { title: `Title ${n}` })
      expect(res.status).toBe(200)
      expect(res.body.title).toBe(`Title ${n}`)
    }
    const limited = await call(t, 'patch', `/v1/articles/${SEED_SLUG}`, write.token, { title: 'Title 4' })
    expectProblem(limited, 429, 'rate-limited')
    const retryAfter = Number(limited.headers['retry-after'])
    expect(Number.isInteger(retryAfter)).toBe(true)
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(60)

    // The refused write was not applied.
    const article = await call(t, 'get', `/v1/articles/${SEED_SLUG}`)
    expect(article.status).toBe(200)
    expect(article.body.title).toBe('Title 3')

    // Other write routes share the budget.
    expectProblem(await call(t, 'post', '/v1/briefs', write.token, briefVariant(uniqueSlug('rl'))), 429, 'rate-limited')

    // Reads keep working.
    for (const url of ['/v1/articles', '/v1/actors/china', `/v1/articles/${SEED_SLUG}/brief`, '/v1/changes']) {
      const res = await call(t, 'get', url)
      expect(res.status).toBe(200)
    }
  })
})

describe('route registration', () => {
  it('every route of the app that changes data declares a scope', () => {
    // The apps built by testApp (buildApp) in this file; each registered the whole API.
    const apps = seen.apps.filter((routes) => routes.some((r) => r.url === '/v1/briefs'))
    expect(apps.length).toBeGreaterThan(0)
    for (const routes of apps) {
      const mutating = routes.filter((r) => r.methods.some((m) => !SAFE.has(m)))
      const table = mutating.map((r) => `${r.methods.join(',')} ${r.url} ${String(r.scope)}`).sort()
      expect(table).toEqual(
        [
          'DELETE /v1/actors/:idOrSlug admin',
          'DELETE /v1/articles/:idOrSlug admin',
          'DELETE /v1/claims/:id admin',
          'DELETE /v1/events/:id admin',
          'PATCH /v1/actors/:idOrSlug write',
          'PATCH /v1/articles/:idOrSlug write',
          'PATCH /v1/claims/:id write',
          'PATCH /v1/events/:id write',
          'POST /v1/actors/:idOrSlug/merge admin',
          'POST /v1/briefs write',
          'POST /v1/extract write',
          'PUT /v1/briefs/:slug write',
        ].sort(),
      )
      for (const r of mutating) expect(['write', 'admin']).toContain(r.scope)
      // Reads were recorded too, so the hook saw the whole app.
      expect(routes.some((r) => r.methods.includes('GET') && r.url === '/v1/articles/:idOrSlug/brief')).toBe(true)
    }
  })

  it('the auth plugin refuses to register a mutating route without a scope', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const app = Fastify({ logger: false })
      await app.register(fp(async () => {}, { name: 'database' }))
      await app.register(auth)
      await expect(
        (async () => {
          await app.register(async (scope) => {
            scope.route({ method, url: '/unprotected', handler: async () => ({ ok: true }) })
          })
          await app.ready()
        })(),
      ).rejects.toThrow(/declares no auth scope/)
      await app.close().catch(() => undefined)
    }
  })

  it('the auth plugin accepts a mutating route with a scope and a read route without one', async () => {
    const app = Fastify({ logger: false })
    await app.register(fp(async () => {}, { name: 'database' }))
    await app.register(auth)
    app.post('/protected', { config: { scope: 'write' } }, async () => ({ ok: true }))
    app.get('/public', async () => ({ ok: true }))
    await app.ready()
    expect((await app.inject({ method: 'GET', url: '/public' })).statusCode).toBe(200)
    const write = await app.inject({ method: 'POST', url: '/protected', payload: {} })
    expect(write.statusCode).toBe(401)
    await app.close()
  })
})
