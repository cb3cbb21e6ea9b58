// Every rule of brief validation answers 422 unprocessable-brief with a JSON Pointer to the field,
// and stores nothing of the brief.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BriefInput } from '../../src/domain/brief.schema.js'
import { removeDatabases, type TestApp, testApp, counts } from '../helpers/app.js'
import { call, type Key, makeKey } from '../helpers/http.js'
import { expectProblem } from '../helpers/problems.js'
import { briefVariant, uniqueSlug } from '../helpers/briefs.js'

type Edit = (b: BriefInput) => void

const claim = (b: BriefInput, i: number) => b.claims[i] as BriefInput['claims'][number]
const event = (b: BriefInput, i: number) => b.events[i] as BriefInput['events'][number]
const actor = (b: BriefInput, i: number) => b.actors[i] as BriefInput['actors'][number]

/** Index of the first claim that has a quote, and of the first actor with an affiliation. */
const QUOTED = briefVariant('x').claims.findIndex((c) => c.quote)
const AFFILIATED = briefVariant('x').actors.findIndex((a) => (a.affiliations ?? []).length > 0)

const CASES: Array<[string, string, Edit]> = [
  [
    'evidence end past the end of the body',
    '/claims/1/evidence/end',
    (b) => {
      claim(b, 1).evidence.end = b.article.body.length + 5
    },
  ],
  [
    'evidence start past the end of the body',
    '/claims/1/evidence/start',
    (b) => {
      claim(b, 1).evidence.start = b.article.body.length + 1
      claim(b, 1).evidence.end = b.article.body.length + 9
    },
  ],
  [
    'evidence end not after start',
    '/claims/1/evidence/end',
    (b) => {
      claim(b, 1).evidence.end = claim(b, 1).evidence.start
    },
  ],
  [
    'evidence text that the span does not select',
    '/claims/1/evidence/start',
    (b) => {
      claim(b, 1).evidence.exact = `${claim(b, 1).evidence.exact.slice(0, -1)}?`
    },
  ],
  [
    'evidence shifted by one character',
    '/claims/1/evidence/start',
    (b) => {
      claim(b, 1).evidence.start += 1
      claim(b, 1).evidence.end += 1
    },
  ],
  [
    'evidence prefix that is not the text before the passage',
    '/claims/1/evidence/prefix',
    (b) => {
      claim(b, 1).evidence.prefix = 'not what precedes'
    },
  ],
  [
    'event evidence text mismatch',
    '/events/2/evidence/start',
    (b) => {
      event(b, 2).evidence.exact = 'Something the article never said.'
    },
  ],
  [
    'quote text that the span does not select',
    `/claims/${QUOTED}/quote/start`,
    (b) => {
      const q = claim(b, QUOTED).quote
      if (!q) throw new Error('no quote')
      q.text = `${q.text.slice(0, -3)}xyz`
    },
  ],
  [
    'quote outside its evidence passage',
    `/claims/${QUOTED}/quote/start`,
    (b) => {
      const c = claim(b, QUOTED)
      const text = b.article.body.slice(0, 20)
      c.quote = { text, start: 0, end: 20 }
      expect(c.evidence.start).toBeGreaterThan(0)
    },
  ],
  [
    'unknown claimant slug',
    '/claims/3/claimants/0',
    (b) => {
      claim(b, 3).claimants = ['no-such-actor-anywhere']
    },
  ],
  [
    'unknown subject slug',
    '/claims/3/about/1',
    (b) => {
      claim(b, 3).about = ['china', 'no-such-subject']
    },
  ],
  [
    'a claimant listed twice',
    '/claims/3/claimants',
    (b) => {
      claim(b, 3).claimants = ['china', 'china']
    },
  ],
  [
    'unknown participant',
    '/events/4/participants/0/actor',
    (b) => {
      event(b, 4).participants = [{ actor: 'no-such-participant', role: 'initiator' }]
    },
  ],
  [
    'unknown affiliation target',
    `/actors/${AFFILIATED}/affiliations/0/actor`,
    (b) => {
      const a = actor(b, AFFILIATED)
      a.affiliations = [{ actor: 'no-such-organisation', relation: 'part_of' }]
    },
  ],
  [
    'an actor affiliated with itself',
    `/actors/${AFFILIATED}/affiliations/0/actor`,
    (b) => {
      const a = actor(b, AFFILIATED)
      a.affiliations = [{ actor: a.slug, relation: 'part_of' }]
    },
  ],
  [
    'a day that does not exist (2021-02-30)',
    '/events/2/start/date',
    (b) => {
      event(b, 2).start = { date: '2021-02-30', precision: 'day' }
    },
  ],
  [
    'a date that does not match its precision',
    '/events/2/start/date',
    (b) => {
      event(b, 2).start = { date: '2021-12-27', precision: 'month' }
    },
  ],
  [
    'a year-precision date written as a month',
    '/claims/0/stated/date',
    (b) => {
      claim(b, 0).stated = { date: '2021-12', precision: 'year' }
    },
  ],
  [
    'an event that ends before it starts',
    '/events/2/end/date',
    (b) => {
      event(b, 2).start = { date: '2022-01', precision: 'month' }
      event(b, 2).end = { date: '2021-12-31', precision: 'day' }
    },
  ],
  [
    'an end date without a start date',
    '/events/2/start',
    (b) => {
      event(b, 2).start = null
      event(b, 2).end = { date: '2022-01', precision: 'month' }
    },
  ],
  [
    'an extension with a PLOVER type other than OTHER',
    '/events/2/extension',
    (b) => {
      expect(event(b, 2).type).not.toBe('OTHER')
      event(b, 2).extension = 'PUBLICATION'
    },
  ],
  [
    'a duplicate actor slug',
    `/actors/${briefVariant('x').actors.length}/slug`,
    (b) => {
      b.actors.push({ ...actor(b, 3) })
    },
  ],
  [
    'a duplicate claim key',
    '/claims/4/key',
    (b) => {
      claim(b, 4).key = claim(b, 0).key
    },
  ],
  [
    'a duplicate event key',
    '/events/3/key',
    (b) => {
      event(b, 3).key = event(b, 2).key
    },
  ],
  [
    'a link to an unknown claim key',
    '/claims/0/links/0/claim',
    (b) => {
      claim(b, 0).links = [{ type: 'supports', claim: 'no-such-claim' }]
    },
  ],
  [
    'a link to an unknown event key',
    '/claims/0/links/0/event',
    (b) => {
      claim(b, 0).links = [{ type: 'refers_to_event', event: 'no-such-event' }]
    },
  ],
  [
    'a link naming both a claim and an event',
    '/claims/0/links/0',
    (b) => {
      claim(b, 0).links = [{ type: 'supports', claim: claim(b, 1).key, event: event(b, 0).key }]
    },
  ],
  [
    'a source sha256 that is not the hash of source.text',
    '/article/source/sha256',
    (b) => {
      b.article.source.sha256 = '0'.repeat(64)
    },
  ],
  [
    'a surface form that does not occur in the body',
    `/actors/0/surfaceForms/${(actor(briefVariant('x'), 0).surfaceForms ?? []).length}`,
    (b) => {
      actor(b, 0).surfaceForms = [...(actor(b, 0).surfaceForms ?? []), 'Atlantis']
    },
  ],
  [
    'a claim kind outside the vocabulary',
    '/claims/0/kind',
    (b) => {
      ;(claim(b, 0) as { kind: string }).kind = 'bogus'
    },
  ],
  [
    'an event type outside the vocabulary',
    '/events/1/type',
    (b) => {
      ;(event(b, 1) as { type: string }).type = 'INVADE'
    },
  ],
  [
    'a title that is not a string',
    '/article/title',
    (b) => {
      ;(b.article as { title: unknown }).title = 42
    },
  ],
  [
    'a negative evidence offset',
    '/claims/2/evidence/start',
    (b) => {
      claim(b, 2).evidence.start = -1
    },
  ],
  [
    'a slug that is not URL-safe',
    '/article/slug',
    (b) => {
      b.article.slug = 'Not A Slug'
    },
  ],
  [
    'claims without a claimant',
    '/claims/0/claimants',
    (b) => {
      claim(b, 0).claimants = []
    },
  ],
  [
    'a missing body',
    '/article/body',
    (b) => {
      delete (b.article as { body?: string }).body
    },
  ],
]

describe('brief validation (422)', () => {
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

  it('the unedited variant is valid (the cases below fail only because of their edit)', async () => {
    const slug = uniqueSlug('valid')
    const res = await call(t, 'post', '/v1/briefs', write.token, briefVariant(slug))
    expect(res.status).toBe(201)
  })

  it.each(CASES)('%s -> 422 at %s, nothing stored', async (_name, pointer, edit) => {
    const slug = uniqueSlug('invalid')
    const brief = briefVariant(slug, edit)
    const before = await counts(t)
    expectProblem(await call(t, 'post', '/v1/briefs', write.token, brief), 422, 'unprocessable-brief', pointer)
    // PUT runs the same checks (when the path can name the brief's slug).
    if (brief.article.slug === slug)
      expectProblem(await call(t, 'put', `/v1/briefs/${slug}`, write.token, brief), 422, 'unprocessable-brief', pointer)
    expect(await counts(t)).toEqual(before)
    expectProblem(await call(t, 'get', `/v1/articles/${slug}`), 404, 'not-found')
  })

  it('reports every problem of a brief at once', async () => {
    const brief = briefVariant(uniqueSlug('many'), (b) => {
      claim(b, 0).claimants = ['ghost-one']
      event(b, 1).participants = [{ actor: 'ghost-two', role: 'target' }]
      actor(b, 1).surfaceForms = ['Atlantis']
    })
    const before = await counts(t)
    const res = await call(t, 'post', '/v1/briefs', write.token, brief)
    const body = expectProblem(res, 422, 'unprocessable-brief')
    const pointers = (body.errors as Array<{ pointer: string }>).map((e) => e.pointer)
    expect(pointers).toEqual(
      expect.arrayContaining(['/claims/0/claimants/0', '/events/1/participants/0/actor', '/actors/1/surfaceForms/0']),
    )
    expect(await counts(t)).toEqual(before)
  })

  it('a NUL character anywhere in a body is a 400 at its field on both databases, nothing stored', async () => {
    const slug = uniqueSlug('nul')
    const before = await counts(t)
    const brief = briefVariant(slug, (b) => {
      claim(b, 2).summary = 'Talks\u0000 went well'
    })
    expectProblem(await call(t, 'post', '/v1/briefs', write.token, brief), 400, 'bad-request', '/claims/2/summary')
    expect(await counts(t)).toEqual(before)
    const claims = await call(t, 'get', '/v1/claims?limit=1')
    const id = (claims.body.data as Array<{ id: string }>)[0]?.id
    const patched = await call(t, 'patch', `/v1/claims/${id}`, write.token, { summary: 'a\u0000b' })
    expectProblem(patched, 400, 'bad-request', '/summary')
    expect((await call(t, 'get', `/v1/claims/${id}`)).body.summary).not.toContain('\u0000')
  })

  it('a failed brief leaves no new actor behind, even one that would have been created', async () => {
    const before = await counts(t)
    const brief = briefVariant(uniqueSlug('new-actor-invalid'), (b) => {
      b.actors.push({ slug: 'brand-new-invalid-actor', name: 'Brand New Invalid Actor', kind: 'person' })
      claim(b, 0).claimants = ['brand-new-invalid-actor']
      claim(b, 1).evidence.exact = 'wrong'
    })
    expectProblem(
      await call(t, 'post', '/v1/briefs', write.token, brief),
      422,
      'unprocessable-brief',
      '/claims/1/evidence/start',
    )
    expect(await counts(t)).toEqual(before)
    expectProblem(await call(t, 'get', '/v1/actors/brand-new-invalid-actor'), 404, 'not-found')
  })
})
