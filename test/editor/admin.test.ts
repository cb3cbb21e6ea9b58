// Admin operations. DELETE: tombstones answer 410, shared events survive with one report fewer, the
// article's own events go, actors stay, the feed names each deletion and the admin key. MERGE: the
// duplicate's claims, participations and names move to the survivor; its id and slug answer 308.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BriefInput } from '../../src/domain/brief.schema.js'
import { removeDatabases, SEED_SLUG, type TestApp, testApp } from '../helpers/app.js'
import { call, changesSince, feedPosition, type Key, makeKey } from '../helpers/http.js'
import { expectProblem } from '../helpers/problems.js'
import { miniBrief, span, uniqueSlug } from '../helpers/briefs.js'

type StoredBrief = BriefInput & {
  claims: Array<BriefInput['claims'][number] & { id?: string }>
  events: Array<BriefInput['events'][number] & { id?: string }>
}

describe('deletion', () => {
  let t: TestApp
  let write: Key
  let admin: Key

  beforeAll(async () => {
    t = await testApp({ seed: true, config: { WRITE_RATE_LIMIT: 100_000 } })
    write = await makeKey(t, 'write')
    admin = await makeKey(t, 'admin')
  })
  afterAll(async () => {
    await t.close()
    removeDatabases()
  })

  /** A second article: two events shared with the seed article (by id), one of its own, all claims. */
  async function secondArticle() {
    const seed = (await call(t, 'get', `/v1/articles/${SEED_SLUG}/brief`)).body as StoredBrief
    const slug = uniqueSlug('second')
    const shared = seed.events.slice(0, 2)
    const brief: StoredBrief = {
      ...seed,
      article: { ...seed.article, slug, title: 'A second look at China–Japan ties' },
      claims: seed.claims.map((c) => ({ ...c, links: [] })),
      events: [
        ...shared,
        {
          key: 'own',
          title: 'China warns Japan (own event of the second article)',
          type: 'THREATEN',
          status: 'occurred',
          start: { date: '2029', precision: 'year' },
          participants: [
            { actor: 'china', role: 'initiator' },
            { actor: 'japan', role: 'target' },
          ],
          evidence: (shared[1] as StoredBrief['events'][number]).evidence,
        },
      ],
    }
    const res = await call(t, 'post', '/v1/briefs', write.token, brief)
    expect(res.status).toBe(201)
    const result = res.body as { articleId: string; claims: Record<string, string>; events: Record<string, string> }
    expect(result.events[shared[0]?.key as string]).toBe(shared[0]?.id)
    expect(result.events[shared[1]?.key as string]).toBe(shared[1]?.id)
    const own = result.events.own as string
    expect(shared.map((e) => e.id)).not.toContain(own)
    return {
      slug,
      brief,
      articleId: result.articleId,
      claimIds: Object.values(result.claims),
      sharedIds: shared.map((e) => e.id as string),
      ownEventId: own,
      actorSlugs: seed.actors.map((a) => a.slug),
    }
  }

  it('DELETE of an article: 204; it, its claims and its own event answer 410; shared events and actors stay', async () => {
    const a = await secondArticle()
    const reporting = async (id: string) => {
      const ev = await call(t, 'get', `/v1/events/${id}`)
      expect(ev.status).toBe(200)
      return (ev.body.reports as Array<{ article: { slug: string } }>).map((r) => r.article.slug).sort()
    }
    const before = new Map<string, string[]>()
    for (const id of a.sharedIds) {
      before.set(id, await reporting(id))
      expect(before.get(id)).toEqual(expect.arrayContaining([SEED_SLUG, a.slug]))
    }
    const resume = await feedPosition(t)

    const res = await call(t, 'delete', `/v1/articles/${a.slug}`, admin.token)
    expect(res.status).toBe(204)
    expect(res.text ?? '').toBe('')

    expectProblem(await call(t, 'get', `/v1/articles/${a.slug}`), 410, 'gone')
    expectProblem(await call(t, 'get', `/v1/articles/${a.articleId}`), 410, 'gone')
    expectProblem(await call(t, 'get', `/v1/articles/${a.slug}/brief`), 410, 'gone')
    expect(a.claimIds.length).toBeGreaterThan(0)
    for (const id of a.claimIds) expectProblem(await call(t, 'get', `/v1/claims/${id}`), 410, 'gone')
    // One report fewer: the seed's stays (it is the only one when no other article reports the event).
    for (const id of a.sharedIds)
      expect(await reporting(id)).toEqual((before.get(id) ?? []).filter((s) => s !== a.slug))
    expectProblem(await call(t, 'get', `/v1/events/${a.ownEventId}`), 410, 'gone')
    for (const slug of a.actorSlugs) expect((await call(t, 'get', `/v1/actors/${slug}`)).status).toBe(200)

    // Lists no longer show any of it.
    const articles = await call(t, 'get', '/v1/articles?limit=100')
    expect((articles.body.data as Array<{ slug: string }>).map((x) => x.slug)).not.toContain(a.slug)
    const claims = await call(t, 'get', `/v1/claims?article=${a.articleId}&limit=100`)
    expect(claims.status).toBe(200)
    expect(claims.body.data).toEqual([])
    const events = await call(t, 'get', '/v1/events?limit=100&type=THREATEN')
    expect((events.body.data as Array<{ id: string }>).map((e) => e.id)).not.toContain(a.ownEventId)

    // The seed article is untouched.
    const seed = await call(t, 'get', `/v1/articles/${SEED_SLUG}/brief`)
    expect(seed.status).toBe(200)
    expect((seed.body.events as Array<{ id: string }>).map((e) => e.id)).toEqual(expect.arrayContaining(a.sharedIds))

    // The feed: article, then each claim, then the orphaned event, in seq order, by the admin key id.
    const { items } = await changesSince(t, resume)
    expect(items.map((c) => [c.entity, c.id, c.action])).toEqual([
      ['article', a.articleId, 'deleted'],
      ...a.claimIds.map((id) => ['claim', id, 'deleted']),
      ['event', a.ownEventId, 'deleted'],
    ])
    for (const [i, c] of items.entries()) {
      expect(c.keyId).toBe(admin.key.id)
      if (i > 0) expect(c.seq).toBeGreaterThan((items[i - 1] as { seq: number }).seq)
    }
    const secret = admin.token.slice(`gbk_${admin.key.id}_`.length)
    expect(secret).toHaveLength(43)
    expect(JSON.stringify(items)).not.toContain(secret)
  })

  it('a deleted article: DELETE and PATCH again are 410, POST is 409, PUT restores it', async () => {
    const a = await secondArticle()
    expect((await call(t, 'delete', `/v1/articles/${a.slug}`, admin.token)).status).toBe(204)
    expectProblem(await call(t, 'delete', `/v1/articles/${a.slug}`, admin.token), 410, 'gone')
    expectProblem(await call(t, 'patch', `/v1/articles/${a.slug}`, write.token, { title: 'x' }), 410, 'gone')
    const conflict = expectProblem(await call(t, 'post', '/v1/briefs', write.token, a.brief), 409, 'conflict')
    expect(conflict.articleId).toBe(a.articleId)

    const put = await call(t, 'put', `/v1/briefs/${a.slug}`, write.token, a.brief)
    expect(put.status).toBe(200)
    expect(put.body.status).toBe('replaced')
    expect(put.body.articleId).toBe(a.articleId)
    const article = await call(t, 'get', `/v1/articles/${a.slug}`)
    expect(article.status).toBe(200)
    expect(article.body.title).toBe(a.brief.article.title)
    const brief = await call(t, 'get', `/v1/articles/${a.slug}/brief`)
    expect(brief.body.claims).toHaveLength(a.brief.claims.length)
    expect(brief.body.events).toHaveLength(a.brief.events.length)
  })

  it('DELETE of an actor that claims refer to is 409; the actor stays', async () => {
    const res = await call(t, 'delete', '/v1/actors/zhang-tuosheng', admin.token)
    expectProblem(res, 409, 'conflict')
    const actor = await call(t, 'get', '/v1/actors/zhang-tuosheng')
    expect(actor.status).toBe(200)
    expect((actor.body.claimsMade as unknown[]).length).toBeGreaterThan(0)
  })

  it('DELETE of an actor that only events refer to is 409 too', async () => {
    const body = 'Atlantis mobilised its fleet in 2031.'
    const slug = uniqueSlug('atlantis')
    const res = await call(
      t,
      'post',
      '/v1/briefs',
      write.token,
      miniBrief(uniqueSlug('fleet'), body, {
        actors: [{ slug, name: `Atlantis ${slug}`, kind: 'state' }],
        events: [
          {
            key: 'e1',
            title: 'Atlantis mobilises',
            type: 'MOBILIZE',
            status: 'occurred',
            start: { date: '2031', precision: 'year' },
            participants: [{ actor: slug, role: 'initiator' }],
            evidence: span(body, body),
          },
        ],
      }),
    )
    expect(res.status).toBe(201)
    expectProblem(await call(t, 'delete', `/v1/actors/${slug}`, admin.token), 409, 'conflict')
    expect((await call(t, 'get', `/v1/actors/${slug}`)).status).toBe(200)
  })

  it('DELETE of an actor nothing refers to: 204, then 410, and the article no longer lists it', async () => {
    const slug = uniqueSlug('bystander')
    const articleSlug = uniqueSlug('bystander-article')
    const res = await call(
      t,
      'post',
      '/v1/briefs',
      write.token,
      miniBrief(articleSlug, 'A bystander watched.', { actors: [{ slug, name: `Bystander ${slug}`, kind: 'person' }] }),
    )
    expect(res.status).toBe(201)
    const id = res.body.actors[slug] as string
    const resume = await feedPosition(t)
    expect((await call(t, 'delete', `/v1/actors/${slug}`, admin.token)).status).toBe(204)
    expectProblem(await call(t, 'get', `/v1/actors/${slug}`), 410, 'gone')
    expectProblem(await call(t, 'get', `/v1/actors/${id}`), 410, 'gone')
    const article = await call(t, 'get', `/v1/articles/${articleSlug}`)
    expect((article.body.actors as Array<{ slug: string }>).map((a) => a.slug)).not.toContain(slug)
    const { items } = await changesSince(t, resume)
    expect(items).toEqual([expect.objectContaining({ entity: 'actor', id, action: 'deleted', keyId: admin.key.id })])
  })

  it('DELETE of a claim and of an event: 204, then 410, recorded in the feed', async () => {
    const a = await secondArticle()
    const claimId = a.claimIds[0] as string
    const resume = await feedPosition(t)
    expect((await call(t, 'delete', `/v1/claims/${claimId}`, admin.token)).status).toBe(204)
    expectProblem(await call(t, 'get', `/v1/claims/${claimId}`), 410, 'gone')
    expectProblem(await call(t, 'delete', `/v1/claims/${claimId}`, admin.token), 410, 'gone')
    expect((await call(t, 'delete', `/v1/events/${a.ownEventId}`, admin.token)).status).toBe(204)
    expectProblem(await call(t, 'get', `/v1/events/${a.ownEventId}`), 410, 'gone')
    const brief = await call(t, 'get', `/v1/articles/${a.slug}/brief`)
    expect((brief.body.claims as Array<{ id: string }>).map((c) => c.id)).not.toContain(claimId)
    expect((brief.body.events as Array<{ id: string }>).map((e) => e.id)).not.toContain(a.ownEventId)
    const { items } = await changesSince(t, resume)
    expect(items.map((c) => [c.entity, c.id, c.action, c.keyId])).toEqual([
      ['claim', claimId, 'deleted', admin.key.id],
      ['event', a.ownEventId, 'deleted', admin.key.id],
    ])
  })

  it('a brief that reuses a deleted actor’s slug never links its claims to the tombstone', async () => {
    const slug = uniqueSlug('retired')
    const first = await call(
      t,
      'post',
      '/v1/briefs',
      write.token,
      miniBrief(uniqueSlug('retired-article'), 'A retired envoy watched.', {
        actors: [{ slug, name: `Retired Envoy ${slug}`, kind: 'person' }],
      }),
    )
    expect(first.status).toBe(201)
    expect((await call(t, 'delete', `/v1/actors/${slug}`, admin.token)).status).toBe(204)

    const body = 'The envoy spoke again.'
    const res = await call(
      t,
      'post',
      '/v1/briefs',
      write.token,
      miniBrief(uniqueSlug('retired-again'), body, {
        actors: [{ slug, name: `Retired Envoy ${slug}`, kind: 'person' }],
        claims: [{ key: 'c1', kind: 'position', summary: 'Spoke.', evidence: span(body, body), claimants: [slug] }],
      }),
    )
    // Refusing the brief is acceptable; storing a live claim whose claimant is a deleted actor is not.
    expect(res.status).toBeLessThan(500)
    if (res.status === 201) {
      const claim = await call(t, 'get', `/v1/claims/${res.body.claims.c1}`)
      expect(claim.status).toBe(200)
      for (const a of claim.body.claimants as Array<{ id: string }>)
        expect((await call(t, 'get', `/v1/actors/${a.id}`)).status).toBe(200)
    } else {
      expect([409, 422]).toContain(res.status)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    }
  })

  it('DELETE of unknown records is 404', async () => {
    expectProblem(await call(t, 'delete', '/v1/articles/no-such-article', admin.token), 404, 'not-found')
    expectProblem(await call(t, 'delete', '/v1/actors/no-such-actor', admin.token), 404, 'not-found')
    expectProblem(await call(t, 'delete', '/v1/claims/clm_01ARZ3NDEKTSV4RRFFQ69G5FAV', admin.token), 404, 'not-found')
    expectProblem(await call(t, 'delete', '/v1/events/evt_01ARZ3NDEKTSV4RRFFQ69G5FAV', admin.token), 404, 'not-found')
  })
})

const DUP_NAME = 'People’s Republic of China (dup)'
const MERGE_BODY = 'The People’s Republic warned of consequences. It threatened Japan over the islands in 2032.'

describe('merging a duplicate actor', () => {
  let t: TestApp
  let write: Key
  let admin: Key
  let chinaId: string

  beforeAll(async () => {
    t = await testApp({ seed: true, config: { WRITE_RATE_LIMIT: 100_000 } })
    write = await makeKey(t, 'write')
    admin = await makeKey(t, 'admin')
    chinaId = (await t.app.db.read.actor.findUniqueOrThrow({ where: { slug: 'china' } })).id
  })
  afterAll(async () => {
    await t.close()
    removeDatabases()
  })

  /** Ingests a brief with a duplicate of China (`dupSlug`, no Wikidata id) as claimant and participant. */
  async function duplicate(dupSlug: string, name: string) {
    const res = await call(
      t,
      'post',
      '/v1/briefs',
      write.token,
      miniBrief(uniqueSlug('dup-article'), MERGE_BODY, {
        actors: [
          { slug: dupSlug, name, kind: 'state', surfaceForms: ['The People’s Republic'] },
          { slug: 'japan', name: 'Japan', kind: 'state', surfaceForms: ['Japan'] },
        ],
        claims: [
          {
            key: 'c1',
            kind: 'warning',
            summary: 'There will be consequences.',
            evidence: span(MERGE_BODY, 'The People’s Republic warned of consequences.'),
            claimants: [dupSlug],
            about: ['japan'],
          },
        ],
        events: [
          {
            key: 'e1',
            title: 'Threat over the islands',
            type: 'THREATEN',
            status: 'occurred',
            start: { date: '2032', precision: 'year' },
            participants: [
              { actor: dupSlug, role: 'initiator' },
              { actor: 'japan', role: 'target' },
            ],
            evidence: span(MERGE_BODY, 'It threatened Japan over the islands in 2032.'),
          },
        ],
      }),
    )
    expect(res.status).toBe(201)
    const dupId = res.body.actors[dupSlug] as string
    expect(dupId).not.toBe(chinaId)
    return { dupId, claimId: res.body.claims.c1 as string, eventId: res.body.events.e1 as string }
  }

  it('merges prc-dup into China: 308 from the duplicate, China holds its claims, events and name', async () => {
    const d = await duplicate('prc-dup', DUP_NAME)
    expect((await call(t, 'get', '/v1/actors/prc-dup')).status).toBe(200)
    const resume = await feedPosition(t)

    const res = await call(t, 'post', '/v1/actors/china/merge', admin.token, { duplicate: 'prc-dup' })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.body.id).toBe(chinaId)
    expect(res.body.slug).toBe('china')

    for (const ref of ['prc-dup', d.dupId]) {
      const moved = await call(t, 'get', `/v1/actors/${ref}`).redirects(0)
      expect(moved.status).toBe(308)
      expect(moved.headers.location).toBe(`/v1/actors/${chinaId}`)
    }

    const china = await call(t, 'get', '/v1/actors/china')
    expect(china.status).toBe(200)
    expect(china.body).toEqual(res.body)
    expect((china.body.claimsMade as Array<{ id: string }>).map((c) => c.id)).toContain(d.claimId)
    expect(china.body.events).toContainEqual(expect.objectContaining({ id: d.eventId, role: 'initiator' }))
    expect(china.body.aliases).toContain(DUP_NAME)
    expect(china.body.wikidataId).toBe('Q148')

    const claim = await call(t, 'get', `/v1/claims/${d.claimId}`)
    expect((claim.body.claimants as Array<{ id: string }>).map((a) => a.id)).toEqual([chinaId])
    const event = await call(t, 'get', `/v1/events/${d.eventId}`)
    expect((event.body.participants as Array<{ actor: { id: string } }>).map((p) => p.actor.id)).toEqual(
      expect.arrayContaining([chinaId]),
    )
    expect(JSON.stringify(event.body)).not.toContain(d.dupId)
    const byClaimant = await call(t, 'get', `/v1/claims?claimant=china&limit=100`)
    expect((byClaimant.body.data as Array<{ id: string }>).map((c) => c.id)).toContain(d.claimId)

    // Actor lists show one China.
    const listed = await call(t, 'get', `/v1/actors?q=${encodeURIComponent(DUP_NAME)}&limit=100`)
    expect((listed.body.data as Array<{ id: string }>).map((a) => a.id)).toEqual([chinaId])

    const { items } = await changesSince(t, resume)
    expect(items).toContainEqual(
      expect.objectContaining({
        entity: 'actor',
        id: d.dupId,
        action: 'merged',
        mergedInto: chinaId,
        keyId: admin.key.id,
      }),
    )
  })

  it('a brief naming a merged actor’s slug links to the survivor', async () => {
    const dupSlug = uniqueSlug('prc-dup')
    const d = await duplicate(dupSlug, `${DUP_NAME} ${dupSlug}`)
    expect((await call(t, 'post', '/v1/actors/china/merge', admin.token, { duplicate: d.dupId })).status).toBe(200)
    const actorsBefore = await t.app.db.read.actor.count()
    const body = 'Beijing replied.'
    const res = await call(
      t,
      'post',
      '/v1/briefs',
      write.token,
      miniBrief(uniqueSlug('after-merge'), body, {
        claims: [
          { key: 'c1', kind: 'position', summary: 'A reply.', evidence: span(body, body), claimants: [dupSlug] },
        ],
      }),
    )
    expect(res.status).toBe(201)
    expect(await t.app.db.read.actor.count()).toBe(actorsBefore)
    const claim = await call(t, 'get', `/v1/claims/${res.body.claims.c1}`)
    expect((claim.body.claimants as Array<{ id: string }>).map((a) => a.id)).toEqual([chinaId])
  })

  it('merging again, or merging an actor into itself, is refused; a write key is 403', async () => {
    const dupSlug = uniqueSlug('prc-dup')
    const d = await duplicate(dupSlug, `${DUP_NAME} ${dupSlug}`)
    expectProblem(
      await call(t, 'post', '/v1/actors/china/merge', write.token, { duplicate: dupSlug }),
      403,
      'forbidden',
    )
    expect((await call(t, 'get', `/v1/actors/${dupSlug}`)).status).toBe(200)
    expect((await call(t, 'post', '/v1/actors/china/merge', admin.token, { duplicate: dupSlug })).status).toBe(200)
    const again = expectProblem(
      await call(t, 'post', '/v1/actors/china/merge', admin.token, { duplicate: dupSlug }),
      409,
      'conflict',
    )
    expect(again.mergedInto).toBe(chinaId)
    expectProblem(
      await call(t, 'post', `/v1/actors/${d.dupId}/merge`, admin.token, { duplicate: 'japan' }),
      409,
      'conflict',
    )
    expect((await call(t, 'post', '/v1/actors/china/merge', admin.token, { duplicate: 'china' })).status).toBe(422)
    expectProblem(
      await call(t, 'post', '/v1/actors/china/merge', admin.token, { duplicate: 'no-such-actor' }),
      404,
      'not-found',
    )
    expectProblem(await call(t, 'post', '/v1/actors/china/merge', admin.token, { dup: 'x' }), 400, 'validation')
  })
})
