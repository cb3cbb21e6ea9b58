// Applies the committed migrations (prisma/migrations) to a database and records them in
// Prisma's own _prisma_migrations table, exactly as `prisma migrate deploy` would.
import { mkdirSync } from 'node:fs'
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

export async function migrate(databaseUrl: string): Promise<MigrateResult> {
  prepareDatabaseFile(databaseUrl)
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
