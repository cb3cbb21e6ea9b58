// Writes in the writer thread (WRITER=thread, the server's default; docs/decisions.md, "The writer
// thread"): what a client sees is what inline mode gives, the main thread's event loop runs free
// during a large ingest, a graceful close loses nothing, and a dead worker costs only the calls in
// flight (503) while the next write starts a new one.
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Database } from '../../src/db/database.js'
import { RecordStateError } from '../../src/db/resolve.js'
import { sqlitePath } from '../../src/db/schema-engine.js'
import { Prisma } from '../../src/generated/prisma/client.js'
import { parseBrief } from '../../src/ingest/ingest.js'
import { normalizeName } from '../../src/lib/text.js'
import { ProblemError } from '../../src/lib/problems.js'
import { reviveError, serializeError } from '../../src/plugins/writer-protocol.js'
import { freshDatabase, removeDatabases, type TestApp, testApp } from '../helpers/app.js'
import { miniBrief, robustnessBrief, SEED_SLUG, span } from '../helpers/briefs.js'
import { ingestTurns } from '../helpers/event-loop.js'
import { call, getJson, makeKey } from '../helpers/http.js'

const IDS = /\b[a-z]+_[0-9A-HJKMNP-TV-Z]{26}\b/g
/** A response body with its record ids (which differ between two databases) replaced. */
const normalized = (text: string) => text.replace(IDS, '<id>')

let thread: TestApp
let inline: TestApp
const tokens = new Map<TestApp, string>()

beforeAll(async () => {
  ;[thread, inline] = await Promise.all([
    testApp({ seed: true, config: { WRITER: 'thread' } }),
    testApp({ seed: true, config: { WRITER: 'inline' } }),
  ])
  for (const t of [thread, inline]) tokens.set(t, (await makeKey(t, 'admin')).token)
})

afterAll(async () => {
  await Promise.all([thread?.close(), inline?.close()])
  removeDatabases()
})

const write = (t: TestApp, method: 'post' | 'put' | 'patch' | 'delete', url: string, body?: unknown) =>
  call(t, method, url, tokens.get(t), body)

describe('the writer thread serves the API', () => {
  it('runs the writes in a worker and reports how long it took to start', () => {
    expect(thread.app.writerThread?.worker).toBeDefined()
    expect(inline.app.writerThread).toBeUndefined()
    console.log(`writer thread start (from TypeScript): ${Math.round(thread.app.writerThread?.startMs ?? 0)} ms`)
  })

  // First, while both databases hold the same briefs (the detail of a 409 counts claims).
  it('answers every writer error with the problem body inline mode gives', async () => {
    const event = async (t: TestApp) => (await getJson(t, `/v1/articles/${SEED_SLUG}/brief`)).events[0].id as string
    const china = await getJson(inline, '/v1/actors/china')
    // Two new actors to merge (merging an actor of the seed brief would make its variants below 422s).
    const body = 'Merge Survivor met Merge Duplicate in May 2033.'
    const pair = miniBrief('writer-thread-merge-pair', body, {
      title: 'Merge pair',
      actors: [
        { slug: 'merge-survivor', name: 'Merge Survivor', kind: 'organisation', surfaceForms: ['Merge Survivor'] },
        { slug: 'merge-duplicate', name: 'Merge Duplicate', kind: 'organisation', surfaceForms: ['Merge Duplicate'] },
      ],
      claims: [
        {
          key: 'c1',
          kind: 'description',
          summary: 'They met.',
          evidence: span(body, body),
          claimants: ['merge-survivor'],
          about: ['merge-duplicate'],
        },
      ],
      events: [],
    })
    const steps: Array<[string, (t: TestApp) => Promise<{ status: number; text: string }>]> = [
      ['201 pair ingested', (t) => write(t, 'post', '/v1/briefs', pair)],
      ['404 missing actor', (t) => write(t, 'patch', '/v1/actors/no-such-actor', { name: 'X' })],
      ['422 merge into itself', (t) => write(t, 'post', '/v1/actors/china/merge', { duplicate: 'china' })],
      [
        '422 unknown participant',
        async (t) =>
          write(t, 'patch', `/v1/events/${await event(t)}`, {
            participants: [{ actor: 'no-such-actor', role: 'initiator' }],
          }),
      ],
      ['409 referenced actor deleted', (t) => write(t, 'delete', '/v1/actors/china')],
      ['200 wikidata id set', (t) => write(t, 'patch', '/v1/actors/china', { wikidataId: china.wikidataId ?? 'Q148' })],
      [
        '409 wikidata id of another',
        (t) => write(t, 'patch', '/v1/actors/japan', { wikidataId: china.wikidataId ?? 'Q148' }),
      ],
      ['200 merge', (t) => write(t, 'post', '/v1/actors/merge-survivor/merge', { duplicate: 'merge-duplicate' })],
      ['409 merged actor edited', (t) => write(t, 'patch', '/v1/actors/merge-duplicate', { name: 'X' })],
      ['204 article deleted', (t) => write(t, 'delete', '/v1/articles/writer-thread-merge-pair')],
      ['410 deleted article edited', (t) => write(t, 'patch', '/v1/articles/writer-thread-merge-pair', { title: 'X' })],
      ['410 deleted article deleted', (t) => write(t, 'delete', '/v1/articles/writer-thread-merge-pair')],
    ]
    for (const [what, step] of steps) {
      const [a, b] = [await step(thread), await step(inline)]
      expect(`${what}: ${a.status}`).toBe(`${what}: ${b.status}`)
      expect(what).toMatch(new RegExp(`^${a.status} `))
      if (a.status >= 400) expect(normalized(a.text), what).toBe(normalized(b.text))
    }
    // After the merge the duplicate's reads go to the survivor, from the thread app too.
    expect((await call(thread, 'get', '/v1/actors/merge-duplicate')).status).toBe(308)
  })

  it('a brief ingested is readable at once, also after the cache held the list', async () => {
    const before = await getJson(thread, '/v1/articles?limit=100')
    const b = robustnessBrief('writer-thread-read-back')
    const res = await write(thread, 'post', '/v1/briefs', b)
    expect(res.status, res.text).toBe(201)
    const brief = await getJson(thread, '/v1/articles/writer-thread-read-back/brief')
    expect(brief.article.slug).toBe('writer-thread-read-back')
    expect(brief.claims).toHaveLength(b.claims.length)
    const after = await getJson(thread, '/v1/articles?limit=100')
    expect(after.data.length).toBe(before.data.length + 1)
    // The same brief again: unchanged, the same ids (idempotent ingest runs in the worker too).
    const again = await write(thread, 'post', '/v1/briefs', b)
    expect(again.status).toBe(200)
    expect(again.body.articleId).toBe(res.body.articleId)
  })

  it('rebuilds errors with their class and fields (Prisma errors keep code and meta)', () => {
    const prisma = new Prisma.PrismaClientKnownRequestError('Unique constraint failed', {
      code: 'P2002',
      clientVersion: '7',
      meta: { target: ['slug'] },
    })
    const p = reviveError(structuredClone(serializeError(prisma))) as Error & { code: string; meta: unknown }
    expect([p.code, p.meta, p.message]).toEqual(['P2002', { target: ['slug'] }, prisma.message])
    const r = reviveError(structuredClone(serializeError(new RecordStateError('merged', 'actor', 'x', 'act_1'))))
    expect(r).toBeInstanceOf(RecordStateError)
    expect(r).toMatchObject({ reason: 'merged', kind: 'actor', token: 'x', mergedInto: 'act_1' })
    const e = reviveError(
      structuredClone(
        serializeError(
          new ProblemError('unavailable', 'busy', { headers: { 'retry-after': '2' }, errors: [], extra: { a: 1 } }),
        ),
      ),
    )
    expect(e).toBeInstanceOf(ProblemError)
    expect(e).toMatchObject({ code: 'unavailable', status: 503, headers: { 'retry-after': '2' }, extra: { a: 1 } })
  })

  it('20 concurrent ingests of briefs that share new actors store each actor once', async () => {
    const shared = 'Thread Shared Actor'
    const briefs = Array.from({ length: 20 }, (_, i) => {
      const body = `Report ${i}: ${shared} met China in May 2033. China agreed.`
      return miniBrief(`writer-thread-concurrent-${i}`, body, {
        title: `Concurrent ${i}`,
        actors: [
          { slug: 'china', name: 'China', kind: 'state', surfaceForms: ['China'] },
          { slug: `thread-shared-${i}`, name: shared, kind: 'organisation', surfaceForms: [shared] },
        ],
        claims: [
          {
            key: 'c1',
            kind: 'description',
            summary: 'They met.',
            evidence: span(body, `${shared} met China in May 2033.`),
            claimants: ['china'],
            about: [`thread-shared-${i}`],
          },
        ],
        events: [],
      })
    })
    const results = await Promise.all(briefs.map((b) => write(thread, 'post', '/v1/briefs', b)))
    expect(results.map((r) => r.status)).toEqual(results.map(() => 201))
    const actors = await thread.app.db.read.actor.findMany({ where: { deletedAt: null, mergedIntoId: null } })
    expect(actors.filter((a) => normalizeName(a.name) === normalizeName(shared))).toHaveLength(1)
  })

  it('keeps the event loop turning during a 300-claim ingest', async () => {
    const token = tokens.get(thread) as string // made in beforeAll for each app
    const { result: res, turns } = await ingestTurns(
      thread.app,
      token,
      'writer-thread-event-loop',
      300,
      'thread mode, 300-claim ingest',
    )
    expect(res.statusCode, res.body).toBe(201)
    // Inline mode takes a turn every 8 ms of statements (test/editor/event-loop.test.ts asks for
    // 5); here the main thread only parses the request and waits.
    expect(turns).toBeGreaterThanOrEqual(100)
  })
})

describe('the writer thread stops and restarts', () => {
  it('a dead worker fails the calls in flight with a 503 problem; the next write starts a new one', async () => {
    const worker = thread.app.writerThread?.worker
    expect(worker).toBeDefined()
    const inFlight = thread.app.inject({
      method: 'POST',
      url: '/v1/briefs',
      payload: robustnessBrief('writer-thread-killed', { claims: 300 }),
      headers: { authorization: `Bearer ${tokens.get(thread)}` },
    })
    const direct = thread.app.writers.briefs
      .ingest(parseBrief(robustnessBrief('writer-thread-killed-2', { claims: 300 })), { mode: 'create' })
      .then(
        () => 'stored',
        (err: unknown) => err,
      )
    // Let both calls reach the worker, then kill it mid-ingest.
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
    await worker?.terminate()
    const res = await inFlight
    expect(res.statusCode, res.body).toBe(503)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.headers['retry-after']).toBe('2')
    expect(res.json()).toMatchObject({ status: 503, code: 'unavailable' })
    const err = await direct
    expect(err).toBeInstanceOf(ProblemError)
    expect((err as ProblemError).status).toBe(503)

    const next = await write(thread, 'post', '/v1/briefs', robustnessBrief('writer-thread-after-restart'))
    expect(next.status, next.text).toBe(201)
    expect(thread.app.writerThread?.worker).toBeDefined()
    expect(thread.app.writerThread?.worker).not.toBe(worker)
    expect((await getJson(thread, '/v1/articles/writer-thread-after-restart/brief')).article.slug).toBe(
      'writer-thread-after-restart',
    )
  })

  it('a graceful close finishes every write in flight, checkpoints and ends the worker', async () => {
    const url = freshDatabase()
    const t = await testApp({ config: { DATABASE_URL: url, WRITER: 'thread' } })
    const worker = t.app.writerThread?.worker
    expect(worker).toBeDefined()
    const exited = new Promise<number>((resolve) => worker?.once('exit', resolve))
    const slugs = Array.from({ length: 8 }, (_, i) => `writer-thread-drain-${i}`)
    const writes = slugs.map((slug) =>
      t.app.writers.briefs.ingest(parseBrief(robustnessBrief(slug, { claims: 40 })), { mode: 'create' }),
    )
    await t.close()
    const results = await Promise.all(writes)
    expect(results.map((r) => r.status)).toEqual(slugs.map(() => 'created'))
    expect(await exited).toBe(0)
    expect(existsSync(`${sqlitePath(url)}-wal`)).toBe(false)
    // After the close: every brief acknowledged is there.
    const db = await Database.open({ url, busyTimeoutMs: 1000 })
    try {
      const stored = await db.read.article.findMany({ where: { slug: { in: slugs } }, select: { slug: true } })
      expect(stored.map((a) => a.slug).sort()).toEqual([...slugs].sort())
    } finally {
      await db.close()
    }
    // A write after the close is refused, not lost silently.
    await expect(
      t.app.writers.briefs.ingest(parseBrief(robustnessBrief('writer-thread-too-late')), { mode: 'create' }),
    ).rejects.toMatchObject({ status: 503 })
  })
})
