// Crash safety at reduced size (scripts/robustness.ts runs 20 cycles).
import { afterAll, describe, expect, it } from 'vitest'
import { crashSummary, runCrash } from '../../scripts/robustness/crash-lib.js'
import { killAllServers, removeTempDirs } from '../../scripts/robustness/report-lib.js'

afterAll(async () => {
  await killAllServers()
  removeTempDirs()
})

describe('crash safety (SIGKILL during ingests)', () => {
  // Each kill at a random 0–300 ms into sequential and concurrent ingests.
  it('5 kills during ingests: integrity ok, no partial brief, nothing acknowledged lost', async () => {
    const r = await runCrash({ cycles: 5, seed: 20261129 })
    console.log(`crash: ${crashSummary(r)}; kill delays ${r.killDelaysMs.join(', ')} ms`)
    expect(r.failures).toEqual([])
    expect(r.kills).toBe(5)
    expect(r.cyclesOk).toBe(5)
    expect(r.integrityOk).toBe(5)
    expect(r.foreignKeyViolations).toBe(0)
    expect(r.partialArticles).toBe(0)
    expect(r.unknownArticles).toBe(0)
    expect(r.acknowledgedLost).toBe(0)
    expect(r.acknowledged).toBeGreaterThan(0)
    expect(r.restartedOk).toBe(true)
  }, 150_000)
})
