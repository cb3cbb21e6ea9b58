// POST /v1/extract: raw text in, a draft out, nothing stored; the draft is accepted by POST
// /v1/briefs as it is; bad input is a problem.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import supertest from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeDatabases, type TestApp, testApp } from '../helpers/app.js'
import { call, type Key, makeKey } from '../helpers/http.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const SEED_TEXT = readFileSync(path.join(ROOT, 'seeds/000_2ab07fa545a6f5e6.txt'), 'utf8')

describe('POST /v1/extract', () => {
  let t: TestApp
  let write: Key

  beforeAll(async () => {
    // Empty store: the seed's own brief is not there to teach the extractor its actors.
    t = await testApp({ config: { WRITE_RATE_LIMIT: 100_000 } })
    write = await makeKey(t, 'write')
  })
  afterAll(async () => {
    await t.close()
    removeDatabases()
  })

  const post = (body: string | Buffer, type: string, token = write.token, query = '') =>
    supertest(t.app.server)
      .post(`/v1/extract${query}`)
      .set('authorization', `Bearer ${token}`)
      .set('content-type', type)
      .send(body)

  it('turns the seed page (text/plain) into a draft POST /v1/briefs accepts unchanged, and stores nothing', async () => {
    const res = await post(SEED_TEXT, 'text/plain; charset=utf-8', write.token, '?published=2022-01-03')
    expect(res.status, res.text).toBe(200)
    const { brief, warnings } = res.body
    expect(Array.isArray(warnings)).toBe(true)
    expect(brief.claims.length).toBeGreaterThan(10)
    for (const item of [...brief.claims, ...brief.events]) {
      expect(item.extraction).toMatchObject({ method: 'automatic', reviewed: false })
      expect(item.extraction.confidence).toBeGreaterThan(0)
      expect(brief.article.body.slice(item.evidence.start, item.evidence.end)).toBe(item.evidence.exact)
    }
    expect((await call(t, 'get', '/v1/articles')).body.data).toEqual([])

    const stored = await call(t, 'post', '/v1/briefs', write.token, brief)
    expect(stored.status, JSON.stringify(stored.body)).toBe(201)
    expect(Object.keys(stored.body.claims)).toHaveLength(brief.claims.length)
  })

  it('takes JSON with a publication date, and the query parameter too', async () => {
    const json = await call(t, 'post', '/v1/extract', write.token, { text: SEED_TEXT, published: '2022-01-03' })
    const query = await post(SEED_TEXT, 'text/plain', write.token, '?published=2022-01-03')
    expect(json.status).toBe(200)
    expect(json.body).toEqual(query.body)
  })

  it('is deterministic', async () => {
    const a = await post(SEED_TEXT, 'text/plain')
    const b = await post(SEED_TEXT, 'text/plain')
    expect(a.body).toEqual(b.body)
  })

  it('needs a write key', async () => {
    const res = await supertest(t.app.server).post('/v1/extract').set('content-type', 'text/plain').send(SEED_TEXT)
    expect(res.status).toBe(401)
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
  })

  it.each([
    ['empty text', '', 'text/plain', 400],
    ['binary data', Buffer.from([0x47, 0x00, 0x01, 0x02, 0x42]), 'text/plain', 415],
    ['bytes that are not UTF-8', Buffer.from([0x41, 0xff, 0xfe, 0x42]), 'text/plain', 415],
    ['text with no sentence', '---\n***\n12 34\n', 'text/plain', 422],
    ['an empty JSON text', JSON.stringify({ text: '' }), 'application/json', 400],
    ['an unknown JSON member', JSON.stringify({ text: 'A b c.', author: 'x' }), 'application/json', 400],
  ])('%s is a %i problem', async (_name, body, type, status) => {
    const res = await post(body, type)
    expect(res.status, res.text).toBe(status)
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(res.body.status).toBe(status)
  })

  it('a body over the limit is a 413 problem', async () => {
    const res = await post('Word. '.repeat(Math.ceil(t.config.BODY_LIMIT_BYTES / 6) + 10), 'text/plain')
    expect(res.status).toBe(413)
    expect(res.body.code).toBe('payload-too-large')
  })

  it('other routes still refuse text/plain', async () => {
    const res = await supertest(t.app.server)
      .post('/v1/briefs')
      .set('authorization', `Bearer ${write.token}`)
      .set('content-type', 'text/plain')
      .send('x')
    expect(res.status).toBe(415)
  })
})
