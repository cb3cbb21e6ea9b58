// Review of automatic drafts: unreviewed claims and events can be listed apart, and a PATCH that
// marks one reviewed records the key that did it (and clears it when marked unreviewed again).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { miniBrief, span, uniqueSlug } from '../helpers/briefs.js'
import { removeDatabases, type TestApp, testApp } from '../helpers/app.js'
import { call, type Key, makeKey } from '../helpers/http.js'

const BODY = 'Ruritania and Freedonia signed a fisheries pact on Monday. Ruritania said the pact was fair.'
const AUTOMATIC = { method: 'automatic', extractor: 'geobrief-rules@test', confidence: 0.6, reviewed: false } as const

describe('review of automatic items', () => {
  let t: TestApp
  let write: Key
  let other: Key
  let claimId = ''
  let eventId = ''

  beforeAll(async () => {
    t = await testApp({ seed: true, config: { WRITE_RATE_LIMIT: 100_000 } })
    write = await makeKey(t, 'write')
    other = await makeKey(t, 'write')
    const slug = uniqueSlug('review')
    const res = await call(
      t,
      'post',
      '/v1/briefs',
      write.token,
      miniBrief(slug, BODY, {
        actors: [
          { slug: 'ruritania', name: 'Ruritania', kind: 'state' },
          { slug: 'freedonia', name: 'Freedonia', kind: 'state' },
        ],
        claims: [
          {
            key: 'c1',
            kind: 'assessment',
            summary: 'The pact is fair.',
            evidence: span(BODY, 'Ruritania said the pact was fair.'),
            claimants: ['ruritania'],
            extraction: AUTOMATIC,
          },
        ],
        events: [
          {
            key: 'e1',
            title: 'Fisheries pact signed',
            type: 'AGREE',
            status: 'occurred',
            participants: [
              { actor: 'ruritania', role: 'participant' },
              { actor: 'freedonia', role: 'participant' },
            ],
            evidence: span(BODY, 'Ruritania and Freedonia signed a fisheries pact on Monday.'),
            extraction: AUTOMATIC,
          },
        ],
      }),
    )
    expect(res.status).toBe(201)
    claimId = res.body.claims.c1
    eventId = res.body.events.e1
  })
  afterAll(async () => {
    await t.close()
    removeDatabases()
  })

  const ids = async (url: string) => ((await call(t, 'get', url)).body.data as Array<{ id: string }>).map((x) => x.id)

  for (const [resource, id] of [
    ['claims', () => claimId],
    ['events', () => eventId],
  ] as const)
    it(`${resource}: reviewed=false lists the automatic item until a key marks it reviewed`, async () => {
      expect(await ids(`/v1/${resource}?reviewed=false&limit=100`)).toContain(id())
      expect(await ids(`/v1/${resource}?reviewed=true&limit=100`)).not.toContain(id())

      const marked = await call(t, 'patch', `/v1/${resource}/${id()}`, other.token, { reviewed: true })
      expect(marked.status).toBe(200)
      expect(marked.body.extraction).toEqual({ ...AUTOMATIC, reviewed: true, reviewedBy: other.key.id })
      expect(await ids(`/v1/${resource}?reviewed=false&limit=100`)).not.toContain(id())
      expect(await ids(`/v1/${resource}?reviewed=true&limit=100`)).toContain(id())

      const unmarked = await call(t, 'patch', `/v1/${resource}/${id()}`, write.token, { reviewed: false })
      expect(unmarked.body.extraction).toEqual({ ...AUTOMATIC, reviewedBy: null })
      expect(await ids(`/v1/${resource}?reviewed=false&limit=100`)).toContain(id())
    })

  it('a reviewed filter that is not a boolean is a 400 problem', async () => {
    const res = await call(t, 'get', '/v1/claims?reviewed=maybe')
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('validation')
  })
})
