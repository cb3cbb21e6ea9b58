import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BriefInput, BriefSchema } from '../../src/domain/brief.schema.js'
import { sha256, validateBrief } from '../../src/domain/brief.validate.js'
import { completeBrief } from '../../src/ingest/canonical.js'
import { removeDatabases, SEED_SLUG, type TestApp, testApp } from '../helpers/app.js'
import { briefVariant, ingest, seedBrief } from '../helpers/briefs.js'
import { expectEtagRoundTrip, get, getOk, ID, ISO_TIME, listAll, walkCursor } from '../helpers/http.js'
import { expectProblem } from '../helpers/problems.js'

// Five articles: the seed (A) and four variants of it (same body, so every offset stays valid).
const A = SEED_SLUG
const B = 'quokka-diplomacy'
const C = 'december-review'
const D = 'year-in-review-2021'
const E = 'after-the-pact'

const SOUTH_KOREA = {
  slug: 'south-korea',
  name: 'South Korea',
  kind: 'state' as const,
  country: 'KOR',
  aliases: ['Seoul'],
  role: 'mentioned' as const,
}

type Summary = { id: string; slug: string; published: unknown; topics: string[] }

describe('articles', () => {
  let t: TestApp
  const seed = seedBrief()
  const idOf: Record<string, string> = {}

  const slugs = (items: Array<{ slug: string }>) => items.map((i) => i.slug)
  const list = async (query = '') => slugs(await listAll<Summary>(t, `/v1/articles${query}`))

  beforeAll(async () => {
    t = await testApp({ seed: true })
    const variants: BriefInput[] = [
      briefVariant(B, (b) => {
        b.article.title = 'Quokka diplomacy: US and Japan deepen defence ties'
        b.article.published = { date: '2022-01-13', precision: 'day', approximate: false, text: 'on Thursday' }
        b.article.topics = ['trade']
      }),
      briefVariant(C, (b) => {
        b.article.title = 'December review of East Asian security'
        b.article.summary = 'A wombat-eyed look back at the month'
        b.article.published = { date: '2021-12', precision: 'month', approximate: false, text: 'December' }
        b.article.topics = ['security']
      }),
      briefVariant(D, (b) => {
        b.article.title = 'Year in review 2021'
        b.article.published = { date: '2021', precision: 'year', approximate: false, text: null }
        b.article.topics = ['east-asia']
        b.actors.push(SOUTH_KOREA)
      }),
      briefVariant(E, (b) => {
        b.article.title = 'After the pact: Japan and Australia'
        b.article.published = { date: '2022-02-01', precision: 'day', approximate: false, text: null }
        b.article.topics = ['security', 'trade']
        // Australia stays a claimant and participant (a stored actor) but is no longer one of this article's actors.
        b.actors = b.actors.filter((a) => a.slug !== 'australia')
      }),
    ]
    for (const v of variants) await ingest(t, v)
    for (const a of await listAll<Summary>(t, '/v1/articles')) idOf[a.slug] = a.id
  })

  afterAll(async () => {
    await t.close()
    removeDatabases()
  })

  describe('GET /v1/articles', () => {
    it('lists articles in ingestion order by default, the seed article first', async () => {
      const res = await getOk(t, '/v1/articles')
      expect(res.body.page).toEqual({ limit: 20, nextCursor: null })
      expect(slugs(res.body.data)).toEqual([A, B, C, D, E])
      expect(res.body.data[0]).toEqual({
        id: ID('art'),
        slug: SEED_SLUG,
        title: seed.article.title,
        summary: null,
        section: seed.article.section,
        publisher: seed.article.publisher,
        byline: null,
        url: null,
        language: 'en',
        published: null,
        topics: ['china-japan-relations', 'east-asia', 'security'],
        counts: { actors: 22, claims: 14, events: 10 },
        createdAt: ISO_TIME,
        updatedAt: ISO_TIME,
      })
    })

    it('shows partial publication dates with their precision', async () => {
      const data = await listAll<Summary>(t, '/v1/articles')
      const byslug = Object.fromEntries(data.map((a) => [a.slug, a]))
      expect(byslug[B]?.published).toEqual({
        date: '2022-01-13',
        precision: 'day',
        approximate: false,
        text: 'on Thursday',
      })
      expect(byslug[C]?.published).toEqual({
        date: '2021-12',
        precision: 'month',
        approximate: false,
        text: 'December',
      })
      expect(byslug[D]?.published).toEqual({ date: '2021', precision: 'year', approximate: false, text: null })
      expect(byslug[E]?.topics).toEqual(['security', 'trade'])
    })

    it.each([
      ['id', [A, B, C, D, E]],
      ['-id', [E, D, C, B, A]],
      ['published', [D, C, B, E, A]],
      ['-published', [E, B, C, D, A]],
      ['title', [E, A, C, B, D]],
      ['-title', [D, B, C, A, E]],
    ])('sort=%s orders the list (unknown dates last)', async (sort, expected) => {
      expect(await list(`?sort=${sort}`)).toEqual(expected)
    })

    it('rejects an unknown sort with a validation problem pointing at /query/sort', async () => {
      const res = await get(t, '/v1/articles?sort=popularity')
      expectProblem(res, { status: 400, code: 'validation', instance: '/v1/articles', pointer: '/query/sort' })
    })

    it.each([
      ['?topic=security', [A, C, E]],
      ['?topic=trade', [B, E]],
      ['?topic=no-such-topic', []],
    ])('filters by topic: %s', async (query, expected) => {
      expect(await list(query)).toEqual(expected)
    })

    it('filters by actor slug and by actor id', async () => {
      expect(await list('?actor=south-korea')).toEqual([D])
      expect(await list('?actor=australia')).toEqual([A, B, C, D])
      const china = await getOk(t, '/v1/actors/china')
      expect(await list(`?actor=${china.body.id}`)).toEqual([A, B, C, D, E])
      expect(await list('?actor=no-such-actor')).toEqual([])
    })

    it.each([
      ['?publishedFrom=2022-01', [B, E]],
      ['?publishedFrom=2021-12-20', [B, C, D, E]],
      ['?publishedTo=2021-12-01', [C, D]],
      ['?publishedTo=2021-11', [D]],
      ['?publishedFrom=2022-01-13&publishedTo=2022-01-13', [B]],
      ['?publishedFrom=2021&publishedTo=2021', [C, D]],
      ['?publishedFrom=2022-02-02', []],
    ])('filters by publication date with precision-aware overlap: %s', async (query, expected) => {
      expect(await list(query)).toEqual(expected)
    })

    it('rejects a date bound that is not a real date', async () => {
      const res = await get(t, '/v1/articles?publishedFrom=2021-02-30')
      expectProblem(res, { status: 400, code: 'validation', instance: '/v1/articles', pointer: '/query/publishedFrom' })
      const res2 = await get(t, '/v1/articles?publishedTo=December')
      expectProblem(res2, { status: 400, code: 'validation', instance: '/v1/articles', pointer: '/query/publishedTo' })
    })

    it('filters by q over title, summary and body', async () => {
      expect(await list('?q=Quokka')).toEqual([B])
      expect(await list('?q=wombat')).toEqual([C])
      expect(await list('?q=hotline')).toEqual([A, B, C, D, E])
      expect(await list('?q=zeppelin')).toEqual([])
    })

    it('combines filters with AND', async () => {
      expect(await list('?topic=security&publishedFrom=2021-12-20')).toEqual([C, E])
      expect(await list('?topic=security&actor=australia')).toEqual([A, C])
    })
  })

  describe('GET /v1/articles/{idOrSlug}', () => {
    it('returns the article with its body, key points and actors', async () => {
      const res = await getOk(t, `/v1/articles/${SEED_SLUG}`)
      expect(res.body).toEqual({
        id: idOf[A],
        slug: SEED_SLUG,
        title: seed.article.title,
        summary: null,
        section: seed.article.section,
        publisher: seed.article.publisher,
        byline: null,
        url: null,
        language: 'en',
        published: null,
        topics: ['china-japan-relations', 'east-asia', 'security'],
        counts: { actors: 22, claims: 14, events: 10 },
        createdAt: ISO_TIME,
        updatedAt: ISO_TIME,
        keyPoints: seed.article.keyPoints,
        body: seed.article.body,
        relatedHeadlines: seed.article.relatedHeadlines,
        source: { sha256: sha256(seed.article.source.text), mediaType: seed.article.source.mediaType ?? 'text/plain' },
        actors: seed.actors.map((a) => ({
          id: ID('act'),
          slug: a.slug,
          name: a.name,
          kind: a.kind,
          country: a.country ?? null,
          role: a.role,
          surfaceForms: a.surfaceForms ?? [],
        })),
      })
      for (const form of res.body.actors.flatMap((a: { surfaceForms: string[] }) => a.surfaceForms))
        expect(res.body.body).toContain(form)
    })

    it('answers the same document by id and by slug', async () => {
      const bySlug = await getOk(t, `/v1/articles/${D}`)
      const byId = await getOk(t, `/v1/articles/${idOf[D]}`)
      expect(byId.body).toEqual(bySlug.body)
      expect(bySlug.body.id).toBe(idOf[D])
      expect(bySlug.body.actors.at(-1)).toEqual({
        id: ID('act'),
        slug: 'south-korea',
        name: 'South Korea',
        kind: 'state',
        country: 'KOR',
        role: 'mentioned',
        surfaceForms: [],
      })
      expect(bySlug.body.counts).toEqual({ actors: 23, claims: 14, events: 10 })
    })

    it('is 404 problem+json for an unknown id or slug', async () => {
      expectProblem(await get(t, '/v1/articles/no-such-article'), {
        status: 404,
        code: 'not-found',
        instance: '/v1/articles/no-such-article',
      })
      const id = 'art_01ARZ3NDEKTSV4RRFFQ69G5FAV'
      expectProblem(await get(t, `/v1/articles/${id}`), {
        status: 404,
        code: 'not-found',
        instance: `/v1/articles/${id}`,
      })
    })

    it('answers a strong ETag and 304 to If-None-Match', async () => {
      await expectEtagRoundTrip(t, `/v1/articles/${SEED_SLUG}`)
    })
  })

  describe('GET /v1/articles/{idOrSlug}/brief', () => {
    it('returns the whole brief, valid against the Brief schema and provenance checks', async () => {
      const res = await getOk(t, `/v1/articles/${SEED_SLUG}/brief`)
      const brief = BriefSchema.parse(res.body)
      expect(await validateBrief(brief)).toEqual([])
      expect(brief.actors).toHaveLength(22)
      expect(brief.claims).toHaveLength(14)
      expect(brief.events).toHaveLength(10)
      expect([brief.actors.length, brief.claims.length, brief.events.length]).toEqual([
        seed.actors.length,
        seed.claims.length,
        seed.events.length,
      ])
    })

    it('gives back the seed brief: article, actors, claims and events as ingested', async () => {
      const res = await getOk(t, `/v1/articles/${SEED_SLUG}/brief`)
      const brief = BriefSchema.parse(res.body)
      const expected = completeBrief(BriefSchema.parse(seed))
      const { id: articleId, ...article } = brief.article
      expect(articleId).toBe(idOf[A])
      expect(article).toEqual({ ...expected.article, topics: [...expected.article.topics].sort() })
      expect(brief.claims.map(({ id, ...c }) => c)).toEqual(expected.claims)
      expect(brief.claims.map((c) => c.id)).toEqual(expected.claims.map(() => ID('clm')))
      expect(brief.events.map(({ id, ...e }) => e)).toEqual(expected.events)
      expect(brief.events.map((e) => e.id)).toEqual(expected.events.map(() => ID('evt')))
      expect(brief.actors.map(({ id, aliases, ...a }) => a)).toEqual(expected.actors.map(({ aliases, ...a }) => a))
      brief.actors.forEach((a, i) => {
        const want = (expected.actors[i]?.aliases ?? []).filter((x) => x !== a.name)
        expect(a.aliases).toEqual(expect.arrayContaining(want))
      })
    })

    it('answers the same brief by id and by slug', async () => {
      const bySlug = await getOk(t, `/v1/articles/${C}/brief`)
      const byId = await getOk(t, `/v1/articles/${idOf[C]}/brief`)
      expect(byId.body).toEqual(bySlug.body)
      expect(bySlug.body.article.slug).toBe(C)
      expect(bySlug.body.article.published).toEqual({
        date: '2021-12',
        precision: 'month',
        approximate: false,
        text: 'December',
      })
    })

    it('is 404 problem+json for an unknown article', async () => {
      expectProblem(await get(t, '/v1/articles/no-such-article/brief'), {
        status: 404,
        code: 'not-found',
        instance: '/v1/articles/no-such-article/brief',
      })
    })

    it('answers a strong ETag and 304 to If-None-Match', async () => {
      await expectEtagRoundTrip(t, `/v1/articles/${SEED_SLUG}/brief`)
    })
  })

  // This adds an article, so it runs last.
  describe('pagination while briefs are added', () => {
    it('a walk in -published order yields every original article exactly once, in order', async () => {
      const before = await listAll<Summary>(t, '/v1/articles?sort=-published')
      const walk = await walkCursor<Summary>(t, '/v1/articles?sort=-published&limit=2', 2, async (page) => {
        if (page === 1)
          await ingest(
            t,
            briefVariant('added-mid-walk', (b) => {
              b.article.published = { date: '2021-06', precision: 'month', approximate: false, text: null }
            }),
          )
      })
      const original = new Set(before.map((a) => a.id))
      expect(walk.items.filter((a) => original.has(a.id))).toEqual(before)
      expect(new Set(walk.items.map((a) => a.id)).size).toBe(walk.items.length)
      // Published June 2021, it sorts after the cursor position, so the walk reaches it.
      expect(slugs(walk.items)).toEqual([E, B, C, 'added-mid-walk', D, A])
    })
  })
})
