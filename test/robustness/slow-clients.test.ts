// Slow clients (slow loris, slow body, silent sockets) on a real listening socket: with
// REQUEST_TIMEOUT_MS 1000 each is answered 408 or closed within ~3 s, while ordinary requests keep
// answering fast. OWASP API4 (unrestricted resource consumption); see docs/security.md.
import http from 'node:http'
import net, { type AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKey } from '../../src/db/keys.js'
import { removeDatabases, SEED_SLUG, type TestApp, testApp } from '../helpers/app.js'

/** Slow clients per kind: 20 in `npm run test:robustness`; `npm run robustness` runs this file with SLOW_CLIENTS=100. */
const SLOW = Number(process.env.SLOW_CLIENTS ?? 20)
const TICK_MS = 200
const LIMIT_MS = 3_000
/** Hard stop for every socket of a test, so a server that never times out fails the test in bounded time. */
const GIVE_UP_MS = 4_500

interface Outcome {
  kind: string
  closedAfterMs: number | null
  statusLine: string | null
}

describe(`slow clients (REQUEST_TIMEOUT_MS 1000, ${SLOW} per kind)`, () => {
  let t: TestApp
  let port: number
  let token: string
  const sockets = new Set<net.Socket>()
  const timers = new Set<NodeJS.Timeout>()

  beforeAll(async () => {
    t = await testApp({
      seed: true,
      config: { REQUEST_TIMEOUT_MS: 1000, READ_RATE_LIMIT: 100_000, WRITE_RATE_LIMIT: 100_000 },
    })
    token = (await createKey(t.app.db.read, 'write', 'slow-body')).token
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    port = (t.app.server.address() as AddressInfo).port
  })
  afterAll(async () => {
    for (const timer of timers) clearInterval(timer)
    for (const s of sockets) s.destroy()
    await t.close()
    removeDatabases()
  })

  /**
   * Opens a socket, writes `head` at once, then one byte of `drip` every TICK_MS. Resolves when the
   * server closes the connection, or after GIVE_UP_MS (then closedAfterMs is null).
   */
  function slowClient(kind: string, head: string, drip: string): { connected: Promise<void>; done: Promise<Outcome> } {
    let onConnect: () => void = () => undefined
    const connected = new Promise<void>((resolve) => {
      onConnect = resolve
    })
    const done = new Promise<Outcome>((resolve) => {
      const started = performance.now()
      const socket = net.connect(port, '127.0.0.1')
      sockets.add(socket)
      let received = ''
      let i = 0
      let settled = false
      const finish = (closed: boolean) => {
        if (settled) return
        settled = true
        clearInterval(ticker)
        clearTimeout(deadline)
        timers.delete(ticker)
        const statusLine = received ? (received.split('\r\n')[0] ?? null) : null
        resolve({ kind, closedAfterMs: closed ? Math.round(performance.now() - started) : null, statusLine })
        socket.destroy()
        sockets.delete(socket)
      }
      const ticker = setInterval(() => {
        if (drip && socket.writable && !socket.destroyed) socket.write(drip[i++ % drip.length] as string)
      }, TICK_MS)
      timers.add(ticker)
      const deadline = setTimeout(() => finish(false), GIVE_UP_MS)
      socket.on('connect', () => {
        if (head) socket.write(head)
        onConnect()
      })
      socket.on('data', (d) => {
        received += d.toString('latin1')
      })
      socket.on('close', () => {
        onConnect()
        finish(true)
      })
      socket.on('error', () => undefined)
    })
    return { connected, done }
  }

  /** GET /health on a fresh connection; resolves with the latency in ms (or Infinity on failure). */
  function health(): Promise<number> {
    return new Promise((resolve) => {
      const started = performance.now()
      const req = http.get({ host: '127.0.0.1', port, path: '/health', agent: false, timeout: 2_000 }, (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode === 200 ? performance.now() - started : Number.POSITIVE_INFINITY))
      })
      req.on('timeout', () => req.destroy())
      req.on('error', () => resolve(Number.POSITIVE_INFINITY))
    })
  }

  const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.99) - 1] as number

  function expectCut(outcomes: Outcome[]): void {
    const late = outcomes.filter(
      (o) =>
        o.closedAfterMs === null ||
        o.closedAfterMs > LIMIT_MS ||
        (o.statusLine !== null && !/^HTTP\/1\.1 408\b/.test(o.statusLine)),
    )
    expect
      .soft(
        late.map(
          (o) =>
            `${o.kind}: ${o.closedAfterMs === null ? `still open after ${GIVE_UP_MS} ms` : `closed after ${o.closedAfterMs} ms`} (${o.statusLine ?? 'no response'})`,
        ),
      )
      .toEqual([])
  }

  // Each trickler is answered 408 or closed within 3 s; /health p99 stays under 200 ms meanwhile.
  it(`${SLOW} header and ${SLOW} body tricklers are cut off within 3 s`, async () => {
    // Warm-up (first-request compilation, including the key lookup's first query, is not what this measures).
    for (let n = 0; n < 5; n++) await health()
    const warm = await Promise.all(
      Array.from({ length: SLOW }, () =>
        t.app.inject({
          method: 'PATCH',
          url: `/v1/articles/${SEED_SLUG}`,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          payload: '{"title":1}',
        }),
      ),
    )
    expect(warm.map((r) => r.statusCode)).toEqual(Array(SLOW).fill(400))
    const clients: Array<{ connected: Promise<void>; done: Promise<Outcome> }> = []
    for (let n = 0; n < SLOW; n++) {
      clients.push(slowClient('headers', `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow-${n}: `, 'abcdefgh'))
      clients.push(
        slowClient(
          'body',
          `PATCH /v1/articles/${SEED_SLUG} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"title":"`,
          'abcdefgh',
        ),
      )
    }
    await Promise.all(clients.map((c) => c.connected))
    // Measured from 300 ms after the burst of 40 connections, and after one unmeasured probe: under
    // vitest the first new connection after the burst took 200-500 ms (about 70 ms under plain tsx;
    // the event loop never blocked over about 100 ms; cause not identified), so it is only required
    // to answer within 1 s. The tricklers keep sending throughout the measurement.
    await new Promise((resolve) => setTimeout(resolve, 300))
    const probe = await health()
    expect.soft(probe, 'first request after the burst').toBeLessThan(1_000)
    // 50 ordinary requests spread over the time the slow clients are connected.
    const latencies: number[] = []
    for (let n = 0; n < 50; n++) {
      latencies.push(await health())
      await new Promise((resolve) => setTimeout(resolve, 40))
    }
    const outcomes = await Promise.all(clients.map((c) => c.done))
    expect(outcomes).toHaveLength(2 * SLOW)
    const closed = outcomes.map((o) => o.closedAfterMs ?? Number.POSITIVE_INFINITY)
    const sorted = [...latencies].sort((a, b) => a - b)
    console.log(
      `slow clients: ${outcomes.length} tricklers, ${closed.filter((ms) => ms <= LIMIT_MS).length} cut within ${LIMIT_MS} ms ` +
        `(slowest ${Math.max(...closed)} ms, ${outcomes.filter((o) => /^HTTP\/1\.1 408\b/.test(o.statusLine ?? '')).length} answered 408); ` +
        `/health meanwhile p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms, p99 ${p99(latencies).toFixed(0)} ms (${latencies.length} requests)`,
    )
    expect.soft(latencies.filter((l) => !Number.isFinite(l))).toEqual([])
    expect
      .soft(p99(latencies), `probe ${probe.toFixed(0)} ms; latencies ${latencies.map((l) => l.toFixed(0)).join(',')}`)
      .toBeLessThan(200)
    expectCut(outcomes)
  })

  it(`${SLOW} connections that send nothing are closed within 3 s`, async () => {
    const outcomes = await Promise.all(Array.from({ length: SLOW }, () => slowClient('silent', '', '').done))
    expectCut(outcomes)
    expect((await health()) < 1_000).toBe(true)
  })
})
