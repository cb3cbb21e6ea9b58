// OWASP API Security Top 10 (2023): API7 server-side request forgery and API10 unsafe consumption
// of APIs (ingested briefs are hostile input), API8 security misconfiguration (headers, CORS, TRACE,
// masked 5xx, logs without credentials) and API9 improper inventory management (routes = document).
// See docs/security.md.
import { readFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { Writable } from 'node:stream'
import type { FastifyInstance, RouteOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { buildApp, loggerOptions } from '../../src/app.js'
import { loadSeeds } from '../../src/ingest/seed.js'
import { testConfig } from '../../src/config.js'
import { VERSION } from '../../src/version.js'
import { freshDatabase, SEED_SLUG, type TestApp, testApp, fileTestApp } from '../helpers/app.js'
import { expectProblem } from '../helpers/problems.js'
import { type Key, makeKey, type Method, type InjectRes as Res, injectCall as call } from '../helpers/http.js'
import { briefVariant, uniqueSlug } from '../helpers/briefs.js'

// Every Fastify instance built in this file records its routes through an onRoute hook added right
// after construction, before any plugin or route is registered (API9 compares them with the document).
const seen = vi.hoisted(() => ({ routes: [] as Array<{ method: string; url: string }> }))
vi.mock('fastify', async (importOriginal) => {
  const actual = await importOriginal<typeof import('fastify')>()
  const original = actual.default as unknown as (...args: unknown[]) => import('fastify').FastifyInstance
  const wrapped = (...args: unknown[]) => {
    const app = original(...args)
    app.addHook('onRoute', (route: RouteOptions) => {
      for (const method of [route.method].flat()) seen.routes.push({ method: String(method), url: route.url })
    })
    return app
  }
  return { ...actual, default: wrapped, fastify: wrapped }
})

// One seeded app for the whole file (apps with other settings are built where needed).
let shared: TestApp
fileTestApp({ seed: true, config: { WRITE_RATE_LIMIT: 100_000 } }, async (app) => {
  shared = app
})

describe('API7 server-side request forgery / API10 unsafe consumption of APIs', () => {
  let t: TestApp
  let write: Key
  let canary: http.Server
  let hits: string[]
  let canaryUrl: string

  beforeAll(async () => {
    t = shared
    write = await makeKey(t, 'write')
    hits = []
    canary = http.createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`)
      res.end('canary')
    })
    await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve))
    canaryUrl = `http://127.0.0.1:${(canary.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise((resolve) => canary.close(resolve))
  })

  it('URLs in briefs are stored as data and never fetched: a loopback canary gets 0 hits', async () => {
    const slug = uniqueSlug('ssrf')
    const url = `${canaryUrl}/canary/article`
    const res = await call(
      t,
      'post',
      '/v1/briefs',
      write.token,
      briefVariant(slug, (b) => {
        b.article.url = url
      }),
    )
    expect(res.status).toBe(201)
    const reads = [
      `/v1/articles/${slug}`,
      `/v1/articles/${slug}/brief`,
      `/v1/articles/${slug}/brief?format=markdown`,
      `/v1/articles/${slug}/brief?format=jsonld`,
      '/v1/articles?format=csv',
      '/v1/articles?format=ndjson',
      '/v1/search?q=china',
      '/v1/changes',
    ]
    for (const u of reads) expect({ u, status: (await call(t, 'get', u)).status }).toEqual({ u, status: 200 })
    const patched = await call(t, 'patch', `/v1/articles/${slug}`, write.token, { url: `${canaryUrl}/canary/patched` })
    expect(patched.status).toBe(200)
    expect(patched.body.url).toBe(`${canaryUrl}/canary/patched`)
    const article = await call(t, 'get', `/v1/articles/${slug}`)
    expect(article.body.url).toBe(`${canaryUrl}/canary/patched`)
    await new Promise((resolve) => setTimeout(resolve, 300))
    // The canary works (a direct request is counted), and the API never called it.
    expect(hits).toEqual([])
    await new Promise<void>((resolve) => http.get(`${canaryUrl}/self-check`, (r) => r.resume().on('end', resolve)))
    expect(hits).toEqual(['GET /self-check'])
  })

  it('file:, javascript:, data:, gopher:, ftp: and scheme-relative URLs are refused (422 on ingest, 400 on patch)', async () => {
    const before = await t.app.db.read.article.count()
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'JavaScript:alert(document.cookie)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'gopher://127.0.0.1:70/_x',
      'ftp://example.com/x',
      '//evil.example/x',
      'vbscript:msgbox(1)',
    ]) {
      const res = await call(
        t,
        'post',
        '/v1/briefs',
        write.token,
        briefVariant(uniqueSlug('url'), (b) => {
          b.article.url = url
        }),
      )
      expect({ url, status: res.status }).toEqual({ url, status: 422 })
      expectProblem(res, 422, 'unprocessable-brief', '/article/url')
      const patch = await call(t, 'patch', `/v1/articles/${SEED_SLUG}`, write.token, { url })
      expect({ url, status: patch.status }).toEqual({ url, status: 400 })
    }
    expect(await t.app.db.read.article.count()).toBe(before)
    expect((await call(t, 'get', `/v1/articles/${SEED_SLUG}`)).body.url).toBeNull()
  })

  const HOSTILE: Array<[string, string]> = [
    ['script tag', '<script>alert("x")</script><img src=x onerror=alert(1)>'],
    ['NUL and control characters', 'a\u0000b\u0001c\u001bd\u007fe'],
    ['RTL override', 'gnp.\u202Eexe.txt \u2066isolate\u2069'],
    ['lone high surrogate', 'before \uD800 after'],
    ['lone low surrogate', 'before \uDC00 after'],
    ['JSON and SQL syntax', '"}, {"x": 1} \'; DROP TABLE "Article"; --'],
    ['zero-width and BOM', '\u200B\u200D\uFEFFword'],
  ]

  it.each(HOSTILE)(
    'a title with %s is stored and returned byte-identically as JSON data, or refused',
    async (_name, hostile) => {
      const value = `Title ${hostile}`
      const res = await call(t, 'patch', `/v1/articles/${SEED_SLUG}`, write.token, { title: value })
      if (res.status !== 200) {
        // Refusing such input is acceptable; serving it altered is not.
        expect([400, 422]).toContain(res.status)
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
        return
      }
      for (const r of [res, await call(t, 'get', `/v1/articles/${SEED_SLUG}`)]) {
        expect(r.headers['content-type']).toBe('application/json; charset=utf-8')
        expect(r.headers['x-content-type-options']).toBe('nosniff')
        // Compared as JSON text, which spells out lone surrogates and control characters.
        expect(JSON.stringify(r.body.title)).toBe(JSON.stringify(value))
      }
      const brief = await call(t, 'get', `/v1/articles/${SEED_SLUG}/brief`)
      expect(JSON.stringify(brief.body.article.title)).toBe(JSON.stringify(value))
      const list = await call(t, 'get', '/v1/articles?limit=100')
      expect(list.body.data.some((a: { title: string }) => a.title === value)).toBe(true)
      // The readable format is Markdown text, never HTML.
      const md = await call(t, 'get', `/v1/articles/${SEED_SLUG}/brief?format=markdown`)
      expect(md.headers['content-type']).toMatch(/^text\/markdown/)
    },
  )

  it('hostile strings in an ingested brief come back byte-identically in GET /brief', async () => {
    const slug = uniqueSlug('hostile')
    const values = HOSTILE.map(([, v]) => v)
    const brief = briefVariant(slug, (b) => {
      b.article.title = values.join(' | ')
      b.article.keyPoints = values
      b.claims[0]!.summary = values.join(' ')
      b.actors[3]!.description = values.join(' ')
    })
    const res = await call(t, 'post', '/v1/briefs', write.token, brief)
    if (res.status !== 201) {
      expect([400, 422]).toContain(res.status)
      return
    }
    const back = await call(t, 'get', `/v1/articles/${slug}/brief`)
    expect(back.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(JSON.stringify(back.body.article.title)).toBe(JSON.stringify(brief.article.title))
    expect(JSON.stringify(back.body.article.keyPoints)).toBe(JSON.stringify(values))
    expect(JSON.stringify(back.body.claims[0].summary)).toBe(JSON.stringify(brief.claims[0]!.summary))
  })

  it('__proto__ and constructor keys in bodies and queries are refused and pollute nothing', async () => {
    const before = await t.app.db.read.change.count()
    const bodies = [
      '{"__proto__":{"polluted":"yes"}}',
      '{"title":"x","__proto__":{"polluted":"yes"}}',
      '{"constructor":{"prototype":{"polluted":"yes"}}}',
      '{"title":"x","nested":{"constructor":{"prototype":{"polluted":"yes"}}}}',
    ]
    const brief = JSON.stringify(briefVariant(uniqueSlug('proto')))
    const briefs = [
      brief.replace('{"schemaVersion"', '{"__proto__":{"polluted":"yes"},"schemaVersion"'),
      brief.replace('"article":{', '"article":{"__proto__":{"polluted":"yes"},'),
      brief.replace('"actors":[{', '"actors":[{"constructor":{"prototype":{"polluted":"yes"}},'),
    ]
    for (const b of briefs) expect(b).not.toBe(brief)
    const attempts: Array<[Method, string, string]> = [
      ...bodies.map((b) => ['patch', `/v1/articles/${SEED_SLUG}`, b] as [Method, string, string]),
      ...bodies.map((b) => ['patch', '/v1/actors/china', b] as [Method, string, string]),
      ...briefs.map((b) => ['post', '/v1/briefs', b] as [Method, string, string]),
    ]
    for (const [method, url, body] of attempts) {
      const res = await call(t, method, url, write.token, body)
      expect([400, 422], `${method} ${url} ${body.slice(0, 80)}: ${res.status} ${res.text.slice(0, 200)}`).toContain(
        res.status,
      )
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    }
    for (const q of ['__proto__[polluted]=yes', 'constructor[prototype][polluted]=yes', '__proto__.polluted=yes']) {
      const res = await call(t, 'get', `/v1/articles?${q}`)
      expect({ q, status: res.status }).toEqual({ q, status: 400 })
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
    expect(await t.app.db.read.change.count()).toBe(before)
  })
})

describe('API8 security misconfiguration', () => {
  let t: TestApp
  let write: Key

  beforeAll(async () => {
    t = shared
    write = await makeKey(t, 'write')
  })

  it('API responses (success and error) carry nosniff, a deny-all CSP and a referrer policy, and no X-Powered-By', async () => {
    const responses: Array<[string, Res]> = [
      ['list', await call(t, 'get', '/v1/articles')],
      ['detail', await call(t, 'get', `/v1/articles/${SEED_SLUG}`)],
      ['markdown', await call(t, 'get', `/v1/articles/${SEED_SLUG}/brief?format=markdown`)],
      ['csv', await call(t, 'get', '/v1/articles?format=csv')],
      ['health', await call(t, 'get', '/health')],
      ['404', await call(t, 'get', '/v1/nothing-here')],
      ['400', await call(t, 'get', '/v1/articles?limit=0')],
      ['401', await call(t, 'patch', `/v1/articles/${SEED_SLUG}`, null, { title: 'x' })],
      ['write', await call(t, 'patch', `/v1/articles/${SEED_SLUG}`, write.token, { title: 'Headers' })],
      ['bad url', await call(t, 'get', '/v1/articles/%E0%A4%A')],
    ]
    for (const [label, res] of responses) {
      const h = res.headers
      expect({ label, nosniff: h['x-content-type-options'] }).toEqual({ label, nosniff: 'nosniff' })
      expect(h['content-security-policy'], label).toMatch(/(^|;\s*)default-src 'none'/)
      expect(h['content-security-policy'], label).toMatch(/frame-ancestors 'none'/)
      expect(h['referrer-policy'], label).toBe('no-referrer')
      expect(h['x-powered-by'], label).toBeUndefined()
      expect(h.server, label).toBeUndefined()
      expect(h['strict-transport-security'], label).toBeUndefined() // set by the TLS-terminating proxy
    }
  })

  it('/docs has its own CSP that allows its own scripts and nothing inline or remote', async () => {
    const res = await call(t, 'get', '/docs')
    expect(res.status).toBe(200)
    const csp = res.headers['content-security-policy'] ?? ''
    const directive = (name: string) =>
      csp
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith(`${name} `))
    expect(directive('script-src')?.split(/\s+/)).toContain("'self'")
    expect(csp).not.toMatch(/'unsafe-eval'/)
    expect(directive('script-src')).not.toMatch(/'unsafe-inline'|https?:|\*/)
    expect(directive('default-src')).toBe("default-src 'self'")
    expect(directive('object-src')).toBe("object-src 'none'")
    expect(csp).not.toMatch(/upgrade-insecure-requests/)
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    const bundle = await call(t, 'get', '/docs/static/swagger-ui-bundle.js')
    expect(bundle.status).toBe(200)
    expect(bundle.headers['content-type']).toMatch(/javascript/)
  })

  it('CORS is off by default: a preflight or request from any origin gets no Access-Control-Allow-Origin', async () => {
    for (const origin of ['https://evil.example', 'null', 'https://newsroom.example']) {
      const preflight = await call(t, 'options', '/v1/articles', null, undefined, {
        origin,
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization,content-type',
      })
      expect(preflight.headers['access-control-allow-origin'], origin).toBeUndefined()
      expect(preflight.headers['access-control-allow-credentials'], origin).toBeUndefined()
      expect(preflight.status, origin).toBeLessThan(500)
      const get = await call(t, 'get', '/v1/articles', null, undefined, { origin })
      expect(get.status).toBe(200)
      expect(get.headers['access-control-allow-origin'], origin).toBeUndefined()
    }
  })

  it("with CORS_ORIGINS 'https://newsroom.example' exactly that origin is allowed, without credentials", async () => {
    const cors = await testApp({ config: { CORS_ORIGINS: ['https://newsroom.example'] } })
    try {
      const allowed = await call(cors, 'options', '/v1/articles/x', null, undefined, {
        origin: 'https://newsroom.example',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization,content-type',
      })
      expect(allowed.status).toBe(204)
      expect(allowed.headers['access-control-allow-origin']).toBe('https://newsroom.example')
      expect(allowed.headers['access-control-allow-methods']).toMatch(/PATCH/)
      expect(allowed.headers['access-control-allow-headers']?.toLowerCase()).toMatch(/authorization/)
      expect(allowed.headers['access-control-allow-credentials']).toBeUndefined()
      expect(allowed.headers.vary ?? '').toMatch(/origin/i)
      const get = await call(cors, 'get', '/v1/articles', null, undefined, { origin: 'https://newsroom.example' })
      expect(get.headers['access-control-allow-origin']).toBe('https://newsroom.example')
      expect(get.headers['access-control-expose-headers']).toMatch(/ETag/i)
      for (const origin of [
        'https://evil.example',
        'https://newsroom.example.evil.example',
        'https://evilnewsroom.example',
        'http://newsroom.example',
        'null',
      ]) {
        const res = await call(cors, 'options', '/v1/articles', null, undefined, {
          origin,
          'access-control-request-method': 'GET',
        })
        expect({ origin, acao: res.headers['access-control-allow-origin'] }).toEqual({ origin, acao: undefined })
        const simple = await call(cors, 'get', '/v1/articles', null, undefined, { origin })
        expect({ origin, acao: simple.headers['access-control-allow-origin'] }).toEqual({ origin, acao: undefined })
      }
    } finally {
      await cors.close()
    }
  })

  it('TRACE and other unsupported methods are a problem+json 404/405 that echoes nothing', async () => {
    for (const method of ['trace', 'options'] as const) {
      for (const url of ['/v1/articles', `/v1/articles/${SEED_SLUG}`, '/health']) {
        const res = await call(t, method, url, write.token, undefined, { cookie: 'session=s3cr3t-cookie' })
        if (method === 'options') {
          // OPTIONS without CORS configured: nothing to negotiate.
          expect(res.status, url).not.toBe(200)
        }
        expect([404, 405], `${method} ${url}`).toContain(res.status)
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
        expect(res.text).not.toContain(write.token)
        expect(res.text).not.toContain('s3cr3t-cookie')
        expect(res.headers['x-content-type-options']).toBe('nosniff')
      }
    }
  })

  // The answer has a requestId and no stack, SQL or Prisma text; the log has the details and no credential.
  it('a database failure is a masked 500 problem', async () => {
    const lines: string[] = []
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean))
        done()
      },
    })
    const config = testConfig({ DATABASE_URL: freshDatabase(), LOG_LEVEL: 'trace' })
    const options = { ...(loggerOptions(config, false) as object), stream }
    const app = await buildApp(config, { logger: options as never })
    try {
      await app.ready()
      await loadSeeds(app)
      const key = await makeKey({ app, config, close: () => app.close() }, 'write')
      const claim = await app.db.read.claim.findFirstOrThrow({ select: { id: true } })
      // Requests that carry credentials through every path: success, 4xx, 401, 404, and writes.
      const cookie = 'session=c00kie-secret-value'
      await call(app, 'get', '/v1/articles', key.token, undefined, { cookie })
      await call(app, 'patch', `/v1/articles/${SEED_SLUG}`, key.token, { title: 'Logged' }, { cookie })
      await call(app, 'patch', `/v1/articles/${SEED_SLUG}`, key.token, { title: 1 }, { cookie })
      await call(app, 'patch', `/v1/articles/${SEED_SLUG}`, `${key.token}x`, { title: 'x' }, { cookie })
      await call(app, 'delete', `/v1/articles/${SEED_SLUG}`, key.token, undefined, { cookie })
      await call(app, 'get', '/nowhere', key.token, undefined, { cookie })
      // The safety net: a log line that does carry the headers is redacted.
      app.log.info({ headers: { authorization: `Bearer ${key.token}` } }, 'headers logged by mistake')

      await app.db.read.$executeRaw`DROP TABLE "ClaimLink"`
      const res = await call(app, 'get', `/v1/claims/${claim.id}`, key.token, undefined, { cookie })
      expectProblem(res, 500, 'internal')
      expect(res.body.requestId).toMatch(/^[0-9a-f-]{36}$/)
      expect(res.body.detail).toBe('Internal server error')
      expect(Object.keys(res.body).sort()).toEqual([
        'code',
        'detail',
        'instance',
        'requestId',
        'status',
        'title',
        'type',
      ])
      expect(res.text).not.toMatch(
        /prisma|sqlite|ClaimLink|no such table|SELECT|\bat \S+:\d+|stack|P20\d\d|\.ts\b|\.js\b/i,
      )
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)

      const log = lines.join('\n')
      // The log line for that request has the error and the same request id.
      const failure = lines
        .map((l) => JSON.parse(l) as { level: number; reqId?: string; err?: { message?: string } })
        .find((l) => l.reqId === res.body.requestId && l.level >= 50)
      expect(failure?.err?.message ?? '').toMatch(/ClaimLink|no such table/i)
      // Requests are logged at all (the checks below are not vacuous) …
      expect(lines.length).toBeGreaterThan(10)
      expect(log).toContain('headers logged by mistake')
      expect(log).toContain('[redacted]')
      // … and no credential is ever in them.
      expect(log).not.toContain(key.token)
      expect(log).not.toContain(key.token.slice(-43))
      expect(log).not.toContain('c00kie-secret-value')
      expect(log).not.toMatch(/Bearer gbk_/)
    } finally {
      await app.close()
    }
  })
})

describe('API9 improper inventory management', () => {
  type Doc = {
    info: { version: string }
    servers?: Array<{ url: string }>
    paths: Record<string, Record<string, unknown>>
  }
  let app: FastifyInstance
  let doc: Doc
  let routes: Array<{ method: string; url: string }>

  beforeAll(async () => {
    seen.routes.length = 0
    app = await buildApp(testConfig({ DATABASE_URL: freshDatabase() }))
    await app.ready()
    routes = [...seen.routes]
    doc = app.swagger() as unknown as Doc
  })
  afterAll(async () => {
    await app.close()
  })

  const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace']

  /** The brief pages: HTML for browsers (src/modules/pages/), not API operations. */
  const isPage = (url: string) => url === '/briefs' || url.startsWith('/briefs/')

  it('the registered routes are exactly the documented operations (minus /docs, the brief pages, HEAD and the CORS OPTIONS route)', () => {
    const registered = routes
      .filter((r) => r.method !== 'HEAD' && !(r.method === 'OPTIONS' && r.url === '*') && !r.url.startsWith('/docs'))
      .filter((r) => !isPage(r.url))
      .map((r) => `${r.method} ${r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`)
    const documented = Object.entries(doc.paths).flatMap(([p, item]) =>
      Object.keys(item)
        .filter((m) => METHODS.includes(m))
        .map((m) => `${m.toUpperCase()} ${p}`),
    )
    expect(registered.length).toBeGreaterThanOrEqual(29)
    expect([...new Set(registered)].sort()).toEqual([...new Set(documented)].sort())
    expect(documented).toHaveLength(new Set(documented).size)
  })

  it('every route is versioned under /v1 except liveness, readiness, the docs and the brief pages', () => {
    const outside = [...new Set(routes.map((r) => r.url))].filter((u) => !u.startsWith('/v1/') && u !== '*').sort()
    for (const u of outside)
      expect(u === '/health' || u === '/ready' || u === '/docs' || u.startsWith('/docs/') || isPage(u), u).toBe(true)
    expect(
      Object.keys(doc.paths)
        .filter((p) => !p.startsWith('/v1/'))
        .sort(),
    ).toEqual(['/health', '/ready'])
  })

  it('info.version is the package.json version and the document names no host', () => {
    const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
      version: string
    }
    expect(doc.info.version).toBe(pkg.version)
    expect(VERSION).toBe(pkg.version)
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })])
  })

  it('with DOCS_ENABLED=false the UI and the document are not served, the API is', async () => {
    const off = await testApp({ config: { DOCS_ENABLED: false } })
    try {
      for (const url of ['/docs', '/docs/', '/docs/json', '/docs/yaml', '/docs/static/index.html']) {
        const res = await call(off, 'get', url)
        expect({ url, status: res.status }).toEqual({ url, status: 404 })
        expectProblem(res, 404, 'not-found')
      }
      expect((await call(off, 'get', '/v1/articles')).status).toBe(200)
    } finally {
      await off.close()
    }
  })
})
