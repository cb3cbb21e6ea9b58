// The timeline takes its ids from hand-written SQL (src/db/timeline-sql.ts). This suite checks them
// against an oracle computed in the test from the stored rows (every live item the actor takes part
// in, or every live item, filtered and ordered by its date window), for every actor and filter: briefs
// with undated events and claims, an actor taking part in one event under two roles, a deleted
// claim and a deleted article.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { actorPool, synthBrief } from '../../bench/synth.js'
import type { Brief } from '../../src/domain/brief.schema.js'
import { ingestBrief } from '../../src/ingest/ingest.js'
import { TimelineQuery } from '../../src/modules/analysis/analysis.schemas.js'
import { boundRange } from '../../src/domain/dates.js'
import { removeDatabases, type TestApp, testApp } from '../helpers/app.js'
import { sqliteConnection } from '../../src/db/database.js'

let t: TestApp

function vary(b: Brief, n: number): Brief {
  b.events.forEach((e, i) => {
    if ((n + i) % 6 === 0) {
      e.start = null
      e.end = null
    }
    // The same actor as initiator and target of one event.
    if ((n + i) % 9 === 0 && e.participants[0]) e.participants.push({ actor: e.participants[0].actor, role: 'target' })
  })
  b.claims.forEach((c, i) => {
    if ((n + i) % 5 === 0) c.stated = null
    // Claimant and subject at once.
    if ((n + i) % 7 === 0 && c.claimants[0]) c.about = [...new Set([...c.about, c.claimants[0]])]
  })
  return b
}

beforeAll(async () => {
  t = await testApp({ seed: true })
  const pool = actorPool(40, 5)
  for (let n = 0; n < 40; n++) await ingestBrief(t.app.db, vary(synthBrief(n, pool, 5), n), { mode: 'create' })
  const articles = await t.app.db.read.article.findMany({ select: { id: true }, orderBy: { id: 'asc' } })
  const claim = await t.app.db.read.claim.findFirstOrThrow({ where: { articleId: articles[2]?.id } })
  const [event] = await t.app.db.read.event.findMany({ where: { dateFrom: { not: null } }, take: 1 })
  const [other] = await t.app.db.read.claim.findMany({ where: { statedFrom: { not: null } }, skip: 3, take: 1 })
  await t.app.db.writeTx(async (tx) => {
    await tx.claim.update({ where: { id: claim.id }, data: { deletedAt: new Date() } })
    await tx.article.update({ where: { id: articles[4]?.id }, data: { deletedAt: new Date() } })
    // Date changes after the links exist (the update triggers).
    await tx.event.update({
      where: { id: event?.id },
      data: { startDate: '2003-02', startPrecision: 'month', dateFrom: '2003-02-01', dateTo: '2003-02-28' },
    })
    await tx.claim.update({
      where: { id: other?.id },
      data: { statedDate: '2002', statedPrecision: 'year', statedFrom: '2002-01-01', statedTo: '2002-12-31' },
    })
  })
}, 120_000)

afterAll(async () => {
  await t.close()
  removeDatabases()
})

interface Item {
  id: string
  from: string | null
  to: string | null
  actors: Set<string>
  type: string | null
}

/** Every live event and claim with its window and actors, read straight from the tables. */
async function storedItems(): Promise<{ events: Item[]; claims: Item[] }> {
  const events = await t.app.db.read.event.findMany({
    where: { deletedAt: null },
    select: { id: true, type: true, dateFrom: true, dateTo: true, participants: { select: { actorId: true } } },
  })
  const claims = await t.app.db.read.claim.findMany({
    where: { deletedAt: null, article: { deletedAt: null } },
    select: { id: true, statedFrom: true, statedTo: true, actors: { select: { actorId: true } } },
  })
  return {
    events: events.map((e) => ({
      id: e.id,
      from: e.dateFrom,
      to: e.dateTo,
      type: e.type,
      actors: new Set(e.participants.map((p) => p.actorId)),
    })),
    claims: claims.map((c) => ({
      id: c.id,
      from: c.statedFrom,
      to: c.statedTo,
      type: null,
      actors: new Set(c.actors.map((a) => a.actorId)),
    })),
  }
}

/** The oracle: the ids of the first `limit` items in (from, to, id) order, truncation and the undated count. */
function expected(
  all: { events: Item[]; claims: Item[] },
  actorId: string | null,
  q: { from?: string; to?: string; type?: string; include?: string; limit: number },
) {
  const pool = [
    ...(q.include !== 'claims' ? all.events.filter((e) => q.type === undefined || e.type === q.type) : []),
    ...(q.include !== 'events' && q.type === undefined ? all.claims : []),
  ].filter((i) => actorId === null || i.actors.has(actorId))
  // A bound excludes undated items (their window is unknown), as the API's overlap test does.
  const inRange = (i: Item) =>
    (q.from === undefined || (i.to !== null && i.to >= q.from)) &&
    (q.to === undefined || (i.from !== null && i.from <= q.to))
  const dated = pool
    .filter((i) => i.from !== null && inRange(i))
    .sort(
      (a, b) =>
        (a.from ?? '').localeCompare(b.from ?? '') ||
        (a.to ?? '').localeCompare(b.to ?? '') ||
        a.id.localeCompare(b.id),
    )
  const undated = pool.filter((i) => i.from === null && q.from === undefined && q.to === undefined).length
  return { ids: dated.slice(0, q.limit).map((i) => i.id), truncated: dated.length > q.limit, undated }
}

describe('the SQL timeline, of an actor or of everything', () => {
  it('EventParticipant and ClaimActor carry their item window (insert and update triggers)', async () => {
    const [e] = await t.app.db.read.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM "EventParticipant" p JOIN "Event" e ON e.id = p."eventId"
      WHERE p."dateFrom" IS NOT e."dateFrom" OR p."dateTo" IS NOT e."dateTo"`
    const [c] = await t.app.db.read.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM "ClaimActor" x JOIN "Claim" c ON c.id = x."claimId"
      WHERE x."statedFrom" IS NOT c."statedFrom" OR x."statedTo" IS NOT c."statedTo"`
    expect([Number(e?.n), Number(c?.n)]).toEqual([0, 0])
    expect(await t.app.db.read.eventParticipant.count({ where: { dateFrom: '2003-02-01' } })).toBeGreaterThan(0)
    expect(await t.app.db.read.claimActor.count({ where: { statedFrom: '2002-01-01' } })).toBeGreaterThan(0)
  })

  it('an actor timeline page is an index range scan in timeline order (no sort)', () => {
    const plan = (
      sqliteConnection(t.app.db)
        .prepare(
          `EXPLAIN QUERY PLAN SELECT p."eventId" FROM "EventParticipant" p WHERE p."actorId" = ? AND p."dateFrom" IS NOT NULL
         AND EXISTS (SELECT 1 FROM "Event" e WHERE e.id = p."eventId" AND e."deletedAt" IS NULL)
         GROUP BY p."dateFrom", p."dateTo", p."eventId" ORDER BY p."dateFrom", p."dateTo", p."eventId" LIMIT 201`,
        )
        .all('x') as Array<{ detail: string }>
    )
      .map((r) => r.detail)
      .join(' | ')
    expect(plan).toMatch(/EventParticipant_actorId_dateFrom_dateTo_eventId_idx/)
    expect(plan).not.toMatch(/TEMP B-TREE/)
  })

  it('equals the oracle for every actor, across from/to, type, include and limit', async () => {
    const all = await storedItems()
    const actors = await t.app.db.read.actor.findMany({ select: { id: true, slug: true }, orderBy: { slug: 'asc' } })
    const type = (await t.app.db.read.event.findFirstOrThrow({ select: { type: true } })).type
    const variants: Array<Record<string, string>> = [
      {},
      { from: '2018', to: '2021-06' },
      { from: '2020-03-04' },
      { to: '2017' },
      { type },
      { include: 'events', limit: '7' },
      { include: 'claims', limit: '5' },
      { limit: '3' },
    ]
    let items = 0
    let undated = 0
    // Every actor's timeline, then the timeline of everything (no actor).
    for (const { id, slug } of [...actors, { id: null, slug: undefined }])
      for (const v of variants) {
        const q = TimelineQuery.parse({ ...(slug !== undefined ? { actor: slug } : {}), ...v })
        const a = await t.app.repos.analysis.timeline(q)
        const want = expected(all, id, {
          ...q,
          from: q.from && boundRange(q.from).from,
          to: q.to && boundRange(q.to).to,
        })
        const got = {
          ids: a.groups.flatMap((g) => g.items.map((i) => i.id)),
          truncated: a.truncated,
          undated: a.undated,
        }
        expect(got, `${slug} ${JSON.stringify(v)}`).toEqual(want)
        items += got.ids.length
        undated += a.undated
      }
    expect(actors.length).toBeGreaterThan(40)
    expect(items).toBeGreaterThan(2000)
    expect(undated).toBeGreaterThan(100)
  }, 120_000)
})
