// OpenAPI-driven fuzzing (scripts/robustness/fuzz-lib.ts): 5,000 generated requests, valid and hostile,
// against a fresh seeded database, through app.inject; then 2,000 over TCP, where Node's HTTP parser
// sees each request first and oversized or malformed ones are added. No 5xx, no answer outside the
// documented contract (every error problem+json), the database intact and the server still up.
import { describe, expect, it } from 'vitest'
import { runFuzz } from '../../scripts/robustness/fuzz-lib.js'

const SEED = 20261129
const COUNT = 5000
const SOCKET_COUNT = 2000

function report(r: Awaited<ReturnType<typeof runFuzz>>): void {
  console.log(
    `fuzz: ${r.requests} requests in ${r.ms} ms; ${r.fiveXX} 5xx, ${r.contractViolations} contract violations; ` +
      `integrity ${r.integrity}; server up ${r.serverUp}\n` +
      `  by status ${JSON.stringify(r.byStatus)}\n  by kind ${JSON.stringify(r.byKind)}`,
  )
  if (r.failures.length > 0)
    console.log(`failures (seed, request, status, reason):\n${r.failures.map((f) => JSON.stringify(f)).join('\n')}`)
}

describe('OpenAPI fuzzing', () => {
  it(`${COUNT} generated requests (seed ${SEED}) keep the contract and the database`, {
    timeout: 300_000,
  }, async () => {
    const r = await runFuzz({ seed: SEED, count: COUNT })
    report(r)
    expect(r.requests).toBeGreaterThanOrEqual(COUNT)
    expect(r.fiveXX, 'requests answered 5xx (see failures above)').toBe(0)
    expect(r.contractViolations, 'answers outside the documented contract (see failures above)').toBe(0)
    expect(r.integrity).toBe('ok')
    expect(r.serverUp).toBe(true)
  })

  it(`${SOCKET_COUNT} requests over TCP (seed ${SEED}), the HTTP parser's errors included, all answered in contract`, {
    timeout: 300_000,
  }, async () => {
    const r = await runFuzz({ seed: SEED, count: SOCKET_COUNT, socket: true })
    report(r)
    expect(r.requests).toBeGreaterThanOrEqual(SOCKET_COUNT)
    // The parser's own answers were reached: oversized heads (431) and malformed requests.
    expect(r.byKind.parser ?? 0).toBeGreaterThan(50)
    expect(r.byStatus['431'] ?? 0).toBeGreaterThan(20)
    expect(r.fiveXX, 'requests answered 5xx or not at all (see failures above)').toBe(0)
    expect(r.contractViolations, 'answers outside the documented contract (see failures above)').toBe(0)
    expect(r.integrity).toBe('ok')
    expect(r.serverUp).toBe(true)
  })
})
