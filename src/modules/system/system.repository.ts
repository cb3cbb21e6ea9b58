import { readdir } from 'node:fs/promises'
import type { ReadClient } from '../../db/database.js'
import { MIGRATIONS_DIR } from '../../db/schema-engine.js'
import { ProblemError } from '../../lib/problems.js'

let committed: Promise<string[]> | undefined

function committedMigrations(): Promise<string[]> {
  committed ??= readdir(MIGRATIONS_DIR, { withFileTypes: true }).then((entries) =>
    entries.filter((e) => e.isDirectory()).map((e) => e.name),
  )
  return committed
}

/** Throws a 503 problem unless every committed migration is recorded as finished. */
export async function pendingMigrations(db: ReadClient): Promise<{ applied: number; articles: number }> {
  const names = await committedMigrations()
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
