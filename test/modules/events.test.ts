import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeDatabases, SEED_SLUG, type TestApp, testApp } from '../helpers/app.js'
import { briefVariant, ingest, seedBrief } from '../helpers/briefs.js'
import { expectEtagRoundTrip, get, getOk, ID, ISO_TIME, listAll, walkCursor } from '../helpers/http.js'
import { expectProblem } from '../helpers/problems.js'

type Span = { start: number; end: number; exact: string; prefix: string; suffix: string }
type Event = {
  id: string
  title: string
  reports: Array<{ article: { id: string; slug: string; title: string }; evidence: Span }>
}

// The seed's 10 events (e1..e10) and a second article reporting them again. Its dated events are the
// same events (same type, overlapping dates, same participants) except e5, moved to June 2021 (y5);
// its undated e9 and e10 cannot be matched, so they are new events (y9, y10; y10 located in PHL).
const VARIANT = 'events-variant'
const Y5_TITLE = 'Japan and Australia sign an earlier pact'

describe('events', () => {
  let t: TestApp
  const seed = seedBrief()
  const label = new Map<string, string>()
  const idOf: Record<string, string> = {}
  let variant: Awaited<ReturnType<typeof ingest>>
  let body = ''
  const seedKeys = seed.events.map((e) => e.key)
  const titleOf = Object.fromEntries(seed.events.map((e) => [e.key, e.title]))

  const labels = (items: Array<{ id: string }>) => items.map((e) => label.get(e.id) ?? e.id)
  const list = async (query = '') => labels(await listAll<Event>(t, `/v1/events${query}`))
  const ref = (slug: string) => {
    const a = seed.actors.find((x) => x.slug === slug)
    return { id: ID('act'), slug, name: a?.name, kind: a?.kind, country: a?.country ?? null }
  }

  beforeAll(async () => {
    t = await testApp({ seed: true })
    const reports = await t.app.db.read.eventReport.findMany({
      where: { article: { slug: SEED_SLUG } },
      orderBy: { position: 'asc' },
      select: { eventId: true },
    })
    reports.forEach((r, i) => {
      label.set(r.eventId, `e${i + 1}`)
      idOf[`e${i + 1}`] = r.eventId
    })
    variant = await ingest(
      t,
      briefVariant(VARIANT, (b) => {
        b.article.title = 'The same events, reported again'
        const e5 = b.events.find((e) => e.key === 'e5')
        const e10 = b.events.find((e) => e.key === 'e10')
        if (!e5 || !e10?.location) throw new Error('seed changed')
        e5.title = Y5_TITLE
        e5.start = { date: '2021-06', precision: 'month', approximate: false, text: 'in June' }
        e10.location = { ...e10.location, country: 'PHL' }
      }),
    )
    for (const key of ['e5', 'e9', 'e10']) {
      const id = variant.events[key] as string
      label.set(id, `y${key.slice(1)}`)
      idOf[`y${key.slice(1)}`] = id
    }
    body = (await getOk(t, `/v1/articles/${SEED_SLUG}`)).body.body
  })

  afterAll(async () => {
    await t.close()
    removeDatabases()
  })

  describe('GET /v1/events', () => {
    it('reuses matching events across articles and creates the rest', () => {
      for (const key of ['e1', 'e2', 'e3', 'e4', 'e6', 'e7', 'e8']) expect(variant.events[key]).toBe(idOf[key])
      for (const key of ['e5', 'e9', 'e10']) expect(seedKeys.map((k) => idOf[k])).not.toContain(variant.events[key])
    })

    it('lists events in ingestion order by default', async () => {
      const res = await getOk(t, '/v1/events')
      expect(res.body.page).toEqual({ limit: 20, nextCursor: null })
      expect(labels(res.body.data)).toEqual([...seedKeys, 'y5', 'y9', 'y10'])
      expect(res.body.data[5]).toEqual({
        id: idOf.e6,
        title: titleOf.e6,
        description: seed.events[5]?.description,
        type: 'AGREE',
        extension: null,
        subtype: seed.events[5]?.subtype,
        mode: null,
        contexts: ['military', 'diplomatic'],
        quadClass: 1,
        status: 'occurred',
        modality: 'asserted',
        start: { date: '2021-12', precision: 'month', approximate: false, text: 'In late December' },
        end: null,
        location: null,
        participants: [
          { role: 'participant', actor: ref('china') },
          { role: 'participant', actor: ref('japan') },
        ],
        reports: [
          { article: { id: ID('art'), slug: SEED_SLUG, title: seed.article.title }, evidence: expect.any(Object) },
          {
            article: { id: variant.articleId, slug: VARIANT, title: 'The same events, reported again' },
            evidence: expect.any(Object),
          },
        ],
        extraction: {
          method: 'manual',
          extractor: 'geobrief-seed-analyst',
          confidence: expect.any(Number),
          reviewed: false,
          reviewedBy: null,
        },
        createdAt: ISO_TIME,
        updatedAt: ISO_TIME,
      })
    })

    it.each([
      ['id', [...seedKeys, 'y5', 'y9', 'y10']],
      ['-id', ['y10', 'y9', 'y5', ...[...seedKeys].reverse()]],
      ['date', ['y5', 'e1', 'e2', 'e6', 'e3', 'e4', 'e5', 'e7', 'e8', 'e9', 'e10', 'y9', 'y10']],
      ['-date', ['e3', 'e4', 'e5', 'e7', 'e8', 'e1', 'e2', 'e6', 'y5', 'e9', 'e10', 'y9', 'y10']],
    ])('sort=%s orders the list (undated last)', async (sort, expected) => {
      expect(await list(`?sort=${sort}`)).toEqual(expected)
    })

    it('rejects an unknown sort with a validation problem pointing at /query/sort', async () => {
      const res = await get(t, '/v1/events?sort=title')
      expectProblem(res, { status: 400, code: 'validation', instance: '/v1/events', pointer: '/query/sort' })
    })

    it('filters by actor in any role, as initiator and as target', async () => {
      expect(await list('?actor=japan')).toEqual(['e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8', 'e9', 'y5', 'y9'])
      expect(await list('?initiator=japan')).toEqual(['e2'])
      expect(await list('?target=japan')).toEqual(['e9', 'y9'])
      expect(await list('?initiator=china-coast-guard')).toEqual(['e9', 'y9'])
      expect(await list('?target=taiwan')).toEqual(['e10', 'y10'])
      const plaf = await getOk(t, '/v1/actors/pla-air-force')
      expect(await list(`?initiator=${plaf.body.id}`)).toEqual(['e10', 'y10'])
      expect(await list('?initiator=taiwan')).toEqual([])
      expect(await list('?actor=atlantis')).toEqual([])
    })

    it('filters by type and status', async () => {
      expect(await list('?type=MOBILIZE')).toEqual(['e9', 'e10', 'y9', 'y10'])
      expect(await list('?type=AGREE')).toEqual(['e3', 'e6'])
      expect(await list('?type=SUPPORT')).toEqual(['e5', 'y5'])
      expect(await list('?type=ASSAULT')).toEqual([])
      expect(await list('?status=planned')).toEqual(['e7'])
      expect(await list('?status=ongoing')).toEqual(['e9', 'e10', 'y9', 'y10'])
      expect(await list('?status=occurred')).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e8', 'y5'])
      expectProblem(await get(t, '/v1/events?type=agree'), {
        status: 400,
        code: 'validation',
        instance: '/v1/events',
        pointer: '/query/type',
      })
      expectProblem(await get(t, '/v1/events?status=done'), {
        status: 400,
        code: 'validation',
        instance: '/v1/events',
        pointer: '/query/status',
      })
    })

    it('an event dated December 2021 overlaps from=2021-12-20 and to=2021-12-01, not from=2022-02-01', async () => {
      expect(await list('?from=2021-12-20')).toContain('e6')
      expect(await list('?to=2021-12-01')).toContain('e6')
      expect(await list('?from=2022-02-01')).not.toContain('e6')
    })

    it.each([
      ['?from=2021-12-20', ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8']],
      ['?to=2021-12-01', ['e1', 'e2', 'e6', 'y5']],
      ['?from=2022-02-01', ['e7']],
      ['?from=2021-06-30&to=2021-06-30', ['y5']],
      ['?from=2021', ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8', 'y5']],
      ['?to=2021', ['e1', 'e2', 'e6', 'y5']],
      ['?from=2022-01-01&to=2022-01-01', ['e3', 'e4', 'e5', 'e7', 'e8']],
      ['?from=2022-01-02&to=2022-01-31', ['e3', 'e4', 'e5', 'e7']],
      ['?to=2021-05', []],
      ['?from=2023', []],
    ])('filters by date with precision-aware overlap: %s', async (query, expected) => {
      expect(await list(query)).toEqual(expected)
    })

    it('rejects a date bound that is not a real date', async () => {
      expectProblem(await get(t, '/v1/events?from=2021-13'), {
        status: 400,
        code: 'validation',
        instance: '/v1/events',
        pointer: '/query/from',
      })
      expectProblem(await get(t, '/v1/events?to=2021-12-1'), {
        status: 400,
        code: 'validation',
        instance: '/v1/events',
        pointer: '/query/to',
      })
    })

    it('filters by the reporting article, by slug or id', async () => {
      expect(await list(`?article=${SEED_SLUG}`)).toEqual(seedKeys)
      const both = ['e1', 'e2', 'e3', 'e4', 'e6', 'e7', 'e8', 'y5', 'y9', 'y10']
      expect(await list(`?article=${VARIANT}`)).toEqual(both)
      expect(await list(`?article=${variant.articleId}`)).toEqual(both)
      expect(await list('?article=no-such-article')).toEqual([])
    })

    it('filters by country of the location or of a participant', async () => {
      expect(await list('?country=JPN')).toEqual(['e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8', 'e9', 'y5', 'y9'])
      expect(await list('?country=TWN')).toEqual(['e10', 'y10'])
      expect(await list('?country=PHL')).toEqual(['y10'])
      expect(await list('?country=chn')).toEqual(['e1', 'e6', 'e7', 'e8', 'e9', 'e10', 'y9', 'y10'])
      expect(await list('?country=FRA')).toEqual([])
      expectProblem(await get(t, '/v1/events?country=Japan'), {
        status: 400,
        code: 'validation',
        instance: '/v1/events',
        pointer: '/query/country',
      })
    })

    it('filters by q over title and description', async () => {
      expect(await list('?q=hotline')).toEqual(['e6', 'e7'])
      expect(await list('?q=Diaoyu')).toEqual(['e9', 'y9'])
      expect(await list('?q=earlier')).toEqual(['y5'])
      expect(await list('?q=signatories')).toEqual(['e8'])
      expect(await list('?q=zeppelin')).toEqual([])
    })

    it('combines filters with AND', async () => {
      expect(await list('?actor=japan&from=2022-01&type=AGREE')).toEqual(['e3'])
      expect(await list(`?actor=china&status=occurred&article=${VARIANT}&sort=-date`)).toEqual(['e8', 'e6'])
    })
  })

  describe('GET /v1/events/{id}', () => {
    it('embeds participants and every reporting article with its passage', async () => {
      const e1 = seed.events[0]
      const res = await getOk(t, `/v1/events/${idOf.e1}`)
      const evidence = {
        start: e1?.evidence.start,
        end: e1?.evidence.end,
        exact: e1?.evidence.exact,
        prefix: body.slice(Math.max(0, (e1?.evidence.start ?? 0) - 32), e1?.evidence.start),
        suffix: body.slice(e1?.evidence.end, (e1?.evidence.end ?? 0) + 32),
      }
      expect(res.body).toEqual({
        id: idOf.e1,
        title: titleOf.e1,
        description: e1?.description,
        type: 'OTHER',
        extension: 'PUBLICATION',
        subtype: 'academic journal article',
        mode: null,
        contexts: ['diplomatic', 'military'],
        quadClass: null,
        status: 'occurred',
        modality: 'asserted',
        start: { date: '2021-12', precision: 'month', approximate: false, text: 'late December' },
        end: null,
        location: null,
        participants: [
          { role: 'initiator', actor: ref('zhang-tuosheng') },
          { role: 'participant', actor: ref('china-international-strategy-review') },
        ],
        reports: [
          { article: { id: ID('art'), slug: SEED_SLUG, title: seed.article.title }, evidence },
          { article: { id: variant.articleId, slug: VARIANT, title: 'The same events, reported again' }, evidence },
        ],
        extraction: {
          method: 'manual',
          extractor: 'geobrief-seed-analyst',
          confidence: expect.any(Number),
          reviewed: false,
          reviewedBy: null,
        },
        createdAt: ISO_TIME,
        updatedAt: ISO_TIME,
      })
    })

    it('every report of every event points at its passage: body.slice(start, end) === exact', async () => {
      const all = await listAll<Event>(t, '/v1/events')
      let reports = 0
      for (const e of all) {
        const detail = await getOk(t, `/v1/events/${e.id}`)
        expect(detail.body).toEqual(e)
        expect(e.reports.length).toBeGreaterThan(0)
        for (const r of e.reports) {
          expect(body.slice(r.evidence.start, r.evidence.end)).toBe(r.evidence.exact)
          reports++
        }
      }
      expect(reports).toBe(20)
    })

    it('shows locations, day precision and undated events', async () => {
      const e8 = await getOk(t, `/v1/events/${idOf.e8}`)
      expect(e8.body.start).toEqual({ date: '2022-01-01', precision: 'day', approximate: false, text: 'on Jan 1' })
      const y10 = await getOk(t, `/v1/events/${idOf.y10}`)
      expect(y10.body).toEqual(
        expect.objectContaining({
          title: titleOf.e10,
          start: null,
          end: null,
          location: {
            name: 'Taiwan’s air defence identification zone',
            country: 'PHL',
            latitude: null,
            longitude: null,
          },
          participants: [
            { role: 'initiator', actor: ref('pla-air-force') },
            { role: 'target', actor: ref('taiwan') },
          ],
          reports: [
            {
              article: { id: variant.articleId, slug: VARIANT, title: expect.any(String) },
              evidence: expect.any(Object),
            },
          ],
        }),
      )
      const y5 = await getOk(t, `/v1/events/${idOf.y5}`)
      expect(y5.body.title).toBe(Y5_TITLE)
      expect(y5.body.start).toEqual({ date: '2021-06', precision: 'month', approximate: false, text: 'in June' })
    })

    it('is 404 problem+json for an unknown id', async () => {
      const id = 'evt_01ARZ3NDEKTSV4RRFFQ69G5FAV'
      expectProblem(await get(t, `/v1/events/${id}`), { status: 404, code: 'not-found', instance: `/v1/events/${id}` })
      expectProblem(await get(t, '/v1/events/e1'), { status: 404, code: 'not-found', instance: '/v1/events/e1' })
    })

    it('answers a strong ETag and 304 to If-None-Match', async () => {
      await expectEtagRoundTrip(t, `/v1/events/${idOf.e6}`)
    })
  })

  // This adds events, so it runs last.
  describe('pagination while briefs are added', () => {
    it('a walk in id order yields every original event exactly once, in order', async () => {
      const before = await listAll<Event>(t, '/v1/events')
      let added: string[] = []
      const walk = await walkCursor<Event>(t, '/v1/events?limit=2', 2, async (page) => {
        if (page === 2) {
          const r = await ingest(t, briefVariant('added-mid-walk'))
          added = [r.events.e9 as string, r.events.e10 as string]
        }
      })
      const original = new Set(before.map((e) => e.id))
      expect(walk.items.filter((e) => original.has(e.id)).map((e) => e.id)).toEqual(before.map((e) => e.id))
      expect(new Set(walk.items.map((e) => e.id)).size).toBe(walk.items.length)
      expect(walk.items.map((e) => e.id)).toEqual([...before.map((e) => e.id), ...added])
    })
  })
})
