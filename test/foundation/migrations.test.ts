import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { migrate, pendingSchemaChange } from '../../src/db/migrate.js'
import { freshDatabase, removeDatabases } from '../helpers/app.js'

const PRISMA_DIR = path.resolve(import.meta.dirname, '../../prisma')
const MIGRATIONS_DIR = path.join(PRISMA_DIR, 'migrations')
const committed = readdirSync(MIGRATIONS_DIR)
  .filter((n) => statSync(path.join(MIGRATIONS_DIR, n)).isDirectory())
  .sort()

const tmp = mkdtempSync(path.join(os.tmpdir(), 'geobrief-migrations-'))

afterAll(() => {
  removeDatabases()
  rmSync(tmp, { recursive: true, force: true })
})

describe('schema drift', () => {
  it('the committed migrations match schema.prisma', async () => {
    expect(await pendingSchemaChange(freshDatabase())).toBeNull()
  })

  it('detects a field added to schema.prisma that no migration creates', async () => {
    const schema = readFileSync(path.join(PRISMA_DIR, 'schema.prisma'), 'utf8')
    expect(schema).toContain('model Actor {\n')
    const modified = schema.replace('model Actor {\n', 'model Actor {\n  extraField String?\n')
    const sql = await pendingSchemaChange(freshDatabase(), { schema: modified })
    expect(sql).not.toBeNull()
    expect(sql).toMatch(/"Actor"/)
    expect(sql).toMatch(/"extraField"/)
  })

  it('with no migrations at all, the pending change creates every table', async () => {
    const empty = path.join(tmp, 'no-migrations')
    mkdirSync(empty)
    copyFileSync(path.join(MIGRATIONS_DIR, 'migration_lock.toml'), path.join(empty, 'migration_lock.toml'))
    const sql = await pendingSchemaChange(freshDatabase(), { migrationsDir: empty })
    expect(sql).not.toBeNull()
    for (const table of ['Article', 'Actor', 'Claim', 'Event', 'EventReport', 'Change'])
      expect(sql).toContain(`CREATE TABLE "${table}"`)
  })
})

describe('migrate', () => {
  const file = path.join(tmp, 'nested', 'folder', 'new.db')
  const url = `file:${file}`

  it('applies exactly the committed migrations to a new file and records them', async () => {
    expect(committed.length).toBeGreaterThan(0)
    expect(existsSync(file)).toBe(false)
    const { applied } = await migrate(url)
    expect(applied).toEqual(committed)
    expect(existsSync(file)).toBe(true)

    const db = new Database(file, { readonly: true })
    try {
      const rows = db
        .prepare(
          'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
        )
        .all() as Array<{
        migration_name: string
        checksum: string
        finished_at: string | null
        rolled_back_at: string | null
        applied_steps_count: number
      }>
      expect(rows.map((r) => r.migration_name)).toEqual(committed)
      for (const r of rows) {
        expect(r.finished_at).not.toBeNull()
        expect(r.rolled_back_at).toBeNull()
        expect(r.applied_steps_count).toBeGreaterThan(0)
        const script = readFileSync(path.join(MIGRATIONS_DIR, r.migration_name, 'migration.sql'))
        expect(r.checksum).toBe(createHash('sha256').update(script).digest('hex'))
      }
      const tables = (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>
      ).map((t) => t.name)
      for (const t of ['Article', 'Actor', 'ActorAlias', 'Claim', 'Event', 'EventReport', 'ApiKey', 'Change'])
        expect(tables).toContain(t)
    } finally {
      db.close()
    }
  })

  it('a second call applies nothing and records nothing new', async () => {
    const { applied } = await migrate(url)
    expect(applied).toEqual([])
    const db = new Database(file, { readonly: true })
    try {
      const { n } = db.prepare('SELECT count(*) AS n FROM _prisma_migrations').get() as { n: number }
      expect(n).toBe(committed.length)
    } finally {
      db.close()
    }
  })

  it('leaves the database in WAL mode', () => {
    const db = new Database(file)
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    } finally {
      db.close()
    }
  })
})
