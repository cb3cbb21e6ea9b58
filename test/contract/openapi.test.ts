// The OpenAPI document is valid, complete, and true: every route is in it, and real responses
// (successes and problems) match the schemas it declares for their path, method and status.
import { Validator } from '@seriousme/openapi-schema-validator'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { contractRequests } from '../../scripts/robustness/contract-requests.js'
import { openApiValidator } from '../../scripts/robustness/openapi-ajv.js'
import { createKey } from '../../src/db/keys.js'
import { removeDatabases, type TestApp, testApp } from '../helpers/app.js'

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
  method: string
  url: string
  expectedStatus: number
  status: number
  mediaType: string
  body: unknown
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

/** Every GET operation, and the writes of a client program: each must answer a documented success below. */
const SUCCESS_OPERATIONS = [
  'getHealth',
  'getReady',
  'listArticles',
  'getArticle',
  'patchArticle',
  'getBrief',
  'listActors',
  'getActor',
  'getActorRelations',
  'getActorPositions',
  'listClaims',
  'getClaim',
  'getRelatedClaims',
  'listEvents',
  'getEvent',
  'getTimeline',
  'getRelationPair',
  'search',
  'listChanges',
  'createBrief',
  'extractBrief',
  'mergeActor',
]

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
    const keys = {
      write: (await createKey(t.app.db.read, 'write', 'contract')).token,
      admin: (await createKey(t.app.db.read, 'admin', 'contract-admin')).token,
    }
    const plan = await contractRequests(async (url) => {
      const r = await request(server).get(url)
      if (r.status !== 200) throw new Error(`${url}: ${r.status}`)
      return r.body
    })
    for (const req of plan) {
      let call = request(server)[req.method.toLowerCase() as 'get' | 'post' | 'patch'](req.url)
      if (req.accept) call = call.set('accept', req.accept)
      if (req.auth) call = call.set('authorization', `Bearer ${keys[req.auth]}`)
      const r = await (req.body === undefined ? call : call.send(req.body as object))
      const mediaType = String(r.headers['content-type'] ?? '')
        .split(';')[0]
        ?.trim() as string
      exchanges.push({
        label: req.label,
        method: req.method.toLowerCase(),
        url: req.url,
        expectedStatus: req.expectedStatus,
        status: r.status,
        mediaType,
        body: /[/+]json$/.test(mediaType) ? JSON.parse(r.text) : r.text,
      })
    }
  })

  afterAll(async () => {
    await t.close()
    removeDatabases()
  })

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/)
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
    expect(operations).toBeGreaterThanOrEqual(SUCCESS_OPERATIONS.length)
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
      return template === undefined ? undefined : doc.paths[template]?.[e.method]?.operationId
    }
    const covered = new Set(exchanges.filter((e) => e.status === 200).map(operationOf))
    expect([...covered].sort()).toEqual([...SUCCESS_OPERATIONS].sort())
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
        'getTimeline',
        'getRelationPair',
        'search',
        'createBrief',
      ].sort(),
    )
  })

  it('every response body matches the schema documented for its path, method and status', () => {
    // Ajv's JSON Schema 2020-12 validator on the document as served (scripts/robustness/openapi-ajv.ts).
    const validator = openApiValidator(doc as never)
    const failures: Array<{ label: string; errors: unknown }> = []
    let validated = 0
    for (const e of exchanges) {
      const path = e.url.split('?')[0] ?? ''
      const template = templateOf(doc, path)
      expect(template, `${e.label}: ${path} is not documented`).toBeDefined()
      const response = doc.paths[template as string]?.[e.method]?.responses[String(e.status)]
      expect(response, `${e.label}: no response documented for ${e.status}`).toBeDefined()
      // A response documented without content (a redirect) must come without a body.
      if (!response?.content) {
        if (e.body === '') validated++
        else
          failures.push({ label: e.label, errors: `a body where none is documented: ${String(e.body).slice(0, 80)}` })
        continue
      }
      // Body shape: the schema for the media type sent (the media-type test checks it is declared).
      const validate = validator.response(template as string, e.method, e.status, e.mediaType)
      expect(validate, `${e.label}: no schema for ${e.status} ${e.mediaType}`).toBeDefined()
      if (validate?.(e.body)) validated++
      else failures.push({ label: e.label, errors: validate?.errors })
    }
    if (failures.length > 0) console.error(JSON.stringify(failures, null, 2))
    expect(failures).toEqual([])
    expect(validated).toBe(exchanges.length)
    expect(validated).toBeGreaterThanOrEqual(50)
  })

  it('the validator rejects a body that breaks the schema (it cannot pass vacuously)', () => {
    const validate = openApiValidator(doc as never).response('/v1/actors/{idOrSlug}', 'get', 200, 'application/json')
    const actor = exchanges.find((e) => e.label === 'actor by slug')?.body as Json
    expect(actor).toEqual(expect.objectContaining({ slug: 'china' }))
    expect(validate?.(actor)).toBe(true)
    expect(validate?.({ ...actor, kind: 'planet' })).toBe(false)
    expect(validate?.({ ...actor, events: [{ id: 1 }] })).toBe(false)
    expect(validate?.({ ...actor, unexpected: true })).toBe(false)
    const { aliases: _dropped, ...missing } = actor
    expect(validate?.(missing)).toBe(false)
    // Null where the document allows it, and only there.
    expect(validate?.({ ...actor, country: null })).toBe(true)
    expect(validate?.({ ...actor, slug: null })).toBe(false)
  })

  it('declares the media type each response is sent with', () => {
    const undeclared = exchanges
      .map((e) => {
        const template = templateOf(doc, e.url.split('?')[0] ?? '') as string
        const content = doc.paths[template]?.[e.method]?.responses[String(e.status)]?.content ?? {}
        return { label: e.label, status: e.status, sent: e.mediaType, declared: Object.keys(content) }
      })
      // No content documented: nothing sent, so no media type either.
      .filter((x) => !(x.declared.includes(x.sent) || (x.declared.length === 0 && x.sent === '')))
    expect(undeclared).toEqual([])
  })
})
