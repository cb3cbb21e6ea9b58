// The writer checkpoints the WAL when it is idle, not inside commits: a commit only appends to the
// -wal file, and the database file itself is written once no write has been asked for a while.
import { statSync } from 'node:fs'
import { afterAll, expect, it } from 'vitest'
import { Database } from '../../src/db/database.js'
import { ingestBrief, parseBrief } from '../../src/ingest/ingest.js'
import { freshDatabase, removeDatabases, seedBriefJson } from '../helpers/app.js'

afterAll(() => removeDatabases())

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

it('raises the automatic checkpoint bound and checkpoints once the writer is idle', async () => {
  const url = freshDatabase()
  const file = url.slice('file:'.length)
  const db = await Database.open({ url, busyTimeoutMs: 5000 })
  try {
    expect(
      Number(
        await db.writeTx(
          async (_tx, sql) =>
            (await sql.get<{ wal_autocheckpoint: number }>('PRAGMA wal_autocheckpoint'))?.wal_autocheckpoint,
        ),
      ),
    ).toBe(10_000)
    const seed = seedBriefJson() as { article: { slug: string } }
    const stamp = () => statSync(file).mtimeMs
    const before = stamp()
    // Writes in a row: each commit appends to the WAL; none pauses long enough for a checkpoint.
    for (let i = 0; i < 3; i++)
      await ingestBrief(db, await parseBrief({ ...seed, article: { ...seed.article, slug: `idle-${i}` } }), {
        mode: 'create',
      })
    expect(stamp()).toBe(before)
    await sleep(600)
    expect(stamp()).toBeGreaterThan(before)
  } finally {
    await db.close()
  }
})
