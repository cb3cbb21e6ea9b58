// Applies the committed migrations to a database and records them in Prisma's own
// _prisma_migrations table, exactly as `prisma migrate deploy` would: prisma/migrations for SQLite,
// prisma/postgres/migrations for PostgreSQL (Prisma's migrations are bound to one provider). On
// PostgreSQL the engine holds an advisory lock while it applies, so two instances starting at
// once do not both migrate: the second waits, then finds nothing to apply.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { isPostgresUrl, pgConfig } from './postgres/connection.js'
import { migrationTarget, openSchemaEngine, readMigrationList, readFile, sqlitePath } from './schema-engine.js'

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
  const applied = await appliedMigrations(databaseUrl)
  if (!applied) return false
  const list = await readMigrationList(migrationTarget(databaseUrl).migrationsDir)
  return list.migrationDirectories.every((d) => {
    const sql = d.migrationFile.content.tag === 'ok' ? d.migrationFile.content.value : null
    return sql !== null && applied.get(d.path) === createHash('sha256').update(sql).digest('hex')
  })
}

const APPLIED =
  'SELECT migration_name AS name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL'

/** Migration name to checksum of those applied, or null when the database has no migrations table. */
async function appliedMigrations(databaseUrl: string): Promise<Map<string, string> | null> {
  type Row = { name: string; checksum: string }
  if (isPostgresUrl(databaseUrl)) {
    const client = new pg.Client(pgConfig(databaseUrl))
    await client.connect()
    try {
      const table = await client.query("SELECT to_regclass('public._prisma_migrations') AS t")
      if (!table.rows[0]?.t) return null
      const rows = (await client.query<Row>(APPLIED)).rows
      return new Map(rows.map((r) => [r.name, r.checksum]))
    } finally {
      await client.end()
    }
  }
  const file = sqlitePath(databaseUrl)
  if (file === ':memory:' || !existsSync(file)) return null
  const db = new Database(file, { readonly: true })
  try {
    const table = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
      .get()
    if (!table) return null
    const rows = db.prepare(APPLIED).all() as Row[]
    return new Map(rows.map((r) => [r.name, r.checksum]))
  } finally {
    db.close()
  }
}

export async function migrate(databaseUrl: string): Promise<MigrateResult> {
  if (!isPostgresUrl(databaseUrl)) prepareDatabaseFile(databaseUrl)
  if (await upToDate(databaseUrl)) return { applied: [] }
  const target = migrationTarget(databaseUrl)
  const { engine, close } = await openSchemaEngine(databaseUrl)
  try {
    const migrationsList = await readMigrationList(target.migrationsDir)
    const out = await engine.applyMigrations({ migrationsList, filters: target.filters })
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
  const target = migrationTarget(databaseUrl)
  if (!isPostgresUrl(databaseUrl)) prepareDatabaseFile(databaseUrl)
  const { engine, close } = await openSchemaEngine(databaseUrl)
  try {
    const migrationsList = await readMigrationList(opts.migrationsDir ?? target.migrationsDir)
    const schema = opts.schema ?? (await readFile(target.schemaPath, 'utf8'))
    const result = await engine.diff({
      from: { tag: 'migrations', ...migrationsList },
      to: { tag: 'schemaDatamodel', files: [{ path: target.schemaPath, content: schema }] },
      script: true,
      exitCode: null,
      filters: target.filters,
    })
    const sql = (result.stdout ?? '').trim()
    return sql === '' || sql.includes('This is an empty migration.') ? null : sql
  } finally {
    await close()
  }
}
