// Evidence without offsets: a hand-written brief may give a passage or a quote by its exact text;
// ingest finds it (unique, or picked by prefix/suffix or occurrence), and a missing or ambiguous one
// is a 422 naming the field and the candidates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anchorPassages } from '../../src/domain/anchor.js'
import { miniBrief, uniqueSlug } from '../helpers/briefs.js'
import { removeDatabases, type TestApp, testApp } from '../helpers/app.js'
import { call, type Key, makeKey } from '../helpers/http.js'
import { expectProblem } from '../helpers/problems.js'

const BODY = 'Ruritania said talks would resume. Freedonia said talks would resume. Ruritania said: "We are ready."'

function brief(slug: string, evidence: Record<string, unknown>, quote: Record<string, unknown> | null = null) {
  return miniBrief(slug, BODY, {
    actors: [{ slug: 'ruritania', name: 'Ruritania', kind: 'state' }],
    claims: [
      {
        key: 'c1',
        kind: 'position',
        summary: 'Talks resume.',
        // Text-only selectors are what this suite is about: the schema's types want offsets.
        evidence: evidence as never,
        quote: quote as never,
        claimants: ['ruritania'],
      },
    ],
  })
}

describe('anchorPassages', () => {
  it('fills in the offsets of a unique passage and of a quote inside its evidence', () => {
    const b = brief('x', { exact: 'Ruritania said: "We are ready."' }, { text: 'We are ready.' })
    expect(anchorPassages(b)).toEqual([])
    const c = b.claims[0]!
    expect(BODY.slice(c.evidence.start, c.evidence.end)).toBe('Ruritania said: "We are ready."')
    expect(BODY.slice(c.quote!.start, c.quote!.end)).toBe('We are ready.')
  })

  it('picks among repeats by prefix, suffix or occurrence', () => {
    const text = 'said talks would resume.'
    const byPrefix = brief('x', { exact: text, prefix: 'Freedonia ' })
    const bySuffix = brief('x', { exact: text, suffix: ' Freedonia' })
    const byOccurrence = brief('x', { exact: text, occurrence: 2 })
    for (const b of [byPrefix, bySuffix, byOccurrence]) expect(anchorPassages(b)).toEqual([])
    expect(byPrefix.claims[0]!.evidence.start).toBe(BODY.indexOf(text, 20))
    expect(bySuffix.claims[0]!.evidence.start).toBe(BODY.indexOf(text))
    expect(byOccurrence.claims[0]!.evidence.start).toBe(BODY.indexOf(text, 20))
    expect('occurrence' in byOccurrence.claims[0]!.evidence).toBe(false)
  })

  it('reports a missing or an ambiguous passage with its pointer and the candidates', () => {
    expect(anchorPassages(brief('x', { exact: 'not in the body' }))).toEqual([
      { pointer: '/claims/0/evidence/exact', message: 'not found in article.body' },
    ])
    const [problem] = anchorPassages(brief('x', { exact: 'talks would resume.' }))
    expect(problem?.pointer).toBe('/claims/0/evidence/exact')
    expect(problem?.message).toContain(`at offsets ${BODY.indexOf('talks')}, ${BODY.indexOf('talks', 20)}`)
    expect(anchorPassages(brief('x', { exact: 'talks would resume.', occurrence: 3 }))).toEqual([
      { pointer: '/claims/0/evidence/occurrence', message: 'the text occurs 2 time(s) in article.body' },
    ])
  })
})

describe('ingest of briefs without offsets', () => {
  let t: TestApp
  let write: Key

  beforeAll(async () => {
    t = await testApp({ config: { WRITE_RATE_LIMIT: 100_000 } })
    write = await makeKey(t, 'write')
  })
  afterAll(async () => {
    await t.close()
    removeDatabases()
  })

  it('POST and PUT store the passage found, with its offsets', async () => {
    const slug = uniqueSlug('anchor')
    const res = await call(
      t,
      'post',
      '/v1/briefs',
      write.token,
      brief(slug, { exact: 'said talks would resume.', occurrence: 2 }),
    )
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const claim = await call(t, 'get', `/v1/claims/${res.body.claims.c1}`)
    expect(claim.body.evidence).toMatchObject({ start: BODY.indexOf('said', 20), exact: 'said talks would resume.' })
    const put = await call(
      t,
      'put',
      `/v1/briefs/${slug}`,
      write.token,
      brief(slug, { exact: 'Ruritania said: "We are ready."' }),
    )
    expect(put.status, JSON.stringify(put.body)).toBe(200)
  })

  it('an ambiguous passage is a 422 naming the field and stores nothing', async () => {
    const slug = uniqueSlug('anchor')
    const res = await call(t, 'post', '/v1/briefs', write.token, brief(slug, { exact: 'talks would resume.' }))
    expectProblem(res, 422, 'unprocessable-brief', '/claims/0/evidence/exact')
    expect((await call(t, 'get', `/v1/articles/${slug}`)).status).toBe(404)
  })

  it('PATCH of a claim takes evidence and a quote by their text, and names the field of an ambiguous one', async () => {
    const slug = uniqueSlug('anchor')
    const res = await call(
      t,
      'post',
      '/v1/briefs',
      write.token,
      brief(slug, { exact: 'said talks would resume.', occurrence: 1 }),
    )
    const id = res.body.claims.c1
    const ok = await call(t, 'patch', `/v1/claims/${id}`, write.token, {
      evidence: { exact: 'Ruritania said: "We are ready."' },
      quote: { text: 'We are ready.' },
    })
    expect(ok.status, JSON.stringify(ok.body)).toBe(200)
    expect(ok.body.evidence).toMatchObject({
      start: BODY.indexOf('Ruritania said:'),
      exact: 'Ruritania said: "We are ready."',
    })
    expect(ok.body.quote).toEqual({
      text: 'We are ready.',
      start: BODY.indexOf('We are'),
      end: BODY.indexOf('We are') + 13,
    })
    const ambiguous = await call(t, 'patch', `/v1/claims/${id}`, write.token, {
      evidence: { exact: 'talks would resume.' },
    })
    expectProblem(ambiguous, 422, 'unprocessable-brief', '/evidence/exact')
    expect((await call(t, 'get', `/v1/claims/${id}`)).body.evidence.exact).toBe('Ruritania said: "We are ready."')
  })
})
