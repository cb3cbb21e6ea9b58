// POST/PUT /v1/briefs: the round trip from GET .../brief, idempotency, conflicts and replacement;
// resolution of a brief's actors to stored ones and deduplication of its events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BriefInput } from '../../src/domain/brief.schema.js'
import { removeDatabases, SEED_SLUG, type TestApp, testApp, counts } from '../helpers/app.js'
import { call, changesSince, feedPosition, type Key, makeKey } from '../helpers/http.js'
import { expectProblem } from '../helpers/problems.js'
import { briefVariant, miniBrief, seedBrief, span, uniqueSlug } from '../helpers/briefs.js'

type Brief = BriefInput & {
  article: BriefInput['article'] & { id?: string }
  claims: Array<BriefInput['claims'][number] & { id?: string }>
  events: Array<BriefInput['events'][number] & { id?: string }>
  actors: Array<BriefInput['actors'][number] & { id?: string }>
}

interface IngestBody {
  status: string
  articleId: string
  slug: string
  actors: Record<string, string>
  claims: Record<string, string>
  events: Record<string, string>
}

/** The brief without what differs between two articles with the same content: article id/slug, claim ids. */
function withoutArticleIdentity(b: Brief) {
  const { id: _id, slug: _slug, ...article } = b.article
  return { ...b, article, claims: b.claims.map(({ id: _c, ...c }) => c) }
}

describe('ingest of whole briefs', () => {
  let t: TestApp
  let write: Key
  let seedId: string

  beforeAll(async () => {
    t = await testApp({ seed: true, config: { WRITE_RATE_LIMIT: 100_000 } })
    write = await makeKey(t, 'write')
    seedId = (await t.app.db.read.article.findUniqueOrThrow({ where: { slug: SEED_SLUG } })).id
  })
  afterAll(async () => {
    await t.close()
    removeDatabases()
  })

  /** Event id -> slugs of the articles reporting it. */
  async function reportingSlugs(ids: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>()
    for (const id of ids) {
      const ev = await call(t, 'get', `/v1/events/${id}`)
      expect(ev.status).toBe(200)
      out.set(
        id,
        (ev.body.reports as Array<{ article: { slug: string } }>).map((r) => r.article.slug),
      )
    }
    return out
  }

  const getBrief = async (slug: string): Promise<Brief> => {
    const res = await call(t, 'get', `/v1/articles/${slug}/brief`)
    expect(res.status).toBe(200)
    return res.body as Brief
  }

  it('a brief read from GET .../brief and posted under a new slug is stored as a new article sharing actors and events', async () => {
    const first = await getBrief(SEED_SLUG)
    const actorsBefore = await t.app.db.read.actor.count()
    const reportsBefore = await reportingSlugs(first.events.map((e) => e.id as string))
    const slug = uniqueSlug('round-trip')
    const posted = structuredClone(first)
    posted.article.slug = slug

    const res = await call(t, 'post', '/v1/briefs', write.token, posted)
    expect(res.status).toBe(201)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.headers.location).toBe(`/v1/articles/${slug}`)
    const result = res.body as IngestBody
    expect(result.status).toBe('created')
    expect(result.slug).toBe(slug)
    expect(result.articleId).toMatch(/^art_[0-9A-HJKMNP-TV-Z]{26}$/)
    expect(result.articleId).not.toBe(seedId)

    const second = await getBrief(slug)
    expect(second.article.id).toBe(result.articleId)
    expect(second.article.slug).toBe(slug)
    expect(withoutArticleIdentity(second)).toEqual(withoutArticleIdentity(first))

    // Claims are the new article's own; events and actors are shared.
    const firstClaimIds = first.claims.map((c) => c.id)
    for (const c of second.claims) expect(firstClaimIds).not.toContain(c.id)
    expect(second.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id))
    expect(second.actors.map((a) => a.id)).toEqual(first.actors.map((a) => a.id))
    expect(Object.values(result.events)).toEqual(first.events.map((e) => e.id))
    expect(Object.values(result.actors)).toEqual(first.actors.map((a) => a.id))
    expect(await t.app.db.read.actor.count()).toBe(actorsBefore)

    // Each event gained exactly one report, the new article's (2 when nothing else reports it).
    const reportsAfter = await reportingSlugs(first.events.map((e) => e.id as string))
    for (const [id, before] of reportsBefore) {
      expect(before).toContain(SEED_SLUG)
      expect((reportsAfter.get(id) ?? []).sort()).toEqual([...before, slug].sort())
    }
  })

  it('posting the same brief again is 200 unchanged with the same ids and changes no table', async () => {
    const slug = uniqueSlug('idempotent')
    const brief = briefVariant(slug, (b) => {
      b.article.title = 'An idempotent copy'
    })
    const created = await call(t, 'post', '/v1/briefs', write.token, brief)
    expect(created.status).toBe(201)
    const before = await counts(t)

    const again = await call(t, 'post', '/v1/briefs', write.token, brief)
    expect(again.status).toBe(200)
    expect(again.headers.location).toBeUndefined()
    expect(again.body).toEqual({ ...created.body, status: 'unchanged' })
    expect(await counts(t)).toEqual(before)

    // The brief as the API now returns it is the same brief too.
    const read = await getBrief(slug)
    const third = await call(t, 'post', '/v1/briefs', write.token, read)
    expect(third.status).toBe(200)
    expect(third.body.status).toBe('unchanged')
    expect(third.body.articleId).toBe(created.body.articleId)
    expect(await counts(t)).toEqual(before)
  })

  it('posting the seed article as GET .../brief returns it is 200 unchanged', async () => {
    const before = await counts(t)
    const res = await call(t, 'post', '/v1/briefs', write.token, await getBrief(SEED_SLUG))
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('unchanged')
    expect(res.body.articleId).toBe(seedId)
    expect(res.body.slug).toBe(SEED_SLUG)
    expect(await counts(t)).toEqual(before)

    const file = await call(t, 'post', '/v1/briefs', write.token, seedBrief())
    expect(file.status).toBe(200)
    expect(file.body.status).toBe('unchanged')
    expect(file.body.articleId).toBe(seedId)
    expect(await counts(t)).toEqual(before)
  })

  it('a different brief for an existing slug is 409 naming the article; PUT replaces it', async () => {
    const slug = uniqueSlug('replace-me')
    const created = await call(t, 'post', '/v1/briefs', write.token, briefVariant(slug))
    expect(created.status).toBe(201)
    const articleId = created.body.articleId as string
    const before = await counts(t)

    const changed = briefVariant(slug, (b) => {
      b.article.title = 'A retitled brief'
    })
    const conflict = await call(t, 'post', '/v1/briefs', write.token, changed)
    const problem = expectProblem(conflict, 409, 'conflict')
    expect(problem.articleId).toBe(articleId)
    expect(await counts(t)).toEqual(before)
    expect((await call(t, 'get', `/v1/articles/${slug}`)).body.title).toBe(seedBrief().article.title)

    const put = await call(t, 'put', `/v1/briefs/${slug}`, write.token, changed)
    expect(put.status).toBe(200)
    expect(put.headers['content-type']).toMatch(/^application\/json/)
    expect(put.body.status).toBe('replaced')
    expect(put.body.articleId).toBe(articleId)
    // Events with a date are found again and keep their ids (the undated ones: see the next test).
    const dated = seedBrief()
      .events.filter((e) => e.start)
      .map((e) => e.key)
    expect(dated.length).toBeGreaterThan(5)
    for (const key of dated) expect(put.body.events[key]).toBe(created.body.events[key])
    expect(put.body.actors).toEqual(created.body.actors)
    const article = await call(t, 'get', `/v1/articles/${slug}`)
    expect(article.status).toBe(200)
    expect(article.body.title).toBe('A retitled brief')
    expect((await getBrief(slug)).claims.map((c) => c.id)).toEqual(Object.values(put.body.claims))

    // The replaced brief is now the stored one: PUT again and POST are no-ops.
    const putAgain = await call(t, 'put', `/v1/briefs/${slug}`, write.token, changed)
    expect(putAgain.status).toBe(200)
    expect(putAgain.body.status).toBe('unchanged')
    expect((await call(t, 'post', '/v1/briefs', write.token, changed)).body.status).toBe('unchanged')
  })

  it('PUT replacing a brief leaves no live event that no article reports', async () => {
    const slug = uniqueSlug('replace-orphans')
    const created = await call(t, 'post', '/v1/briefs', write.token, briefVariant(slug))
    expect(created.status).toBe(201)
    const put = await call(
      t,
      'put',
      `/v1/briefs/${slug}`,
      write.token,
      briefVariant(slug, (b) => {
        b.article.title = 'Replaced again'
      }),
    )
    expect(put.status).toBe(200)
    expect(put.body.status).toBe('replaced')
    const before = Object.values(created.body.events as Record<string, string>)
    const unreported = await t.app.db.read.event.findMany({
      where: { id: { in: before }, deletedAt: null, reports: { none: {} } },
      select: { id: true, title: true },
    })
    expect(unreported).toEqual([])
    // Every event the article reported before the PUT is still reported by it, or is gone.
    const now = new Set(Object.values(put.body.events as Record<string, string>))
    for (const id of before) {
      if (now.has(id)) continue
      expectProblem(await call(t, 'get', `/v1/events/${id}`), 410, 'gone')
    }
  })

  it('PUT replacing a brief: the old claims answer 410 and the feed records their deletion', async () => {
    const slug = uniqueSlug('replace-claims')
    const created = await call(t, 'post', '/v1/briefs', write.token, briefVariant(slug))
    expect(created.status).toBe(201)
    const oldClaims = Object.values(created.body.claims as Record<string, string>)
    const resume = await feedPosition(t)
    const put = await call(
      t,
      'put',
      `/v1/briefs/${slug}`,
      write.token,
      briefVariant(slug, (b) => {
        b.claims = b.claims.slice(0, 3).map((c) => ({ ...c, links: [] }))
      }),
    )
    expect(put.status).toBe(200)
    expect(put.body.status).toBe('replaced')
    const newClaims = Object.values(put.body.claims as Record<string, string>)
    expect(newClaims).toHaveLength(3)
    const { items } = await changesSince(t, resume)
    for (const id of oldClaims) {
      expect(newClaims).not.toContain(id)
      expectProblem(await call(t, 'get', `/v1/claims/${id}`), 410, 'gone')
      expect(items).toContainEqual(
        expect.objectContaining({ entity: 'claim', id, action: 'deleted', keyId: write.key.id }),
      )
    }
    for (const id of newClaims)
      expect(items).toContainEqual(
        expect.objectContaining({ entity: 'claim', id, action: 'created', keyId: write.key.id }),
      )
  })

  it('PUT of a new slug creates the article: 201 with Location', async () => {
    const slug = uniqueSlug('put-new')
    const res = await call(t, 'put', `/v1/briefs/${slug}`, write.token, briefVariant(slug))
    expect(res.status).toBe(201)
    expect(res.headers.location).toBe(`/v1/articles/${slug}`)
    expect(res.body.status).toBe('created')
    expect((await call(t, 'get', `/v1/articles/${slug}`)).status).toBe(200)
  })

  it('PUT with a body slug different from the path is 422 at /article/slug and stores nothing', async () => {
    const before = await counts(t)
    const res = await call(
      t,
      'put',
      `/v1/briefs/${uniqueSlug('path-slug')}`,
      write.token,
      briefVariant(uniqueSlug('x')),
    )
    expectProblem(res, 422, 'unprocessable-brief', '/article/slug')
    expect(await counts(t)).toEqual(before)
  })

  it('the change feed records the created article with the key id, not the secret', async () => {
    const slug = uniqueSlug('feed')
    const res = await call(
      t,
      'post',
      '/v1/briefs',
      write.token,
      briefVariant(slug, (b) => {
        b.article.title = 'Feed check'
      }),
    )
    expect(res.status).toBe(201)
    const feed = await call(t, 'get', '/v1/changes?entity=article&limit=100')
    expect(feed.status).toBe(200)
    const entries = (feed.body.data as Array<{ id: string; action: string; keyId: string | null }>).filter(
      (c) => c.id === res.body.articleId,
    )
    expect(entries).toEqual([expect.objectContaining({ action: 'created', keyId: write.key.id })])
    expect(JSON.stringify(feed.body)).not.toContain(write.token.slice(`gbk_${write.key.id}_`.length))
  })
})

type ActorIn = BriefInput['actors'][number]

describe('actor resolution and event deduplication on ingest', () => {
  let t: TestApp
  let write: Key
  let chinaId: string

  beforeAll(async () => {
    t = await testApp({ seed: true, config: { WRITE_RATE_LIMIT: 100_000 } })
    write = await makeKey(t, 'write')
    chinaId = (await t.app.db.read.actor.findUniqueOrThrow({ where: { slug: 'china' } })).id
  })
  afterAll(async () => {
    await t.close()
    removeDatabases()
  })

  /** A one-claim brief whose claimant is `actor`. */
  function claimBy(actor: ActorIn, body: string) {
    return miniBrief(uniqueSlug('resolve'), body, {
      actors: [actor],
      claims: [
        { key: 'c1', kind: 'position', summary: 'A position.', evidence: span(body, body), claimants: [actor.slug] },
      ],
    })
  }

  async function post(brief: BriefInput) {
    const res = await call(t, 'post', '/v1/briefs', write.token, brief)
    expect(res.status).toBe(201)
    return res.body as {
      articleId: string
      actors: Record<string, string>
      claims: Record<string, string>
      events: Record<string, string>
    }
  }

  async function aliasesOf(idOrSlug: string): Promise<string[]> {
    const res = await call(t, 'get', `/v1/actors/${idOrSlug}`)
    expect(res.status).toBe(200)
    return res.body.aliases as string[]
  }

  it('an actor with another slug but China’s Wikidata id is China; its name becomes an alias', async () => {
    const actorsBefore = await t.app.db.read.actor.count()
    const name = `Zhongguo Prime ${process.pid}`
    const body = `${name} said the hotline works.`
    const result = await post(
      claimBy({ slug: uniqueSlug('zhongguo'), name, kind: 'state', wikidataId: 'Q148', surfaceForms: [name] }, body),
    )
    expect(Object.values(result.actors)).toEqual([chinaId])
    expect(await t.app.db.read.actor.count()).toBe(actorsBefore)
    expect(await aliasesOf('china')).toContain(name)
    const claim = await call(t, 'get', `/v1/claims/${result.claims.c1}`)
    expect(claim.status).toBe(200)
    expect(JSON.stringify(claim.body)).toContain(chinaId)
    const found = await call(t, 'get', `/v1/actors?q=${encodeURIComponent(name)}`)
    expect((found.body.data as Array<{ id: string }>).map((a) => a.id)).toEqual([chinaId])
  })

  it('a state named "PRC" under a new slug is China (alias and kind match)', async () => {
    const actorsBefore = await t.app.db.read.actor.count()
    const body = 'The PRC welcomed the talks.'
    const result = await post(
      claimBy({ slug: uniqueSlug('prc'), name: 'PRC', kind: 'state', surfaceForms: ['PRC'] }, body),
    )
    expect(Object.values(result.actors)).toEqual([chinaId])
    expect(await t.app.db.read.actor.count()).toBe(actorsBefore)
  })

  it('a name that matches an alias of another kind is a new actor', async () => {
    const actorsBefore = await t.app.db.read.actor.count()
    const slug = uniqueSlug('prc-organisation')
    const result = await post(claimBy({ slug, name: 'PRC', kind: 'organisation' }, 'PRC the organisation spoke.'))
    expect(result.actors[slug]).not.toBe(chinaId)
    expect(await t.app.db.read.actor.count()).toBe(actorsBefore + 1)
    const actor = await call(t, 'get', `/v1/actors/${slug}`)
    expect(actor.status).toBe(200)
    expect(actor.body.kind).toBe('organisation')
  })

  it('an actor with an unknown name is created, and the feed records it', async () => {
    const actorsBefore = await t.app.db.read.actor.count()
    const slug = uniqueSlug('ruritania')
    const name = `Ruritania ${process.pid}`
    const result = await post(claimBy({ slug, name, kind: 'state', aliases: ['Strelsau'] }, 'Ruritania spoke.'))
    const id = result.actors[slug] as string
    expect(id).toMatch(/^act_[0-9A-HJKMNP-TV-Z]{26}$/)
    expect(await t.app.db.read.actor.count()).toBe(actorsBefore + 1)
    const actor = await call(t, 'get', `/v1/actors/${slug}`)
    expect(actor.status).toBe(200)
    expect(actor.body).toMatchObject({ id, slug, name, kind: 'state', aliases: ['Strelsau'] })
    const feed = await call(t, 'get', '/v1/changes?entity=actor&limit=100')
    expect(feed.body.data).toContainEqual(expect.objectContaining({ id, action: 'created', keyId: write.key.id }))
  })

  it('the same slug again is the same actor, whatever name the brief gives it', async () => {
    const actorsBefore = await t.app.db.read.actor.count()
    const name = `Chinese State ${process.pid}`
    const result = await post(claimBy({ slug: 'china', name, kind: 'state' }, 'China spoke again.'))
    expect(result.actors.china).toBe(chinaId)
    expect(await t.app.db.read.actor.count()).toBe(actorsBefore)
    const china = await call(t, 'get', '/v1/actors/china')
    expect(china.body.name).toBe('China')
    expect(china.body.aliases).toContain(name)
  })

  it('an ambiguous name (two actors of that kind share it) makes a new actor rather than a wrong link', async () => {
    const shared = `Wang ${process.pid}`
    const a = uniqueSlug('wang-a')
    const b = uniqueSlug('wang-b')
    await post(
      claimBy({ slug: a, name: `Wang Alpha ${process.pid}`, kind: 'person', aliases: [shared] }, 'Wang A spoke.'),
    )
    await post(claimBy({ slug: b, name: `Wang Beta ${process.pid}`, kind: 'person' }, 'Wang B spoke.'))
    // Ingest would resolve a second actor carrying the shared alias to the first: an editor adds it.
    const patched = await call(t, 'patch', `/v1/actors/${b}`, write.token, { aliases: [shared] })
    expect(patched.status).toBe(200)
    const actorsBefore = await t.app.db.read.actor.count()
    const c = uniqueSlug('wang-c')
    const result = await post(claimBy({ slug: c, name: shared, kind: 'person' }, 'Wang spoke.'))
    const ids = await t.app.db.read.actor.findMany({ where: { slug: { in: [a, b] } }, select: { id: true } })
    expect(ids).toHaveLength(2)
    expect(ids.map((x) => x.id)).not.toContain(result.actors[c])
    expect(await t.app.db.read.actor.count()).toBe(actorsBefore + 1)
  })

  describe('events', () => {
    const BODY = 'Ministers met in March 2031 and agreed to meet again. A second meeting was held on 15 March 2031.'

    /** Two brand-new actors, so the stored event they take part in is this test's own. */
    function pair(): ActorIn[] {
      return [
        { slug: uniqueSlug('minister-a'), name: `Minister A ${uniqueSlug('n')}`, kind: 'person' },
        { slug: uniqueSlug('minister-b'), name: `Minister B ${uniqueSlug('n')}`, kind: 'person' },
      ]
    }

    function meeting(actors: ActorIn[], over: Partial<BriefInput['events'][number]> = {}) {
      return miniBrief(uniqueSlug('meeting'), BODY, {
        actors,
        events: [
          {
            key: 'e1',
            title: 'Ministers meet',
            type: 'CONSULT',
            status: 'occurred',
            start: { date: '2031-03', precision: 'month' },
            participants: actors.map((a) => ({ actor: a.slug, role: 'participant' as const })),
            evidence: span(BODY, 'Ministers met in March 2031'),
            ...over,
          },
        ],
      })
    }

    it('an event with the same type, overlapping dates and participants gains a report instead of a new event', async () => {
      const actors = pair()
      const first = await post(meeting(actors))
      const eventId = first.events.e1 as string
      const eventsBefore = await t.app.db.read.event.count()

      const second = await post(
        meeting(
          actors.map((a) => ({ slug: a.slug, name: a.name, kind: a.kind })),
          {
            title: 'A second ministerial meeting',
            start: { date: '2031-03-15', precision: 'day' },
            participants: [
              { actor: actors[1]?.slug as string, role: 'initiator' },
              { actor: actors[0]?.slug as string, role: 'target' },
            ],
            evidence: span(BODY, 'A second meeting was held on 15 March 2031.'),
          },
        ),
      )
      expect(second.events.e1).toBe(eventId)
      expect(await t.app.db.read.event.count()).toBe(eventsBefore)
      const ev = await call(t, 'get', `/v1/events/${eventId}`)
      expect(ev.status).toBe(200)
      const reports = ev.body.reports as Array<{ article: { id: string }; evidence: { exact: string } }>
      expect(reports.map((r) => r.article.id).sort()).toEqual([first.articleId, second.articleId].sort())
      expect(reports.map((r) => r.evidence.exact).sort()).toEqual(
        ['A second meeting was held on 15 March 2031.', 'Ministers met in March 2031'].sort(),
      )
    })

    it.each([
      ['another type', { type: 'AGREE' as const }],
      ['dates that do not overlap', { start: { date: '2031-04', precision: 'month' as const } }],
    ])('an event with %s is a new event', async (_name, over) => {
      const actors = pair()
      const first = await post(meeting(actors))
      const eventsBefore = await t.app.db.read.event.count()
      const second = await post(meeting(actors, over))
      expect(second.events.e1).not.toBe(first.events.e1)
      expect(await t.app.db.read.event.count()).toBe(eventsBefore + 1)
    })

    it('an event with other participants is a new event', async () => {
      const actors = pair()
      const first = await post(meeting(actors))
      const eventsBefore = await t.app.db.read.event.count()
      const third: ActorIn = { slug: uniqueSlug('minister-c'), name: `Minister C ${uniqueSlug('n')}`, kind: 'person' }
      const second = await post(meeting([...actors, third]))
      expect(second.events.e1).not.toBe(first.events.e1)
      expect(await t.app.db.read.event.count()).toBe(eventsBefore + 1)
    })

    it('an explicit id of a stored event adds a report to it', async () => {
      const actors = pair()
      const first = await post(meeting(actors))
      const eventsBefore = await t.app.db.read.event.count()
      const second = await post(
        meeting(actors, { id: first.events.e1, type: 'AGREE', start: null, title: 'Different words, same event' }),
      )
      expect(second.events.e1).toBe(first.events.e1)
      expect(await t.app.db.read.event.count()).toBe(eventsBefore)
      const ev = await call(t, 'get', `/v1/events/${first.events.e1}`)
      expect(ev.body.reports).toHaveLength(2)
    })

    it('an explicit unknown event id is 422 at /events/N/id and stores nothing', async () => {
      const actors = pair()
      const brief = meeting(actors)
      brief.events.unshift({ ...(brief.events[0] as BriefInput['events'][number]), key: 'e0', type: 'AGREE' })
      ;(brief.events[1] as { id?: string }).id = 'evt_01ARZ3NDEKTSV4RRFFQ69G5FAV'
      const before = await counts(t)
      const res = await call(t, 'post', '/v1/briefs', write.token, brief)
      expectProblem(res, 422, 'unprocessable-brief', '/events/1/id')
      expect(await counts(t)).toEqual(before)
      expectProblem(await call(t, 'get', `/v1/articles/${brief.article.slug}`), 404, 'not-found')
    })
  })
})
