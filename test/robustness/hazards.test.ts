// Adapter hazards at reduced size (scripts/robustness.ts runs 100 writes and 100 interleavings).
import { afterAll, describe, expect, it } from 'vitest'
import { runHazards } from '../../scripts/robustness/hazards-lib.js'
import { killAllServers, removeTempDirs } from '../../scripts/robustness/report-lib.js'

afterAll(async () => {
  await killAllServers()
  removeTempDirs()
})

describe('adapter hazards (foreign write lock, rollback interleaving)', () => {
  // Waits out a 1 s foreign lock, answers 503 + Retry-After past the busy timeout, then 100 writes
  // succeed and survive a restart; a late-failing ingest never takes a concurrent PATCH down with it.
  it('survives a foreign write lock and a failed ingest next to a concurrent PATCH (20 repetitions)', async () => {
    const r = await runHazards({ writesAfter: 100, interleavings: 20, log: console.log })
    expect(r.failures).toEqual([])
    expect(r.shortHold.patchStatus).toBe(200)
    expect(r.shortHold.status).toBe(201)
    expect(r.longHold.ingestStatus).toBe(503)
    expect(r.longHold.ingestRetryAfter).toBeTruthy()
    expect(r.longHold.bodyCode).toBe('unavailable')
    expect(r.longHold.patchStatus).toBe(503)
    expect(r.longHold.patchRetryAfter).toBeTruthy()
    expect(r.longHold.rejectedIngestAbsent).toBe(true)
    expect(r.after.ok).toBe(100)
    expect(r.after.ingestAfterStatus).toBe(201)
    expect(r.after.changeRows).toBe(100)
    expect(r.after.survivedRestart).toBe(true)
    expect(r.interleave.aRejected).toBe(20)
    expect(r.interleave.bOk).toBe(20)
    expect(r.interleave.bPresent).toBe(20)
    expect(r.interleave.aLeftovers).toBe(0)
  }, 180_000)
})
