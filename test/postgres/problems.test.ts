// PostgreSQL's own refusals reach the client as problems, never as a 500: text it cannot store
// (NUL), a unique value taken meanwhile. The rest of the error contract runs on PostgreSQL with the
// API tests (vitest.config.ts, ON_BOTH).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeDatabases, type TestApp, testApp } from '../helpers/app.js'
import { miniBrief, span, uniqueSlug } from '../helpers/briefs.js'
import { call, type Key, makeKey } from '../helpers/http.js'

describe('database refusals on PostgreSQL', () => {
  let t: TestApp
  let key: Key

  beforeAll(async () => {
    t = await testApp({ seed: true })
    key = await makeKey(t, 'write')
  })
  afterAll(async () => {
    await t.close()
    await removeDatabases()
  })

  it('a brief whose text holds a NUL character is a 400 problem, and nothing of it is stored', async () => {
    const slug = uniqueSlug('nul')
    const body = 'Japan said the talks went well.\u0000 China agreed.'
    const res = await call(
      t,
      'post',
      '/v1/briefs',
      key.token,
      miniBrief(slug, body, {
        actors: [{ slug: 'japan', name: 'Japan', kind: 'state', surfaceForms: ['Japan'] }],
        claims: [
          {
            key: 'c1',
            kind: 'assessment',
            summary: 'The talks went well.',
            evidence: span(body, 'Japan said the talks went well.'),
            claimants: ['japan'],
            about: [],
          },
        ],
      }),
    )
    expect(res.status).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.body.code).toBe('bad-request')
    expect(JSON.stringify(res.body)).not.toMatch(/postgres|SQLSTATE|at .*\.ts/i)
    expect(await t.app.db.read.article.count({ where: { slug } })).toBe(0)
  })

  it('a search with a NUL character is answered, not failed', async () => {
    const res = await call(t, 'get', '/v1/search?q=hotline%00')
    expect(res.status).toBe(200)
    expect(res.body.data.length).toBeGreaterThan(0)
  })
})
