// Concurrent ingests that share actors (old and new) and an event: every brief is stored, no actor
// or event is duplicated, nothing fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { normalizeName } from '../../src/lib/text.js'
import { removeDatabases, type TestApp, testApp } from '../helpers/app.js'
import { call, type Key, makeKey } from '../helpers/http.js'
import { miniBrief, span } from '../helpers/briefs.js'

const N = 20
const SHARED_NAME = 'Shared New Actor'
const MINISTER_NAME = 'Shared New Minister'

function brief(i: number) {
  const body =
    `Report ${i}: ${SHARED_NAME} met China in May 2033. ` +
    `${MINISTER_NAME} said Tokyo was consulted. Japan agreed. China agreed.`
  return miniBrief(`concurrent-brief-${i}`, body, {
    title: `Concurrent brief ${i}`,
    actors: [
      { slug: 'china', name: 'China', kind: 'state', surfaceForms: ['China'] },
      // Seed actor under another slug, known by an alias ("Tokyo" is Japan).
      { slug: `tokyo-${i}`, name: 'Tokyo', kind: 'state', surfaceForms: ['Tokyo'] },
      // New actor, same slug in every brief.
      { slug: 'shared-new-actor', name: SHARED_NAME, kind: 'organisation', surfaceForms: [SHARED_NAME] },
      // New actor, a different slug in every brief: resolved by name.
      { slug: `minister-${i}`, name: MINISTER_NAME, kind: 'person', surfaceForms: [MINISTER_NAME] },
    ],
    claims: [
      {
        key: 'c1',
        kind: 'description',
        summary: 'Tokyo was consulted.',
        evidence: span(body, `${MINISTER_NAME} said Tokyo was consulted.`),
        claimants: [`minister-${i}`],
        about: [`tokyo-${i}`],
      },
    ],
    events: [
      {
        key: 'e1',
        title: 'Shared New Actor meets China',
        type: 'CONSULT',
        status: 'occurred',
        start: { date: '2033-05', precision: 'month' },
        participants: [
          { actor: 'shared-new-actor', role: 'initiator' },
          { actor: 'china', role: 'target' },
        ],
        evidence: span(body, `${SHARED_NAME} met China in May 2033.`),
      },
    ],
  })
}

describe('concurrent ingest', () => {
  let t: TestApp
  let write: Key

  beforeAll(async () => {
    t = await testApp({ seed: true })
    write = await makeKey(t, 'write')
  })
  afterAll(async () => {
    await t.close()
    removeDatabases()
  })

  it(`${N} concurrent POST /v1/briefs sharing actors: all stored, no duplicate actor or event, no 5xx`, async () => {
    const actorsBefore = await t.app.db.read.actor.count()
    const started = performance.now()
    const responses = await Promise.all(
      Array.from({ length: N }, (_, i) => call(t, 'post', '/v1/briefs', write.token, brief(i))),
    )
    const seconds = (performance.now() - started) / 1000

    const statuses = responses.map((r) => r.status)
    const fiveXx = statuses.filter((s) => s >= 500).length
    const ingested = statuses.filter((s) => s === 201).length

    const live = await t.app.db.read.actor.findMany({
      where: { deletedAt: null, mergedIntoId: null },
      select: { id: true, slug: true, name: true, kind: true },
    })
    const byName = new Map<string, string[]>()
    for (const a of live) {
      const k = `${a.kind}/${normalizeName(a.name)}`
      byName.set(k, [...(byName.get(k) ?? []), a.slug])
    }
    const duplicateNames = [...byName.entries()].filter(([, slugs]) => slugs.length > 1)
    const slugs = live.map((a) => a.slug)
    const duplicateSlugs = slugs.length - new Set(slugs).size
    const duplicates = duplicateNames.length + duplicateSlugs

    console.log(
      `[concurrency] briefs ingested: ${ingested}/${N}; seconds: ${seconds.toFixed(2)}; duplicate actors: ${duplicates}; 5xx: ${fiveXx}`,
    )

    expect(fiveXx).toBe(0)
    expect(statuses).toEqual(Array(N).fill(201))
    expect(duplicateNames).toEqual([])
    expect(duplicateSlugs).toBe(0)
    expect(await t.app.db.read.actor.count({ where: { slug: 'shared-new-actor' } })).toBe(1)
    expect(await t.app.db.read.actor.count({ where: { name: MINISTER_NAME } })).toBe(1)
    // Exactly the two new actors were created.
    expect(await t.app.db.read.actor.count()).toBe(actorsBefore + 2)

    const shared = await t.app.db.read.actor.findUniqueOrThrow({ where: { slug: 'shared-new-actor' } })
    const japan = await t.app.db.read.actor.findUniqueOrThrow({ where: { slug: 'japan' } })
    const eventIds = new Set<string>()
    for (const [i, res] of responses.entries()) {
      expect(res.body.status).toBe('created')
      expect(res.body.actors['shared-new-actor']).toBe(shared.id)
      expect(res.body.actors[`tokyo-${i}`]).toBe(japan.id)
      eventIds.add(res.body.events.e1)
    }
    // The same meeting reported 20 times is one event with 20 reports.
    expect(eventIds.size).toBe(1)
    const event = await call(t, 'get', `/v1/events/${[...eventIds][0]}`)
    expect(event.status).toBe(200)
    expect(event.body.reports).toHaveLength(N)

    // Every article is readable, with its brief.
    const reads = await Promise.all(
      Array.from({ length: N }, (_, i) => call(t, 'get', `/v1/articles/concurrent-brief-${i}/brief`)),
    )
    for (const [i, res] of reads.entries()) {
      expect(res.status).toBe(200)
      expect(res.body.article.title).toBe(`Concurrent brief ${i}`)
      expect(res.body.claims).toHaveLength(1)
    }
    const list = await call(t, 'get', '/v1/articles?q=Concurrent&limit=100&count=true')
    expect(list.status).toBe(200)
    expect(
      (list.body.data as Array<{ slug: string }>).filter((a) => a.slug.startsWith('concurrent-brief-')),
    ).toHaveLength(N)

    // Posting all of them again concurrently changes nothing.
    const again = await Promise.all(
      Array.from({ length: N }, (_, i) => call(t, 'post', '/v1/briefs', write.token, brief(i))),
    )
    expect(again.map((r) => r.status)).toEqual(Array(N).fill(200))
    expect(await t.app.db.read.actor.count()).toBe(actorsBefore + 2)
  })
})
