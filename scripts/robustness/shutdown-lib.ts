// Graceful shutdown: the real server with a 60 s keep-alive
// timeout, N requests in flight (brief GETs, list GETs and a few POST ingests, one of them large)
// plus one idle keep-alive socket, then SIGTERM.
// In flight = begun by the server (its "incoming request" log line) and not yet answered when
// SIGTERM is sent; the server's own log lines tell, by request id, which ones those were.
// Pass: every request the server had begun completes with 2xx; every request the client had
// written gets an answer, 2xx or (if the server had not read it yet) a 503 problem, never a reset;
// at least one request was in flight; requests sent after the shutdown began get 503 or a refused
// connection; acknowledged ingests are stored whole and refused ones not at all; the process exits
// 0 within 5 s; the idle socket is closed; the -wal file is checkpointed away afterwards.
import http from 'node:http'
import path from 'node:path'
import {
  checkDatabase,
  fileSize,
  type HttpResult,
  type Log,
  prepareDatabase,
  request,
  round,
  sleep,
  startServer,
  tempDir,
  waitFor,
} from './report-lib.js'
import { robustnessBrief, SEED_SLUG } from './briefs.js'

export interface ShutdownOptions {
  /** Requests in flight at SIGTERM (ingests included). */
  inFlight?: number
  /** How many of them are POST ingests; the first has `bigClaims` claims. */
  ingests?: number
  bigClaims?: number
  /** How long after the server has begun the large ingest SIGTERM goes out (default 250 ms). */
  sigtermAfterMs?: number
  /** The exit must come within this many ms of SIGTERM. */
  exitWithinMs?: number
  /** How the server is started (report-lib's startServer): the built bundle as `npm start` runs it by default. */
  launcher?: 'tsx' | 'node' | 'bundle' | 'npm'
  entry?: string
  env?: Record<string, string>
  log?: Log
}

export interface ShutdownResult {
  inFlight: number
  /** Requests the server had begun (logged "incoming request") when SIGTERM was sent. */
  begunBeforeSigterm: number
  /** Of those, the ones the server had not answered yet (logged "request completed"): in flight. */
  inFlightAtSigterm: number
  /** In flight at SIGTERM and then completed with 2xx (server log). */
  inFlightCompleted2xx: number
  /** Answered (client side) before SIGTERM was sent. */
  answeredBeforeSigterm: number
  completed2xx: number
  /** Written by the client but not yet read by the server at SIGTERM, then refused with a 503 problem. */
  refused503: number
  /** Requests answered neither 2xx nor 503 problem (resets, other statuses), and begun ones not 2xx. */
  failedInFlight: string[]
  ingestsAcknowledged: number
  ingestsStoredWhole: number
  newRequests: string[]
  newRequestsRejectedOk: boolean
  idleSocketClosed: boolean
  exitCode: number | null
  exitSignal: string | null
  exitMs: number
  walBytes: number | null
  integrity: string
  ms: number
  failures: string[]
}

export async function runShutdown(opts: ShutdownOptions = {}): Promise<ShutdownResult> {
  const log = opts.log ?? (() => undefined)
  const t0 = performance.now()
  const inFlight = opts.inFlight ?? 20
  const ingests = opts.ingests ?? 3
  const exitWithinMs = opts.exitWithinMs ?? 5000
  const failures: string[] = []
  const dir = tempDir('shutdown')
  const file = path.join(dir, 'shutdown.db')
  const { token } = await prepareDatabase(file)
  const server = await startServer({
    databaseFile: file,
    logLevel: 'info',
    launcher: opts.launcher ?? 'bundle',
    entry: opts.entry,
    env: { KEEP_ALIVE_TIMEOUT_MS: '60000', SHUTDOWN_GRACE_MS: '10000', ...opts.env },
  })
  const port = server.port
  log(`shutdown: server on port ${port}`)

  // One idle keep-alive socket, back in its agent's pool.
  const idleAgent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const warm = await request(port, 'GET', '/health', { agent: idleAgent })
  if (warm.status !== 200) failures.push(`shutdown: warm-up GET /health answered ${warm.status}`)
  await waitFor('the idle socket back in the pool', 2000, () =>
    Object.values(idleAgent.freeSockets).flat().length === 1 ? true : undefined,
  )
  const idleSocket = Object.values(idleAgent.freeSockets).flat()[0]
  let idleSocketClosed = false
  idleSocket?.once('close', () => {
    idleSocketClosed = true
  })

  const gets = [
    `/v1/articles/${SEED_SLUG}/brief`,
    `/v1/articles/${SEED_SLUG}`,
    '/v1/articles?limit=20',
    '/v1/claims?limit=50',
    '/v1/events?limit=50',
  ]
  // Warm every route of the mix (a deployed server is warm: Prisma compiles each query shape on
  // its first use), including the ingest, so that the in-flight requests are not first-call slow.
  for (const url of gets) await request(port, 'GET', url)
  await request(port, 'POST', '/v1/briefs', { body: JSON.stringify(robustnessBrief('shutdown-warm-up')), token })
  const incomingBefore = server.logLines('incoming request').length

  const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight })
  const kinds: string[] = []
  const pending: Array<Promise<HttpResult>> = []
  let settled = 0
  let sent = 0
  const onSent = () => {
    sent++
  }
  for (let i = 0; i < inFlight; i++) {
    if (i < ingests) {
      const slug = `shutdown-brief-${i}`
      kinds.push(`POST ${slug}`)
      const body = JSON.stringify(robustnessBrief(slug, { claims: i === 0 ? (opts.bigClaims ?? 200) : 14 }))
      pending.push(request(port, 'POST', '/v1/briefs', { body, token, agent, onSent, timeoutMs: 30_000 }))
    } else {
      const url = gets[i % gets.length] as string
      kinds.push(`GET ${url}`)
      pending.push(request(port, 'GET', url, { agent, onSent, timeoutMs: 30_000 }))
    }
    pending[i] = (pending[i] as Promise<HttpResult>).finally(() => {
      settled++
    })
  }
  // In flight = written to the socket by the client and not yet answered (the client's view: a
  // request sent before a deploy's SIGTERM). SIGTERM goes out 250 ms (sigtermAfterMs) after all of them are written
  // and the server has begun the large ingest (its "incoming request" line); a server that never
  // blocks its event loop for long has begun every one of them by then.
  await waitFor('every request to be written', 10_000, () => (sent >= inFlight ? true : undefined), 2)
  await waitFor(
    'the server to begin the large ingest',
    10_000,
    () =>
      server.logLines('incoming request').some((l) => (l.req as { url?: string } | undefined)?.url === '/v1/briefs')
        ? true
        : undefined,
    2,
  ).catch(() => undefined)
  await sleep(opts.sigtermAfterMs ?? 250)
  const begunLines = server.logLines('incoming request').slice(incomingBefore)
  const begunIds = new Set(begunLines.map((l) => String(l.reqId)))
  const completedAtSigterm = new Set(server.logLines('request completed').map((l) => String(l.reqId)))
  const inFlightIds = [...begunIds].filter((id) => !completedAtSigterm.has(id))
  const begunBeforeSigterm = begunIds.size
  const answeredBeforeSigterm = settled
  log(
    `shutdown: ${sent} requests written, ${begunBeforeSigterm} begun by the server, ${answeredBeforeSigterm} answered; SIGTERM`,
  )

  const exitP = server.terminate(30_000)
  // Once the server logs that it is shutting down (or has exited), new requests must be refused or get 503.
  const newRequests: string[] = []
  let newRequestsRejectedOk = true
  try {
    await waitFor('the "shutting down" log line or the exit', 10_000, () =>
      server.logLines('shutting down').length > 0 || !server.alive() ? true : undefined,
    )
    const late = await Promise.all([
      request(port, 'GET', '/health', { timeoutMs: 5000 }),
      request(port, 'GET', '/v1/articles', { timeoutMs: 5000 }),
      request(port, 'POST', '/v1/briefs', {
        body: JSON.stringify(robustnessBrief('shutdown-late')),
        token,
        timeoutMs: 5000,
      }),
    ])
    for (const r of late) {
      newRequests.push(r.error ?? String(r.status))
      if (!(r.status === 503 || r.error === 'ECONNREFUSED')) newRequestsRejectedOk = false
    }
  } catch (err) {
    newRequestsRejectedOk = false
    newRequests.push((err as Error).message)
  }

  let exitCode: number | null = null
  let exitSignal: string | null = null
  let exitMs = Number.NaN
  try {
    const exit = await exitP
    exitCode = exit.code
    exitSignal = exit.signal
    exitMs = Math.round(exit.ms)
  } catch (err) {
    failures.push(`shutdown: ${(err as Error).message}`)
    await server.kill()
  }
  const results = await Promise.all(pending)
  idleAgent.destroy()
  agent.destroy()

  const failedInFlight: string[] = []
  let completed2xx = 0
  let refused503 = 0
  results.forEach((r, i) => {
    if (r.status >= 200 && r.status < 300) completed2xx++
    else if (r.status === 503 && /^application\/problem\+json/.test(String(r.headers['content-type']))) refused503++
    else failedInFlight.push(`${kinds[i]}: ${r.error ?? `${r.status} ${r.body.slice(0, 120)}`}`)
  })
  // Server side: how each request begun before SIGTERM ended.
  const statusById = new Map(
    server
      .logLines('request completed')
      .map((l) => [String(l.reqId), Number((l.res as { statusCode?: number } | undefined)?.statusCode)] as const),
  )
  let inFlightCompleted2xx = 0
  for (const id of inFlightIds) {
    const status = statusById.get(id)
    if (status !== undefined && status >= 200 && status < 300) inFlightCompleted2xx++
  }
  for (const l of begunLines) {
    const status = statusById.get(String(l.reqId))
    if (!(status !== undefined && status >= 200 && status < 300))
      failedInFlight.push(
        `begun before SIGTERM: ${(l.req as { method?: string; url?: string } | undefined)?.method} ${(l.req as { url?: string } | undefined)?.url}: ${status ?? 'never completed'}`,
      )
  }
  const walBytes = fileSize(`${file}-wal`)
  const db = checkDatabase(file)
  let ingestsAcknowledged = 0
  let ingestsStoredWhole = 0
  for (let i = 0; i < ingests; i++) {
    const slug = `shutdown-brief-${i}`
    const row = db.perArticle.get(slug)
    if ((results[i]?.status ?? 0) === 201) {
      ingestsAcknowledged++
      if (!row) failures.push(`shutdown: ${slug} was acknowledged but is missing`)
    } else if (row) failures.push(`shutdown: ${slug} was refused (${results[i]?.status}) but is stored`)
    if (row) {
      const want = i === 0 ? (opts.bigClaims ?? 200) : 14
      if (row.claims === want) ingestsStoredWhole++
      else failures.push(`shutdown: ${slug} is stored with ${row.claims}/${want} claims`)
    }
  }
  if (db.perArticle.has('shutdown-late')) failures.push('shutdown: a POST sent after SIGTERM was stored')

  if (failedInFlight.length > 0)
    failures.push(
      `shutdown: ${failedInFlight.length} requests ended badly (${answeredBeforeSigterm} had been answered and ${begunBeforeSigterm} begun by the server before SIGTERM): ${failedInFlight.slice(0, 6).join('; ')}`,
    )
  if (inFlightIds.length === 0)
    failures.push('shutdown: no request was in flight at SIGTERM (the scenario tested nothing; raise bigClaims)')
  if (!newRequestsRejectedOk)
    failures.push(`shutdown: requests after SIGTERM were not refused or 503: ${newRequests.join(', ')}`)
  if (exitCode !== 0)
    failures.push(
      `shutdown: exit code ${exitCode} (signal ${exitSignal})${server.logLines('shutting down').length === 0 ? '; the server never logged "shutting down"' : ''}`,
    )
  if (!(exitMs <= exitWithinMs)) failures.push(`shutdown: exit took ${exitMs} ms (limit ${exitWithinMs} ms)`)
  if (!idleSocketClosed) failures.push('shutdown: the idle keep-alive socket was not closed')
  if (walBytes !== null && walBytes > 0) failures.push(`shutdown: the -wal file holds ${walBytes} bytes after exit`)
  if (db.integrity !== 'ok') failures.push(`shutdown: integrity_check: ${db.integrity}`)
  if (server.stderr().trim() !== '') failures.push(`shutdown: stderr: ${server.stderr().slice(0, 300)}`)
  log(
    `shutdown: exit ${exitCode} after ${exitMs} ms; ${inFlightCompleted2xx}/${inFlightIds.length} in flight at SIGTERM completed 2xx; of ${inFlight} written, ${completed2xx} 2xx and ${refused503} refused 503`,
  )

  return {
    inFlight,
    begunBeforeSigterm,
    inFlightAtSigterm: inFlightIds.length,
    inFlightCompleted2xx,
    answeredBeforeSigterm,
    completed2xx,
    refused503,
    failedInFlight,
    ingestsAcknowledged,
    ingestsStoredWhole,
    newRequests,
    newRequestsRejectedOk,
    idleSocketClosed,
    exitCode,
    exitSignal,
    exitMs,
    walBytes,
    integrity: db.integrity,
    ms: round(performance.now() - t0, 0),
    failures,
  }
}
