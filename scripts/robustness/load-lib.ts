// Writers under load: R keep-alive readers hammer the read routes while W
// writers POST N distinct briefs that share actors, against the real server process.
// Pass: no lost brief (every 2xx is readable afterwards, every error absent), no duplicate actor,
// no 5xx, no torn read (a reader never sees part of a brief).
import http from 'node:http'
import path from 'node:path'
import Sqlite from 'better-sqlite3'
import {
  checkDatabase,
  type HttpResult,
  type Log,
  percentile,
  prepareDatabase,
  request,
  round,
  type ServerProcess,
  startServer,
  tempDir,
} from './report-lib.js'
import { robustnessBrief, SEED_SLUG } from './briefs.js'

export interface LoadOptions {
  readers: number
  writers: number
  briefs: number
  /** Stop issuing writes after this long (the briefs not posted are reported). */
  timeLimitMs?: number
  log?: Log
}

export interface LoadResult {
  briefsPlanned: number
  briefsPosted: number
  acknowledged: number
  rejected: number
  foundAfter: number
  lost: number
  phantom: number
  duplicateActors: number
  sharedActors: number
  sharedActorLinks: number
  fiveXX: number
  writeErrors: string[]
  readRequests: number
  readErrors: number
  tornReads: number
  readP50: number
  readP99: number
  readMax: number
  writeP50: number
  writeP99: number
  writesPerSec: number
  writeSeconds: number
  integrity: string
  foreignKeyViolations: number
  incompleteArticles: number
  timeLimited: boolean
  ms: number
  failures: string[]
}

export const SHARED_ACTOR = { slug: 'load-shared-actor', name: 'Load Shared Actor' }
const SEED_CLAIMS = 14
const SEED_EVENTS = 10
const SEED_ACTORS = 22

export function loadSlug(i: number): string {
  return `load-brief-${i}`
}

/** The seed brief under slug load-brief-i plus one new actor shared by every brief: half of the briefs name it by its slug, half by its name under a slug of their own. */
export function loadBrief(i: number): string {
  const shared = {
    slug: i % 2 === 0 ? SHARED_ACTOR.slug : `${SHARED_ACTOR.slug}-${i}`,
    name: SHARED_ACTOR.name,
    kind: 'organisation' as const,
    role: 'mentioned' as const,
  }
  return JSON.stringify(robustnessBrief(loadSlug(i), { extraActors: [shared] }))
}

interface Brief {
  claims: unknown[]
  events: unknown[]
  actors: unknown[]
}

function complete(r: HttpResult): boolean {
  try {
    const b = JSON.parse(r.body) as Brief
    return b.claims.length === SEED_CLAIMS && b.events.length === SEED_EVENTS && b.actors.length === SEED_ACTORS + 1
  } catch {
    return false
  }
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const log = opts.log ?? (() => undefined)
  const t0 = performance.now()
  const failures: string[] = []
  const dir = tempDir('load')
  const file = path.join(dir, 'load.db')
  const { token } = await prepareDatabase(file)
  const server: ServerProcess = await startServer({ databaseFile: file, logLevel: 'warn' })
  const port = server.port
  log(`load: server on port ${port}; ${opts.readers} readers, ${opts.writers} writers, ${opts.briefs} briefs`)

  const bodies = Array.from({ length: opts.briefs }, (_, i) => loadBrief(i))
  const acked = new Set<number>()
  const errored = new Map<number, string>()
  const inFlight = new Set<number>()
  const ackList: number[] = []
  const writeMs: number[] = []
  let fiveXX = 0
  let next = 0
  const deadline = Date.now() + (opts.timeLimitMs ?? 10 * 60_000)
  let timeLimited = false

  const writer = async (w: number) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    try {
      for (let guard = 0; guard < opts.briefs; guard++) {
        if (next >= opts.briefs) return
        if (Date.now() > deadline) {
          timeLimited = true
          return
        }
        const i = next++
        inFlight.add(i)
        const r = await request(port, 'POST', '/v1/briefs', { body: bodies[i], token, agent, timeoutMs: 120_000 })
        inFlight.delete(i)
        writeMs.push(r.ms)
        if (r.status >= 500) fiveXX++
        if (r.status === 201) {
          acked.add(i)
          ackList.push(i)
        } else errored.set(i, r.error ?? `${r.status} ${r.body.slice(0, 300)}`)
        if ((i + 1) % Math.max(1, Math.floor(opts.briefs / 10)) === 0)
          log(`load: writer ${w} posted brief ${i + 1}/${opts.briefs} (${acked.size} acknowledged)`)
      }
    } finally {
      agent.destroy()
    }
  }

  const readMs: number[] = []
  let readErrors = 0
  let tornReads = 0
  let stop = false
  const readErrorSamples: string[] = []
  const reader = async (k: number) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    let n = k
    try {
      for (let guard = 0; guard < 1_000_000 && !stop; guard++) {
        n++
        const pick = n % 8
        let url: string
        let expect: 'ok' | 'complete' | 'absent-or-complete' = 'ok'
        if (pick === 6 && ackList.length > 0) {
          url = `/v1/articles/${loadSlug(ackList[Math.floor(Math.random() * ackList.length)] as number)}/brief`
          expect = 'complete'
        } else if (pick === 7 && inFlight.size > 0) {
          const flying = [...inFlight]
          url = `/v1/articles/${loadSlug(flying[Math.floor(Math.random() * flying.length)] as number)}/brief`
          expect = 'absent-or-complete'
        } else {
          url = [
            '/v1/articles?limit=20',
            `/v1/articles/${SEED_SLUG}`,
            `/v1/articles/${SEED_SLUG}/brief`,
            '/v1/actors?q=japan',
            '/v1/claims?limit=20',
            '/v1/events?limit=20',
            '/v1/articles?limit=20&sort=title',
            `/v1/claims?article=${SEED_SLUG}`,
          ][pick] as string
        }
        const r = await request(port, 'GET', url, { agent, timeoutMs: 60_000 })
        readMs.push(r.ms)
        if (r.status >= 500) fiveXX++
        let bad = false
        if (expect === 'ok') bad = r.status !== 200
        else if (expect === 'complete') {
          bad = r.status !== 200
          if (r.status === 200 && !complete(r)) tornReads++
        } else {
          bad = r.status !== 200 && r.status !== 404
          if (r.status === 200 && !complete(r)) tornReads++
        }
        if (bad) {
          readErrors++
          if (readErrorSamples.length < 5)
            readErrorSamples.push(`GET ${url}: ${r.error ?? r.status} ${r.body.slice(0, 200)}`)
        }
      }
    } finally {
      agent.destroy()
    }
  }

  const tw = performance.now()
  const readersDone = Promise.all(Array.from({ length: opts.readers }, (_, k) => reader(k)))
  await Promise.all(Array.from({ length: opts.writers }, (_, w) => writer(w)))
  const writeSeconds = (performance.now() - tw) / 1000
  stop = true
  await readersDone
  log(`load: writes done in ${round(writeSeconds)} s; ${readMs.length} reads; verifying`)

  // Every brief posted: readable iff acknowledged.
  const posted = acked.size + errored.size
  let foundAfter = 0
  let lost = 0
  let phantom = 0
  const lostSamples: string[] = []
  const indexes = [...acked, ...errored.keys()]
  let cursor = 0
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
      try {
        for (let guard = 0; guard < indexes.length && cursor < indexes.length; guard++) {
          const i = indexes[cursor++] as number
          const r = await request(port, 'GET', `/v1/articles/${loadSlug(i)}`, { agent })
          if (r.status >= 500) fiveXX++
          if (acked.has(i)) {
            if (r.status === 200) foundAfter++
            else {
              lost++
              if (lostSamples.length < 5) lostSamples.push(`${loadSlug(i)} acknowledged, now ${r.status}`)
            }
          } else if (r.status !== 404) {
            phantom++
            if (lostSamples.length < 5) lostSamples.push(`${loadSlug(i)} failed (${errored.get(i)}), now ${r.status}`)
          }
        }
      } finally {
        agent.destroy()
      }
    }),
  )

  const db = checkDatabase(file, { readonly: true })
  let incompleteArticles = 0
  for (const i of acked) {
    const row = db.perArticle.get(loadSlug(i))
    if (!row || row.claims !== SEED_CLAIMS || row.reports !== SEED_EVENTS || row.actors !== SEED_ACTORS + 1)
      incompleteArticles++
  }
  // The shared actor is stored under whichever slug the first brief to commit gave it.
  let sharedActors = 0
  let sharedActorLinks = 0
  const conn = new Sqlite(file, { readonly: true, fileMustExist: true })
  try {
    const rows = conn.prepare(`SELECT id FROM "Actor" WHERE name = ?`).all(SHARED_ACTOR.name) as Array<{ id: string }>
    sharedActors = rows.length
    if (rows[0])
      sharedActorLinks = (
        conn.prepare(`SELECT count(*) AS n FROM "ArticleActor" WHERE actorId = ?`).get(rows[0].id) as { n: number }
      ).n
  } finally {
    conn.close()
  }
  const stopped = await server.terminate()
  if (stopped.code !== 0) failures.push(`load: the server exited with ${stopped.code ?? stopped.signal} after SIGTERM`)

  if (lost > 0) failures.push(`load: ${lost} acknowledged brief(s) not readable afterwards (${lostSamples.join('; ')})`)
  if (phantom > 0) failures.push(`load: ${phantom} failed POST(s) left a brief behind (${lostSamples.join('; ')})`)
  if (db.duplicateActors.length > 0)
    failures.push(`load: duplicate actors ${db.duplicateActors.map((d) => `${d.key}×${d.count}`).join(', ')}`)
  if (acked.size > 0 && sharedActors !== 1)
    failures.push(`load: the shared actor is stored ${sharedActors} times, expected once`)
  if (acked.size > 0 && sharedActorLinks !== acked.size)
    failures.push(`load: the shared actor is linked to ${sharedActorLinks} articles, expected ${acked.size}`)
  if (fiveXX > 0) failures.push(`load: ${fiveXX} responses were 5xx`)
  if (errored.size > 0)
    failures.push(`load: ${errored.size} POST(s) failed: ${[...errored.values()].slice(0, 3).join(' | ')}`)
  if (readErrors > 0) failures.push(`load: ${readErrors} read(s) failed: ${readErrorSamples.join(' | ')}`)
  if (tornReads > 0) failures.push(`load: ${tornReads} read(s) returned a partial brief`)
  if (incompleteArticles > 0) failures.push(`load: ${incompleteArticles} acknowledged article(s) stored incompletely`)
  if (db.integrity !== 'ok') failures.push(`load: integrity_check: ${db.integrity}`)
  if (db.foreignKeyViolations > 0) failures.push(`load: ${db.foreignKeyViolations} foreign key violations`)
  if (acked.size === 0) failures.push('load: no brief was acknowledged')
  if (timeLimited)
    failures.push(`load: incomplete: only ${posted} of ${opts.briefs} briefs were posted within ${opts.timeLimitMs} ms`)

  return {
    briefsPlanned: opts.briefs,
    briefsPosted: posted,
    acknowledged: acked.size,
    rejected: errored.size,
    foundAfter,
    lost,
    phantom,
    duplicateActors: db.duplicateActors.length,
    sharedActors,
    sharedActorLinks,
    fiveXX,
    writeErrors: [...errored.values()].slice(0, 5),
    readRequests: readMs.length,
    readErrors,
    tornReads,
    readP50: round(percentile(readMs, 50)),
    readP99: round(percentile(readMs, 99)),
    readMax: round(percentile(readMs, 100)),
    writeP50: round(percentile(writeMs, 50)),
    writeP99: round(percentile(writeMs, 99)),
    writesPerSec: round(acked.size / writeSeconds, 2),
    writeSeconds: round(writeSeconds),
    integrity: db.integrity,
    foreignKeyViolations: db.foreignKeyViolations,
    incompleteArticles,
    timeLimited,
    ms: Math.round(performance.now() - t0),
    failures,
  }
}
