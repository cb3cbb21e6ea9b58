// Two API instances on one PostgreSQL database, as a load balancer runs them: what one writes the
// other serves at once (the data version row), their writes take turns (the advisory lock), each
// hears of the other's commits (LISTEN) and recovers a lost listening connection, and a rollback
// invalidates nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import type { PostgresDataVersion } from '../../src/db/postgres/data-version.js'
import { normalizeName } from '../../src/lib/text.js'
import { removeDatabases, type TestApp, testApp } from '../helpers/app.js'
import { miniBrief, span } from '../helpers/briefs.js'
import { call, type Key, makeKey } from '../helpers/http.js'

/**
 * A brief naming two actors: a council by a shared slug, and an envoy by name only (another slug in
 * every brief). Each wave names its own pair, which no brief before it has.
 */
function brief(tag: string, wave = 'first') {
  const council = `Council of ${wave} wave`
  const envoy = `Envoy of ${wave} wave`
  const body = `Report ${tag}: ${council} met China in June 2034. ${envoy} said talks went well.`
  return miniBrief(`instances-${tag}`, body, {
    title: `Two instances ${tag}`,
    actors: [
      { slug: 'china', name: 'China', kind: 'state', surfaceForms: ['China'] },
      { slug: `council-${wave}`, name: council, kind: 'organisation', surfaceForms: [council] },
      { slug: `envoy-${tag}`, name: envoy, kind: 'person', surfaceForms: [envoy] },
    ],
    claims: [
      {
        key: 'c1',
        kind: 'assessment',
        summary: 'The talks went well.',
        evidence: span(body, `${envoy} said talks went well.`),
        claimants: [`envoy-${tag}`],
        about: ['china'],
      },
    ],
  })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await sleep(20)
  }
}

describe('two instances on one PostgreSQL database', () => {
  let a: TestApp
  let b: TestApp
  let key: Key
  const version = () => b.app.dataVersion as PostgresDataVersion

  beforeAll(async () => {
    a = await testApp({ seed: true, config: { WRITE_RATE_LIMIT: 10_000 } })
    const app = await buildApp(a.config)
    await app.ready()
    b = { app, config: a.config, close: () => app.close() }
    key = await makeKey(a, 'write')
  })
  afterAll(async () => {
    await b?.close()
    await a?.close()
    await removeDatabases()
  })

  it('a write through A is served by B at once, although B had the page cached', async () => {
    const url = '/v1/articles?limit=100&sort=-published'
    await call(b, 'get', url)
    const cached = await call(b, 'get', url)
    expect(cached.headers['x-cache']).toBe('hit')
    const before = (cached.body.data as unknown[]).length

    const posted = await call(a, 'post', '/v1/briefs', key.token, brief('read-after-write'))
    expect(posted.status).toBe(201)
    // No wait: B checks the version row on every cached GET, whether or not it has heard the NOTIFY.
    const [list, article] = await Promise.all([
      call(b, 'get', url),
      call(b, 'get', '/v1/articles/instances-read-after-write/brief'),
    ])
    expect(list.headers['x-cache']).toBe('miss')
    expect((list.body.data as unknown[]).length).toBe(before + 1)
    expect(article.status).toBe(200)
    expect(article.body.article.slug).toBe('instances-read-after-write')
  })

  it('8 writers over the two instances, under readers: every brief stored, each new actor created once', async () => {
    const WRITERS = 8
    const EACH = 5
    const actorsBefore = await a.app.db.read.actor.count()
    let reading = true
    const readerStatuses: number[] = []
    const readers = [a, b, a, b].map(async (t, r) => {
      const urls = ['/v1/articles?limit=20', '/v1/actors?limit=20', '/v1/claims?limit=20', '/v1/search?q=China']
      for (let i = 0; reading; i++)
        readerStatuses.push((await call(t, 'get', urls[(i + r) % urls.length] as string)).status)
    })
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      const on = w % 2 === 0 ? a : b
      const statuses: number[] = []
      for (let i = 0; i < EACH; i++)
        statuses.push((await call(on, 'post', '/v1/briefs', key.token, brief(`w${w}-${i}`, 'eight-writers'))).status)
      return statuses
    })
    const statuses = (await Promise.all(writers)).flat()
    reading = false
    await Promise.all(readers)

    expect(statuses).toEqual(Array(WRITERS * EACH).fill(201))
    const stored = await a.app.db.read.article.count({ where: { slug: { startsWith: 'instances-w' } } })
    expect(stored).toBe(WRITERS * EACH)
    const live = await a.app.db.read.actor.findMany({
      where: { deletedAt: null, mergedIntoId: null },
      select: { slug: true, name: true, kind: true },
    })
    const keys = live.map((x) => `${x.kind}/${normalizeName(x.name)}`)
    expect(keys.length - new Set(keys).size).toBe(0) // no duplicate by name
    expect(live.length - new Set(live.map((x) => x.slug)).size).toBe(0) // nor by slug
    // The wave's council and envoy: created once each, by whichever write came first.
    expect(await a.app.db.read.actor.count()).toBe(actorsBefore + 2)
    expect(await a.app.db.read.actor.count({ where: { name: 'Envoy of eight-writers wave' } })).toBe(1)
    expect(readerStatuses.length).toBeGreaterThan(0)
    expect(readerStatuses.filter((s) => s !== 200)).toEqual([])
    // The change feed lists every article once, in commit order.
    const changes = await a.app.db.read.change.findMany({
      where: { entity: 'article', action: 'created' },
      orderBy: { seq: 'asc' },
      select: { entityId: true, at: true },
    })
    expect(new Set(changes.map((c) => c.entityId)).size).toBe(changes.length)
    // Stamped inside the write lock: in feed order, the times never go back (one clock here).
    const times = changes.map((c) => c.at.getTime())
    expect(times).toEqual([...times].sort((x, y) => x - y))
  })

  it("B hears of A's commits, and of none of its own", async () => {
    let heard = 0
    version().onExternalChange(() => heard++)
    const posted = await call(a, 'post', '/v1/briefs', key.token, brief('heard'))
    expect(posted.status).toBe(201)
    await until('B to hear of the commit', () => heard > 0)
    const own = heard
    const other = await call(b, 'post', '/v1/briefs', key.token, brief('not-heard'))
    expect(other.status).toBe(201)
    await sleep(200)
    expect(heard).toBe(own)
  })

  it("B's listening connection killed: B drops its cache, reconnects, listens again", async () => {
    let heard = 0
    version().onExternalChange(() => heard++)
    const connections = version().connections
    const pid = version().listenerPid
    expect(pid).toBeTypeOf('number')
    const killed = await a.app.db.sql.get<{ ok: number }>('SELECT pg_terminate_backend(?) AS ok', [pid])
    expect(killed?.ok).toBe(1)
    await until('B to reconnect', () => version().connections === connections + 1)
    expect(version().listenerPid).not.toBe(pid)
    expect(heard).toBeGreaterThanOrEqual(2) // on the loss, and again once listening
    const after = heard
    expect((await call(a, 'post', '/v1/briefs', key.token, brief('after-reconnect'))).status).toBe(201)
    await until("B to hear of A's commit on its new connection", () => heard > after)
  })

  it('a rolled-back write changes no version, sends no notification and leaves B its cache', async () => {
    const url = '/v1/actors?limit=5'
    await call(b, 'get', url)
    expect((await call(b, 'get', url)).headers['x-cache']).toBe('hit')
    let heard = 0
    version().onExternalChange(() => heard++)
    const v = await version().current()
    await expect(
      a.app.db.writeTx(async (_tx, sql) => {
        await sql.run('UPDATE "Actor" SET description = description WHERE slug = ?', ['china'])
        throw new Error('rolled back on purpose')
      }),
    ).rejects.toThrow('rolled back on purpose')
    await sleep(200)
    expect(await version().current()).toBe(v)
    expect(heard).toBe(0)
    expect((await call(b, 'get', url)).headers['x-cache']).toBe('hit')
  })
})
