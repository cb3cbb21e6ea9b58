// Graceful shutdown of the real server process (reliability.md R6): the bundle as the Docker image
// runs it, and `npm start` as the README says (npm must hand SIGTERM to the server, not die alone).
import { afterAll, describe, expect, it } from 'vitest'
import { killAllServers, removeTempDirs } from './report-lib.js'
import { runShutdown, type ShutdownResult } from './shutdown-lib.js'

afterAll(async () => {
  await killAllServers()
  removeTempDirs()
})

function check(r: ShutdownResult): void {
  console.log(
    `shutdown: ${r.begunBeforeSigterm} begun and ${r.answeredBeforeSigterm} answered before SIGTERM, ${r.completed2xx}/${r.inFlight} 2xx, late ${r.newRequests.join(',')}, exit ${r.exitCode} ` +
      `in ${r.exitMs} ms, wal ${r.walBytes ?? 'absent'}`,
  )
  expect(r.failures).toEqual([])
  expect(r.answeredBeforeSigterm).toBeLessThan(r.inFlight)
  expect(r.failedInFlight).toEqual([])
  expect(r.completed2xx).toBe(r.inFlight)
  expect(r.ingestsAcknowledged).toBe(3)
  expect(r.newRequestsRejectedOk).toBe(true)
  expect(r.exitCode).toBe(0)
  expect(r.exitMs).toBeLessThanOrEqual(5000)
  expect(r.idleSocketClosed).toBe(true)
  expect(r.walBytes ?? 0).toBe(0)
  expect(r.integrity).toBe('ok')
}

describe('graceful shutdown (SIGTERM with requests in flight)', () => {
  it('node dist/server.mjs: 20 in-flight requests (3 ingests, one of 200 claims) and an idle keep-alive socket: all 2xx, late requests refused or 503, exit 0 within 5 s, WAL checkpointed', async () => {
    check(await runShutdown({ inFlight: 20, ingests: 3, bigClaims: 200, launcher: 'bundle' }))
  }, 90_000)

  it('npm start: SIGTERM to npm reaches the server, which drains the same way and exits 0', async () => {
    check(await runShutdown({ inFlight: 20, ingests: 3, bigClaims: 200, launcher: 'npm' }))
  }, 90_000)
})
