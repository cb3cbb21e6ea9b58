import Database from 'better-sqlite3'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sqlitePath } from '../../src/db/schema-engine.js'
import { createKey } from '../../src/db/keys.js'
import { removeDatabases, SEED_SLUG, seedBriefJson, type TestApp, testApp } from '../helpers/app.js'

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

describe('cache invalidation by what changed', () => {
  let t: TestApp
  let token: string
  const OTHER = 'cache-other-article'
  beforeAll(async () => {
    t = await testApp({ seed: true })
    token = (await createKey(t.app.db.read, 'write', 'cache-test')).token
    const brief = seedBriefJson() as { article: { slug: string; title: string } }
    brief.article.slug = OTHER
    const res = await request(t.app.server).post('/v1/briefs').set('authorization', `Bearer ${token}`).send(brief)
    expect(res.status).toBe(201)
  })
  afterAll(async () => {
    await t.close()
    removeDatabases()
  })

  const get = (path: string, accept = 'application/json') => request(t.app.server).get(path).set('accept', accept)
  const patchTitle = (slug: string, title: string) =>
    request(t.app.server).patch(`/v1/articles/${slug}`).set('authorization', `Bearer ${token}`).send({ title })

  it('keeps a cached brief across a write to another article, in every format', async () => {
    for (const accept of ['application/json', 'text/markdown']) {
      await get(`/v1/articles/${SEED_SLUG}/brief`, accept) // fill
      const before = await get(`/v1/articles/${SEED_SLUG}/brief`, accept)
      expect(before.headers['x-cache']).toBe('hit')
      expect((await patchTitle(OTHER, `Other ${accept}`)).status).toBe(200)
      const after = await get(`/v1/articles/${SEED_SLUG}/brief`, accept)
      expect(after.headers['x-cache']).toBe('hit')
      expect(after.text).toBe(before.text)
    }
  })

  it('drops a cached brief when its own article changes, and lists on any write', async () => {
    await get(`/v1/articles/${SEED_SLUG}/brief`)
    await get('/v1/articles?limit=5')
    expect((await get('/v1/articles?limit=5')).headers['x-cache']).toBe('hit')
    expect((await patchTitle(SEED_SLUG, 'A changed title')).status).toBe(200)
    const brief = await get(`/v1/articles/${SEED_SLUG}/brief`)
    expect(brief.headers['x-cache']).toBe('miss')
    expect(brief.body.article.title).toBe('A changed title')
    const list = await get('/v1/articles?limit=5')
    expect(list.headers['x-cache']).toBe('miss')
    expect(list.body.data.map((a: { title: string }) => a.title)).toContain('A changed title')
  })

  it('drops a cached brief when an actor it shows changes (the fan-out through the link tables)', async () => {
    await get(`/v1/articles/${OTHER}/brief`)
    expect((await get(`/v1/articles/${OTHER}/brief`)).headers['x-cache']).toBe('hit')
    const actor = (await get(`/v1/articles/${OTHER}/brief`)).body.actors[0].slug as string
    const res = await request(t.app.server)
      .patch(`/v1/actors/${actor}`)
      .set('authorization', `Bearer ${token}`)
      .send({ name: 'Renamed for the cache test' })
    expect(res.status).toBe(200)
    const after = await get(`/v1/articles/${OTHER}/brief`)
    expect(after.headers['x-cache']).toBe('miss')
    expect(after.body.actors.map((a: { name: string }) => a.name)).toContain('Renamed for the cache test')
  })

  it('drops a cached brief changed by another process', async () => {
    await get(`/v1/articles/${OTHER}/brief`)
    expect((await get(`/v1/articles/${OTHER}/brief`)).headers['x-cache']).toBe('hit')
    const other = new Database(sqlitePath(t.config.DATABASE_URL))
    other.prepare('UPDATE "Article" SET title = ? WHERE slug = ?').run('Retitled elsewhere', OTHER)
    other.close()
    const after = await get(`/v1/articles/${OTHER}/brief`)
    expect(after.headers['x-cache']).toBe('miss')
    expect(after.body.article.title).toBe('Retitled elsewhere')
  })
})
