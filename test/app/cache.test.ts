import Database from 'better-sqlite3'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sqlitePath } from '../../src/db/schema-engine.js'
import { createKey } from '../../src/db/keys.js'
import { removeDatabases, SEED_SLUG, type TestApp, testApp } from '../helpers/app.js'

describe('response cache never serves stale data', () => {
  let t: TestApp
  let token: string
  beforeAll(async () => {
    t = await testApp({ seed: true })
    token = (await createKey(t.app.db.read, 'write', 'cache-test')).token
  })
  afterAll(async () => {
    await t.close()
    removeDatabases()
  })

  const title = async () => (await request(t.app.server).get(`/v1/articles/${SEED_SLUG}`)).body.title as string

  it('serves a repeated GET from the cache with the same ETag', async () => {
    const a = await request(t.app.server).get(`/v1/articles/${SEED_SLUG}/brief`)
    const b = await request(t.app.server).get(`/v1/articles/${SEED_SLUG}/brief`)
    expect(a.status).toBe(200)
    expect(a.headers['x-cache']).toBe('miss')
    expect(b.headers['x-cache']).toBe('hit')
    expect(b.headers.etag).toBe(a.headers.etag)
    expect(b.body).toEqual(a.body)
    const c = await request(t.app.server)
      .get(`/v1/articles/${SEED_SLUG}/brief`)
      .set('if-none-match', String(a.headers.etag))
    expect(c.status).toBe(304)
  })

  it('keeps the Link header of a cached page', async () => {
    const a = await request(t.app.server).get('/v1/claims?limit=2')
    const b = await request(t.app.server).get('/v1/claims?limit=2')
    expect(b.headers['x-cache']).toBe('hit')
    expect(a.headers.link).toMatch(/rel="next"/)
    expect(b.headers.link).toBe(a.headers.link)
  })

  it('a write through the API is visible to the very next read, 50 times in a row', async () => {
    for (let i = 0; i < 50; i++) {
      await title() // fill the cache
      const next = `Cached title ${i}`
      const res = await request(t.app.server)
        .patch(`/v1/articles/${SEED_SLUG}`)
        .set('authorization', `Bearer ${token}`)
        .send({ title: next })
      expect(res.status).toBe(200)
      expect(await title()).toBe(next)
    }
  })

  it('a write by another connection (another process) is visible to the next read', async () => {
    await title()
    const other = new Database(sqlitePath(t.config.DATABASE_URL))
    other.prepare('UPDATE "Article" SET title = ? WHERE slug = ?').run('Written elsewhere', SEED_SLUG)
    other.close()
    expect(await title()).toBe('Written elsewhere')
  })
})
