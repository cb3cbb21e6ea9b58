// Materialised briefs (src/db/brief-docs.ts): GET /v1/articles/{id}/brief sends the stored document
// when it is fresh, and a write marks stale, in its own transaction, every document that shows a row
// it changed. Checked after each kind of write, read at once: every brief served equals the brief
// built from the tables, and every fresh document does too (so none is ever stale).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { briefReader } from '../../src/db/brief-sql.js'
import type { BriefInput } from '../../src/domain/brief.schema.js'
import { etagOf } from '../../src/lib/http.js'
import { removeDatabases, SEED_SLUG, type TestApp, testApp } from '../helpers/app.js'
import { uniqueSlug } from '../helpers/briefs.js'
import { call, get, type Key, makeKey } from '../helpers/http.js'
import { sqliteConnection } from '../../src/db/database.js'

type Stored = BriefInput & {
  article: BriefInput['article'] & { id: string }
  actors: Array<BriefInput['actors'][number] & { id: string }>
  claims: Array<BriefInput['claims'][number] & { id: string }>
  events: Array<BriefInput['events'][number] & { id: string }>
}

interface DocRow {
  articleId: string
  stale: number
  json: string | null
  etag: string | null
}

/** Articles sharing the seed's actors and events: more than one write transaction rebuilds. */
const COPIES = 20

describe('materialised briefs', () => {
  let t: TestApp
  let write: Key
  let admin: Key
  let ids: string[]

  const docs = () =>
    sqliteConnection(t.app.db).prepare('SELECT * FROM "BriefDoc" ORDER BY "articleId"').all() as DocRow[]
  const live = async (id: string) => JSON.stringify(await briefReader(t.app.db.sql)(id))

  /** Every brief, read at once over HTTP, is the brief of the tables; so is every fresh document. */
  async function expectConsistent(): Promise<void> {
    for (const id of ids) {
      const res = await get(t, `/v1/articles/${id}/brief`)
      expect(res.status).toBe(200)
      expect(res.text).toBe(await live(id))
      expect(res.headers.etag).toBe(etagOf(res.text))
    }
    for (const d of docs()) {
      if (d.stale) continue
      expect(d.json).toBe(await live(d.articleId)) // stored as text, served as its bytes
      expect(d.etag).toBe(etagOf(d.json ?? ''))
    }
  }

  async function allFresh(): Promise<void> {
    const end = Date.now() + 10_000
    while (docs().some((d) => d.stale) && Date.now() < end) await new Promise((r) => setTimeout(r, 20))
    expect(docs().filter((d) => d.stale)).toEqual([])
  }

  beforeAll(async () => {
    t = await testApp({ seed: true, config: { WRITE_RATE_LIMIT: 100_000, CACHE_MAX_BYTES: 0 } })
    write = await makeKey(t, 'write')
    admin = await makeKey(t, 'admin')
    const seed = (await call(t, 'get', `/v1/articles/${SEED_SLUG}/brief`)).body as Stored
    ids = [seed.article.id]
    for (let i = 0; i < COPIES; i++) {
      const copy = { ...seed, article: { ...seed.article, slug: uniqueSlug('copy') } }
      const res = await call(t, 'post', '/v1/briefs', write.token, copy)
      expect(res.status).toBe(201)
      ids.push((res.body as { articleId: string }).articleId)
    }
  })
  afterAll(async () => {
    await t.close()
    removeDatabases()
  })

  it('stores a document for every article, served as stored with its ETag and 304s', async () => {
    await allFresh()
    expect(docs().map((d) => d.articleId)).toEqual([...ids].sort())
    await expectConsistent()
    const first = await get(t, `/v1/articles/${ids[1]}/brief`)
    const again = await get(t, `/v1/articles/${ids[1]}/brief`, { 'if-none-match': String(first.headers.etag) })
    expect(again.status).toBe(304)
  })

  it('sends the stored bytes when fresh, and never a stale document', async () => {
    const id = ids[2] as string
    const marker = '{"stored":true}'
    const set = (stale: number) => {
      // A separate connection: the app's reader is read-only.
      const db = sqliteConnection(t.app.db)
      const file = db.name
      const rw = new (db.constructor as typeof import('better-sqlite3'))(file)
      rw.prepare('UPDATE "BriefDoc" SET json = ?, etag = ?, stale = ? WHERE "articleId" = ?').run(
        marker,
        etagOf(marker),
        stale,
        id,
      )
      rw.close()
    }
    set(0)
    expect((await get(t, `/v1/articles/${id}/brief`)).text).toBe(marker)
    set(1)
    expect((await get(t, `/v1/articles/${id}/brief`)).text).toBe(await live(id))
    // Put the true document back through the writer: a write to the article makes it stale and rebuilds it.
    const res = await call(t, 'patch', `/v1/articles/${id}`, write.token, { title: 'Copy, retitled' })
    expect(res.status).toBe(200)
    await allFresh()
    await expectConsistent()
  })

  it('follows a PATCH of an actor every article shows (more articles than one write rebuilds)', async () => {
    const res = await call(t, 'patch', '/v1/actors/japan', write.token, { name: 'Japan (renamed)' })
    expect(res.status).toBe(200)
    await expectConsistent()
    for (const id of ids) expect(await live(id)).toContain('Japan (renamed)')
    await allFresh()
    await expectConsistent()
  })

  it('follows PATCHes of a shared event and of a claim, and a claim deleted', async () => {
    const brief = JSON.parse(await live(ids[0] as string)) as Stored
    const event = brief.events[0] as Stored['events'][number]
    const claim = brief.claims[0] as Stored['claims'][number]
    expect((await call(t, 'patch', `/v1/events/${event.id}`, write.token, { title: 'Event, retitled' })).status).toBe(
      200,
    )
    await expectConsistent()
    expect((await call(t, 'patch', `/v1/claims/${claim.id}`, write.token, { summary: 'Claim, restated' })).status).toBe(
      200,
    )
    await expectConsistent()
    expect(await live(ids[0] as string)).toContain('Claim, restated')
    expect((await call(t, 'delete', `/v1/claims/${claim.id}`, admin.token)).status).toBe(204)
    await expectConsistent()
    expect(await live(ids[0] as string)).not.toContain('Claim, restated')
    await allFresh()
    await expectConsistent()
  })

  it('follows a merge of two actors and a brief replaced', async () => {
    const brief = JSON.parse(await live(ids[3] as string)) as Stored
    const [a, b] = brief.actors.filter((x) => x.slug !== 'japan')
    const merged = await call(t, 'post', `/v1/actors/${a?.slug}/merge`, admin.token, { duplicate: b?.slug })
    expect(merged.status).toBe(200)
    await expectConsistent()
    expect(await live(ids[3] as string)).not.toContain(`"slug":"${b?.slug}"`)
    const after = JSON.parse(await live(ids[3] as string)) as Stored
    const replaced = { ...after, article: { ...after.article, title: 'Replaced' }, claims: [], events: [] }
    const put = await call(t, 'put', `/v1/briefs/${brief.article.slug}`, write.token, replaced)
    expect(put.status, put.text).toBeLessThan(300)
    await expectConsistent()
    await allFresh()
    await expectConsistent()
  })

  it("keeps every link row's copy of its record's date window equal to the record's (ingest writes them itself)", () => {
    const mismatches = sqliteConnection(t.app.db)
      .prepare(
        `SELECT 'claim' AS kind, count(*) AS n FROM "ClaimActor" x JOIN "Claim" c ON c.id = x."claimId"
           WHERE x."statedFrom" IS NOT c."statedFrom" OR x."statedTo" IS NOT c."statedTo"
         UNION ALL SELECT 'event', count(*) FROM "EventParticipant" p JOIN "Event" e ON e.id = p."eventId"
           WHERE p."dateFrom" IS NOT e."dateFrom" OR p."dateTo" IS NOT e."dateTo"
         UNION ALL SELECT 'article', count(*) FROM "ArticleActor" x JOIN "Article" a ON a.id = x."articleId"
           WHERE x."publishedFrom" IS NOT a."publishedFrom" OR x."publishedTo" IS NOT a."publishedTo"`,
      )
      .all()
    expect(mismatches).toEqual([
      { kind: 'claim', n: 0 },
      { kind: 'event', n: 0 },
      { kind: 'article', n: 0 },
    ])
    const dated = sqliteConnection(t.app.db)
      .prepare('SELECT count(*) FROM "ClaimActor" WHERE "statedFrom" IS NOT NULL')
      .pluck()
      .get()
    expect(dated).toBeGreaterThan(0)
  })
})
