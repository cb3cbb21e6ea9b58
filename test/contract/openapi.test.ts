// The OpenAPI document is valid, complete, and true: every route is in it, and real responses
// (successes and problems) match the schemas it declares for their path, method and status.
import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv, type ValidateFunction } from 'ajv'
import * as ajvFormats from 'ajv-formats'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { removeDatabases, SEED_SLUG, type TestApp, testApp } from '../helpers/app.js'

// Collect every route as Fastify registers it: wrap the factory so each instance gets an onRoute hook
// before any plugin or route is registered.
const registered = vi.hoisted(() => [] as Array<{ method: string; url: string; hide: boolean }>)
vi.mock('fastify', async (importOriginal) => {
  const mod = await importOriginal<typeof import('fastify')>()
  const factory = mod.default as unknown as (...args: unknown[]) => import('fastify').FastifyInstance
  const wrapped = (...args: unknown[]) => {
    const app = factory(...args)
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat())
        registered.push({ method: String(method), url: route.url, hide: Boolean(route.schema?.hide) })
    })
    return app
  }
  return { ...mod, default: wrapped, fastify: wrapped }
})

type Json = Record<string, unknown>
interface Operation {
  operationId?: string
  tags?: string[]
  summary?: string
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>
}
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Json } }

interface Exchange {
  label: string
  url: string
  expectedStatus: number
  status: number
  mediaType: string
  body: unknown
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

/** The read API and system routes: each must answer at least one documented 200 below. */
const READ_OPERATIONS = [
  'getHealth',
  'getReady',
  'listArticles',
  'getArticle',
  'getBrief',
  'listActors',
  'getActor',
  'listClaims',
  'getClaim',
  'listEvents',
  'getEvent',
]

/** OpenAPI 3.0 schema -> JSON Schema (draft-07) for Ajv: `nullable` becomes a null branch, refs point at `components`. */
function toJsonSchema(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(toJsonSchema)
  if (s === null || typeof s !== 'object') return s
  const out: Json = {}
  for (const [k, v] of Object.entries(s as Json)) {
    if (k === '$ref' && typeof v === 'string')
      out[k] = v.replace(/^#\/components\/schemas\//, 'components#/definitions/')
    else if (k === 'properties' && v && typeof v === 'object')
      out[k] = Object.fromEntries(Object.entries(v as Json).map(([p, ps]) => [p, toJsonSchema(ps)]))
    else if (k !== 'nullable') out[k] = toJsonSchema(v)
  }
  return (s as Json).nullable === true ? { anyOf: [out, { type: 'null' }] } : out
}

/** The OpenAPI path template ("/v1/claims/{id}") that a concrete path matches. */
function templateOf(doc: Doc, path: string): string | undefined {
  const exact = Object.keys(doc.paths).find((p) => p === path)
  if (exact) return exact
  return Object.keys(doc.paths).find((p) => {
    const re = new RegExp(`^${p.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}/]+\}/g, '[^/]+')}$`)
    return re.test(path)
  })
}

describe('OpenAPI document', () => {
  let t: TestApp
  let doc: Doc
  const exchanges: Exchange[] = []

  beforeAll(async () => {
    t = await testApp({ seed: true })
    const res = await request(t.app.server).get('/docs/json')
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    doc = res.body as Doc

    const server = t.app.server
    const first = async (url: string) => {
      const r = await request(server).get(url)
      if (r.status !== 200) throw new Error(`${url}: ${r.status}`)
      return r.body.data[0] as { id: string }
    }
    const article = await first('/v1/articles')
    const claims = (await request(server).get('/v1/claims?limit=100')).body.data as Array<{
      id: string
      quote: unknown
    }>
    const events = (await request(server).get('/v1/events?limit=100')).body.data as Array<{
      id: string
      location: unknown
    }>
    const quoted = claims.find((c) => c.quote !== null)
    const located = events.find((e) => e.location !== null)
    const actorId = (await first('/v1/actors?q=Beijing')).id
    const cursor = (await request(server).get('/v1/actors?limit=2')).body.page.nextCursor as string

    const plan: Array<[string, string, number]> = [
      ['health', '/health', 200],
      ['ready', '/ready', 200],
      ['articles', '/v1/articles', 200],
      ['articles, counted, one per page', '/v1/articles?count=true&limit=1&sort=-published', 200],
      ['articles, filtered to nothing', '/v1/articles?topic=nothing', 200],
      ['article by slug', `/v1/articles/${SEED_SLUG}`, 200],
      ['article by id', `/v1/articles/${article.id}`, 200],
      ['brief', `/v1/articles/${SEED_SLUG}/brief`, 200],
      ['actors', '/v1/actors?limit=100&count=true', 200],
      ['actors, second page', `/v1/actors?limit=2&cursor=${cursor}`, 200],
      ['actor by slug', '/v1/actors/china', 200],
      ['actor by id', `/v1/actors/${actorId}`, 200],
      ['actor with affiliations', '/v1/actors/zhang-tuosheng', 200],
      ['claims', '/v1/claims?limit=100&sort=stated', 200],
      ['claim', `/v1/claims/${claims[0]?.id}`, 200],
      ['claim with quote', `/v1/claims/${quoted?.id}`, 200],
      ['events', '/v1/events?limit=100&count=true', 200],
      ['event', `/v1/events/${events[0]?.id}`, 200],
      ['event with location', `/v1/events/${located?.id}`, 200],
      ['articles: unknown sort', '/v1/articles?sort=nope', 400],
      ['articles: bad date', '/v1/articles?publishedFrom=2021-02-30', 400],
      ['actors: limit=0', '/v1/actors?limit=0', 400],
      ['actors: unknown parameter', '/v1/actors?foo=1', 400],
      ['claims: malformed cursor', '/v1/claims?cursor=bad', 400],
      ['claims: foreign cursor', `/v1/claims?cursor=${cursor}`, 400],
      ['events: bad type', '/v1/events?type=nope', 400],
      ['events: limit=101', '/v1/events?limit=101', 400],
      ['unknown article', '/v1/articles/no-such-article', 404],
      ['unknown brief', '/v1/articles/no-such-article/brief', 404],
      ['unknown actor', '/v1/actors/atlantis', 404],
      ['unknown claim', '/v1/claims/clm_01ARZ3NDEKTSV4RRFFQ69G5FAV', 404],
      ['unknown event', '/v1/events/evt_01ARZ3NDEKTSV4RRFFQ69G5FAV', 404],
    ]
    for (const [label, url, expectedStatus] of plan) {
      const r = await request(server).get(url)
      exchanges.push({
        label,
        url,
        expectedStatus,
        status: r.status,
        mediaType: String(r.headers['content-type'] ?? '')
          .split(';')[0]
          ?.trim() as string,
        body: r.body,
      })
    }
  })

  afterAll(async () => {
    await t.close()
    removeDatabases()
  })

  it('is a valid OpenAPI 3.0 document', async () => {
    expect(doc.openapi).toMatch(/^3\.0\.\d+$/)
    const result = await new Validator().validate(doc as never)
    if (!result.valid) console.error(JSON.stringify(result.errors, null, 2))
    expect(result.valid).toBe(true)
  })

  it('gives every operation an operationId (unique), tags and a summary', () => {
    const ids: string[] = []
    let operations = 0
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!METHODS.includes(method)) continue
        operations++
        const where = `${method.toUpperCase()} ${path}`
        expect(op.operationId, where).toMatch(/^[a-z][A-Za-z]+$/)
        expect(op.tags, where).toEqual(expect.arrayContaining([expect.any(String)]))
        expect(op.summary, where).toEqual(expect.stringMatching(/\S/))
        ids.push(op.operationId as string)
      }
    }
    expect(operations).toBeGreaterThanOrEqual(READ_OPERATIONS.length)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('documents every registered route except /docs and the brief pages, and nothing else', () => {
    // The brief pages (HTML for browsers, src/modules/pages/) are hidden from the document.
    const pages = registered.filter((r) => r.url === '/briefs' || r.url.startsWith('/briefs/'))
    expect(pages.length).toBeGreaterThanOrEqual(3)
    expect(pages.filter((r) => !r.hide)).toEqual([])
    const routes = registered
      // HEAD mirrors GET; OPTIONS * is the CORS preflight; /docs serves this document and its UI.
      .filter((r) => r.method !== 'HEAD' && !(r.method === 'OPTIONS' && r.url === '*') && !r.url.startsWith('/docs'))
      .filter((r) => !pages.includes(r))
      .map((r) => `${r.method} ${r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`)
    expect(routes.length).toBeGreaterThanOrEqual(11)
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => METHODS.includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    )
    expect([...new Set(routes)].sort()).toEqual([...documented].sort())
    expect(registered.some((r) => r.url === '/docs/json')).toBe(true)
  })

  it('the requests cover every read operation and answer the statuses planned', () => {
    expect(exchanges.map((e) => [e.label, e.status])).toEqual(exchanges.map((e) => [e.label, e.expectedStatus]))
    const operationOf = (e: Exchange) => {
      const template = templateOf(doc, e.url.split('?')[0] ?? '')
      return template === undefined ? undefined : doc.paths[template]?.get?.operationId
    }
    const covered = new Set(exchanges.filter((e) => e.status === 200).map(operationOf))
    expect([...covered].sort()).toEqual([...READ_OPERATIONS].sort())
    const errors = new Set(exchanges.filter((e) => e.status >= 400).map(operationOf))
    expect([...errors].sort()).toEqual(
      [
        'listArticles',
        'getArticle',
        'getBrief',
        'listActors',
        'getActor',
        'listClaims',
        'getClaim',
        'listEvents',
        'getEvent',
      ].sort(),
    )
  })

  it('every response body matches the schema documented for its path, method and status', () => {
    const ajv = new Ajv({ strict: false, allErrors: true })
    const addFormats = (ajvFormats as unknown as { default: (a: Ajv) => void }).default
    addFormats(ajv)
    ajv.addSchema({ $id: 'components', definitions: toJsonSchema(doc.components.schemas) })
    const compiled = new Map<string, ValidateFunction>()
    const failures: Array<{ label: string; errors: unknown }> = []
    let validated = 0
    for (const e of exchanges) {
      const path = e.url.split('?')[0] ?? ''
      const template = templateOf(doc, path)
      expect(template, `${e.label}: ${path} is not documented`).toBeDefined()
      const response = doc.paths[template as string]?.get?.responses[String(e.status)]
      expect(response, `${e.label}: no response documented for ${e.status}`).toBeDefined()
      const content = response?.content ?? {}
      // Body shape: the schema for the media type sent, or else the one documented (see the media-type test).
      const entry = content[e.mediaType] ?? Object.values(content)[0]
      expect(entry?.schema, `${e.label}: no schema for ${e.status}`).toBeDefined()
      const key = `${template} ${e.status} ${e.mediaType}`
      let validate = compiled.get(key)
      if (!validate) {
        validate = ajv.compile(toJsonSchema(entry?.schema) as object)
        compiled.set(key, validate)
      }
      if (validate(e.body)) validated++
      else failures.push({ label: e.label, errors: validate.errors })
    }
    if (failures.length > 0) console.error(JSON.stringify(failures, null, 2))
    expect(failures).toEqual([])
    expect(validated).toBe(exchanges.length)
    expect(validated).toBe(32)
  })

  it('the validator rejects a body that breaks the schema (it cannot pass vacuously)', () => {
    const ajv = new Ajv({ strict: false, allErrors: true })
    ajv.addSchema({ $id: 'components', definitions: toJsonSchema(doc.components.schemas) })
    const actor = exchanges.find((e) => e.label === 'actor by slug')?.body as Json
    expect(actor).toEqual(expect.objectContaining({ slug: 'china' }))
    const schema = doc.paths['/v1/actors/{idOrSlug}']?.get?.responses['200']?.content?.['application/json']?.schema
    const validate = ajv.compile(toJsonSchema(schema) as object)
    expect(validate(actor)).toBe(true)
    expect(validate({ ...actor, kind: 'planet' })).toBe(false)
    expect(validate({ ...actor, events: [{ id: 1 }] })).toBe(false)
    expect(validate({ ...actor, unexpected: true })).toBe(false)
    const { aliases: _dropped, ...missing } = actor
    expect(validate(missing)).toBe(false)
  })

  it('declares the media type each response is sent with', () => {
    const undeclared = exchanges
      .map((e) => {
        const template = templateOf(doc, e.url.split('?')[0] ?? '') as string
        const content = doc.paths[template]?.get?.responses[String(e.status)]?.content ?? {}
        return { label: e.label, status: e.status, sent: e.mediaType, declared: Object.keys(content) }
      })
      .filter((x) => !x.declared.includes(x.sent))
    expect(undeclared).toEqual([])
  })
})
