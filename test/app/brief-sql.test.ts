// The hand-written SQL brief reader (GET /v1/articles/{id}/brief) and the Prisma one (used by
// ingest) must produce the same brief, on the seed and on varied synthetic briefs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { actorPool, synthBrief } from '../../bench/synth.js'
import { readBrief } from '../../src/ingest/brief.read.js'
import { ingestBrief } from '../../src/ingest/ingest.js'
import { removeDatabases, type TestApp, testApp } from '../helpers/app.js'

describe('brief readers agree', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await testApp({ seed: true })
    const pool = actorPool(120, 3)
    for (let n = 0; n < 6; n++) await ingestBrief(t.app.db, synthBrief(n, pool, 3), { mode: 'create' })
  })
  afterAll(async () => {
    await t.close()
    removeDatabases()
  })

  it('gives the same brief as the Prisma reader for every stored article', async () => {
    const ids = (await t.app.db.read.article.findMany({ select: { id: true } })).map((a) => a.id)
    expect(ids.length).toBe(7)
    for (const id of ids) {
      const viaSql = t.app.db.readBrief(id)
      expect(viaSql).not.toBeNull()
      expect(viaSql).toEqual(await readBrief(t.app.db.read, id))
    }
  })

  it('answers null for an unknown article', () => {
    expect(t.app.db.readBrief('art_00000000000000000000000000')).toBeNull()
  })
})
