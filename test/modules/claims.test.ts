import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeDatabases, SEED_SLUG, type TestApp, testApp } from '../helpers/app.js'
import { briefVariant, ingest, seedBrief } from '../helpers/briefs.js'
import { expectEtagRoundTrip, get, getOk, ID, ISO_TIME, listAll, walkCursor } from '../helpers/http.js'
import { expectProblem } from '../helpers/problems.js'

type Span = { start: number; end: number; exact: string; prefix: string; suffix: string }
type Claim = {
  id: string
  article: { id: string; slug: string }
  quote: { text: string; start: number; end: number } | null
  evidence: Span
}

// The seed's 14 claims (c1..c14) and a second article with two of them (x1, x9), x1 reworded and re-dated.
const VARIANT = 'kangaroo-brief'
const X1_SUMMARY = 'Kangaroo diplomacy aside, China should mend ties with Japan.'

describe('claims', () => {
  let t: TestApp
  const seed = seedBrief()
  const label = new Map<string, string>()
  const idOf: Record<string, string> = {}
  const eventIdOf: Record<string, string> = {}
  let body = ''
  let variantId = ''
  const seedKeys = seed.claims.map((c) => c.key)

  const labels = (items: Array<{ id: string }>) => items.map((c) => label.get(c.id) ?? c.id)
  const list = async (query = '') => labels(await listAll<Claim>(t, `/v1/claims${query}`))
  const ref = (slug: string) => {
    const a = seed.actors.find((x) => x.slug === slug)
    return { id: ID('act'), slug, name: a?.name, kind: a?.kind, country: a?.country ?? null }
  }

  beforeAll(async () => {
    t = await testApp({ seed: true })
    const claims = await t.app.db.read.claim.findMany({
      where: { article: { slug: SEED_SLUG } },
      orderBy: { position: 'asc' },
      select: { id: true },
    })
    claims.forEach((c, i) => {
      label.set(c.id, `c${i + 1}`)
      idOf[`c${i + 1}`] = c.id
    })
    const reports = await t.app.db.read.eventReport.findMany({
      where: { article: { slug: SEED_SLUG } },
      orderBy: { position: 'asc' },
      select: { eventId: true },
    })
    reports.forEach((r, i) => {
      eventIdOf[`e${i + 1}`] = r.eventId
    })
    const result = await ingest(
      t,
      briefVariant(VARIANT, (b) => {
        const c1 = b.claims.find((c) => c.key === 'c1')
        const c9 = b.claims.find((c) => c.key === 'c9')
        if (!c1 || !c9) throw new Error('seed changed')
        c1.summary = X1_SUMMARY
        c1.stated = { date: '2022-03-15', precision: 'day', approximate: false, text: 'on 15 March' }
        c1.links = c1.links?.filter((l) => l.claim === undefined)
        c9.links = c9.links?.filter((l) => l.claim === undefined)
        b.claims = [c1, c9]
      }),
    )
    variantId = result.articleId
    for (const [key, id] of Object.entries(result.claims)) {
      label.set(id, `x${key.slice(1)}`)
      idOf[`x${key.slice(1)}`] = id
    }
    body = (await getOk(t, `/v1/articles/${SEED_SLUG}`)).body.body
  })

  afterAll(async () => {
    await t.close()
    removeDatabases()
  })

  describe('GET /v1/claims', () => {
    it('lists claims in ingestion order by default', async () => {
      const res = await getOk(t, '/v1/claims')
      expect(res.body.page).toEqual({ limit: 20, nextCursor: null })
      expect(labels(res.body.data)).toEqual([...seedKeys, 'x1', 'x9'])
      expect(res.body.data[0]).toEqual({
        id: idOf.c1,
        article: { id: ID('art'), slug: SEED_SLUG, title: seed.article.title },
        kind: 'recommendation',
        summary: seed.claims[0]?.summary,
        modality: 'asserted',
        quote: null,
        evidence: { start: 0, end: 135, exact: seed.claims[0]?.evidence.exact, prefix: '', suffix: expect.any(String) },
        claimants: [ref('zhang-tuosheng')],
        about: [ref('china'), ref('japan'), ref('united-states')],
        stated: { date: '2021-12', precision: 'month', approximate: false, text: 'late December' },
        extraction: {
          method: 'manual',
          extractor: 'geobrief-seed-analyst',
          confidence: 0.9,
          reviewed: false,
          reviewedBy: null,
        },
        links: [
          {
            type: 'refers_to_event',
            direction: 'outgoing',
            claim: null,
            event: { id: eventIdOf.e1, title: seed.events[0]?.title },
          },
          {
            type: 'repeats',
            direction: 'outgoing',
            claim: { id: idOf.c3, summary: seed.claims[2]?.summary },
            event: null,
          },
        ],
        createdAt: ISO_TIME,
        updatedAt: ISO_TIME,
      })
    })

    it('every listed claim points at its passage: body.slice(start, end) === exact', async () => {
      const all = await listAll<Claim>(t, '/v1/claims')
      expect(all).toHaveLength(16)
      for (const c of all) {
        expect(body.slice(c.evidence.start, c.evidence.end)).toBe(c.evidence.exact)
        expect(c.evidence.prefix).toBe(body.slice(Math.max(0, c.evidence.start - 32), c.evidence.start))
        expect(c.evidence.suffix).toBe(body.slice(c.evidence.end, c.evidence.end + 32))
        if (c.quote) {
          expect(body.slice(c.quote.start, c.quote.end)).toBe(c.quote.text)
          expect(c.quote.start).toBeGreaterThanOrEqual(c.evidence.start)
          expect(c.quote.end).toBeLessThanOrEqual(c.evidence.end)
        }
      }
    })

    it.each([
      ['id', [...seedKeys, 'x1', 'x9']],
      ['-id', ['x9', 'x1', ...[...seedKeys].reverse()]],
      ['stated', ['c1', 'c2', 'c3', 'c4', 'c14', 'c5', 'c6', 'c7', 'c13', 'x1', 'c8', 'c9', 'c10', 'c11', 'c12', 'x9']],
      [
        '-stated',
        ['x1', 'c5', 'c6', 'c7', 'c13', 'c1', 'c2', 'c3', 'c4', 'c14', 'c8', 'c9', 'c10', 'c11', 'c12', 'x9'],
      ],
    ])('sort=%s orders the list (unknown dates last)', async (sort, expected) => {
      expect(await list(`?sort=${sort}`)).toEqual(expected)
    })

    it('rejects an unknown sort with a validation problem pointing at /query/sort', async () => {
      const res = await get(t, '/v1/claims?sort=confidence')
      expectProblem(res, { status: 400, code: 'validation', instance: '/v1/claims', pointer: '/query/sort' })
    })

    it('filters by claimant, by slug or id', async () => {
      expect(await list('?claimant=zhang-tuosheng')).toEqual(['c1', 'c2', 'c3', 'c4', 'x1'])
      expect(await list('?claimant=japan')).toEqual(['c5', 'c6', 'c13', 'c14'])
      expect(await list('?claimant=xing-yuqing')).toEqual(['c8', 'c9', 'c10', 'x9'])
      const wang = await getOk(t, '/v1/actors/wang-wenbin')
      expect(await list(`?claimant=${wang.body.id}`)).toEqual(['c7'])
      // China is talked about, never a claimant.
      expect(await list('?claimant=china')).toEqual([])
      expect(await list('?claimant=nobody')).toEqual([])
    })

    it('filters by the actor a claim is about, by slug or id', async () => {
      expect(await list('?about=taiwan')).toEqual(['c9', 'x9'])
      expect(await list('?about=australia')).toEqual(['c7', 'c13'])
      const ccg = await getOk(t, '/v1/actors/china-coast-guard')
      expect(await list(`?about=${ccg.body.id}`)).toEqual(['c9', 'x9'])
      expect(await list('?about=zhang-tuosheng')).toEqual([])
    })

    it('filters by article, by slug or id', async () => {
      expect(await list(`?article=${SEED_SLUG}`)).toEqual(seedKeys)
      expect(await list(`?article=${VARIANT}`)).toEqual(['x1', 'x9'])
      expect(await list(`?article=${variantId}`)).toEqual(['x1', 'x9'])
      expect(await list('?article=no-such-article')).toEqual([])
    })

    it('filters by kind and modality', async () => {
      expect(await list('?kind=recommendation')).toEqual(['c1', 'c2', 'c3', 'c10', 'x1'])
      expect(await list('?kind=pledge')).toEqual(['c6'])
      expect(await list('?kind=denial')).toEqual([])
      expect(await list('?modality=hypothetical')).toEqual(['c4', 'c11'])
      expect(await list('?modality=future')).toEqual(['c6'])
      expectProblem(await get(t, '/v1/claims?kind=rumour'), {
        status: 400,
        code: 'validation',
        instance: '/v1/claims',
        pointer: '/query/kind',
      })
    })

    it.each([
      ['?statedFrom=2022-01-15', ['c5', 'c6', 'c7', 'c13', 'x1']],
      ['?statedFrom=2022-02', ['x1']],
      ['?statedTo=2021-12-01', ['c1', 'c2', 'c3', 'c4', 'c14']],
      ['?statedFrom=2021-12-20&statedTo=2021-12-20', ['c1', 'c2', 'c3', 'c4', 'c14']],
      ['?statedFrom=2022&statedTo=2022', ['c5', 'c6', 'c7', 'c13', 'x1']],
      ['?statedFrom=2022-03-16', []],
      ['?statedTo=2021-11-30', []],
    ])('filters by statement date with precision-aware overlap: %s', async (query, expected) => {
      expect(await list(query)).toEqual(expected)
    })

    it('filters by q over the summary and the quote', async () => {
      expect(await list('?q=Kangaroo')).toEqual(['x1'])
      // In c10's quote only ("must set aside" in its summary).
      expect(await list(`?q=${encodeURIComponent('have to set aside')}`)).toEqual(['c10'])
      expect(await list(`?q=${encodeURIComponent('rules-based order')}`)).toEqual(['c5'])
      expect(await list('?q=zeppelin')).toEqual([])
    })

    it('combines filters with AND', async () => {
      expect(await list('?claimant=zhang-tuosheng&kind=warning')).toEqual(['c4'])
      expect(await list(`?about=japan&statedFrom=2022-01&article=${SEED_SLUG}`)).toEqual(['c7', 'c13'])
    })
  })

  describe('GET /v1/claims/{id}', () => {
    it('embeds claimants, subjects, the evidence passage and the quote', async () => {
      const c5 = seed.claims[4]
      const res = await getOk(t, `/v1/claims/${idOf.c5}`)
      expect(res.body).toEqual({
        id: idOf.c5,
        article: { id: ID('art'), slug: SEED_SLUG, title: seed.article.title },
        kind: 'accusation',
        summary: c5?.summary,
        modality: 'asserted',
        quote: c5?.quote,
        evidence: {
          start: c5?.evidence.start,
          end: c5?.evidence.end,
          exact: c5?.evidence.exact,
          prefix: body.slice(Math.max(0, (c5?.evidence.start ?? 0) - 32), c5?.evidence.start),
          suffix: body.slice(c5?.evidence.end, (c5?.evidence.end ?? 0) + 32),
        },
        claimants: [ref('united-states'), ref('japan')],
        about: [ref('china')],
        stated: c5?.stated,
        extraction: {
          method: 'manual',
          extractor: 'geobrief-seed-analyst',
          confidence: expect.any(Number),
          reviewed: false,
          reviewedBy: null,
        },
        links: [
          {
            type: 'refers_to_event',
            direction: 'outgoing',
            claim: null,
            event: { id: eventIdOf.e4, title: seed.events[3]?.title },
          },
        ],
        createdAt: ISO_TIME,
        updatedAt: ISO_TIME,
      })
      const { evidence, quote } = res.body as Claim
      expect(body.slice(evidence.start, evidence.end)).toBe(evidence.exact)
      expect(body.slice(quote?.start, quote?.end)).toBe(quote?.text)
    })

    it('shows incoming links as well as outgoing ones', async () => {
      const c3 = await getOk(t, `/v1/claims/${idOf.c3}`)
      expect(c3.body.links).toEqual([
        {
          type: 'refers_to_event',
          direction: 'outgoing',
          claim: null,
          event: { id: eventIdOf.e1, title: seed.events[0]?.title },
        },
        {
          type: 'repeats',
          direction: 'incoming',
          claim: { id: idOf.c1, summary: seed.claims[0]?.summary },
          event: null,
        },
      ])
      const c8 = await getOk(t, `/v1/claims/${idOf.c8}`)
      expect(c8.body.links).toEqual([
        {
          type: 'supports',
          direction: 'incoming',
          claim: { id: idOf.c9, summary: seed.claims[8]?.summary },
          event: null,
        },
      ])
    })

    it('shows the variant article and its own date for a claim of another article', async () => {
      const res = await getOk(t, `/v1/claims/${idOf.x1}`)
      expect(res.body).toEqual(
        expect.objectContaining({
          id: idOf.x1,
          article: { id: variantId, slug: VARIANT, title: seed.article.title },
          summary: X1_SUMMARY,
          stated: { date: '2022-03-15', precision: 'day', approximate: false, text: 'on 15 March' },
          claimants: [ref('zhang-tuosheng')],
          links: [
            {
              type: 'refers_to_event',
              direction: 'outgoing',
              claim: null,
              event: { id: eventIdOf.e1, title: seed.events[0]?.title },
            },
          ],
        }),
      )
    })

    it('answers the same claim as the list does', async () => {
      const all = await listAll<Claim>(t, '/v1/claims')
      for (const c of all.slice(0, 4)) expect((await getOk(t, `/v1/claims/${c.id}`)).body).toEqual(c)
    })

    it('is 404 problem+json for an unknown id', async () => {
      const id = 'clm_01ARZ3NDEKTSV4RRFFQ69G5FAV'
      expectProblem(await get(t, `/v1/claims/${id}`), { status: 404, code: 'not-found', instance: `/v1/claims/${id}` })
      expectProblem(await get(t, '/v1/claims/c1'), { status: 404, code: 'not-found', instance: '/v1/claims/c1' })
    })

    it('answers a strong ETag and 304 to If-None-Match', async () => {
      await expectEtagRoundTrip(t, `/v1/claims/${idOf.c1}`)
    })
  })

  // This adds claims, so it runs last.
  describe('pagination while briefs are added', () => {
    it('a walk in stated order yields every original claim exactly once, in order', async () => {
      const before = await listAll<Claim>(t, '/v1/claims?sort=stated')
      expect(before).toHaveLength(16)
      const walk = await walkCursor<Claim>(t, '/v1/claims?sort=stated&limit=2', 2, async (page) => {
        if (page === 4) await ingest(t, briefVariant('added-mid-walk'))
      })
      const original = new Set(before.map((c) => c.id))
      expect(walk.items.filter((c) => original.has(c.id))).toEqual(before)
      expect(new Set(walk.items.map((c) => c.id)).size).toBe(walk.items.length)
      // The new copies of claims dated after the cursor position, and the undated ones, still come.
      expect(walk.items.length).toBeGreaterThan(before.length)
    })
  })
})
