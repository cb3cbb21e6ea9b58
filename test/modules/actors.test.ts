import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeDatabases, SEED_SLUG, type TestApp, testApp } from '../helpers/app.js'
import { briefVariant, ingest, seedBrief } from '../helpers/briefs.js'
import { expectEtagRoundTrip, get, getOk, ID, ISO_TIME, listAll, walkCursor } from '../helpers/http.js'
import { expectProblem } from '../helpers/problems.js'

type Summary = { id: string; slug: string; name: string }
type Ref = { id: string; slug: string; name: string; kind: string; country: string | null }
type EventRef = { id: string; title: string; start: { date: string } | null; role: string }
type ClaimRef = { id: string; summary: string; article: { slug: string } }

// The seed's 22 actors, plus a second article that involves only Japan, Australia and a new actor.
const VARIANT = 'japan-australia-only'
const PEREZ = {
  slug: 'jose-perez',
  name: 'José Pérez',
  kind: 'person' as const,
  country: 'ESP',
  title: 'Analyst',
  role: 'mentioned' as const,
}

describe('actors', () => {
  let t: TestApp
  const seed = seedBrief()
  const seedSlugs = seed.actors.map((a) => a.slug)
  const allSlugs = [...seedSlugs, PEREZ.slug]
  const nameOf = Object.fromEntries([...seed.actors, PEREZ].map((a) => [a.slug, a.name]))
  const byName = (a: string, b: string) => {
    const x = nameOf[a] as string
    const y = nameOf[b] as string
    return x < y ? -1 : x > y ? 1 : 0
  }
  const eventTitle = Object.fromEntries(seed.events.map((e) => [e.key, e.title]))

  const slugs = (items: Array<{ slug: string }>) => items.map((i) => i.slug)
  const list = async (query = '') => slugs(await listAll<Summary>(t, `/v1/actors${query}`))

  beforeAll(async () => {
    t = await testApp({ seed: true })
    await ingest(
      t,
      briefVariant(VARIANT, (b) => {
        b.article.title = 'Japan and Australia, seen from elsewhere'
        // Claims and events still name other stored actors; only these three are the article's actors.
        b.actors = [...b.actors.filter((a) => a.slug === 'japan' || a.slug === 'australia'), PEREZ]
      }),
    )
  })

  afterAll(async () => {
    await t.close()
    removeDatabases()
  })

  describe('GET /v1/actors', () => {
    it('lists actors in ingestion order by default', async () => {
      const res = await getOk(t, '/v1/actors')
      expect(res.body.page).toEqual({ limit: 20, nextCursor: expect.any(String) })
      expect(slugs(res.body.data)).toEqual(allSlugs.slice(0, 20))
      const china = seed.actors[0]
      expect(res.body.data[0]).toEqual({
        id: ID('act'),
        slug: 'china',
        name: 'China',
        kind: 'state',
        country: 'CHN',
        title: null,
        description: china?.description,
        wikidataId: 'Q148',
        aliases: ['PRC', 'People’s Republic of China', 'Beijing'],
        createdAt: ISO_TIME,
        updatedAt: ISO_TIME,
      })
      expect(await list()).toEqual(allSlugs)
    })

    it.each([
      ['id', allSlugs],
      ['-id', [...allSlugs].reverse()],
      ['name', [...allSlugs].sort(byName)],
      ['-name', [...allSlugs].sort(byName).reverse()],
    ])('sort=%s orders the list', async (sort, expected) => {
      expect(await list(`?sort=${sort}`)).toEqual(expected)
    })

    it('rejects an unknown sort with a validation problem pointing at /query/sort', async () => {
      const res = await get(t, '/v1/actors?sort=kind')
      expectProblem(res, { status: 400, code: 'validation', instance: '/v1/actors', pointer: '/query/sort' })
    })

    it.each([
      ['?kind=military', ['pla', 'pla-air-force']],
      ['?kind=state', ['china', 'japan', 'united-states', 'australia']],
      ['?kind=person', ['wang-wenbin', 'zhang-tuosheng', 'xing-yuqing', 'lian-degui', 'wang-yiwei', 'jose-perez']],
      ['?kind=grouping', []],
    ])('filters by kind: %s', async (query, expected) => {
      expect(await list(query)).toEqual(expected)
    })

    it('rejects an unknown kind', async () => {
      expectProblem(await get(t, '/v1/actors?kind=alien'), {
        status: 400,
        code: 'validation',
        instance: '/v1/actors',
        pointer: '/query/kind',
      })
    })

    it('filters by country, case-insensitively', async () => {
      expect(await list('?country=JPN')).toEqual(['japan', 'national-graduate-institute-for-policy-studies'])
      expect(await list('?country=jpn')).toEqual(['japan', 'national-graduate-institute-for-policy-studies'])
      expect(await list('?country=ESP')).toEqual(['jose-perez'])
      expect(await list('?country=TWN')).toEqual(['taiwan'])
      expectProblem(await get(t, '/v1/actors?country=JP'), {
        status: 400,
        code: 'validation',
        instance: '/v1/actors',
        pointer: '/query/country',
      })
    })

    it('filters by article, by slug or id', async () => {
      expect(await list(`?article=${SEED_SLUG}`)).toEqual(seedSlugs)
      expect(await list(`?article=${VARIANT}`)).toEqual(['japan', 'australia', 'jose-perez'])
      const article = await getOk(t, `/v1/articles/${VARIANT}`)
      expect(await list(`?article=${article.body.id}`)).toEqual(['japan', 'australia', 'jose-perez'])
      expect(await list('?article=no-such-article')).toEqual([])
    })

    it.each([
      ['pla', ['pla', 'pla-air-force']],
      ['PLA', ['pla', 'pla-air-force']],
      ['Beijing', ['china']],
      ['beijing', ['china']],
      ['perez', ['jose-perez']],
      ['PÉREZ', ['jose-perez']],
      ['no such name', []],
    ])('q=%s matches the name or any alias, case- and accent-insensitively', async (q, expected) => {
      expect(await list(`?q=${encodeURIComponent(q)}`)).toEqual(expected)
    })

    it('q folds apostrophes and matches every actor named by the words', async () => {
      // "People’s Republic of China" is China's alias and part of the ministry's name.
      const found = await list(`?q=${encodeURIComponent("people's republic")}`)
      expect(found).toEqual(expect.arrayContaining(['china', 'chinese-foreign-ministry']))
      expect(found).not.toContain('japan')
      const tokyo = await list('?q=Tokyo')
      expect(tokyo).toContain('japan')
      expect(tokyo).not.toContain('china')
    })

    it('combines filters with AND', async () => {
      expect(await list('?kind=state&country=CHN')).toEqual(['china'])
      expect(await list(`?article=${VARIANT}&kind=state`)).toEqual(['japan', 'australia'])
      expect(await list('?q=pla&kind=military&sort=-name')).toEqual(['pla-air-force', 'pla'])
    })
  })

  describe('GET /v1/actors/{idOrSlug}', () => {
    it('embeds aliases, members and the claims about China', async () => {
      const res = await getOk(t, '/v1/actors/china')
      const ref = (slug: string) => ({
        id: ID('act'),
        slug,
        name: nameOf[slug],
        kind: expect.any(String),
        country: 'CHN',
      })
      expect(res.body).toEqual({
        id: ID('act'),
        slug: 'china',
        name: 'China',
        kind: 'state',
        country: 'CHN',
        title: null,
        description: 'People’s Republic of China',
        wikidataId: 'Q148',
        aliases: ['PRC', 'People’s Republic of China', 'Beijing'],
        createdAt: ISO_TIME,
        updatedAt: ISO_TIME,
        affiliations: [],
        members: ['pla', 'china-coast-guard', 'chinese-foreign-ministry'].map((slug) => ({
          relation: 'part_of',
          title: null,
          from: null,
          to: null,
          actor: ref(slug),
        })),
        claimsMade: [],
        claimsAbout: expect.any(Array),
        events: expect.any(Array),
        articles: [{ id: ID('art'), slug: SEED_SLUG, title: seed.article.title, role: 'subject' }],
      })
      expect(res.body.aliases).toContain('Beijing')
      // December 2021, then two events from 1 January 2022 (a year, then a day: ties in id order).
      expect(res.body.events.map((e: EventRef) => [e.title, e.role])).toEqual(
        ['e6', 'e7', 'e8'].map((k) => [eventTitle[k], 'participant']),
      )
    })

    it('lists claims about the actor, latest first, matching /v1/claims?about=', async () => {
      const res = await getOk(t, '/v1/actors/china')
      const about: ClaimRef[] = res.body.claimsAbout
      const aboutChina = seed.claims.filter((c) => c.about?.includes('china'))
      expect(about.length).toBeGreaterThan(0)
      expect(about).toHaveLength(aboutChina.length * 2)
      const idsDesc = about.map((c) => c.id)
      expect(idsDesc).toEqual([...idsDesc].sort().reverse())
      const fromList = await listAll<{ id: string }>(t, '/v1/claims?about=china')
      expect(new Set(idsDesc)).toEqual(new Set(fromList.map((c) => c.id)))
      const c1 = seed.claims[0]
      expect(about.filter((c) => c.summary === c1?.summary)).toEqual(
        [VARIANT, SEED_SLUG].map((slug) => ({
          id: ID('clm'),
          kind: c1?.kind,
          summary: c1?.summary,
          modality: c1?.modality,
          quote: null,
          stated: { date: '2021-12', precision: 'month', approximate: false, text: 'late December' },
          article: { id: ID('art'), slug, title: expect.any(String) },
        })),
      )
    })

    it('lists claims the actor made', async () => {
      const res = await getOk(t, '/v1/actors/zhang-tuosheng')
      const made: ClaimRef[] = res.body.claimsMade
      const byZhang = seed.claims.filter((c) => c.claimants.includes('zhang-tuosheng')).map((c) => c.summary)
      expect(byZhang).toHaveLength(4)
      expect(made.map((c) => c.summary).sort()).toEqual([...byZhang, ...byZhang].sort())
      expect(res.body.affiliations).toEqual([
        expect.objectContaining({
          relation: 'leads',
          actor: expect.objectContaining({ slug: 'pku-institute-of-international-and-strategic-studies' }),
        }),
        expect.objectContaining({
          relation: 'formerly_at',
          actor: expect.objectContaining({ slug: 'pla-military-academy' }),
        }),
      ])
      expect(res.body.articles).toEqual([{ id: ID('art'), slug: SEED_SLUG, title: seed.article.title, role: 'source' }])
    })

    it('lists events in date order, undated last', async () => {
      const res = await getOk(t, '/v1/actors/japan')
      const events: EventRef[] = res.body.events
      // Dec 2021: e2, e6; from 1 Jan 2022: e3, e4, e5, e7 (year 2022), e8 (day); undated: e9, then the variant's copy of it.
      expect(events.map((e) => e.title)).toEqual(
        ['e2', 'e6', 'e3', 'e4', 'e5', 'e7', 'e8', 'e9', 'e9'].map((k) => eventTitle[k]),
      )
      expect(events.map((e) => e.role)).toEqual([
        'initiator',
        'participant',
        'participant',
        'participant',
        'participant',
        'participant',
        'participant',
        'target',
        'target',
      ])
      expect(events[0]).toEqual({
        id: ID('evt'),
        title: eventTitle.e2,
        type: 'OTHER',
        status: 'occurred',
        start: { date: '2021-12', precision: 'month', approximate: false, text: null },
        end: null,
        role: 'initiator',
      })
      expect(res.body.articles).toEqual([
        { id: ID('art'), slug: SEED_SLUG, title: seed.article.title, role: 'subject' },
        { id: ID('art'), slug: VARIANT, title: 'Japan and Australia, seen from elsewhere', role: 'subject' },
      ])
      const firstUndated = events.findIndex((e) => e.start === null)
      expect(firstUndated).toBeGreaterThan(0)
      expect(events.slice(firstUndated).every((e) => e.start === null)).toBe(true)
    })

    it('embeds affiliations and members of the PLA', async () => {
      const res = await getOk(t, '/v1/actors/pla')
      expect(res.body.aliases).toEqual(['PLA'])
      expect(res.body.affiliations).toEqual([
        {
          relation: 'part_of',
          title: null,
          from: null,
          to: null,
          actor: { id: ID('act'), slug: 'china', name: 'China', kind: 'state', country: 'CHN' },
        },
      ])
      expect(res.body.members.map((m: { actor: Ref }) => m.actor.slug)).toEqual([
        'pla-air-force',
        'pla-military-academy',
      ])
      expect(res.body.events).toEqual([])
    })

    it('answers the same document by id and by slug', async () => {
      const bySlug = await getOk(t, '/v1/actors/taiwan')
      const byId = await getOk(t, `/v1/actors/${bySlug.body.id}`)
      expect(byId.body).toEqual(bySlug.body)
      expect(bySlug.body.events.map((e: EventRef) => [e.title, e.role, e.start])).toEqual([
        [eventTitle.e10, 'target', null],
        [eventTitle.e10, 'target', null],
      ])
    })

    it('is 404 problem+json for an unknown id or slug', async () => {
      expectProblem(await get(t, '/v1/actors/atlantis'), {
        status: 404,
        code: 'not-found',
        instance: '/v1/actors/atlantis',
      })
      const id = 'act_01ARZ3NDEKTSV4RRFFQ69G5FAV'
      expectProblem(await get(t, `/v1/actors/${id}`), { status: 404, code: 'not-found', instance: `/v1/actors/${id}` })
    })

    it('answers a strong ETag and 304 to If-None-Match', async () => {
      await expectEtagRoundTrip(t, '/v1/actors/china')
    })
  })

  // This adds actors, so it runs last.
  describe('pagination while briefs are added', () => {
    const newActor = (slug: string, name: string) => ({
      slug,
      name,
      kind: 'state' as const,
      role: 'mentioned' as const,
    })

    it('a walk in name order yields every original actor exactly once, in order', async () => {
      const before = await listAll<Summary>(t, '/v1/actors?sort=name')
      const walk = await walkCursor<Summary>(t, '/v1/actors?sort=name&limit=2', 2, async (page) => {
        if (page === 3)
          await ingest(
            t,
            briefVariant('added-mid-walk', (b) => {
              b.actors.push(newActor('aaland', 'Aaland'), newActor('zululand', 'Zululand'))
            }),
          )
      })
      const original = new Set(before.map((a) => a.id))
      expect(walk.items.filter((a) => original.has(a.id))).toEqual(before)
      expect(new Set(walk.items.map((a) => a.id)).size).toBe(walk.items.length)
      expect(slugs(walk.items)).not.toContain('aaland')
      expect(slugs(walk.items).at(-1)).toBe('zululand')
    })
  })
})
