// GET /v1/articles runs hand-written SQL (src/db/article-list-sql.ts), driven from ArticleActor's
// trigger-kept copy of each article's publication window when an actor is given. This suite checks
// it against an oracle computed in the test from the stored rows (filters applied and the order
// sorted in JavaScript: nulls last, ties by id ascending) over every sort and filter combination,
// page by page through the cursors, on briefs with null, day, month and year publication dates,
// equal dates and equal titles, after a PATCH of a date (the Article trigger) and after a delete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { actorPool, synthBrief } from '../../bench/synth.js'
import type { Brief } from '../../src/domain/brief.schema.js'
import { ingestBrief } from '../../src/ingest/ingest.js'
import { boundRange } from '../../src/domain/dates.js'
import { removeDatabases, type TestApp, testApp } from '../helpers/app.js'
import { getOk, makeKey, walkCursor } from '../helpers/http.js'
import { sqliteConnection } from '../../src/db/database.js'

const SORTS = ['id', '-id', 'published', '-published', 'title', '-title']

let t: TestApp
let actors: string[] = []
let topic = ''

function vary(b: Brief, n: number): Brief {
  // Every fifth undated, every fourth month precision, every seventh year precision; pairs share a title.
  const date = b.article.published?.date ?? '2020-01-01'
  if (n % 5 === 0) b.article.published = null
  else if (n % 4 === 0)
    b.article.published = { date: date.slice(0, 7), precision: 'month', approximate: false, text: null }
  else if (n % 7 === 0)
    b.article.published = { date: date.slice(0, 4), precision: 'year', approximate: true, text: null }
  else if (n % 6 === 0) b.article.published = { date: '2019-06-15', precision: 'day', approximate: false, text: null }
  if (n % 2 === 1) b.article.title = `Shared title ${Math.floor(n / 2) % 5}`
  return b
}

beforeAll(async () => {
  t = await testApp({ seed: true })
  const pool = actorPool(40, 11)
  for (let n = 0; n < 48; n++) await ingestBrief(t.app.db, vary(synthBrief(n, pool, 11), n), { mode: 'create' })
  const { token } = await makeKey(t, 'admin')
  const rows = await t.app.db.read.article.findMany({ select: { slug: true }, orderBy: { id: 'asc' } })
  // A PATCHed publication date (Article trigger) and a deleted article.
  const patched = await t.app.inject({
    method: 'PATCH',
    url: `/v1/articles/${rows[3]?.slug}`,
    headers: { authorization: `Bearer ${token}` },
    payload: { published: { date: '2011-03', precision: 'month', approximate: false, text: null } },
  })
  expect(patched.statusCode, patched.body).toBe(200)
  const deleted = await t.app.inject({
    method: 'DELETE',
    url: `/v1/articles/${rows[5]?.slug}`,
    headers: { authorization: `Bearer ${token}` },
  })
  expect(deleted.statusCode, deleted.body).toBe(204)
  // The most linked actors, so filters match many articles.
  const linked = await t.app.db.read.articleActor.groupBy({ by: ['actorId'], _count: { _all: true } })
  linked.sort((a, b) => b._count._all - a._count._all)
  const top = linked.slice(0, 3).map((l) => l.actorId)
  actors = (await t.app.db.read.actor.findMany({ where: { id: { in: top } }, select: { slug: true } })).map(
    (a) => a.slug,
  )
  const topics = await t.app.db.read.articleTopic.groupBy({ by: ['topic'], _count: { _all: true } })
  topics.sort((a, b) => b._count._all - a._count._all)
  topic = topics[0]?.topic ?? ''
}, 120_000)

afterAll(async () => {
  await t.close()
  removeDatabases()
})

/** The oracle: the ids of every matching live article in page order, filtered and sorted here. */
async function reference(params: Record<string, string>, sort: string): Promise<string[]> {
  const rows = await t.app.db.read.article.findMany({
    where: { deletedAt: null },
    select: {
      id: true,
      title: true,
      publishedFrom: true,
      publishedTo: true,
      topics: { select: { topic: true } },
      actors: { select: { actor: { select: { slug: true } } } },
    },
  })
  const from = params.publishedFrom && boundRange(params.publishedFrom).from
  const to = params.publishedTo && boundRange(params.publishedTo).to
  const matching = rows.filter(
    (a) =>
      (!params.actor || a.actors.some((x) => x.actor.slug === params.actor)) &&
      (!params.topic || a.topics.some((x) => x.topic === params.topic)) &&
      (!from || (a.publishedTo !== null && a.publishedTo >= from)) &&
      (!to || (a.publishedFrom !== null && a.publishedFrom <= to)),
  )
  const desc = sort.startsWith('-')
  const key = sort.replace('-', '')
  const value = (a: (typeof rows)[number]) => (key === 'published' ? a.publishedFrom : key === 'title' ? a.title : a.id)
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  matching.sort((a, b) => {
    if (key === 'id') return desc ? -byId(a, b) : byId(a, b)
    const va = value(a)
    const vb = value(b)
    if (va === vb) return byId(a, b)
    if (va === null) return 1 // unknown dates last, whatever the direction
    if (vb === null) return -1
    return (va < vb ? -1 : 1) * (desc ? -1 : 1)
  })
  return matching.map((a) => a.id)
}

describe('the SQL article list', () => {
  it('ArticleActor carries each live article window (insert trigger and PATCH trigger)', async () => {
    const mismatched = await t.app.db.read.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM "ArticleActor" x JOIN "Article" a ON a.id = x."articleId"
      WHERE x."publishedFrom" IS NOT a."publishedFrom" OR x."publishedTo" IS NOT a."publishedTo"`
    expect(Number(mismatched[0]?.n)).toBe(0)
    const dated = await t.app.db.read.articleActor.count({ where: { publishedFrom: { not: null } } })
    expect(dated).toBeGreaterThan(100)
  })

  it('for every sort and filter combination, page by page (limit 4), with totals, counts and topics', async () => {
    expect(actors.length).toBe(3)
    const filters: Array<Record<string, string>> = [
      {},
      { actor: actors[0] as string },
      { actor: actors[1] as string, publishedFrom: '2016', publishedTo: '2021-06' },
      { actor: actors[2] as string, publishedFrom: '2019-06-15', publishedTo: '2019-06-15' },
      { publishedFrom: '2014-02', publishedTo: '2022' },
      { topic },
      { actor: actors[0] as string, topic, publishedTo: '2023' },
      { actor: 'no-such-actor' },
    ]
    let compared = 0
    for (const f of filters)
      for (const sort of SORTS) {
        const want = await reference(f, sort)
        const url = `/v1/articles?${new URLSearchParams({ ...f, sort, limit: '4', count: 'true' })}`
        const walk = await walkCursor<{ id: string; counts: unknown; topics: string[] }>(t, url, 4)
        expect(
          walk.items.map((r) => r.id),
          `${url}`,
        ).toEqual(want)
        expect(new Set(walk.totals)).toEqual(new Set([want.length]))
        compared += want.length
      }
    // Non-trivial: the filters select many rows in total, and none is empty except the unknown actor.
    expect(compared).toBeGreaterThan(400)
    const all = (await getOk(t, '/v1/articles?limit=100')).body as {
      data: Array<{ id: string; topics: string[]; counts: { actors: number; claims: number; events: number } }>
    }
    for (const a of all.data) {
      const r = await t.app.db.read.article.findUniqueOrThrow({
        where: { id: a.id },
        select: {
          topics: { select: { topic: true }, orderBy: { topic: 'asc' } },
          _count: { select: { actors: true, claims: { where: { deletedAt: null } }, events: true } },
        },
      })
      expect(a.topics).toEqual(r.topics.map((x) => x.topic))
      expect(a.counts).toEqual(r._count)
    }
  })

  it('uses the ArticleActor window indexes for an actor and a date range (no full scan, no sort for id order)', () => {
    const plan = (sql: string) =>
      (
        sqliteConnection(t.app.db)
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .all('x', '2019-01-01', '2020-12-31', 21) as Array<{
          detail: string
        }>
      )
        .map((r) => r.detail)
        .join(' | ')
    const byId = plan(
      `SELECT a.id FROM "ArticleActor" x JOIN "Article" a ON a.id = x."articleId"
       WHERE a."deletedAt" IS NULL AND x."actorId" = ? AND x."publishedTo" >= ? AND x."publishedFrom" <= ?
       ORDER BY x."articleId" ASC LIMIT ?`,
    )
    expect(byId).toMatch(/SEARCH x USING COVERING INDEX ArticleActor_actorId_articleId_publishedFrom_publishedTo_idx/)
    expect(byId).not.toMatch(/TEMP B-TREE/)
    const byDate = plan(
      `SELECT a.id FROM "ArticleActor" x JOIN "Article" a ON a.id = x."articleId"
       WHERE a."deletedAt" IS NULL AND x."actorId" = ? AND x."publishedTo" >= ? AND x."publishedFrom" <= ?
       ORDER BY x."publishedFrom" DESC, x."articleId" ASC LIMIT ?`,
    )
    expect(byDate).toMatch(/ArticleActor_actorId_publishedFrom_articleId_idx/)
  })
})
