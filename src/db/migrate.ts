// Applies the committed migrations (prisma/migrations) to a database and records them in
// Prisma's own _prisma_migrations table, exactly as `prisma migrate deploy` would.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { NO_FILTER, openSchemaEngine, readMigrationList, readFile, SCHEMA_PATH, sqlitePath } from './schema-engine.js'

export interface MigrateResult {
  applied: string[]
}

/** Makes sure the database file's folder exists and the file is in WAL mode before Prisma opens it. */
export function prepareDatabaseFile(databaseUrl: string): void {
  const file = sqlitePath(databaseUrl)
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const db = new Database(file)
  try {
    // journal_mode is persistent in the file; it is refused inside a transaction, so set it here.
    db.pragma('journal_mode = WAL')
  } finally {
    db.close()
  }
}

/**
 * True when every committed migration is recorded as applied with the same checksum: then the
 * schema engine (a 10 MB WebAssembly module) need not be loaded at all, which keeps start fast.
 */
export async function upToDate(databaseUrl: string): Promise<boolean> {
  const file = sqlitePath(databaseUrl)
  if (file === ':memory:' || !existsSync(file)) return false
  const list = await readMigrationList()
  const db = new Database(file, { readonly: true })
  try {
    const table = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
      .get()
    if (!table) return false
    const rows = db
      .prepare(
        'SELECT migration_name AS name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      )
      .all() as Array<{ name: string; checksum: string }>
    const applied = new Map(rows.map((r) => [r.name, r.checksum]))
    return list.migrationDirectories.every((d) => {
      const sql = d.migrationFile.content.tag === 'ok' ? d.migrationFile.content.value : null
      return sql !== null && applied.get(d.path) === createHash('sha256').update(sql).digest('hex')
    })
  } finally {
    db.close()
  }
}

export async function migrate(databaseUrl: string): Promise<MigrateResult> {
  prepareDatabaseFile(databaseUrl)
  if (await upToDate(databaseUrl)) return { applied: [] }
  const { engine, close } = await openSchemaEngine(databaseUrl)
  try {
    const migrationsList = await readMigrationList()
    const out = await engine.applyMigrations({ migrationsList, filters: NO_FILTER })
    return { applied: out.appliedMigrationNames }
  } finally {
    await close()
  }
}

/**
 * The SQL that would bring the committed migrations up to schema.prisma, or null when they
 * match. This is both the drift check and the body of the next migration.
 */
export async function pendingSchemaChange(
  databaseUrl: string,
  opts: { schema?: string; migrationsDir?: string } = {},
): Promise<string | null> {
  prepareDatabaseFile(databaseUrl)
  const { engine, close } = await openSchemaEngine(databaseUrl)
  try {
    const migrationsList = await readMigrationList(opts.migrationsDir)
    const schema = opts.schema ?? (await readFile(SCHEMA_PATH, 'utf8'))
    const result = await engine.diff({
      from: { tag: 'migrations', ...migrationsList },
      to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    })
    const sql = (result.stdout ?? '').trim()
    return sql === '' || sql.includes('This is an empty migration.') ? null : sql
  } finally {
    await close()
  }
}
