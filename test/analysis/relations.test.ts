// Actor relations, the two-actor view, positions and related claims. A small hand-made dataset
// gives exact numbers; the seed checks ISO 3166 tokens, positions and claim links.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BriefInput } from '../../src/domain/brief.schema.js'
import type { IngestResult } from '../../src/ingest/ingest.js'
import { CONFLICTUAL_TYPES, COOPERATIVE_TYPES } from '../../src/domain/vocabulary.js'
import { removeDatabases, SEED_SLUG, type TestApp, testApp } from '../helpers/app.js'
import {
  actor,
  ingest,
  miniBrief,
  type PDate,
  rangeOf,
  type SeedBrief,
  seedBrief,
  seedIds,
  span,
} from '../helpers/briefs.js'
import { expectProblem } from '../helpers/problems.js'
import { get, getJson, listen } from '../helpers/http.js'

const COOP = new Set<string>(COOPERATIVE_TYPES)
const CONFLICT = new Set<string>(CONFLICTUAL_TYPES)
const balance = (coop: number, conflict: number) =>
  coop + conflict === 0 ? null : Math.round(((coop - conflict) / (coop + conflict)) * 1000) / 1000

type Relation = {
  actor: { id: string; slug: string }
  events: { count: number; types: Record<string, number>; cooperative: number; conflictual: number; ids: string[] }
  claims: { made: number; received: number; kinds: Record<string, number>; ids: string[] }
  balance: number | null
}

const BODY = [
  'Alpha and Beta signed a trade agreement on 10 March 2023.',
  'Alpha sent flood aid to Beta in March 2023.',
  'In May 2023 Alpha threatened Beta with sanctions.',
  'Alpha and Gamma held a cultural festival in June 2023.',
  'Alpha warned that Beta was rearming.',
  'Alpha accused Beta of spying.',
  'Beta said Alpha was an unreliable partner.',
  'Alpha and Delta declared that Alpha and Delta would defend each other.',
].join(' ')

const sentence = (i: number) => span(BODY, BODY.split(/(?<=\.) /)[i] as string)

function smallBrief(): BriefInput {
  return miniBrief('alpha-beta-gamma', BODY, {
    actors: [
      actor('a', 'Alpha', { country: 'ALP', surfaceForms: ['Alpha'] }),
      actor('b', 'Beta', { country: 'BET', surfaceForms: ['Beta'] }),
      actor('c', 'Gamma', { surfaceForms: ['Gamma'] }),
      actor('d', 'Delta', { surfaceForms: ['Delta'] }),
    ],
    events: [
      {
        key: 'agree',
        title: 'Trade agreement',
        type: 'AGREE',
        status: 'occurred',
        start: { date: '2023-03-10', precision: 'day' },
        participants: [
          { actor: 'a', role: 'participant' },
          { actor: 'b', role: 'participant' },
        ],
        evidence: sentence(0),
      },
      {
        key: 'aid',
        title: 'Flood aid',
        type: 'AID',
        status: 'occurred',
        start: { date: '2023-03', precision: 'month' },
        participants: [
          { actor: 'a', role: 'initiator' },
          { actor: 'b', role: 'target' },
        ],
        evidence: sentence(1),
      },
      {
        key: 'threat',
        title: 'Sanctions threat',
        type: 'THREATEN',
        status: 'occurred',
        start: { date: '2023-05', precision: 'month' },
        participants: [
          { actor: 'a', role: 'initiator' },
          { actor: 'b', role: 'target' },
        ],
        evidence: sentence(2),
      },
      {
        key: 'festival',
        title: 'Cultural festival',
        type: 'OTHER',
        status: 'occurred',
        start: { date: '2023-06', precision: 'month' },
        participants: [
          { actor: 'a', role: 'participant' },
          { actor: 'c', role: 'participant' },
        ],
        evidence: sentence(3),
      },
    ],
    claims: [
      {
        key: 'warn',
        kind: 'warning',
        summary: 'Beta is rearming.',
        evidence: sentence(4),
        claimants: ['a'],
        about: ['b'],
        stated: { date: '2023-03', precision: 'month' },
      },
      {
        key: 'accuse',
        kind: 'accusation',
        summary: 'Beta spies on Alpha.',
        evidence: sentence(5),
        claimants: ['a'],
        about: ['b'],
        stated: { date: '2023-05-02', precision: 'day' },
      },
      {
        key: 'assess',
        kind: 'assessment',
        summary: 'Alpha is an unreliable partner.',
        evidence: sentence(6),
        claimants: ['b'],
        about: ['a'],
      },
      {
        key: 'joint',
        kind: 'pledge',
        summary: 'Alpha and Delta will defend each other.',
        evidence: sentence(7),
        claimants: ['a', 'd'],
        about: ['a', 'd'],
        stated: { date: '2023-06', precision: 'month' },
        links: [{ type: 'refers_to_event', event: 'festival' }],
      },
    ],
  })
}

describe('relations on a small hand-made dataset', () => {
  let t: TestApp
  let r: IngestResult
  let brief: BriefInput

  beforeAll(async () => {
    t = await testApp()
    await listen(t)
    brief = smallBrief()
    r = await ingest(t, brief)
  })
  afterAll(async () => {
    await t.close()
  })

  const ev = (k: string) => r.events[k] as string
  const cl = (k: string) => r.claims[k] as string

  it('GET /v1/actors/a/relations: counts, balance, types and ids per related actor, sorted by total', async () => {
    const body = await getJson(t, '/v1/actors/a/relations')
    expect(body.actor).toMatchObject({ id: r.actors.a, slug: 'a', name: 'Alpha' })
    const rels = body.relations as Relation[]
    expect(rels.map((x) => x.actor.slug)).toEqual(['b', 'd', 'c'])
    const [b, d, c] = rels as [Relation, Relation, Relation]

    expect(b.actor.id).toBe(r.actors.b)
    expect(b.events).toEqual({
      count: 3,
      types: { AGREE: 1, AID: 1, THREATEN: 1 },
      cooperative: 2,
      conflictual: 1,
      ids: [ev('agree'), ev('aid'), ev('threat')],
    })
    expect(b.balance).toBeCloseTo((2 - 1) / 3, 3)
    expect(b.claims.made).toBe(2)
    expect(b.claims.received).toBe(1)
    expect(b.claims.kinds).toEqual({ warning: 1, accusation: 1, assessment: 1 })
    expect([...b.claims.ids].sort()).toEqual([cl('warn'), cl('accuse'), cl('assess')].sort())

    expect(c.events).toEqual({ count: 1, types: { OTHER: 1 }, cooperative: 0, conflictual: 0, ids: [ev('festival')] })
    expect(c.balance).toBeNull()
    expect(c.claims).toEqual({ made: 0, received: 0, kinds: {}, ids: [] })

    // The joint pledge: Alpha and Delta both claim it about each other, so it is made and received.
    expect(d.events.count).toBe(0)
    expect(d.balance).toBeNull()
    expect({ made: d.claims.made, received: d.claims.received }).toEqual({ made: 1, received: 1 })
    expect([...new Set(d.claims.ids)]).toEqual([cl('joint')])
  })

  it("the other side's view mirrors it: Beta made 1 claim about Alpha and received 2", async () => {
    const body = await getJson(t, '/v1/actors/b/relations')
    const a = (body.relations as Relation[]).find((x) => x.actor.slug === 'a') as Relation
    expect(a.events.count).toBe(3)
    expect(a.balance).toBeCloseTo(0.333, 3)
    expect({ made: a.claims.made, received: a.claims.received }).toEqual({ made: 1, received: 2 })
    expect((body.relations as Relation[]).map((x) => x.actor.slug)).toEqual(['a'])
  })

  it('GET /v1/relations?actors=a,b: summary and per-month periods, undated last', async () => {
    const body = await getJson(t, '/v1/relations?actors=a,b')
    expect(body.actors.map((x: { slug: string }) => x.slug)).toEqual(['a', 'b'])
    expect(body.summary).toEqual({ events: 3, cooperative: 2, conflictual: 1, balance: 0.333, claims: 3 })

    // Expected periods from the brief: month of the earliest possible day, undated last.
    const month = (d: PDate | null | undefined) => (d ? rangeOf(d).from.slice(0, 7) : 'undated')
    const want = new Map<string, { events: string[]; claims: string[]; cooperative: number; conflictual: number }>()
    const slot = (k: string) => {
      if (!want.has(k)) want.set(k, { events: [], claims: [], cooperative: 0, conflictual: 0 })
      return want.get(k) as { events: string[]; claims: string[]; cooperative: number; conflictual: number }
    }
    for (const e of brief.events) {
      const ps = new Set(e.participants?.map((p) => p.actor))
      if (!ps.has('a') || !ps.has('b')) continue
      const s = slot(month(e.start))
      s.events.push(ev(e.key))
      if (COOP.has(e.type)) s.cooperative++
      if (CONFLICT.has(e.type)) s.conflictual++
    }
    for (const c of brief.claims) {
      const between =
        (c.claimants.includes('a') && c.about?.includes('b')) || (c.claimants.includes('b') && c.about?.includes('a'))
      if (between) slot(month(c.stated)).claims.push(cl(c.key))
    }
    const order = [...want.keys()].sort((x, y) => (x === 'undated' ? 1 : y === 'undated' ? -1 : x.localeCompare(y)))
    expect(order).toEqual(['2023-03', '2023-05', 'undated'])
    expect(
      body.periods.map((p: { period: string; events: Array<{ id: string }>; claims: Array<{ id: string }> }) => ({
        period: p.period,
        events: p.events.map((e) => e.id).sort(),
        claims: p.claims.map((c) => c.id).sort(),
        cooperative: (p as unknown as { cooperative: number }).cooperative,
        conflictual: (p as unknown as { conflictual: number }).conflictual,
      })),
    ).toEqual(
      order.map((k) => {
        const w = want.get(k) as { events: string[]; claims: string[]; cooperative: number; conflictual: number }
        return { period: k, ...w, events: [...w.events].sort(), claims: [...w.claims].sort() }
      }),
    )
    const by = Object.fromEntries(
      body.periods.flatMap((p: { claims: Array<{ id: string; by: string }> }) => p.claims.map((c) => [c.id, c.by])),
    )
    expect(by).toEqual({ [cl('warn')]: 'a', [cl('accuse')]: 'a', [cl('assess')]: 'b' })
  })

  it('GET /v1/relations with from/to keeps what may overlap the bounds', async () => {
    const body = await getJson(t, '/v1/relations?actors=a,b&from=2023-04')
    expect(body.summary).toEqual({ events: 1, cooperative: 0, conflictual: 1, balance: -1, claims: 1 })
    const ids = body.periods.flatMap((p: { events: Array<{ id: string }>; claims: Array<{ id: string }> }) => [
      ...p.events.map((e) => e.id),
      ...p.claims.map((c) => c.id),
    ])
    expect(ids.sort()).toEqual([ev('threat'), cl('accuse')].sort())
    const march = await getJson(t, '/v1/relations?actors=b,a&to=2023-03-31')
    expect(march.actors.map((x: { slug: string }) => x.slug)).toEqual(['b', 'a'])
    expect(march.summary).toEqual({ events: 2, cooperative: 2, conflictual: 0, balance: 1, claims: 1 })
  })

  it('unknown actors are 404; a malformed pair is 400', async () => {
    expectProblem(await get(t, '/v1/actors/nobody/relations'), 404, 'not-found')
    expectProblem(await get(t, '/v1/relations?actors=a,nobody'), 404, 'not-found')
    expectProblem(await get(t, '/v1/relations?actors=a'), 400, 'validation', '/query/actors')
  })
})

describe('relations, positions and related claims on the seed', () => {
  let t: TestApp
  let seed: SeedBrief
  let ids: Awaited<ReturnType<typeof seedIds>>
  let copy: SeedBrief
  let copyIds: Awaited<ReturnType<typeof seedIds>>

  beforeAll(async () => {
    t = await testApp({ seed: true })
    await listen(t)
    seed = seedBrief()
    ids = await seedIds(t)
    // A copy of the seed whose Zhang recommendations carry other dates, to make the order visible.
    copy = seedBrief()
    copy.article.slug = 'seed-copy-redated'
    const zhangRecs = copy.claims.filter((c) => c.claimants.includes('zhang-tuosheng') && c.kind === 'recommendation')
    expect(zhangRecs.length).toBeGreaterThanOrEqual(3)
    const [r1, r2, r3] = zhangRecs as [
      SeedBrief['claims'][number],
      SeedBrief['claims'][number],
      SeedBrief['claims'][number],
    ]
    r1.stated = { date: '2021-11', precision: 'month', approximate: false, text: 'in November' }
    r2.stated = { date: '2020', precision: 'year', approximate: false, text: null }
    r3.stated = null
    await ingest(t, copy)
    copyIds = await seedIds(t, 'seed-copy-redated')
  })
  afterAll(async () => {
    await t.close()
    removeDatabases()
  })

  it('ISO 3166 alpha-3 tokens resolve to states: /v1/relations?actors=CHN,JPN', async () => {
    const body = await getJson(t, '/v1/relations?actors=CHN,JPN')
    expect(body.actors).toEqual([
      expect.objectContaining({ id: ids.actors.get('china'), slug: 'china', kind: 'state', country: 'CHN' }),
      expect.objectContaining({ id: ids.actors.get('japan'), slug: 'japan', kind: 'state', country: 'JPN' }),
    ])
    const lower = await getJson(t, '/v1/relations?actors=chn,jpn')
    expect(lower).toEqual(body)
    // Same answer as with slugs; the shared events are exactly the seed's China–Japan events.
    expect(await getJson(t, '/v1/relations?actors=china,japan')).toEqual(body)
    const shared = seed.events.filter((e) => {
      const ps = new Set(e.participants?.map((p) => p.actor))
      return ps.has('china') && ps.has('japan')
    })
    expect(body.summary.events).toBe(shared.length)
    expect(body.summary.cooperative).toBe(shared.filter((e) => COOP.has(e.type)).length)
    expect(body.summary.conflictual).toBe(shared.filter((e) => CONFLICT.has(e.type)).length)
  })

  it("Japan's relations agree with the stored briefs: events shared, claims made and received", async () => {
    const body = await getJson(t, '/v1/actors/japan/relations')
    type SE = { id: string; type: string; participants: Array<{ actor: string }> }
    type SC = { id: string; claimants: string[]; about: string[] }
    const stored = [
      await getJson(t, `/v1/articles/${SEED_SLUG}/brief`),
      await getJson(t, '/v1/articles/seed-copy-redated/brief'),
    ]
    // Events are shared between the two articles where ingest recognised them; count each once.
    const events = [...new Map(stored.flatMap((b) => (b.events as SE[]).map((e) => [e.id, e]))).values()]
    const claims = stored.flatMap((b) => b.claims as SC[])
    const want = new Map<string, { events: SE[]; made: number; received: number }>()
    const slot = (slug: string) => {
      if (!want.has(slug)) want.set(slug, { events: [], made: 0, received: 0 })
      return want.get(slug) as { events: SE[]; made: number; received: number }
    }
    for (const e of events) {
      const ps = new Set(e.participants.map((p) => p.actor))
      if (ps.has('japan')) for (const o of ps) if (o !== 'japan') slot(o).events.push(e)
    }
    for (const c of claims) {
      if (c.claimants.includes('japan')) for (const o of new Set(c.about)) if (o !== 'japan') slot(o).made++
      if (c.about.includes('japan')) for (const o of new Set(c.claimants)) if (o !== 'japan') slot(o).received++
    }
    const rels = body.relations as Relation[]
    expect(rels.map((r) => r.actor.slug).sort()).toEqual([...want.keys()].sort())
    for (const rel of rels) {
      const w = want.get(rel.actor.slug) as { events: SE[]; made: number; received: number }
      expect({
        other: rel.actor.slug,
        events: [...rel.events.ids].sort(),
        made: rel.claims.made,
        received: rel.claims.received,
      }).toEqual({
        other: rel.actor.slug,
        events: w.events.map((e) => e.id).sort(),
        made: w.made,
        received: w.received,
      })
      const coop = w.events.filter((e) => COOP.has(e.type)).length
      const conflict = w.events.filter((e) => CONFLICT.has(e.type)).length
      expect(rel.events.cooperative).toBe(coop)
      expect(rel.events.conflictual).toBe(conflict)
      expect(rel.balance).toBe(balance(coop, conflict))
    }
    // Sorted by the number of shared events and claims, most first.
    const totals = rels.map((r) => r.events.count + r.claims.made + r.claims.received)
    expect(totals).toEqual([...totals].sort((a, b) => b - a))
  })

  it('GET /v1/actors/zhang-tuosheng/positions?kind=recommendation: only his recommendations, with quotes, oldest stated first', async () => {
    const body = await getJson(t, '/v1/actors/zhang-tuosheng/positions?kind=recommendation&limit=100')
    expect(body.actor.slug).toBe('zhang-tuosheng')
    type Want = { id: string; quote: string | null; from: string; summary: string }
    const want: Want[] = []
    for (const [b, bIds] of [
      [seed, ids],
      [copy, copyIds],
    ] as const)
      b.claims.forEach((c, i) => {
        if (c.claimants.includes('zhang-tuosheng') && c.kind === 'recommendation')
          want.push({
            id: bIds.claims[i] as string,
            quote: c.quote?.text ?? null,
            from: c.stated ? rangeOf(c.stated).from : '9999',
            summary: c.summary,
          })
      })
    want.sort((x, y) => x.from.localeCompare(y.from) || x.id.localeCompare(y.id))
    expect(body.data.map((c: { id: string }) => c.id)).toEqual(want.map((w) => w.id))
    for (const [i, c] of (body.data as Array<Record<string, unknown>>).entries()) {
      expect(c.kind).toBe('recommendation')
      expect(c.claimants).toEqual([expect.objectContaining({ slug: 'zhang-tuosheng' })])
      expect((c.quote as { text: string } | null)?.text ?? null).toBe(want[i]?.quote)
      expect(c.summary).toBe(want[i]?.summary)
    }
    expect(body.data.some((c: { quote: unknown }) => c.quote !== null)).toBe(true)
    expect(body.data.at(-1).stated).toBeNull()
    expect(body.data[0].stated).toMatchObject({ date: '2020', precision: 'year' })
  })

  it('positions: about= and kind= filter; the page is cursor-paginated', async () => {
    const about = await getJson(t, '/v1/actors/zhang-tuosheng/positions?kind=recommendation&about=united-states')
    const want = [seed, copy].flatMap((b, j) =>
      b.claims.flatMap((c, i) =>
        c.claimants.includes('zhang-tuosheng') && c.kind === 'recommendation' && c.about?.includes('united-states')
          ? [(j === 0 ? ids : copyIds).claims[i] as string]
          : [],
      ),
    )
    expect(want.length).toBeGreaterThan(0)
    expect(about.data.map((c: { id: string }) => c.id).sort()).toEqual(want.sort())
    for (const c of about.data) expect(c.about.map((a: { slug: string }) => a.slug)).toContain('united-states')

    const warnings = await getJson(t, '/v1/actors/zhang-tuosheng/positions?kind=warning')
    const nWarnings = [seed, copy].flatMap((b) =>
      b.claims.filter((c) => c.claimants.includes('zhang-tuosheng') && c.kind === 'warning'),
    ).length
    expect(warnings.data).toHaveLength(nWarnings)

    const first = await getJson(t, '/v1/actors/zhang-tuosheng/positions?kind=recommendation&limit=2')
    expect(first.data).toHaveLength(2)
    const second = await getJson(
      t,
      `/v1/actors/zhang-tuosheng/positions?kind=recommendation&limit=2&cursor=${encodeURIComponent(first.page.nextCursor)}`,
    )
    const all = await getJson(t, '/v1/actors/zhang-tuosheng/positions?kind=recommendation&limit=100')
    expect([...first.data, ...second.data].map((c: { id: string }) => c.id)).toEqual(
      all.data.slice(0, 4).map((c: { id: string }) => c.id),
    )
    expectProblem(await get(t, '/v1/actors/atlantis/positions'), 404, 'not-found')
  })

  it('GET /v1/claims/{id}/related follows every link both ways', async () => {
    let incoming = 0
    for (const [i, c] of seed.claims.entries()) {
      const id = ids.claims[i] as string
      const body = await getJson(t, `/v1/claims/${id}/related`)
      expect(body.claim).toMatchObject({ id, summary: c.summary, article: { id: ids.article } })
      const keyIndex = (k: string) => seed.claims.findIndex((x) => x.key === k)
      const eventIndex = (k: string) => seed.events.findIndex((x) => x.key === k)
      const want = [
        ...(c.links ?? []).map((l) => ({
          type: l.type,
          direction: 'outgoing',
          target: l.claim
            ? `claim:${ids.claims[keyIndex(l.claim)]}`
            : `event:${ids.events[eventIndex(l.event as string)]}`,
        })),
        ...seed.claims.flatMap((o, j) =>
          (o.links ?? [])
            .filter((l) => l.claim === c.key)
            .map((l) => ({ type: l.type, direction: 'incoming', target: `claim:${ids.claims[j]}` })),
        ),
      ]
      incoming += want.filter((w) => w.direction === 'incoming').length
      const got = (
        body.links as Array<{
          type: string
          direction: string
          claim: { id: string } | null
          event: { id: string } | null
        }>
      ).map((l) => ({
        type: l.type,
        direction: l.direction,
        target: l.claim ? `claim:${l.claim.id}` : `event:${l.event?.id}`,
      }))
      const order = (xs: Array<{ type: string; direction: string; target: string }>) =>
        [...xs].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))
      expect({ claim: c.key, links: order(got) }).toEqual({ claim: c.key, links: order(want) })
      // Linked records come whole: a claim with its summary, an event with its title.
      for (const l of body.links) {
        if (l.claim)
          expect(l.claim).toMatchObject({
            id: expect.any(String),
            summary: expect.any(String),
            evidence: expect.any(Object),
          })
        if (l.event)
          expect(l.event).toMatchObject({
            id: expect.any(String),
            title: expect.any(String),
            participants: expect.any(Array),
          })
      }
    }
    expect(incoming).toBeGreaterThan(0)
    expectProblem(await get(t, '/v1/claims/clm_00000000000000000000000000/related'), 404, 'not-found')
  })
})
