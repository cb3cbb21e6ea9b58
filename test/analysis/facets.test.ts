// Facets on the list routes: every count equals a direct SQL count for the same filter and the
// counts made from walking the whole list, whatever the page size; unknown facets are 400s.
import { describe, expect, it } from 'vitest'
import { SEED_SLUG, type TestApp, fileTestApp } from '../helpers/app.js'
import { actor, ingest, miniBrief, seedBrief, span } from '../helpers/briefs.js'
import { expectProblem } from '../helpers/problems.js'
import { get, getJson, listen, walkList, withQuery } from '../helpers/http.js'

type FacetValue = { value: string | number | null; count: number }
type Facets = Record<string, FacetValue[]>
// biome-ignore lint/suspicious/noExplicitAny: list items are inspected structurally
type Item = any

let t: TestApp
const idOf: Record<string, string> = {}

fileTestApp({ seed: true }, async (app) => {
  t = app
  await listen(t)
  // Two more copies of the seed article with other metadata, for the article facets.
  const v1 = seedBrief()
  Object.assign(v1.article, {
    slug: 'seed-copy-nikkei',
    publisher: 'Nikkei Asia',
    section: null,
    published: { date: '2023-05', precision: 'month', text: 'in May' },
    topics: ['security', 'economy'],
  })
  await ingest(t, v1)
  const v2 = seedBrief()
  Object.assign(v2.article, {
    slug: 'seed-copy-le-monde',
    publisher: 'Le Monde',
    language: 'fr',
    section: 'International',
    published: { date: '2022-11-03', precision: 'day' },
    topics: ['diplomacy'],
  })
  await ingest(t, v2)
  // A brief with located, dated and undated events of other types and statuses.
  const body =
    'Northland and Southland held talks in Portville in March 2019. Northland warned Southland that a blockade would follow. ' +
    'The blockade of the Southland coast has gone on since 2020. Northland threatened to expand it.'
  await ingest(
    t,
    miniBrief('harbour-talks', body, {
      article: { publisher: 'Nikkei Asia', language: 'en', topics: ['security'] },
      actors: [
        actor('northland', 'Northland', { country: 'NLA', surfaceForms: ['Northland'] }),
        actor('southland', 'Southland', { kind: 'grouping', country: null, surfaceForms: ['Southland'] }),
      ],
      claims: [
        {
          key: 'c1',
          kind: 'warning',
          modality: 'future',
          summary: 'A blockade would follow.',
          evidence: span(body, 'Northland warned Southland that a blockade would follow.'),
          claimants: ['northland'],
          about: ['southland'],
          stated: { date: '2019-03', precision: 'month' },
        },
        {
          key: 'c2',
          kind: 'prediction',
          modality: 'hypothetical',
          summary: 'The blockade may be expanded.',
          evidence: span(body, 'Northland threatened to expand it.'),
          claimants: ['northland'],
        },
      ],
      events: [
        {
          key: 'e1',
          title: 'Talks in Portville',
          type: 'CONSULT',
          status: 'occurred',
          start: { date: '2019-03', precision: 'month' },
          location: { name: 'Portville', country: 'KOR' },
          participants: [
            { actor: 'northland', role: 'participant' },
            { actor: 'southland', role: 'participant' },
          ],
          evidence: span(body, 'Northland and Southland held talks in Portville in March 2019.'),
        },
        {
          key: 'e2',
          title: 'Blockade of the Southland coast',
          type: 'COERCE',
          status: 'ongoing',
          start: { date: '2020', precision: 'year' },
          location: { name: 'Southland coast', country: 'JPN' },
          participants: [
            { actor: 'northland', role: 'initiator' },
            { actor: 'southland', role: 'target' },
          ],
          evidence: span(body, 'The blockade of the Southland coast has gone on since 2020.'),
        },
        {
          key: 'e3',
          title: 'Threat to expand the blockade',
          type: 'THREATEN',
          status: 'planned',
          participants: [{ actor: 'northland', role: 'initiator' }],
          evidence: span(body, 'Northland threatened to expand it.'),
        },
      ],
    }),
  )
  for (const slug of ['japan', 'xing-yuqing', 'northland']) {
    const a = await t.app.db.read.actor.findUniqueOrThrow({ where: { slug }, select: { id: true } })
    idOf[slug] = a.id
  }
  for (const slug of [SEED_SLUG, 'seed-copy-nikkei']) {
    const a = await t.app.db.read.article.findUniqueOrThrow({ where: { slug }, select: { id: true } })
    idOf[slug] = a.id
  }
})

const canon = (vs: FacetValue[]) =>
  [...vs].sort((a, b) => String(a.value).localeCompare(String(b.value))).map((v) => [v.value, v.count])

/** Facet values as documented: count descending, then value. */
function expectOrdered(vs: FacetValue[]): void {
  for (let i = 1; i < vs.length; i++) {
    const a = vs[i - 1] as FacetValue
    const b = vs[i] as FacetValue
    expect(a.count > b.count || (a.count === b.count && String(a.value).localeCompare(String(b.value)) <= 0)).toBe(true)
  }
}

/** Counts per value of `expr` over the rows of `from` that satisfy `where` (plain SQL). */
async function sqlCounts(expr: string, from: string, where: string): Promise<FacetValue[]> {
  const rows = await t.app.db.read.$queryRawUnsafe<Array<{ value: unknown; n: unknown }>>(
    `SELECT ${expr} AS value, count(*) AS n FROM ${from} WHERE ${where} GROUP BY 1`,
  )
  return rows.map((r) => ({
    value: typeof r.value === 'bigint' ? Number(r.value) : (r.value as string | number | null),
    count: Number(r.n),
  }))
}

/** Counts per value over a list of items; `of` may give several values (multi-valued facets). */
function itemCounts(items: Item[], of: (x: Item) => Array<string | number | null>): FacetValue[] {
  const m = new Map<string | number | null, number>()
  for (const x of items) for (const v of of(x)) m.set(v, (m.get(v) ?? 0) + 1)
  return [...m].map(([value, count]) => ({ value, count }))
}

const yearOf = (d: { date: string } | null) => (d ? Number(d.date.slice(0, 4)) : null)

interface Route {
  path: string
  facets: string[]
  /** SQL for a facet: value expression and FROM clause (the filtered table is aliased x). */
  sql: Record<string, { expr: string; from: string; key?: string }>
  base: string
  item: Record<string, (x: Item) => Array<string | number | null>>
  multi?: string[]
  /** Facets with a test of their own below. */
  elsewhere?: string[]
  cases: Array<{ query: Record<string, string>; where: () => string }>
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`

const ROUTES: Route[] = [
  {
    path: '/v1/events',
    facets: ['type', 'status', 'year', 'country', 'quadClass'],
    elsewhere: ['country'],
    base: 'x."deletedAt" IS NULL',
    sql: {
      type: { expr: 'x."type"', from: '"Event" x' },
      status: { expr: 'x."status"', from: '"Event" x' },
      year: { expr: 'CAST(substr(x."dateFrom", 1, 4) AS INTEGER)', from: '"Event" x' },
      quadClass: { expr: 'x."quadClass"', from: '"Event" x' },
    },
    item: {
      type: (e) => [e.type],
      status: (e) => [e.status],
      year: (e) => [yearOf(e.start)],
      quadClass: (e) => [e.quadClass],
    },
    cases: [
      { query: {}, where: () => '1 = 1' },
      { query: { type: 'AGREE' }, where: () => `x."type" = 'AGREE'` },
      { query: { status: 'ongoing' }, where: () => `x."status" = 'ongoing'` },
      {
        query: { actor: 'japan' },
        where: () => `x."id" IN (SELECT "eventId" FROM "EventParticipant" WHERE "actorId" = ${q(idOf.japan ?? '')})`,
      },
      { query: { from: '2022-01' }, where: () => `x."dateTo" >= '2022-01-01'` },
      {
        query: { country: 'JPN' },
        where: () =>
          `(x."locationCountry" = 'JPN' OR x."id" IN (SELECT p."eventId" FROM "EventParticipant" p JOIN "Actor" a ON a."id" = p."actorId" WHERE a."country" = 'JPN'))`,
      },
    ],
  },
  {
    path: '/v1/claims',
    facets: ['kind', 'modality', 'year'],
    base: 'x."deletedAt" IS NULL AND x."articleId" IN (SELECT "id" FROM "Article" WHERE "deletedAt" IS NULL)',
    sql: {
      kind: { expr: 'x."kind"', from: '"Claim" x' },
      modality: { expr: 'x."modality"', from: '"Claim" x' },
      year: { expr: 'CAST(substr(x."statedFrom", 1, 4) AS INTEGER)', from: '"Claim" x' },
    },
    item: {
      kind: (c) => [c.kind],
      modality: (c) => [c.modality],
      year: (c) => [yearOf(c.stated)],
    },
    cases: [
      { query: {}, where: () => '1 = 1' },
      { query: { kind: 'assessment' }, where: () => `x."kind" = 'assessment'` },
      { query: { modality: 'hypothetical' }, where: () => `x."modality" = 'hypothetical'` },
      {
        query: { claimant: 'xing-yuqing' },
        where: () =>
          `x."id" IN (SELECT "claimId" FROM "ClaimActor" WHERE "role" = 'claimant' AND "actorId" = ${q(idOf['xing-yuqing'] ?? '')})`,
      },
      {
        query: { about: 'japan' },
        where: () =>
          `x."id" IN (SELECT "claimId" FROM "ClaimActor" WHERE "role" = 'subject' AND "actorId" = ${q(idOf.japan ?? '')})`,
      },
      { query: { article: SEED_SLUG }, where: () => `x."articleId" = ${q(idOf[SEED_SLUG] ?? '')}` },
      { query: { statedFrom: '2022' }, where: () => `x."statedTo" >= '2022-01-01'` },
    ],
  },
  {
    path: '/v1/actors',
    facets: ['kind', 'country'],
    base: 'x."deletedAt" IS NULL AND x."mergedIntoId" IS NULL',
    sql: {
      kind: { expr: 'x."kind"', from: '"Actor" x' },
      country: { expr: 'x."country"', from: '"Actor" x' },
    },
    item: { kind: (a) => [a.kind], country: (a) => [a.country] },
    cases: [
      { query: {}, where: () => '1 = 1' },
      { query: { kind: 'state' }, where: () => `x."kind" = 'state'` },
      { query: { country: 'CHN' }, where: () => `x."country" = 'CHN'` },
      {
        query: { article: 'harbour-talks' },
        where: () =>
          `x."id" IN (SELECT "actorId" FROM "ArticleActor" WHERE "articleId" = (SELECT "id" FROM "Article" WHERE "slug" = 'harbour-talks'))`,
      },
    ],
  },
  {
    path: '/v1/articles',
    facets: ['topic', 'year', 'publisher', 'language', 'section'],
    base: 'x."deletedAt" IS NULL',
    sql: {
      topic: { expr: 'tp."topic"', from: '"Article" x JOIN "ArticleTopic" tp ON tp."articleId" = x."id"' },
      year: { expr: 'CAST(substr(x."publishedFrom", 1, 4) AS INTEGER)', from: '"Article" x' },
      publisher: { expr: 'x."publisher"', from: '"Article" x' },
      language: { expr: 'x."language"', from: '"Article" x' },
      section: { expr: 'x."section"', from: '"Article" x' },
    },
    item: {
      topic: (a) => a.topics,
      year: (a) => [yearOf(a.published)],
      publisher: (a) => [a.publisher],
      language: (a) => [a.language],
      section: (a) => [a.section],
    },
    multi: ['topic'],
    cases: [
      { query: {}, where: () => '1 = 1' },
      {
        query: { topic: 'security' },
        where: () => `x."id" IN (SELECT "articleId" FROM "ArticleTopic" WHERE "topic" = 'security')`,
      },
      { query: { publishedFrom: '2023' }, where: () => `x."publishedTo" >= '2023-01-01'` },
      {
        query: { actor: 'japan' },
        where: () => `x."id" IN (SELECT "articleId" FROM "ArticleActor" WHERE "actorId" = ${q(idOf.japan ?? '')})`,
      },
    ],
  },
]

describe.each(ROUTES)('facets on $path', (route) => {
  it.each(route.cases.map((c) => [new URLSearchParams(c.query).toString() || '(no filter)', c] as const))(
    'with %s: every facet equals a direct SQL count and the counts over the whole list (limit=1)',
    async (_label, c) => {
      const url = withQuery(route.path, { ...c.query, facets: route.facets.join(','), limit: '1', count: 'true' })
      const body = await getJson(t, url)
      const facets = body.facets as Facets
      expect(Object.keys(facets).sort()).toEqual([...route.facets].sort())
      expect(body.data.length).toBeLessThanOrEqual(1)
      const total = body.page.total as number
      const items = await walkList(t, withQuery(route.path, c.query))
      expect(items).toHaveLength(total)
      for (const f of route.facets) {
        if (route.elsewhere?.includes(f)) continue
        const spec = route.sql[f] as { expr: string; from: string }
        const direct = await sqlCounts(spec.expr, spec.from, `${route.base} AND ${c.where()}`)
        const fromItems = itemCounts(items, route.item[f] as (x: Item) => Array<string | number | null>)
        const got = facets[f] as FacetValue[]
        expect({ facet: f, counts: canon(got) }).toEqual({ facet: f, counts: canon(direct) })
        expect({ facet: f, counts: canon(got) }).toEqual({ facet: f, counts: canon(fromItems) })
        expectOrdered(got)
        // Single-valued facets partition the matching items.
        if (!route.multi?.includes(f)) expect(got.reduce((s, v) => s + v.count, 0)).toBe(total)
      }
    },
  )

  it('counts cover every matching item, not just the page', async () => {
    const body = await getJson(t, withQuery(route.path, { facets: route.facets.join(','), limit: '1', count: 'true' }))
    expect(body.page.total).toBeGreaterThan(1)
    expect(body.data).toHaveLength(1)
    const f = route.facets.find((x) => !route.multi?.includes(x)) as string
    expect((body.facets[f] as FacetValue[]).reduce((s, v) => s + v.count, 0)).toBe(body.page.total)
  })

  it('an unknown facet is a 400 validation problem pointing at /query/facets', async () => {
    for (const facets of ['nonsense', `${route.facets[0]},nonsense`, 'id', 'deletedAt'])
      expectProblem(await get(t, withQuery(route.path, { facets })), 400, 'validation', '/query/facets')
  })
})

describe('a facet value selects as many items as the filter of the same name', () => {
  const pairs: Array<[string, string[]]> = [
    ['/v1/events', ['type', 'status']],
    ['/v1/claims', ['kind', 'modality']],
    ['/v1/actors', ['kind', 'country']],
    ['/v1/articles', ['topic']],
  ]
  it.each(pairs)('%s: %j', async (path, names) => {
    const body = await getJson(t, withQuery(path, { facets: names.join(','), limit: '1' }))
    for (const f of names)
      for (const { value, count } of body.facets[f] as FacetValue[]) {
        if (value === null) continue
        const page = await getJson(t, withQuery(path, { [f]: String(value), limit: '1', count: 'true' }))
        expect({ f, value, total: page.page.total }).toEqual({ f, value, total: count })
      }
  })

  it('/v1/events: the country facet counts events as the country filter finds them', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{}, '1 = 1'],
      [{ type: 'AGREE' }, `x."type" = 'AGREE'`],
      [{ status: 'ongoing' }, `x."status" = 'ongoing'`],
    ]
    for (const [query, where] of cases) await countryCase(query, where)
  })

  async function countryCase(query: Record<string, string>, where: string): Promise<void> {
    const body = await getJson(t, withQuery('/v1/events', { ...query, facets: 'country', limit: '1', count: 'true' }))
    const got = body.facets.country as FacetValue[]
    // The filter's meaning: the location's country or the country of any participant.
    const w = `x."deletedAt" IS NULL AND ${where}`
    const direct = await t.app.db.read.$queryRawUnsafe<Array<{ value: string | null; n: unknown }>>(`
      SELECT c AS value, count(DISTINCT id) AS n FROM (
        SELECT x."id" AS id, x."locationCountry" AS c FROM "Event" x WHERE ${w} AND x."locationCountry" IS NOT NULL
        UNION
        SELECT x."id", a."country" FROM "Event" x JOIN "EventParticipant" p ON p."eventId" = x."id"
          JOIN "Actor" a ON a."id" = p."actorId" WHERE ${w} AND a."country" IS NOT NULL
      ) AS countries GROUP BY c
      UNION ALL
      SELECT NULL, count(*) FROM "Event" x WHERE ${w} AND x."locationCountry" IS NULL AND NOT EXISTS (
        SELECT 1 FROM "EventParticipant" p JOIN "Actor" a ON a."id" = p."actorId"
        WHERE p."eventId" = x."id" AND a."country" IS NOT NULL)`)
    const want = direct.map((r) => ({ value: r.value, count: Number(r.n) })).filter((v) => v.count > 0)
    expect(want.some((v) => v.value === 'JPN')).toBe(true)
    expect({ query, counts: canon(got) }).toEqual({ query, counts: canon(want) })
    for (const { value, count } of want) {
      if (value === null) continue
      const page = await getJson(t, withQuery('/v1/events', { ...query, country: value, limit: '1', count: 'true' }))
      expect({ value, total: page.page.total }).toEqual({ value, total: count })
    }
  }
})
