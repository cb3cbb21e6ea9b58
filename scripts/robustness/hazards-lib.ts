// Adapter hazards against the real server: another process holding SQLite's write lock, and a
// failed ingest's rollback running next to a concurrent write.
// (a) Another process holds SQLite's write lock (BEGIN IMMEDIATE) while the API writes:
//     - held 1 s, busy timeout 2 s (default): the API waits and succeeds (a PATCH and an ingest);
//     - held 4 s, busy timeout 1 s: the API answers 503 with Retry-After (not 500); afterwards the
//       next N writes succeed and are all still there after a restart (prisma/orm#29933 regression).
//     The lock holder is a separate `node -e` process: better-sqlite3 is synchronous, so holding the
//     lock in this process would block this event loop too.
// (b) Interleaving: an ingest that fails late inside its write transaction (A) runs concurrently
//     with a PATCH (B); B's change must be present after A's rollback, every repetition.
import { type ChildProcess, spawn } from 'node:child_process'
import http from 'node:http'
import path from 'node:path'
import Sqlite from 'better-sqlite3'
import {
  checkDatabase,
  type HttpResult,
  json,
  type Log,
  prepareDatabase,
  request,
  ROOT,
  rng,
  round,
  type ServerProcess,
  sleep,
  startServer,
  tempDir,
  withTimeout,
} from './report-lib.js'
import { robustnessBrief, SEED_SLUG } from './briefs.js'

export interface HazardOptions {
  /** Writes after the long lock that must all succeed and survive a restart (100). */
  writesAfter: number
  /** Repetitions of the interleaving (b) (100). */
  interleavings: number
  shortHoldMs?: number
  longHoldMs?: number
  busyTimeoutMs?: number
  seed?: number
  log?: Log
}

export interface HazardResult {
  shortHold: {
    holdMs: number
    status: number
    ms: number
    patchStatus: number
    patchMs: number
    heldMs: number
    healthMaxMs: number
  }
  longHold: {
    holdMs: number
    busyTimeoutMs: number
    ingestStatus: number
    ingestRetryAfter: string | null
    ingestMs: number
    patchStatus: number
    patchRetryAfter: string | null
    bodyCode: string | null
    healthMaxMs: number
    rejectedIngestAbsent: boolean
  }
  after: { writes: number; ok: number; ingestAfterStatus: number; survivedRestart: boolean; changeRows: number }
  interleave: {
    repetitions: number
    aRejected: number
    bOk: number
    bPresent: number
    aLeftovers: number
    bOvertookA: number
  }
  ms: number
  failures: string[]
}

interface Holder {
  child: ChildProcess
  locked: Promise<number>
  released: Promise<number>
}

const HOLDER_SCRIPT = `
const Database = require('better-sqlite3')
const [file, ms] = process.argv.slice(1)
const db = new Database(file, { timeout: 10000 })
db.exec('BEGIN IMMEDIATE')
process.stdout.write('locked\\n')
setTimeout(() => {
  db.exec('COMMIT')
  db.close()
  process.stdout.write('released\\n')
}, Number(ms))
`

/** A separate process that takes the database's write lock, holds it for `ms`, then commits (writing nothing). */
function holdWriteLock(file: string, ms: number): Holder {
  const child = spawn(process.execPath, ['-e', HOLDER_SCRIPT, file, String(ms)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  const waiters: Array<() => void> = []
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out += d
    for (const w of [...waiters]) w()
  })
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    err += d
  })
  const line = (what: string) =>
    withTimeout(
      new Promise<number>((resolve, reject) => {
        const check = () => {
          if (out.includes(`${what}\n`)) resolve(performance.now())
        }
        waiters.push(check)
        child.on('exit', (code) => {
          check()
          reject(new Error(`lock holder exited (${code}) before "${what}": ${err.slice(0, 500)}`))
        })
      }),
      ms + 15_000,
      `the lock holder to print "${what}"`,
    )
  const locked = line('locked')
  const released = line('released')
  released.catch(() => undefined)
  return { child, locked, released }
}

/** GET /health every 50 ms until `until` settles; returns the slowest answer (how long the event loop was stalled). */
async function probeHealth(port: number, until: Promise<unknown>): Promise<number> {
  let done = false
  void until.finally(() => {
    done = true
  })
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  let max = 0
  try {
    for (let i = 0; i < 400 && !done; i++) {
      const r = await request(port, 'GET', '/health', { agent, timeoutMs: 30_000 })
      max = Math.max(max, r.ms)
      await sleep(50)
    }
  } finally {
    agent.destroy()
  }
  return round(max, 0)
}

/** Change-feed rows recording an update of the seed article (one per committed PATCH). */
function seedArticleUpdates(file: string): number {
  const conn = new Sqlite(file, { readonly: true, fileMustExist: true })
  try {
    return (
      conn
        .prepare(
          `SELECT count(*) AS n FROM "Change" c JOIN "Article" a ON a.id = c.entityId
           WHERE c.entity = 'article' AND c.action = 'updated' AND a.slug = ?`,
        )
        .get(SEED_SLUG) as { n: number }
    ).n
  } finally {
    conn.close()
  }
}

function problemCode(r: HttpResult): string | null {
  try {
    return (json<{ code?: string }>(r).code as string | undefined) ?? null
  } catch {
    return null
  }
}

/** A brief that fails validation inside the write transaction: after reads (unknown participant) or after writes (a new actor is created, then two actors of the brief resolve to the same stored actor). */
export function lateFailingBrief(i: number): { body: string; slug: string; newActor: string | null } {
  const slug = `r4-a-${i}`
  if (i % 2 === 0) {
    const b = robustnessBrief(slug)
    const e = b.events[0]
    if (e) e.participants = [...(e.participants ?? []), { actor: `r4-nobody-${i}`, role: 'target' }]
    return { body: JSON.stringify(b), slug, newActor: null }
  }
  const newActor = `r4-new-${i}`
  const b = robustnessBrief(slug, {
    extraActors: [
      { slug: newActor, name: `Interleaving New Actor ${i}`, kind: 'organisation' },
      { slug: `r4-dup-${i}`, name: 'China', kind: 'state' },
    ],
  })
  return { body: JSON.stringify(b), slug, newActor }
}

export async function runHazards(opts: HazardOptions): Promise<HazardResult> {
  const log = opts.log ?? (() => undefined)
  const t0 = performance.now()
  const failures: string[] = []
  const random = rng(opts.seed ?? 20261129)
  const shortHoldMs = opts.shortHoldMs ?? 1000
  const longHoldMs = opts.longHoldMs ?? 4000
  const busyTimeoutMs = opts.busyTimeoutMs ?? 1000
  const dir = tempDir('hazards')
  const file = path.join(dir, 'hazards.db')
  const { token } = await prepareDatabase(file)
  let server: ServerProcess | undefined

  try {
    // (a1) Lock held 1 s, default busy timeout (2 s): a PATCH (whose first write comes within
    // milliseconds, so surely while the lock is held) and an ingest both wait and succeed.
    server = await startServer({ databaseFile: file, logLevel: 'warn' })
    await request(server.port, 'GET', `/v1/articles/${SEED_SLUG}`)
    const h1 = holdWriteLock(file, shortHoldMs)
    const locked1 = await h1.locked
    const patchWait = request(server.port, 'PATCH', `/v1/articles/${SEED_SLUG}`, {
      body: JSON.stringify({ title: 'hazard-wait-title' }),
      token,
      timeoutMs: 30_000,
    })
    const wait = request(server.port, 'POST', '/v1/briefs', {
      body: JSON.stringify(robustnessBrief('hazard-wait')),
      token,
      timeoutMs: 30_000,
    })
    const both = Promise.all([patchWait, wait])
    const [[patched, waited], health1] = await Promise.all([both, probeHealth(server.port, both)])
    const releasedAt = await h1.released
    const shortHold = {
      holdMs: shortHoldMs,
      status: waited.status,
      ms: round(waited.ms, 0),
      patchStatus: patched.status,
      patchMs: round(patched.ms, 0),
      heldMs: round(releasedAt - locked1, 0),
      healthMaxMs: health1,
    }
    if (patched.status !== 200)
      failures.push(
        `hazards: PATCH during a ${shortHoldMs} ms foreign lock answered ${patched.error ?? patched.status} after ${shortHold.patchMs} ms ${patched.body.slice(0, 160)} (expected 200 after waiting; busy timeout 2000 ms)`,
      )
    if (waited.status !== 201)
      failures.push(
        `hazards: ingest during a ${shortHoldMs} ms foreign lock answered ${waited.error ?? waited.status} after ${shortHold.ms} ms ${waited.body.slice(0, 160)} (expected 201 after waiting; busy timeout 2000 ms)`,
      )
    log(
      `hazards: ${shortHoldMs} ms lock: PATCH ${patched.status} after ${shortHold.patchMs} ms, ingest ${waited.status} after ${shortHold.ms} ms; /health max ${health1} ms`,
    )
    const stop1 = await server.terminate()
    if (stop1.code !== 0) failures.push(`hazards: server exit ${stop1.code ?? stop1.signal} after SIGTERM`)

    // (a2) Lock held 4 s, busy timeout 1 s: 503 + Retry-After for an ingest and a PATCH.
    server = await startServer({
      databaseFile: file,
      logLevel: 'warn',
      env: { BUSY_TIMEOUT_MS: String(busyTimeoutMs) },
    })
    const port = server.port
    await request(port, 'GET', `/v1/articles/${SEED_SLUG}`)
    const h2 = holdWriteLock(file, longHoldMs)
    const lockedAt = await h2.locked
    const busyIngest = request(port, 'POST', '/v1/briefs', {
      body: JSON.stringify(robustnessBrief('hazard-busy')),
      token,
      timeoutMs: 30_000,
    })
    const health2P = probeHealth(port, h2.released)
    const ingestR = await busyIngest
    const patchR = await request(port, 'PATCH', `/v1/articles/${SEED_SLUG}`, {
      body: JSON.stringify({ title: 'hazard-busy-title' }),
      token,
      timeoutMs: 30_000,
    })
    const patchDoneAt = performance.now()
    await h2.released
    const health2 = await health2P
    const longHold = {
      holdMs: longHoldMs,
      busyTimeoutMs,
      ingestStatus: ingestR.status,
      ingestRetryAfter: (ingestR.headers['retry-after'] as string | undefined) ?? null,
      ingestMs: round(ingestR.ms, 0),
      patchStatus: patchR.status,
      patchRetryAfter: (patchR.headers['retry-after'] as string | undefined) ?? null,
      bodyCode: problemCode(ingestR),
      healthMaxMs: health2,
      rejectedIngestAbsent: false,
    }
    if (patchDoneAt - lockedAt > longHoldMs)
      failures.push('hazards: the PATCH under the long lock finished after the lock was released (inconclusive)')
    if (ingestR.status !== 503 || !longHold.ingestRetryAfter)
      failures.push(
        `hazards: ingest under a ${longHoldMs} ms lock (busy timeout ${busyTimeoutMs} ms) answered ${ingestR.error ?? ingestR.status} retry-after=${longHold.ingestRetryAfter} ${ingestR.body.slice(0, 200)} (expected 503 with Retry-After)`,
      )
    if (patchR.status !== 503 || !longHold.patchRetryAfter)
      failures.push(
        `hazards: PATCH under a ${longHoldMs} ms lock answered ${patchR.error ?? patchR.status} retry-after=${longHold.patchRetryAfter} ${patchR.body.slice(0, 200)} (expected 503 with Retry-After)`,
      )
    log(
      `hazards: ${longHoldMs} ms lock: ingest ${ingestR.status} (retry-after ${longHold.ingestRetryAfter}) after ${longHold.ingestMs} ms, PATCH ${patchR.status}; /health max ${health2} ms`,
    )

    // The next writes after the lock is gone: every one succeeds ...
    const updatesBefore = seedArticleUpdates(file)
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    let ok = 0
    const bad: string[] = []
    for (let k = 0; k < opts.writesAfter; k++) {
      const title = `hazard-title-${k}`
      const r = await request(port, 'PATCH', `/v1/articles/${SEED_SLUG}`, {
        body: JSON.stringify({ title }),
        token,
        agent,
        timeoutMs: 30_000,
      })
      if (r.status === 200 && json<{ title?: string }>(r).title === title) ok++
      else if (bad.length < 3) bad.push(`PATCH ${k}: ${r.error ?? r.status} ${r.body.slice(0, 150)}`)
    }
    const after = await request(port, 'POST', '/v1/briefs', {
      body: JSON.stringify(robustnessBrief('hazard-after')),
      token,
      agent,
      timeoutMs: 30_000,
    })
    agent.destroy()
    if (ok !== opts.writesAfter)
      failures.push(
        `hazards: ${opts.writesAfter - ok}/${opts.writesAfter} writes after the lock failed: ${bad.join('; ')}`,
      )
    if (after.status !== 201)
      failures.push(
        `hazards: an ingest after the lock answered ${after.error ?? after.status} ${after.body.slice(0, 200)}`,
      )
    const stop2 = await server.terminate()
    if (stop2.code !== 0) failures.push(`hazards: server exit ${stop2.code ?? stop2.signal} after SIGTERM`)

    // ... and every one is still there after a restart.
    server = await startServer({ databaseFile: file, logLevel: 'warn' })
    const last = `hazard-title-${opts.writesAfter - 1}`
    const art = await request(server.port, 'GET', `/v1/articles/${SEED_SLUG}`)
    const title = art.status === 200 ? json<{ title: string }>(art).title : null
    const busyGone = (await request(server.port, 'GET', '/v1/articles/hazard-busy')).status === 404
    const afterThere = (await request(server.port, 'GET', '/v1/articles/hazard-after')).status === 200
    const changeRows = seedArticleUpdates(file) - updatesBefore
    longHold.rejectedIngestAbsent = busyGone
    const survivedRestart = title === last && afterThere && changeRows === opts.writesAfter && ok === opts.writesAfter
    if (!survivedRestart)
      failures.push(
        `hazards: after a restart the title is ${JSON.stringify(title)} (expected ${last}), ${changeRows} new update rows in the change feed (expected ${opts.writesAfter}), hazard-after ${afterThere ? 'present' : 'missing'}`,
      )
    if (!busyGone) failures.push('hazards: the ingest answered 503 under the lock was stored anyway')
    log(`hazards: after restart: title ${title}, ${changeRows} change rows`)

    // (b) A (late-failing ingest) concurrently with B (PATCH), `interleavings` times.
    let aRejected = 0
    let bOk = 0
    let bPresent = 0
    let aLeftovers = 0
    let bOvertookA = 0
    const r4bad: string[] = []
    for (let i = 0; i < opts.interleavings; i++) {
      const a = lateFailingBrief(i)
      const bTitle = `r4-title-${i}`
      let aDone = 0
      let bDone = 0
      const aP = request(server.port, 'POST', '/v1/briefs', { body: a.body, token, timeoutMs: 30_000 }).then((r) => {
        aDone = performance.now()
        return r
      })
      await sleep(Math.floor(random() * 15))
      const bP = request(server.port, 'PATCH', `/v1/articles/${SEED_SLUG}`, {
        body: JSON.stringify({ title: bTitle }),
        token,
        timeoutMs: 30_000,
      }).then((r) => {
        bDone = performance.now()
        return r
      })
      const [ra, rb] = await Promise.all([aP, bP])
      if (bDone < aDone) bOvertookA++
      if (ra.status === 422) aRejected++
      else if (r4bad.length < 3) r4bad.push(`A ${i}: ${ra.error ?? ra.status} ${ra.body.slice(0, 150)}`)
      if (rb.status === 200) bOk++
      else if (r4bad.length < 3) r4bad.push(`B ${i}: ${rb.error ?? rb.status} ${rb.body.slice(0, 150)}`)
      const now = await request(server.port, 'GET', `/v1/articles/${SEED_SLUG}`)
      if (now.status === 200 && json<{ title: string }>(now).title === bTitle) bPresent++
      else if (r4bad.length < 3) r4bad.push(`after ${i}: title ${now.status} ${now.body.slice(0, 80)}`)
      const leftA = (await request(server.port, 'GET', `/v1/articles/${a.slug}`)).status !== 404
      const leftActor = a.newActor
        ? (await request(server.port, 'GET', `/v1/actors/${a.newActor}`)).status !== 404
        : false
      if (leftA || leftActor) {
        aLeftovers++
        if (r4bad.length < 3)
          r4bad.push(`A ${i} left ${leftA ? 'its article' : ''} ${leftActor ? 'its new actor' : ''}`)
      }
    }
    const interleave = {
      repetitions: opts.interleavings,
      aRejected,
      bOk,
      bPresent,
      aLeftovers,
      bOvertookA,
    }
    if (aRejected !== opts.interleavings || bOk !== opts.interleavings || bPresent !== opts.interleavings || aLeftovers)
      failures.push(
        `hazards: interleaving over ${opts.interleavings} repetitions: A rejected ${aRejected}, B ok ${bOk}, B present after A's rollback ${bPresent}, A leftovers ${aLeftovers}: ${r4bad.join('; ')}`,
      )
    log(`hazards: interleaving: ${bPresent}/${opts.interleavings} B changes present after A's rollback`)
    const stop3 = await server.terminate()
    server = undefined
    if (stop3.code !== 0) failures.push(`hazards: server exit ${stop3.code ?? stop3.signal} after SIGTERM`)
    const db = checkDatabase(file)
    if (db.integrity !== 'ok') failures.push(`hazards: integrity_check: ${db.integrity}`)
    if (db.foreignKeyViolations > 0) failures.push(`hazards: ${db.foreignKeyViolations} foreign key violations`)
    if (db.duplicateActors.length > 0)
      failures.push(`hazards: duplicate actors ${db.duplicateActors.map((d) => d.key).join(', ')}`)

    return {
      shortHold,
      longHold,
      after: { writes: opts.writesAfter, ok, ingestAfterStatus: after.status, survivedRestart, changeRows },
      interleave,
      ms: Math.round(performance.now() - t0),
      failures,
    }
  } finally {
    if (server?.alive()) await server.kill()
  }
}
