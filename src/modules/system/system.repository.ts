import { readdir } from 'node:fs/promises'
import type { ReadClient } from '../../db/database.js'
import { migrationTarget } from '../../db/schema-engine.js'
import { ProblemError } from '../../lib/problems.js'

const committed = new Map<string, Promise<string[]>>()

/** The committed migrations of the database a URL names (each provider has its own folder). */
function committedMigrations(databaseUrl: string): Promise<string[]> {
  const dir = migrationTarget(databaseUrl).migrationsDir
  let names = committed.get(dir)
  if (!names) {
    names = readdir(dir, { withFileTypes: true }).then((entries) =>
      entries.filter((e) => e.isDirectory()).map((e) => e.name),
    )
    committed.set(dir, names)
  }
  return names
}

/** Throws a 503 problem unless every committed migration is recorded as finished. */
export async function pendingMigrations(
  db: ReadClient,
  databaseUrl: string,
): Promise<{ applied: number; articles: number }> {
  const names = await committedMigrations(databaseUrl)
  let rows: Array<{ migration_name: string }>
  try {
    rows = await db.$queryRaw<Array<{ migration_name: string }>>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`
  } catch {
    throw new ProblemError('unavailable', 'The database is not reachable or not migrated', {
      headers: { 'retry-after': '5' },
    })
  }
  const done = new Set(rows.map((r) => r.migration_name))
  const missing = names.filter((n) => !done.has(n))
  if (missing.length > 0)
    throw new ProblemError('unavailable', `Migrations not applied: ${missing.join(', ')}`, {
      headers: { 'retry-after': '5' },
    })
  const articles = await db.article.count({ where: { deletedAt: null } })
  return { applied: done.size, articles }
}
