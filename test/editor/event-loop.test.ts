// A large ingest must not hold the event loop for its whole length: better-sqlite3 runs each
// statement synchronously, so the write client yields between statements (src/db/database.ts).
// Counted in event-loop turns, not milliseconds, so the test does not depend on machine speed.
import { describe, expect, it } from 'vitest'
import { type TestApp, fileTestApp } from '../helpers/app.js'
import { ingestTurns } from '../helpers/event-loop.js'
import { makeKey } from '../helpers/http.js'

let t: TestApp
fileTestApp({ seed: true }, async (app) => {
  t = app
})

describe('a large ingest and the event loop', () => {
  it('lets the event loop turn between the statements of a 300-claim ingest', async () => {
    const { token } = await makeKey(t, 'write')
    const { result: res, turns } = await ingestTurns(t.app, token, 'event-loop-brief', 300, '300-claim ingest')
    expect(res.statusCode, res.body).toBe(201)
    // A turn once 8 ms of statements have run (without the yields: 1 turn in all). The set-based
    // ingest needs fewer 8 ms slices than the Prisma one did, hence a floor of a few turns.
    expect(turns).toBeGreaterThanOrEqual(5)
  })
})
