// The contract every list route shares: cursor walks (page.nextCursor and the Link header) that give
// back the unpaginated list, count=true, refused cursors (malformed, from another resource, filter
// or sort, or with a position of the wrong type), limit bounds, unknown parameters and ETags.
// One table row per list route; what each row names is the data its checks use.
import { describe, expect, it } from 'vitest'
import { type TestApp, fileTestApp } from '../helpers/app.js'
import { briefVariant, ingest } from '../helpers/briefs.js'
import {
  decodeCursor,
  encodeCursor,
  expectEtagRoundTrip,
  get,
  getOk,
  listAll,
  walkCursor,
  walkLink,
  withQuery,
} from '../helpers/http.js'
import { expectProblem } from '../helpers/problems.js'

type Item = { id: string }
// biome-ignore lint/suspicious/noExplicitAny: list pages are read field by field
type Page = any

interface ListRoute {
  path: string
  /** Queries (with their sort) walked 2 items at a time. */
  walks: string[]
  /** A sort walked through the Link header, and a filter + sort walked with count=true. */
  linkWalk: { sorted: string; filtered: string }
  /** Page size of the count=true walk, and a filter whose first page (limit 1) has a next page. */
  count: { limit: number; filtered: string }
  /** A list of another resource whose next cursor this route must refuse, and the query it is tried with. */
  foreign: { url: string; query: string }
  /** The query of this route's own cursor (limit 2), and queries under which that cursor is refused. */
  own: { query: string; refusedUnder: string[] }
  /** A sort whose cursor position is a string, what it holds after page one, and wrong-typed positions. */
  position: { sort: string; expected: (firstPage: Page) => unknown; wrong: unknown[] }
  unknownParam: string
  etags: string[]
}

/** Malformed cursors: each route refuses every one of them. */
const MALFORMED = [
  'garbage',
  'not-a-cursor',
  '%%%',
  '~~~',
  '_-_-',
  'e30',
  'bm9wZQ',
  encodeCursor(null),
  encodeCursor(42),
  encodeCursor('actors'),
  encodeCursor([1, 2]),
  encodeCursor({ r: 'articles' }),
  encodeCursor({ r: 'actors', s: 'id' }),
  encodeCursor({ r: 'claims', s: 'id', f: 'x', v: 'x' }),
  encodeCursor({ r: 'events', s: 'id', f: '', v: 1, i: 'x'.repeat(65) }),
]

const LIST_ROUTES: ListRoute[] = [
  {
    path: '/v1/articles',
    walks: ['', '?sort=published', '?sort=-title', '?topic=security&sort=-published'],
    linkWalk: { sorted: 'sort=title', filtered: 'topic=security&sort=-published' },
    count: { limit: 2, filtered: 'topic=security' },
    foreign: { url: '/v1/actors?limit=2', query: '' },
    own: { query: '', refusedUnder: ['topic=security', 'sort=title'] },
    position: { sort: 'title', expected: () => expect.any(String), wrong: [42, null] },
    unknownParam: 'author=zhang',
    etags: ['', '?topic=security&limit=1'],
  },
  {
    path: '/v1/actors',
    walks: ['', '?sort=-name', '?kind=academic_institution&sort=name'],
    linkWalk: { sorted: 'sort=-name', filtered: 'country=chn&sort=name' },
    count: { limit: 10, filtered: 'kind=person' },
    foreign: { url: '/v1/claims?limit=2', query: '' },
    own: { query: 'kind=state', refusedUnder: ['kind=person', 'kind=state&country=JPN', '', 'kind=state&sort=name'] },
    position: { sort: 'name', expected: (first) => first.data[1].name, wrong: [7, null] },
    unknownParam: 'name=China',
    etags: ['', '?q=pla'],
  },
  {
    path: '/v1/claims',
    walks: ['', '?sort=-stated', '?about=japan&sort=stated'],
    linkWalk: { sorted: 'sort=stated', filtered: 'claimant=zhang-tuosheng&sort=-stated' },
    count: { limit: 6, filtered: 'kind=recommendation' },
    foreign: { url: '/v1/events?limit=2', query: '' },
    own: {
      query: 'claimant=japan',
      refusedUnder: ['claimant=xing-yuqing', 'claimant=japan&kind=pledge', '', 'claimant=japan&sort=stated'],
    },
    position: { sort: 'stated', expected: () => '2021-12-01', wrong: [20211201] },
    unknownParam: 'speaker=japan',
    etags: ['', '?claimant=japan&limit=2'],
  },
  {
    path: '/v1/events',
    walks: ['', '?sort=date', '?actor=japan&sort=-date'],
    linkWalk: { sorted: 'sort=-date', filtered: 'type=MOBILIZE&sort=date' },
    count: { limit: 5, filtered: 'from=2021-12-20' },
    foreign: { url: '/v1/articles?limit=1&q=hotline', query: 'q=hotline' },
    own: {
      query: 'actor=japan',
      refusedUnder: ['actor=china', 'actor=japan&from=2021', '', 'actor=japan&sort=-date', 'initiator=japan'],
    },
    position: { sort: 'date', expected: () => '2021-12-01', wrong: [2021] },
    unknownParam: 'participant=japan',
    etags: ['', '?from=2021-12-20&sort=date'],
  },
]

const ids = (items: Item[]) => items.map((i) => i.id)

let t: TestApp

// The seed and four copies of it (same body) with other publication dates, topics and titles.
fileTestApp({ seed: true }, async (app) => {
  t = app
  await ingest(
    t,
    briefVariant('quokka-diplomacy', (b) => {
      b.article.title = 'Quokka diplomacy: US and Japan deepen defence ties'
      b.article.published = { date: '2022-01-13', precision: 'day', approximate: false, text: 'on Thursday' }
      b.article.topics = ['trade']
    }),
  )
  await ingest(
    t,
    briefVariant('december-review', (b) => {
      b.article.title = 'December review of East Asian security'
      b.article.published = { date: '2021-12', precision: 'month', approximate: false, text: 'December' }
      b.article.topics = ['security']
    }),
  )
  await ingest(
    t,
    briefVariant('year-in-review-2021', (b) => {
      b.article.title = 'Year in review 2021'
      b.article.published = { date: '2021', precision: 'year', approximate: false, text: null }
      b.article.topics = ['east-asia', 'security']
    }),
  )
  await ingest(
    t,
    briefVariant('after-the-pact', (b) => {
      b.article.title = 'After the pact: Japan and Australia'
      b.article.published = { date: '2022-02-01', precision: 'day', approximate: false, text: null }
      b.article.topics = ['trade']
    }),
  )
})

describe.each(LIST_ROUTES)('list contract of $path', (route) => {
  const { path } = route
  const url = (query: string) => (query ? `${path}?${query}` : path)
  const refused = (res: Parameters<typeof expectProblem>[0]) =>
    expectProblem(res, { status: 400, code: 'invalid-cursor', instance: path })

  it.each(route.walks)('a limit=2 walk following page.nextCursor yields the unpaginated list (%s)', async (query) => {
    const all = await listAll<Item>(t, `${path}${query}`)
    const walk = await walkCursor<Item>(t, withQuery(`${path}${query}`, { limit: '2' }), 2)
    expect(walk.items).toEqual(all)
    expect(walk.pages).toBe(Math.max(1, Math.ceil(all.length / 2)))
    expect(new Set(ids(walk.items)).size).toBe(walk.items.length)
  })

  it('a limit=2 walk following the Link header yields the unpaginated list, filters kept', async () => {
    const all = await listAll<Item>(t, url(route.linkWalk.sorted))
    expect(all.length).toBeGreaterThan(4)
    const walk = await walkLink<Item>(t, `${url(route.linkWalk.sorted)}&limit=2`)
    expect(walk.items).toEqual(all)
    expect(walk.pages).toBe(Math.ceil(all.length / 2))
    const kept = await listAll<Item>(t, url(route.linkWalk.filtered))
    expect(kept.length).toBeGreaterThan(2)
    expect(kept.length).toBeLessThan(all.length)
    const filtered = await walkLink<Item>(t, `${url(route.linkWalk.filtered)}&limit=2&count=true`)
    expect(ids(filtered.items)).toEqual(ids(kept))
    expect(filtered.totals).toEqual(Array(Math.ceil(kept.length / 2)).fill(kept.length))
  })

  it('count=true adds page.total, on every page; count=false does not', async () => {
    const all = await listAll<Item>(t, path)
    const res = await getOk(t, `${path}?count=true&limit=100`)
    expect(res.body.page).toEqual({ limit: 100, nextCursor: null, total: all.length })
    expect(res.body.data).toHaveLength(all.length)
    const { limit } = route.count
    expect(all.length).toBeGreaterThan(2 * limit)
    const walk = await walkCursor(t, `${path}?count=true&limit=${limit}`, limit)
    expect(walk.totals).toEqual(Array(Math.ceil(all.length / limit)).fill(all.length))
    const matching = await listAll<Item>(t, url(route.count.filtered))
    expect(matching.length).toBeGreaterThan(1)
    const filtered = await getOk(t, `${url(route.count.filtered)}&count=true&limit=1`)
    expect(filtered.body.page).toEqual({ limit: 1, nextCursor: expect.any(String), total: matching.length })
    const off = await getOk(t, `${path}?count=false&limit=100`)
    expect(off.body.page).toEqual({ limit: 100, nextCursor: null })
  })

  it.each(MALFORMED)('rejects a malformed cursor %s with invalid-cursor', async (cursor) => {
    refused(await get(t, `${path}?cursor=${encodeURIComponent(cursor)}`))
  })

  it('rejects a cursor from another resource, another filter or another sort', async () => {
    const foreign = (await getOk(t, route.foreign.url)).body.page.nextCursor as string
    expect(foreign).toEqual(expect.any(String))
    refused(await get(t, withQuery(url(route.foreign.query), { limit: '2', cursor: foreign })))
    const own = (await getOk(t, withQuery(url(route.own.query), { limit: '2' }))).body.page.nextCursor as string
    expect(own).toEqual(expect.any(String))
    for (const query of route.own.refusedUnder)
      refused(await get(t, withQuery(url(query), { limit: '2', cursor: own })))
    const next = await getOk(t, withQuery(url(route.own.query), { limit: '2', cursor: own }))
    const all = await listAll<Item>(t, url(route.own.query))
    expect(all.length).toBeGreaterThan(2)
    expect(ids(next.body.data)).toEqual(ids(all.slice(2, 4)))
    // The same list with another page size is the same list.
    expect((await get(t, withQuery(url(route.own.query), { limit: '3', cursor: own }))).status).toBe(200)
  })

  it('rejects a well-formed cursor whose position has the wrong type with invalid-cursor, not a 500', async () => {
    const { sort } = route.position
    const first = await getOk(t, `${path}?limit=2&sort=${sort}`)
    const payload = decodeCursor(first.body.page.nextCursor as string)
    expect(payload.v).toEqual(route.position.expected(first.body))
    for (const v of route.position.wrong)
      refused(await get(t, `${path}?limit=2&sort=${sort}&cursor=${encodeCursor({ ...payload, v })}`))
  })

  it.each(['0', '101'])('rejects limit=%s with a problem pointing at /query/limit', async (limit) => {
    const res = await get(t, `${path}?limit=${limit}`)
    expectProblem(res, { status: 400, code: 'validation', instance: path, pointer: '/query/limit' })
  })

  it(`rejects an unknown query parameter (${route.unknownParam}), naming it`, async () => {
    const res = await get(t, `${path}?${route.unknownParam}`)
    const name = route.unknownParam.split('=')[0]
    expectProblem(res, { status: 400, code: 'validation', instance: path, pointer: `/query/${name}` })
  })

  it.each(route.etags)('answers a strong ETag and 304 to If-None-Match (%s)', async (query) => {
    await expectEtagRoundTrip(t, `${path}${query}`)
  })
})

// An export fetches its first page before the stream starts, so a search expression the list refuses
// is a 400 problem, not a CSV header followed by a connection cut short. (The actor list matches
// names leniently: text that is no search expression still matches aliases.)
describe.each(['/v1/articles', '/v1/claims', '/v1/events'])('exports of %s', (path) => {
  it.each(['csv', 'ndjson'])('refuse a bad search expression with its problem in format=%s', async (format) => {
    const bad = await get(t, `${path}?format=${format}&q=${encodeURIComponent('(')}`)
    expectProblem(bad, { status: 400, code: 'validation', instance: path })
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/)
  })
})
