// PATCH of articles, claims, events and actors: strict bodies, the same provenance checks as
// ingest (422 with pointers, nothing changed), and the change feed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeDatabases, type TestApp, testApp } from '../helpers/app.js'
import { call, changesSince, feedPosition, type Key, makeKey } from '../helpers/http.js'
import { expectProblem } from '../helpers/problems.js'
import { miniBrief, quote, span, uniqueSlug } from '../helpers/briefs.js'

const BODY =
  'China and Japan agreed to a hotline in May 2030. Japan said: "We will keep talking." ' +
  'China said the talks were useful. Officials met again in June 2030.'

interface Fixture {
  slug: string
  articleId: string
  claimId: string
  eventId: string
  actorSlug: string
  actorAlias: string
}

describe('edits', () => {
  let t: TestApp
  let write: Key

  beforeAll(async () => {
    t = await testApp({ seed: true, config: { WRITE_RATE_LIMIT: 100_000 } })
    write = await makeKey(t, 'write')
  })
  afterAll(async () => {
    await t.close()
    removeDatabases()
  })

  /** A fresh article of this test's own, with one claim, one event and one new actor. */
  async function fixture(): Promise<Fixture> {
    const slug = uniqueSlug('edit')
    const actorSlug = uniqueSlug('negotiator')
    const actorAlias = `Quokka ${uniqueSlug('alias')}`
    const brief = miniBrief(slug, BODY, {
      actors: [
        { slug: 'china', name: 'China', kind: 'state' },
        { slug: 'japan', name: 'Japan', kind: 'state' },
        { slug: actorSlug, name: `Envoy ${uniqueSlug('name')}`, kind: 'person', aliases: [actorAlias] },
      ],
      claims: [
        {
          key: 'c1',
          kind: 'pledge',
          summary: 'Japan will keep talking.',
          quote: quote(BODY, 'We will keep talking.'),
          evidence: span(BODY, 'Japan said: "We will keep talking."'),
          claimants: ['japan'],
          about: ['china'],
        },
      ],
      events: [
        {
          key: 'e1',
          title: 'Hotline agreed',
          type: 'AGREE',
          status: 'occurred',
          start: { date: '2030-05', precision: 'month' },
          participants: [
            { actor: 'china', role: 'participant' },
            { actor: actorSlug, role: 'participant' },
          ],
          evidence: span(BODY, 'China and Japan agreed to a hotline in May 2030.'),
        },
      ],
    })
    const res = await call(t, 'post', '/v1/briefs', write.token, brief)
    expect(res.status).toBe(201)
    return {
      slug,
      articleId: res.body.articleId,
      claimId: res.body.claims.c1,
      eventId: res.body.events.e1,
      actorSlug,
      actorAlias,
    }
  }

  const feedCursor = () => feedPosition(t)

  describe('articles', () => {
    it('PATCH title, topics and published: 200, visible in GET and in the brief, recorded in the feed', async () => {
      const f = await fixture()
      const since = await feedCursor()
      const patch = {
        title: 'Hotline talks, revisited',
        topics: ['hotlines', 'china-japan-relations'],
        published: { date: '2030-06-02', precision: 'day', approximate: false, text: 'on Sunday' },
      }
      const res = await call(t, 'patch', `/v1/articles/${f.slug}`, write.token, patch)
      expect(res.status).toBe(200)
      expect(res.headers['content-type']).toMatch(/^application\/json/)
      expect(res.body).toMatchObject({ id: f.articleId, slug: f.slug, title: patch.title, published: patch.published })
      expect([...res.body.topics].sort()).toEqual([...patch.topics].sort())

      const got = await call(t, 'get', `/v1/articles/${f.slug}`)
      expect(got.body).toMatchObject({ title: patch.title, published: patch.published, body: BODY })
      expect([...got.body.topics].sort()).toEqual([...patch.topics].sort())
      const brief = await call(t, 'get', `/v1/articles/${f.slug}/brief`)
      expect(brief.body.article).toMatchObject({ title: patch.title, published: patch.published })

      const byTopic = await call(t, 'get', '/v1/articles?topic=hotlines&limit=100')
      expect((byTopic.body.data as Array<{ slug: string }>).map((a) => a.slug)).toContain(f.slug)

      const { items } = await changesSince(t, since)
      expect(items).toEqual([
        expect.objectContaining({ entity: 'article', id: f.articleId, action: 'updated', keyId: write.key.id }),
      ])
    })

    it.each([
      ['body', { body: 'A new body that would orphan every offset.' }],
      ['id', { id: 'art_01ARZ3NDEKTSV4RRFFQ69G5FAV' }],
      ['createdAt', { createdAt: '2000-01-01T00:00:00.000Z' }],
      ['slug', { slug: 'a-hijacked-slug' }],
      ['deletedAt', { title: 'Harmless', deletedAt: '2000-01-01T00:00:00.000Z' }],
      ['briefSha256', { briefSha256: '0'.repeat(64) }],
    ])('PATCH with "%s" is 400 (mass assignment refused) and changes nothing', async (_field, patch) => {
      const f = await fixture()
      const before = await call(t, 'get', `/v1/articles/${f.slug}`)
      const since = await feedCursor()
      const res = await call(t, 'patch', `/v1/articles/${f.slug}`, write.token, patch)
      expectProblem(res, 400, 'validation')
      const after = await call(t, 'get', `/v1/articles/${f.slug}`)
      expect(after.body).toEqual(before.body)
      expect((await changesSince(t, since)).items).toEqual([])
    })

    it('PATCH with a value of the wrong type is 400 with a pointer into the body', async () => {
      const f = await fixture()
      const res = await call(t, 'patch', `/v1/articles/${f.slug}`, write.token, { title: 7 })
      expectProblem(res, 400, 'validation', '/body/title')
    })

    it('PATCH of an unknown article is 404', async () => {
      expectProblem(
        await call(t, 'patch', '/v1/articles/no-such-article', write.token, { title: 'x' }),
        404,
        'not-found',
      )
    })
  })

  describe('claims', () => {
    it('PATCH with an evidence span that does not select its text is 422 at /evidence/start; nothing changes', async () => {
      const f = await fixture()
      const before = await call(t, 'get', `/v1/claims/${f.claimId}`)
      expect(before.status).toBe(200)
      const since = await feedCursor()
      const good = span(BODY, 'China said the talks were useful.')
      const res = await call(t, 'patch', `/v1/claims/${f.claimId}`, write.token, {
        summary: 'Would change',
        evidence: { ...good, start: good.start + 1, end: good.end + 1 },
      })
      expectProblem(res, 422, 'unprocessable-brief', '/evidence/start')
      expect((await call(t, 'get', `/v1/claims/${f.claimId}`)).body).toEqual(before.body)
      expect((await changesSince(t, since)).items).toEqual([])
    })

    it('PATCH with an evidence end past the body is 422 at /evidence/end', async () => {
      const f = await fixture()
      const res = await call(t, 'patch', `/v1/claims/${f.claimId}`, write.token, {
        evidence: { start: 0, end: BODY.length + 10, exact: BODY },
      })
      expectProblem(res, 422, 'unprocessable-brief', '/evidence/end')
    })

    it('PATCH with a quote outside the stored evidence is 422 at /quote/start', async () => {
      const f = await fixture()
      const q = span(BODY, 'China said the talks were useful.')
      const res = await call(t, 'patch', `/v1/claims/${f.claimId}`, write.token, {
        quote: { text: q.exact, start: q.start, end: q.end },
      })
      expectProblem(res, 422, 'unprocessable-brief', '/quote/start')
    })

    it('PATCH claimants to an unknown slug is 422 at /claimants/0; nothing changes', async () => {
      const f = await fixture()
      const before = await call(t, 'get', `/v1/claims/${f.claimId}`)
      const res = await call(t, 'patch', `/v1/claims/${f.claimId}`, write.token, { claimants: ['no-such-claimant'] })
      expectProblem(res, 422, 'unprocessable-brief', '/claimants/0')
      expect((await call(t, 'get', `/v1/claims/${f.claimId}`)).body).toEqual(before.body)
    })

    it('PATCH evidence, quote, claimants and kind: 200, anchors re-derived, visible in GET and in the feed', async () => {
      const f = await fixture()
      const since = await feedCursor()
      const ev = span(BODY, 'China said the talks were useful.')
      const q = span(BODY, 'the talks were useful')
      const res = await call(t, 'patch', `/v1/claims/${f.claimId}`, write.token, {
        kind: 'assessment',
        evidence: ev,
        quote: { text: q.exact, start: q.start, end: q.end },
        claimants: ['china'],
        about: [],
      })
      expect(res.status).toBe(200)
      const got = await call(t, 'get', `/v1/claims/${f.claimId}`)
      expect(got.body).toEqual(res.body)
      expect(got.body).toMatchObject({
        kind: 'assessment',
        evidence: {
          ...ev,
          prefix: BODY.slice(Math.max(0, ev.start - 32), ev.start),
          suffix: BODY.slice(ev.end, ev.end + 32),
        },
        quote: { text: q.exact, start: q.start, end: q.end },
        about: [],
      })
      expect((got.body.claimants as Array<{ slug: string }>).map((a) => a.slug)).toEqual(['china'])
      const { items } = await changesSince(t, since)
      expect(items).toEqual([
        expect.objectContaining({ entity: 'claim', id: f.claimId, action: 'updated', keyId: write.key.id }),
      ])
    })

    it('PATCH of the evidence alone must still contain the stored quote: 422, nothing changes', async () => {
      const f = await fixture()
      const before = await call(t, 'get', `/v1/claims/${f.claimId}`)
      expect(before.body.quote).toMatchObject({ text: 'We will keep talking.' })
      const res = await call(t, 'patch', `/v1/claims/${f.claimId}`, write.token, {
        evidence: span(BODY, 'China said the talks were useful.'),
      })
      const body = expectProblem(res, 422, 'unprocessable-brief')
      const pointers = (body.errors as Array<{ pointer: string }>).map((e) => e.pointer)
      expect(pointers.some((p) => ['/quote/start', '/evidence/start', '/evidence/end'].includes(p))).toBe(true)
      expect((await call(t, 'get', `/v1/claims/${f.claimId}`)).body).toEqual(before.body)
    })

    it('PATCH with an unknown field is 400', async () => {
      const f = await fixture()
      expectProblem(
        await call(t, 'patch', `/v1/claims/${f.claimId}`, write.token, { articleId: 'art_x' }),
        400,
        'validation',
      )
    })
  })

  describe('events', () => {
    it('PATCH participants: 200 and the new participants are visible', async () => {
      const f = await fixture()
      const res = await call(t, 'patch', `/v1/events/${f.eventId}`, write.token, {
        participants: [
          { actor: 'japan', role: 'initiator' },
          { actor: 'china', role: 'target' },
        ],
      })
      expect(res.status).toBe(200)
      const got = await call(t, 'get', `/v1/events/${f.eventId}`)
      expect(got.status).toBe(200)
      const participants = (got.body.participants as Array<{ role: string; actor: { slug: string } }>).map((p) => [
        p.actor.slug,
        p.role,
      ])
      expect(participants).toEqual([
        ['japan', 'initiator'],
        ['china', 'target'],
      ])
      // The actor that is no longer a participant no longer lists the event.
      const removed = await call(t, 'get', `/v1/actors/${f.actorSlug}`)
      expect((removed.body.events as Array<{ id: string }>).map((e) => e.id)).not.toContain(f.eventId)
      const japan = await call(t, 'get', '/v1/actors/japan')
      expect((japan.body.events as Array<{ id: string }>).map((e) => e.id)).toContain(f.eventId)
    })

    it('PATCH participants with an unknown actor is 422 at /participants/0 and changes nothing', async () => {
      const f = await fixture()
      const before = await call(t, 'get', `/v1/events/${f.eventId}`)
      const res = await call(t, 'patch', `/v1/events/${f.eventId}`, write.token, {
        participants: [{ actor: 'no-such-participant', role: 'initiator' }],
      })
      expectProblem(res, 422, 'unprocessable-brief', '/participants/0')
      expect((await call(t, 'get', `/v1/events/${f.eventId}`)).body).toEqual(before.body)
    })

    it('PATCH an extension onto a non-OTHER event is 422 at /extension', async () => {
      const f = await fixture()
      const res = await call(t, 'patch', `/v1/events/${f.eventId}`, write.token, { extension: 'LEGISLATION' })
      expectProblem(res, 422, 'unprocessable-brief', '/extension')
    })

    it('PATCH an end before the start is 422 at /end/date', async () => {
      const f = await fixture()
      const res = await call(t, 'patch', `/v1/events/${f.eventId}`, write.token, {
        end: { date: '2030-04-30', precision: 'day' },
      })
      expectProblem(res, 422, 'unprocessable-brief', '/end/date')
    })

    it('PATCH an impossible date is 400 at /body/start/date', async () => {
      const f = await fixture()
      const res = await call(t, 'patch', `/v1/events/${f.eventId}`, write.token, {
        start: { date: '2030-02-30', precision: 'day' },
      })
      expectProblem(res, 400, 'validation', '/body/start/date')
    })
  })

  describe('actors', () => {
    it('PATCH aliases: GET /v1/actors?q=<new alias> finds the actor, the replaced alias no longer does', async () => {
      const f = await fixture()
      const actor = await call(t, 'get', `/v1/actors/${f.actorSlug}`)
      const search = async (q: string) =>
        (
          (await call(t, 'get', `/v1/actors?q=${encodeURIComponent(q)}&limit=100`)).body.data as Array<{ id: string }>
        ).map((a) => a.id)
      expect(await search(f.actorAlias)).toContain(actor.body.id)

      const alias = `Mr Hotline ${uniqueSlug('x')}`
      const res = await call(t, 'patch', `/v1/actors/${f.actorSlug}`, write.token, { aliases: [alias] })
      expect(res.status).toBe(200)
      expect(res.body.aliases).toEqual([alias])
      expect(await search(alias)).toEqual([actor.body.id])
      expect(await search(alias.toUpperCase())).toEqual([actor.body.id])
      expect(await search(f.actorAlias)).not.toContain(actor.body.id)
      // The name stays searchable.
      expect(await search(actor.body.name)).toContain(actor.body.id)
    })

    it('PATCH a Wikidata id that another actor holds is 409 conflict', async () => {
      const f = await fixture()
      const res = await call(t, 'patch', `/v1/actors/${f.actorSlug}`, write.token, { wikidataId: 'Q148' })
      expectProblem(res, 409, 'conflict')
      expect((await call(t, 'get', `/v1/actors/${f.actorSlug}`)).body.wikidataId).toBeNull()
    })

    it('PATCH with an unknown field or a kind outside the vocabulary is 400', async () => {
      const f = await fixture()
      expectProblem(
        await call(t, 'patch', `/v1/actors/${f.actorSlug}`, write.token, { mergedIntoId: 'act_x' }),
        400,
        'validation',
      )
      expectProblem(
        await call(t, 'patch', `/v1/actors/${f.actorSlug}`, write.token, { kind: 'dragon' }),
        400,
        'validation',
        '/body/kind',
      )
    })
  })
})
