// Graceful shutdown of the real server process: the bundle as the Docker image
// runs it, and `npm start` as the README says (npm must hand SIGTERM to the server, not die alone).
import { afterAll, describe, expect, it } from 'vitest'
import { killAllServers, removeTempDirs } from '../../scripts/robustness/report-lib.js'
import { runShutdown, type ShutdownResult } from '../../scripts/robustness/shutdown-lib.js'

afterAll(async () => {
  await killAllServers()
  removeTempDirs()
})

function check(r: ShutdownResult): void {
  console.log(
    `shutdown: ${r.begunBeforeSigterm} begun and ${r.inFlightAtSigterm} in flight at SIGTERM (${r.inFlightCompleted2xx} then 2xx); of ${r.inFlight} written: ${r.completed2xx} 2xx, ${r.refused503} refused 503; late ${r.newRequests.join(',')}, exit ${r.exitCode} ` +
      `in ${r.exitMs} ms, wal ${r.walBytes ?? 'absent'}`,
  )
  expect(r.failures).toEqual([])
  expect(r.inFlightAtSigterm).toBeGreaterThan(0)
  expect(r.inFlightCompleted2xx).toBe(r.inFlightAtSigterm)
  expect(r.failedInFlight).toEqual([])
  expect(r.completed2xx + r.refused503).toBe(r.inFlight)
  expect(r.completed2xx).toBeGreaterThanOrEqual(r.begunBeforeSigterm)
  expect(r.ingestsAcknowledged).toBe(r.ingestsStoredWhole)
  expect(r.newRequestsRejectedOk).toBe(true)
  expect(r.exitCode).toBe(0)
  expect(r.exitMs).toBeLessThanOrEqual(5000)
  expect(r.idleSocketClosed).toBe(true)
  expect(r.walBytes ?? 0).toBe(0)
  expect(r.integrity).toBe('ok')
}

describe('graceful shutdown (SIGTERM with requests in flight)', () => {
  // 20 requests in flight (3 ingests, one of 1,000 claims, the most a brief may hold; SIGTERM 30 ms after
  // it begins, as the ingest runs in the writer thread and ends soon) and an idle keep-alive socket: every begun
  // request 2xx, the unread ones 503, no reset, late requests refused or 503, WAL checkpointed.
  it('node dist/server.mjs drains the requests in flight and exits 0 within 5 s', async () => {
    check(await runShutdown({ inFlight: 20, ingests: 3, bigClaims: 1000, sigtermAfterMs: 30, launcher: 'bundle' }))
  }, 90_000)

  it('npm start: SIGTERM to npm reaches the server, which drains the same way and exits 0', async () => {
    check(await runShutdown({ inFlight: 20, ingests: 3, bigClaims: 1000, sigtermAfterMs: 30, launcher: 'npm' }))
  }, 90_000)
})
