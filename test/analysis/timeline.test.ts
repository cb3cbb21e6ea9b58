// GET /v1/timeline: chronological groups at each item's own precision, the article's wording
// kept, undated items counted, and the from/to, type, include and limit parameters.
import { describe, expect, it } from 'vitest'
import { type TestApp, fileTestApp } from '../helpers/app.js'
import { expectProblem } from '../helpers/problems.js'
import { get, getJson, listen } from '../helpers/http.js'
import { type PDate, rangeOf, type SeedBrief, seedBrief, seedIds } from '../helpers/briefs.js'

type Item = {
  kind: 'event' | 'claim'
  id: string
  title: string
  date: { date: string; precision: 'day' | 'month' | 'year'; approximate: boolean; text: string | null }
  type: string
  quote: string | null
  url: string
}
type Group = { period: string; precision: 'day' | 'month' | 'year'; label: string; items: Item[] }
type Timeline = { groups: Group[]; truncated: boolean; undated: number }

let t: TestApp
let seed: SeedBrief
let ids: Awaited<ReturnType<typeof seedIds>>

fileTestApp({ seed: true }, async (app) => {
  t = app
  await listen(t)
  seed = seedBrief()
  ids = await seedIds(t)
})

interface Expected {
  kind: 'event' | 'claim'
  id: string
  type: string
  date: PDate | null
  quote: string | null
}

/** The seed's events and claims involving an actor (any role), with their stored ids. */
function seedItems(slug?: string): Expected[] {
  const events = seed.events.flatMap((e, i) =>
    !slug || e.participants?.some((p) => p.actor === slug)
      ? [{ kind: 'event' as const, id: ids.events[i] as string, type: e.type, date: e.start ?? null, quote: null }]
      : [],
  )
  const claims = seed.claims.flatMap((c, i) =>
    !slug || c.claimants.includes(slug) || c.about?.includes(slug)
      ? [
          {
            kind: 'claim' as const,
            id: ids.claims[i] as string,
            type: c.kind,
            date: c.stated ?? null,
            quote: c.quote?.text ?? null,
          },
        ]
      : [],
  )
  return [...events, ...claims]
}

const flat = (tl: Timeline) => tl.groups.flatMap((g) => g.items)
const idSet = (xs: Array<{ id: string }>) => xs.map((x) => x.id).sort()
const overlaps = (d: PDate, from?: string, to?: string) => {
  const r = rangeOf(d)
  return (!from || r.to >= from) && (!to || r.from <= to)
}

function expectWellFormed(tl: Timeline): void {
  const periods = tl.groups.map((g) => `${g.precision}:${g.period}`)
  expect(new Set(periods).size).toBe(periods.length)
  for (let i = 1; i < tl.groups.length; i++) {
    const a = tl.groups[i - 1] as Group
    const b = tl.groups[i] as Group
    const ra = rangeOf({ date: a.period, precision: a.precision })
    const rb = rangeOf({ date: b.period, precision: b.precision })
    // Chronological: earliest possible day first, then the narrower span.
    expect(ra.from < rb.from || (ra.from === rb.from && ra.to < rb.to)).toBe(true)
  }
  for (const g of tl.groups) {
    expect(g.items.length).toBeGreaterThan(0)
    if (g.precision === 'year') expect(g.label).toBe(g.period)
    if (g.precision === 'month') expect(g.label).toMatch(/^[A-Z][a-z]+ \d{4}$/)
    if (g.precision === 'day') expect(g.label).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/)
    for (const item of g.items) {
      // Each item sits in the group of its own date, at its own precision.
      expect({ id: item.id, period: g.period, precision: g.precision }).toEqual({
        id: item.id,
        period: item.date.date,
        precision: item.date.precision,
      })
      if (item.date.precision === 'month') expect(item.date.date).toMatch(/^\d{4}-\d{2}$/)
      if (item.date.precision === 'year') expect(item.date.date).toMatch(/^\d{4}$/)
      expect(item.url).toBe(`/v1/${item.kind}s/${item.id}`)
    }
  }
}

async function timeline(query: string): Promise<Timeline> {
  return (await getJson(t, `/v1/timeline?${query}`)) as Timeline
}

describe('GET /v1/timeline?actor=japan', () => {
  it('holds exactly the dated events and claims involving Japan, in chronological groups', async () => {
    const tl = await timeline('actor=japan')
    expectWellFormed(tl)
    const expected = seedItems('japan').filter((x) => x.date)
    expect(idSet(flat(tl))).toEqual(idSet(expected))
    expect(tl.truncated).toBe(false)
    // Items are in order of their earliest possible day too.
    const froms = flat(tl).map((i) => rangeOf(i.date).from)
    expect(froms).toEqual([...froms].sort())
  })

  it('places each item at its own precision: December 2021, 1 January 2022, 2022', async () => {
    const tl = await timeline('actor=japan')
    const groupOf = (id: string) => tl.groups.find((g) => g.items.some((i) => i.id === id))
    const hotline = seed.events.findIndex((e) => e.type === 'AGREE' && /hotline/i.test(e.title))
    const hotlineStart = seed.events.findIndex((e) => e.type === 'COOPERATE' && /hotline/i.test(e.title))
    const rcep = seed.events.findIndex((e) => /Regional Comprehensive Economic Partnership/.test(e.title))
    expect(seed.events[hotline]?.start).toMatchObject({ date: '2021-12', precision: 'month' })
    expect(seed.events[rcep]?.start).toMatchObject({ date: '2022-01-01', precision: 'day' })
    expect(seed.events[hotlineStart]?.start).toMatchObject({ date: '2022', precision: 'year' })
    expect(groupOf(ids.events[hotline] as string)).toMatchObject({ period: '2021-12', precision: 'month' })
    expect(groupOf(ids.events[rcep] as string)).toMatchObject({ period: '2022-01-01', precision: 'day' })
    expect(groupOf(ids.events[hotlineStart] as string)).toMatchObject({ period: '2022', precision: 'year' })
    expect(groupOf(ids.events[hotline] as string)?.label).toBe('December 2021')
    expect(groupOf(ids.events[rcep] as string)?.label).toBe('1 January 2022')
  })

  it('shows no month-precision item with a day, and keeps the original wording', async () => {
    const tl = await timeline('actor=japan')
    const byId = new Map(seedItems('japan').map((x) => [x.id, x]))
    let months = 0
    let worded = 0
    for (const item of flat(tl)) {
      const want = byId.get(item.id) as Expected
      expect(item.kind).toBe(want.kind)
      expect(item.type).toBe(want.type)
      expect(item.quote).toBe(want.quote)
      expect(item.date).toEqual({
        date: want.date?.date,
        precision: want.date?.precision,
        approximate: want.date?.approximate ?? false,
        text: want.date?.text ?? null,
      })
      if (item.date.precision === 'month') {
        months++
        expect(item.date.date).not.toMatch(/-\d{2}-\d{2}$/)
      }
      if (item.date.text) worded++
    }
    expect(months).toBeGreaterThan(5)
    expect(worded).toBeGreaterThan(5)
    const lateDecember = flat(tl).filter((i) => i.date.text === 'late December' || i.date.text === 'In late December')
    expect(lateDecember.length).toBeGreaterThan(0)
    for (const i of lateDecember) expect(i.date).toMatchObject({ date: '2021-12', precision: 'month' })
  })

  it('undated counts the matching items without a date (seed and direct database count agree)', async () => {
    const tl = await timeline('actor=japan')
    const fromSeed = seedItems('japan').filter((x) => !x.date).length
    const db = t.app.db.read
    const japan = ids.actors.get('japan') as string
    const direct =
      (await db.event.count({
        where: { deletedAt: null, dateFrom: null, participants: { some: { actorId: japan } } },
      })) +
      (await db.claim.count({ where: { deletedAt: null, statedFrom: null, actors: { some: { actorId: japan } } } }))
    expect(fromSeed).toBeGreaterThan(0)
    expect(tl.undated).toBe(fromSeed)
    expect(tl.undated).toBe(direct)
    const all = await timeline('')
    expect(all.undated).toBe(seedItems().filter((x) => !x.date).length)
    expect(idSet(flat(all))).toEqual(idSet(seedItems().filter((x) => x.date)))
  })

  it.each([
    ['from=2022-01', '2022-01-01', undefined],
    ['to=2021-12', undefined, '2021-12-31'],
    ['from=2022-01-01&to=2022-01-01', '2022-01-01', '2022-01-01'],
    ['from=2021-12-20&to=2021-12-31', '2021-12-20', '2021-12-31'],
    ['from=2023', '2023-01-01', undefined],
  ])('%s keeps the items whose dates may overlap the bounds', async (query, from, to) => {
    const tl = await timeline(`actor=japan&${query}`)
    expectWellFormed(tl)
    const expected = seedItems('japan').filter((x) => x.date && overlaps(x.date, from, to))
    expect(idSet(flat(tl))).toEqual(idSet(expected))
    for (const item of flat(tl)) expect(overlaps(item.date, from, to)).toBe(true)
  })

  it('type=AGREE returns only AGREE events and no claims', async () => {
    const tl = await timeline('actor=japan&type=AGREE')
    expectWellFormed(tl)
    const expected = seedItems('japan').filter((x) => x.kind === 'event' && x.type === 'AGREE' && x.date)
    expect(expected.length).toBeGreaterThan(0)
    expect(idSet(flat(tl))).toEqual(idSet(expected))
    expect(flat(tl).every((i) => i.kind === 'event' && i.type === 'AGREE')).toBe(true)
    expect(tl.undated).toBe(
      seedItems('japan').filter((x) => x.kind === 'event' && x.type === 'AGREE' && !x.date).length,
    )
  })

  it('include=claims returns only claims, include=events only events', async () => {
    const claims = await timeline('actor=japan&include=claims')
    expectWellFormed(claims)
    expect(idSet(flat(claims))).toEqual(idSet(seedItems('japan').filter((x) => x.kind === 'claim' && x.date)))
    expect(claims.undated).toBe(seedItems('japan').filter((x) => x.kind === 'claim' && !x.date).length)
    const events = await timeline('actor=japan&include=events')
    expectWellFormed(events)
    expect(idSet(flat(events))).toEqual(idSet(seedItems('japan').filter((x) => x.kind === 'event' && x.date)))
    expect(events.undated).toBe(seedItems('japan').filter((x) => x.kind === 'event' && !x.date).length)
  })

  it('limit truncates to the chronologically first items and sets truncated', async () => {
    const full = flat(await timeline('actor=japan'))
    expect(full.length).toBeGreaterThan(4)
    for (const limit of [1, 3, full.length - 1]) {
      const tl = await timeline(`actor=japan&limit=${limit}`)
      expectWellFormed(tl)
      expect(tl.truncated).toBe(true)
      expect(flat(tl).map((i) => i.id)).toEqual(full.slice(0, limit).map((i) => i.id))
    }
    const exact = await timeline(`actor=japan&limit=${full.length}`)
    expect(exact.truncated).toBe(false)
    expect(flat(exact)).toHaveLength(full.length)
  })

  it('an unknown actor is 404; a bad bound is 400', async () => {
    expectProblem(await get(t, '/v1/timeline?actor=atlantis'), 404, 'not-found')
    expectProblem(await get(t, '/v1/timeline?actor=japan&from=2021-13'), 400, 'validation', '/query/from')
    expectProblem(await get(t, '/v1/timeline?limit=0'), 400, 'validation', '/query/limit')
  })
})
