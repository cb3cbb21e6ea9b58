// OWASP API Security Top 10 (2023): API4 unrestricted resource consumption (body, page, string and
// array limits, nesting, rate limits that X-Forwarded-For cannot reset) and API6 unrestricted access
// to sensitive business flows (ingest is idempotent and rate-limited). See docs/security.md.
import { Readable } from 'node:stream'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BriefInput, LIMITS } from '../../src/domain/brief.schema.js'
import { SEED_SLUG, type TestApp, testApp, fileTestApp } from '../helpers/app.js'
import { expectProblem } from '../helpers/problems.js'
import { type Key, makeKey, type Method, type InjectRes as Res, injectCall as call } from '../helpers/http.js'
import { briefVariant, uniqueSlug } from '../helpers/briefs.js'

/** A JSON document of exactly `bytes` bytes (UTF-8), padded with `fill` characters. */
function jsonOfBytes(bytes: number, fill = 'x'): string {
  const shell = '{"pad":""}'
  const unit = Buffer.byteLength(fill)
  const room = bytes - shell.length
  const doc = `{"pad":"${fill.repeat(Math.floor(room / unit))}${'y'.repeat(room % unit)}"}`
  expect(Buffer.byteLength(doc)).toBe(bytes)
  return doc
}

const changeCount = (t: TestApp) => t.app.db.read.change.count()

/** Rejected, with a problem body, and never a server error. */
function expectRefused(res: Res, statuses: number[], label: string): void {
  expect(statuses, `${label}: ${res.status} ${res.text.slice(0, 300)}`).toContain(res.status)
  expect(res.headers['content-type'], label).toMatch(/^application\/problem\+json/)
  expect(res.body.status, label).toBe(res.status)
}

// One seeded app for the whole file (apps with other settings are built where needed).
let shared: TestApp
fileTestApp({ seed: true, config: { WRITE_RATE_LIMIT: 100_000 } }, async (app) => {
  shared = app
})

describe('API4 unrestricted resource consumption', () => {
  let t: TestApp
  let write: Key

  beforeAll(async () => {
    t = shared
    write = await makeKey(t, 'write')
  })

  describe('with BODY_LIMIT_BYTES 4096', () => {
    let small: TestApp
    let admin: Key
    const LIMIT = 4096

    beforeAll(async () => {
      small = await testApp({ config: { BODY_LIMIT_BYTES: LIMIT, WRITE_RATE_LIMIT: 100_000 } })
      admin = await makeKey(small, 'admin')
    })
    afterAll(async () => {
      await small.close()
    })

    const routes: Array<{ method: Method; url: string }> = [
      { method: 'post', url: '/v1/briefs' },
      { method: 'put', url: `/v1/briefs/${SEED_SLUG}` },
      { method: 'patch', url: `/v1/articles/${SEED_SLUG}` },
      { method: 'patch', url: '/v1/actors/china' },
      { method: 'post', url: '/v1/actors/china/merge' },
    ]

    it('a body one byte over the limit is 413 payload-too-large on every route that takes a body; at the limit it is read', async () => {
      const before = await changeCount(small)
      for (const r of routes) {
        for (const fill of ['x', 'é', '中']) {
          const over = await call(small, r.method, r.url, admin.token, jsonOfBytes(LIMIT + 1, fill))
          expectProblem(over, 413, 'payload-too-large')
          const at = await call(small, r.method, r.url, admin.token, jsonOfBytes(LIMIT, fill))
          // Read and validated (the padding is not a valid document), not refused for its size.
          expectRefused(at, [400, 422], `${r.method} ${r.url} at the limit`)
        }
      }
      expect(await changeCount(small)).toBe(before)
    })

    it('a chunked body without Content-Length is cut off at the limit too', async () => {
      const chunks = Array.from({ length: 10 }, () => `${' '.repeat(1023)}\n`)
      const res = await call(small, 'post', '/v1/briefs', admin.token, Readable.from(['{"pad":', ...chunks, '1}']))
      expectProblem(res, 413, 'payload-too-large')
    })
  })

  it('limit above 100, zero, negative, fractional or not a number is 400 on every list', async () => {
    const lists = [
      '/v1/articles',
      '/v1/actors',
      '/v1/claims',
      '/v1/events',
      '/v1/changes',
      '/v1/search?q=china',
      '/v1/actors/china/positions',
    ]
    for (const list of lists) {
      const sep = list.includes('?') ? '&' : '?'
      for (const limit of ['1000', '101', '-1', '0', '1.5', 'abc', '1e3', '']) {
        const res = await call(t, 'get', `${list}${sep}limit=${limit}`)
        expectRefused(res, [400], `${list} limit=${limit}`)
        expect(res.body.code).toBe('validation')
      }
      const max = await call(t, 'get', `${list}${sep}limit=100`)
      expect({ list, status: max.status }).toEqual({ list, status: 200 })
      expect(max.body.page.limit).toBe(100)
      expect(max.body.data.length).toBeLessThanOrEqual(100)
    }
  })

  it('a 10 kB q, cursor or path parameter is refused as a problem (400, 404 or 414), never served or echoed', async () => {
    const big = 'a'.repeat(10_000)
    for (const url of ['/v1/articles', '/v1/actors', '/v1/claims', '/v1/events', '/v1/search']) {
      expectRefused(await call(t, 'get', `${url}?q=${big}`), [400], `${url} q`)
      expectRefused(await call(t, 'get', `${url}?cursor=${big}&q=china`), [400], `${url} cursor`)
    }
    // Over the router's maxParamLength: refused like any other error (problem+json, security headers),
    // without echoing the 10 kB parameter back.
    for (const url of [`/v1/articles/${big}`, `/v1/claims/${big}`, `/v1/actors/${big}/relations`]) {
      const res = await call(t, 'get', url)
      expectRefused(res, [400, 404, 414], url.slice(0, 40))
      expect(res.headers['x-content-type-options'], url.slice(0, 40)).toBe('nosniff')
      expect(res.text.length, url.slice(0, 40)).toBeLessThan(2000)
    }
  })

  it('a brief one item over any array limit is 422 pointing at the array, and stores nothing', async () => {
    const base = briefVariant('limits') as BriefInput
    const claim0 = { ...structuredClone(base.claims[0]!), links: [] }
    const event0 = structuredClone(base.events[0]!)
    const actor0 = structuredClone(base.actors[0]!)
    const cases: Array<[string, (b: BriefInput) => void]> = [
      [
        '/claims',
        (b) => {
          b.claims = Array.from({ length: LIMITS.claims + 1 }, (_, i) => ({ ...claim0, key: `c${i}` }))
        },
      ],
      [
        '/actors',
        (b) => {
          b.actors = [
            ...b.actors,
            ...Array.from({ length: LIMITS.actors + 1 - b.actors.length }, (_, i) => ({
              ...actor0,
              slug: `extra-${i}`,
              wikidataId: null,
            })),
          ]
        },
      ],
      [
        '/events',
        (b) => {
          b.events = Array.from({ length: LIMITS.events + 1 }, (_, i) => ({ ...event0, key: `e${i}` }))
        },
      ],
      [
        '/claims/0/claimants',
        (b) => {
          b.claims[0]!.claimants = Array.from({ length: LIMITS.list + 1 }, () => 'china')
        },
      ],
      [
        '/actors/0/aliases',
        (b) => {
          b.actors[0]!.aliases = Array.from({ length: LIMITS.list + 1 }, (_, i) => `Alias ${i}`)
        },
      ],
      [
        '/article/keyPoints',
        (b) => {
          b.article.keyPoints = Array.from({ length: 51 }, (_, i) => `Point ${i}`)
        },
      ],
      [
        '/article/topics',
        (b) => {
          b.article.topics = Array.from({ length: 51 }, (_, i) => `topic-${i}`)
        },
      ],
    ]
    const articles = await t.app.db.read.article.count()
    for (const [pointer, edit] of cases) {
      const brief = briefVariant(uniqueSlug('over'), edit)
      const res = await call(t, 'post', '/v1/briefs', write.token, brief)
      expect({ pointer, status: res.status }).toEqual({ pointer, status: 422 })
      expectProblem(res, 422, 'unprocessable-brief', pointer)
    }
    expect(await t.app.db.read.article.count()).toBe(articles)
  })

  it('a 1 MB string is refused (413 or 422 in a brief, 400 in a patch) and nothing is stored', async () => {
    const mb = 'A'.repeat(1_048_576)
    const before = await changeCount(t)
    for (const [pointer, edit] of [
      [
        '/article/title',
        (b: BriefInput) => {
          b.article.title = mb
        },
      ],
      [
        '/article/body',
        (b: BriefInput) => {
          b.article.body = mb
        },
      ],
      [
        '/claims/0/summary',
        (b: BriefInput) => {
          b.claims[0]!.summary = mb
        },
      ],
      [
        '/actors/0/name',
        (b: BriefInput) => {
          b.actors[0]!.name = mb
        },
      ],
    ] as const) {
      const res = await call(t, 'post', '/v1/briefs', write.token, briefVariant(uniqueSlug('mb'), edit))
      expectRefused(res, [413, 422], pointer)
      if (res.status === 422) expectProblem(res, 422, 'unprocessable-brief', pointer)
    }
    for (const [url, body] of [
      [`/v1/articles/${SEED_SLUG}`, { title: mb }],
      ['/v1/actors/china', { description: mb }],
      ['/v1/actors/china', { aliases: [mb] }],
    ] as const)
      expectRefused(await call(t, 'patch', url, write.token, body), [400, 413], `${url} ${Object.keys(body)}`)
    expect(await changeCount(t)).toBe(before)
  })

  it('deeply nested JSON (5,000 and 100,000 levels) is 400, 413 or 422, never a 5xx, and the server keeps answering', async () => {
    const arrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`
    const objects = (depth: number, inner = '{}') => `${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`
    const documents = [
      `{"article":${arrays(5000)}}`,
      `{"article":${objects(5000)}}`,
      objects(5000),
      arrays(5000),
      `{"article":${arrays(100_000)}}`,
      objects(100_000),
      objects(5000, '{"__proto__":{"polluted":true}}'),
      objects(5000, '{"constructor":{"prototype":{"polluted":true}}}'),
    ]
    for (const doc of documents) {
      for (const [method, url] of [
        ['post', '/v1/briefs'],
        ['patch', `/v1/articles/${SEED_SLUG}`],
        ['patch', '/v1/events/evt_unknown'],
      ] as const) {
        const res = await call(t, method, url, write.token, doc)
        expectRefused(res, [400, 413, 422], `${method} ${url} ${doc.slice(0, 20)}… (${doc.length} B)`)
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect((await call(t, 'get', '/health')).status).toBe(200)
  })

  describe('rate limits (WRITE_RATE_LIMIT 3; READ_RATE_LIMIT 10)', () => {
    let rl: TestApp
    let keys: Key[]

    beforeAll(async () => {
      rl = await testApp({ seed: true, config: { WRITE_RATE_LIMIT: 3, READ_RATE_LIMIT: 1000 } })
      keys = [await makeKey(rl, 'write'), await makeKey(rl, 'admin'), await makeKey(rl, 'write')]
    })
    afterAll(async () => {
      await rl.close()
    })

    const patch = (token: string, title: string, headers: Record<string, string> = {}) =>
      request(rl.app.server)
        .patch(`/v1/articles/${SEED_SLUG}`)
        .set({ authorization: `Bearer ${token}`, ...headers })
        .send({ title })

    it('the 4th write is 429 with Retry-After, and rotating X-Forwarded-For, Forwarded, X-Real-IP or keys does not reset it', async () => {
      const key = keys[0]!
      for (const n of [1, 2, 3]) expect((await patch(key.token, `Title ${n}`)).status).toBe(200)
      const limited = await patch(key.token, 'Title 4')
      expectProblem(limited, 429, 'rate-limited')
      const retry = Number(limited.headers['retry-after'])
      expect(Number.isInteger(retry) && retry > 0 && retry <= 60).toBe(true)
      for (let i = 0; i < 10; i++) {
        const ip = `203.0.113.${i + 1}`
        const spoofs: Array<Record<string, string>> = [
          { 'x-forwarded-for': ip },
          { 'x-forwarded-for': `${ip}, 198.51.100.${i}` },
          { forwarded: `for=${ip}` },
          { 'x-real-ip': ip },
          { 'x-client-ip': ip, 'true-client-ip': ip, 'cf-connecting-ip': ip },
        ]
        for (const headers of spoofs) {
          const res = await patch(keys[i % keys.length]!.token, `Spoofed ${i}`, headers)
          expect({ headers, status: res.status }).toEqual({ headers, status: 429 })
          expect(res.headers['retry-after']).toMatch(/^\d+$/)
        }
      }
      const article = await request(rl.app.server).get(`/v1/articles/${SEED_SLUG}`)
      expect(article.body.title).toBe('Title 3')
    })

    // Repeated (cacheable) URL or not, whatever X-Forwarded-For says.
    it('reads have their own budget: the 11th read is 429 with Retry-After', async () => {
      for (const [label, urlOf] of [
        ['the same URL each time', () => '/v1/actors'],
        ['a different URL each time', (n: number) => `/v1/actors?limit=${n}`],
      ] as const) {
        const reads = await testApp({ config: { READ_RATE_LIMIT: 10 } })
        try {
          const responses: request.Response[] = []
          for (let n = 1; n <= 12; n++)
            responses.push(await request(reads.app.server).get(urlOf(n)).set('x-forwarded-for', `192.0.2.${n}`))
          const statuses = responses.map((r) => r.status)
          expect(statuses, `${label}: statuses of 12 reads`).toEqual([...Array(10).fill(200), 429, 429])
          for (const res of responses.slice(10)) {
            expectProblem(res, 429, 'rate-limited')
            expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
          }
        } finally {
          await reads.close()
        }
      }
    })
  })
})

describe('API6 unrestricted access to sensitive business flows', () => {
  let t: TestApp
  let write: Key

  beforeAll(async () => {
    t = shared
    write = await makeKey(t, 'write')
  })

  it('8 concurrent posts of one brief create it once; the others answer 200 unchanged with the same ids', async () => {
    const slug = uniqueSlug('replay')
    const brief = briefVariant(slug)
    const before = await t.app.db.read.article.count()
    const results = await Promise.all(
      Array.from({ length: 8 }, () => call(t, 'post', '/v1/briefs', write.token, brief)),
    )
    const statuses = results.map((r) => r.status).sort()
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 201])
    const created = results.find((r) => r.status === 201)!
    for (const r of results) {
      expect(r.body.status).toBe(r.status === 201 ? 'created' : 'unchanged')
      const { status: _s, ...ids } = r.body
      const { status: _c, ...createdIds } = created.body
      expect(ids).toEqual(createdIds)
    }
    expect(await t.app.db.read.article.count()).toBe(before + 1)
    expect(
      await t.app.db.read.change.count({
        where: { entity: 'article', action: 'created', entityId: created.body.articleId },
      }),
    ).toBe(1)
    // Replaying it later changes nothing either; a different brief under the same slug is a 409.
    const again = await call(t, 'post', '/v1/briefs', write.token, brief)
    expect([again.status, again.body.status]).toEqual([200, 'unchanged'])
    const other = await call(
      t,
      'post',
      '/v1/briefs',
      write.token,
      briefVariant(slug, (b) => {
        b.article.title = 'Other'
      }),
    )
    expectProblem(other, 409, 'conflict')
  })
})
