// npm run db:schema:pg [-- --check]: writes prisma/postgres/schema.prisma, the PostgreSQL schema,
// from prisma/schema.prisma, the one model. Prisma binds a schema file, its migrations and its
// generated client to one provider, so PostgreSQL needs a file of its own; this script is the only
// way that file changes, and test/foundation/pg-schema.test.ts fails when the two differ in anything
// but the datasource provider and the client's output path (docs/decisions.md, "One model, two
// schema files"). --check exits 1 when the file on disk is not what the model gives.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..')
export const SQLITE_SCHEMA = path.join(ROOT, 'prisma/schema.prisma')
export const POSTGRES_SCHEMA = path.join(ROOT, 'prisma/postgres/schema.prisma')

const HEADER =
  '// Generated from prisma/schema.prisma by `npm run db:schema:pg`: edit that file, then run the script.\n'

/** Replaces exactly one match of `from` in `text`, or throws (the model's layout changed). */
function replaceOnce(text: string, from: string, to: string): string {
  const found = text.split(from).length - 1
  if (found !== 1) throw new Error(`prisma/schema.prisma: expected one ${from}, found ${found}`)
  return text.replace(from, to)
}

/** The PostgreSQL schema for the SQLite schema's text: another provider, another client output. */
export function postgresSchema(sqlite: string): string {
  let text = replaceOnce(sqlite, 'provider = "sqlite"', 'provider = "postgresql"')
  // Paths in a schema file are relative to it: prisma/postgres/ is one level deeper.
  text = replaceOnce(text, 'output       = "../src/generated/prisma"', 'output       = "../../src/generated/prisma-pg"')
  return HEADER + text
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const want = postgresSchema(readFileSync(SQLITE_SCHEMA, 'utf8'))
  if (process.argv.includes('--check')) {
    let have = ''
    try {
      have = readFileSync(POSTGRES_SCHEMA, 'utf8')
    } catch {}
    if (have !== want) {
      console.error('prisma/postgres/schema.prisma is out of date: run npm run db:schema:pg')
      process.exit(1)
    }
    console.log('prisma/postgres/schema.prisma matches prisma/schema.prisma')
  } else {
    mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true })
    writeFileSync(POSTGRES_SCHEMA, want)
    console.log('wrote prisma/postgres/schema.prisma')
  }
}
