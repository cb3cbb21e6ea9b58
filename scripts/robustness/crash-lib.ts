// Crash safety: start the real server, ingest one brief, then fire ingests (a sequential chain and a
// concurrent burst, briefs of 14 to 112 claims), SIGKILL the whole process group after a random
// 0–300 ms (fixed seed), then open the database directly and check it; the next cycle restarts the
// server on the same file. Pass, every cycle: integrity_check ok, foreign_key_check empty, every
// stored article complete (all claims, event reports and actor links of its brief or none), and
// every brief acknowledged with 2xx before the kill present.
import http from 'node:http'
import path from 'node:path'
import { checkDatabase, type Log, prepareDatabase, request, rng, round, startServer, tempDir } from './report-lib.js'
import { robustnessBrief, SEED_SLUG } from './briefs.js'

export interface CrashOptions {
  cycles: number
  /** PRNG seed for the kill delays. */
  seed?: number
  /** Concurrent POSTs fired at once in each cycle, besides the sequential chain. */
  concurrent?: number
  /** No new cycle starts after this long; cycles not run are reported as a failure (incomplete). */
  timeLimitMs?: number
  log?: Log
}

export interface CrashResult {
  cycles: number
  kills: number
  cyclesOk: number
  integrityOk: number
  foreignKeyViolations: number
  partialArticles: number
  unknownArticles: number
  acknowledged: number
  acknowledgedLost: number
  inFlightAtKill: number
  inFlightStored: number
  restartedOk: boolean
  killDelaysMs: number[]
  articlesAtEnd: number
  ms: number
  failures: string[]
}

const CLAIM_SIZES = [14, 42, 70, 112]
const SEED_SHAPE = { claims: 14, reports: 10, actors: 22 }

export async function runCrash(opts: CrashOptions): Promise<CrashResult> {
  const log = opts.log ?? (() => undefined)
  const t0 = performance.now()
  const random = rng(opts.seed ?? 20261129)
  const failures: string[] = []
  const dir = tempDir('crash')
  const file = path.join(dir, 'crash.db')
  const { token } = await prepareDatabase(file)

  /** slug -> claims its brief has; the seed brief is loaded by the server at first start. */
  const expected = new Map<string, number>([[SEED_SLUG, SEED_SHAPE.claims]])
  const acknowledged = new Set<string>()
  const killDelaysMs: number[] = []
  let cyclesOk = 0
  let integrityOk = 0
  let foreignKeyViolations = 0
  let partialArticles = 0
  let unknownArticles = 0
  let acknowledgedLost = 0
  let inFlightAtKill = 0
  let inFlightStored = 0
  let kills = 0

  const post = (port: number, slug: string, claims: number, agent: http.Agent | false) => {
    expected.set(slug, claims)
    return request(port, 'POST', '/v1/briefs', {
      body: JSON.stringify(robustnessBrief(slug, { claims })),
      token,
      agent,
      timeoutMs: 30_000,
    })
  }

  const deadline = Date.now() + (opts.timeLimitMs ?? 15 * 60_000)
  for (let c = 0; c < opts.cycles; c++) {
    if (Date.now() > deadline) {
      failures.push(`crash: incomplete: only ${c} of ${opts.cycles} cycles ran within ${opts.timeLimitMs} ms`)
      break
    }
    const server = await startServer({ databaseFile: file, logLevel: 'warn' })
    const port = server.port
    let killed = false
    const flying = new Set<string>()
    const track = async (slug: string, claims: number, agent: http.Agent | false) => {
      flying.add(slug)
      const r = await post(port, slug, claims, agent)
      // A response that arrived before the kill: the server committed before answering.
      if (!killed) flying.delete(slug)
      if (r.status >= 200 && r.status < 300 && !killed) acknowledged.add(slug)
      return r
    }

    const chainAgent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    // One brief acknowledged before the timed phase, so every cycle has something that must survive.
    const first = await track(`crash-c${c}-a`, CLAIM_SIZES[c % CLAIM_SIZES.length] as number, chainAgent)
    if (first.status !== 201)
      failures.push(`crash cycle ${c + 1}: the first ingest answered ${first.error ?? first.status}`)
    const chain = (async () => {
      for (let j = 0; j < 50 && !killed; j++) {
        const r = await track(`crash-c${c}-s${j}`, CLAIM_SIZES[j % CLAIM_SIZES.length] as number, chainAgent)
        if (r.status === 0) return
      }
    })()
    const burst = Array.from({ length: opts.concurrent ?? 3 }, (_, j) =>
      track(`crash-c${c}-p${j}`, CLAIM_SIZES[(c + j + 1) % CLAIM_SIZES.length] as number, false),
    )
    const delay = Math.floor(random() * 301)
    killDelaysMs.push(delay)
    await new Promise((r) => setTimeout(r, delay))
    killed = true
    inFlightAtKill += flying.size
    await server.kill()
    kills++
    await Promise.all([chain, ...burst])
    chainAgent.destroy()

    // The server is gone: open the file directly (this also recovers the WAL) and check it.
    const db = checkDatabase(file)
    const problems: string[] = []
    if (db.integrity === 'ok') integrityOk++
    else problems.push(`integrity_check: ${db.integrity}`)
    if (db.foreignKeyViolations > 0) problems.push(`${db.foreignKeyViolations} foreign key violation(s)`)
    foreignKeyViolations += db.foreignKeyViolations
    for (const [slug, got] of db.perArticle) {
      const claims = expected.get(slug)
      if (claims === undefined) {
        unknownArticles++
        problems.push(`unexpected article ${slug}`)
      } else if (got.claims !== claims || got.reports !== SEED_SHAPE.reports || got.actors !== SEED_SHAPE.actors) {
        partialArticles++
        problems.push(
          `${slug} is partial: ${got.claims}/${claims} claims, ${got.reports}/${SEED_SHAPE.reports} event reports, ${got.actors}/${SEED_SHAPE.actors} actors`,
        )
      }
    }
    for (const slug of acknowledged)
      if (!db.perArticle.has(slug)) {
        acknowledgedLost++
        problems.push(`${slug} was acknowledged but is missing`)
      }
    for (const slug of flying) if (db.perArticle.has(slug)) inFlightStored++
    if (!db.perArticle.has(SEED_SLUG)) problems.push('the seed article is missing')
    if (problems.length === 0) cyclesOk++
    else failures.push(`crash cycle ${c + 1} (kill after ${delay} ms): ${problems.slice(0, 5).join('; ')}`)
    log(
      `crash: cycle ${c + 1}/${opts.cycles}: killed after ${delay} ms with ${flying.size} in flight; ` +
        `${db.articles} articles, ${acknowledged.size} acknowledged so far, integrity ${db.integrity}`,
    )
  }

  // A last restart: the server comes up on the crashed file and serves every acknowledged brief whole.
  let restartedOk = false
  let articlesAtEnd = 0
  try {
    const server = await startServer({ databaseFile: file, logLevel: 'warn' })
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    const bad: string[] = []
    for (const slug of acknowledged) {
      const r = await request(server.port, 'GET', `/v1/articles/${slug}/brief`, { agent })
      const claims = r.status === 200 ? (JSON.parse(r.body) as { claims: unknown[] }).claims.length : -1
      if (claims !== expected.get(slug)) bad.push(`${slug}: ${r.status}, ${claims} claims`)
    }
    const list = await request(server.port, 'GET', '/v1/articles?limit=1&count=true', { agent })
    articlesAtEnd = list.status === 200 ? ((JSON.parse(list.body) as { page: { total?: number } }).page.total ?? 0) : 0
    agent.destroy()
    const stopped = await server.terminate()
    if (bad.length > 0) failures.push(`crash: after the final restart: ${bad.slice(0, 5).join('; ')}`)
    if (stopped.code !== 0) failures.push(`crash: the final server exited with ${stopped.code ?? stopped.signal}`)
    restartedOk = bad.length === 0 && stopped.code === 0
  } catch (err) {
    failures.push(`crash: the server did not restart after the last kill: ${(err as Error).message}`)
  }
  if (acknowledged.size === 0) failures.push('crash: no ingest was acknowledged before any kill (nothing was tested)')

  return {
    cycles: opts.cycles,
    kills,
    cyclesOk,
    integrityOk,
    foreignKeyViolations,
    partialArticles,
    unknownArticles,
    acknowledged: acknowledged.size,
    acknowledgedLost,
    inFlightAtKill,
    inFlightStored,
    restartedOk,
    killDelaysMs,
    articlesAtEnd,
    ms: Math.round(performance.now() - t0),
    failures,
  }
}

export const crashSummary = (r: CrashResult) =>
  `${r.cyclesOk}/${r.cycles} cycles ok, ${r.acknowledged} acknowledged (${r.acknowledgedLost} lost), ` +
  `${r.inFlightAtKill} in flight at kill (${r.inFlightStored} stored whole), ${round(r.ms / 1000)} s`
