// `npm run seed` as a process (tsx scripts/seed.ts): seeds a new database once, then changes nothing.
// It spawns tsx, so it runs in the robustness project.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import BetterSqlite from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { SEED_SLUG } from '../helpers/app.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const TSX = path.join(ROOT, 'node_modules/.bin/tsx')
const tmp = mkdtempSync(path.join(os.tmpdir(), 'geobrief-seed-cli-'))

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true })
})

describe('npm run seed (scripts/seed.ts as a process)', () => {
  function runSeed(databaseUrl: string) {
    const res = spawnSync(TSX, ['scripts/seed.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: 'utf8',
      timeout: 30_000,
    })
    if (res.error) throw res.error
    return res
  }

  it('seeds a new database, then changes nothing; a bad DATABASE_URL fails naming it', () => {
    const file = path.join(tmp, 'cli', 'seed.db')
    const firstRun = runSeed(`file:${file}`)
    expect(firstRun.stderr).toBe('')
    expect(firstRun.status).toBe(0)
    expect(firstRun.stdout).toContain(`${SEED_SLUG}: created`)
    expect(firstRun.stdout).toMatch(/migrations applied: /)

    const secondRun = runSeed(`file:${file}`)
    expect(secondRun.status).toBe(0)
    expect(secondRun.stdout).toContain(`${SEED_SLUG}: unchanged`)
    expect(secondRun.stdout).not.toContain('created')
    expect(secondRun.stdout).not.toMatch(/migrations applied/)

    const db = new BetterSqlite(file, { readonly: true })
    try {
      const { n } = db.prepare('SELECT count(*) AS n FROM Article').get() as { n: number }
      expect(n).toBe(1)
    } finally {
      db.close()
    }

    const bad = runSeed('bogus')
    expect(bad.status).not.toBe(0)
    expect(bad.status).not.toBeNull()
    expect(bad.stderr).toContain('DATABASE_URL')
  })
})
