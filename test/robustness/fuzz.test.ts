// OpenAPI-driven fuzzing (scripts/robustness/fuzz-lib.ts): 5,000 generated requests, valid and hostile,
// against a fresh seeded database. No 5xx, no answer outside the documented contract, the database
// intact and the server still up afterwards.
import { describe, expect, it } from 'vitest'
import { runFuzz } from '../../scripts/robustness/fuzz-lib.js'

const SEED = 20261129
const COUNT = 5000

describe('OpenAPI fuzzing', () => {
  it(`${COUNT} generated requests (seed ${SEED}) keep the contract and the database`, {
    timeout: 300_000,
  }, async () => {
    const r = await runFuzz({ seed: SEED, count: COUNT })
    console.log(
      `fuzz: ${r.requests} requests in ${r.ms} ms; ${r.fiveXX} 5xx, ${r.contractViolations} contract violations; ` +
        `integrity ${r.integrity}; server up ${r.serverUp}\n` +
        `  by status ${JSON.stringify(r.byStatus)}\n  by kind ${JSON.stringify(r.byKind)}`,
    )
    if (r.failures.length > 0)
      console.log(`failures (seed, request, status, reason):\n${r.failures.map((f) => JSON.stringify(f)).join('\n')}`)
    expect(r.requests).toBeGreaterThanOrEqual(COUNT)
    expect(r.fiveXX, 'requests answered 5xx (see failures above)').toBe(0)
    expect(r.contractViolations, 'answers outside the documented contract (see failures above)').toBe(0)
    expect(r.integrity).toBe('ok')
    expect(r.serverUp).toBe(true)
  })
})
