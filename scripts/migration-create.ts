// npm run db:migration -- <name>
// Writes the next migration (prisma/migrations/<timestamp>_<name>/migration.sql) from the
// difference between the committed migrations and prisma/schema.prisma. Offline replacement
// for `prisma migrate dev --create-only` (docs/decisions.md, "Offline migrations").
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pendingSchemaChange } from '../src/db/migrate.js'
import { MIGRATIONS_DIR } from '../src/db/schema-engine.js'

const name = (process.argv[2] ?? '').trim()
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run db:migration -- <name>   (lower-case letters, digits and _)')
  process.exit(2)
}
const scratch = mkdtempSync(path.join(os.tmpdir(), 'geobrief-migration-'))
try {
  const sql = await pendingSchemaChange(`file:${path.join(scratch, 'scratch.db')}`)
  if (sql === null) {
    console.log('schema.prisma matches the migrations: nothing to create.')
    process.exit(0)
  }
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`)
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, 'migration.sql'), `${sql}\n`)
  console.log(`created ${path.relative(process.cwd(), dir)}/migration.sql`)
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
