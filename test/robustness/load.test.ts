// Writers under load at reduced size (scripts/robustness.ts runs the full size).
import { afterAll, describe, expect, it } from 'vitest'
import { runLoad } from '../../scripts/robustness/load-lib.js'
import { killAllServers, removeTempDirs } from '../../scripts/robustness/report-lib.js'

afterAll(async () => {
  await killAllServers()
  removeTempDirs()
})

describe('writers under load (real server process)', () => {
  it('8 readers and 4 writers posting 40 briefs that share actors: nothing lost, no duplicate actor, no 5xx, no torn read', async () => {
    const r = await runLoad({ readers: 8, writers: 4, briefs: 40, timeLimitMs: 60_000 })
    console.log(
      `load: ${r.acknowledged}/${r.briefsPlanned} acknowledged, ${r.foundAfter} found, ${r.readRequests} reads ` +
        `p50 ${r.readP50} ms p99 ${r.readP99} ms, ${r.writesPerSec} writes/s, ${r.ms} ms`,
    )
    expect(r.failures).toEqual([])
    expect(r.timeLimited).toBe(false)
    expect(r.acknowledged).toBe(40)
    expect(r.foundAfter).toBe(40)
    expect(r.lost).toBe(0)
    expect(r.phantom).toBe(0)
    expect(r.duplicateActors).toBe(0)
    expect(r.sharedActors).toBe(1)
    expect(r.sharedActorLinks).toBe(40)
    expect(r.fiveXX).toBe(0)
    expect(r.tornReads).toBe(0)
    expect(r.readErrors).toBe(0)
    expect(r.incompleteArticles).toBe(0)
    expect(r.integrity).toBe('ok')
    expect(r.foreignKeyViolations).toBe(0)
    expect(r.readRequests).toBeGreaterThan(40)
  }, 120_000)
})
