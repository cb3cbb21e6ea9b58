// One model, two schema files: prisma/postgres/schema.prisma is derived from prisma/schema.prisma by
// scripts/pg-schema.ts and may differ from it only in the datasource provider and the client's
// output path, and Prisma must accept it for PostgreSQL.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { POSTGRES_SCHEMA, postgresSchema, SQLITE_SCHEMA } from '../../scripts/pg-schema.js'

const sqlite = readFileSync(SQLITE_SCHEMA, 'utf8')
const postgres = readFileSync(POSTGRES_SCHEMA, 'utf8')

describe('the PostgreSQL schema file', () => {
  it('is what npm run db:schema:pg makes of the model (run it after editing prisma/schema.prisma)', () => {
    expect(postgres).toBe(postgresSchema(sqlite))
  })

  it('differs from the model only in its header, the provider and the output path', () => {
    const a = sqlite.split('\n')
    const b = postgres.split('\n').slice(1) // the generated-file header
    expect(b).toHaveLength(a.length)
    const changed = a.flatMap((line, i) => (line === b[i] ? [] : [`${line.trim()} -> ${b[i]?.trim()}`]))
    expect(changed).toEqual([
      'output       = "../src/generated/prisma" -> output       = "../../src/generated/prisma-pg"',
      'provider = "sqlite" -> provider = "postgresql"',
    ])
  })

  it('is a valid Prisma schema for PostgreSQL (prisma validate)', () => {
    const cli = createRequire(import.meta.url).resolve('prisma/build/index.js')
    const res = spawnSync(process.execPath, [cli, 'validate', '--schema', POSTGRES_SCHEMA], {
      encoding: 'utf8',
      // prisma validate does not use the native schema engine, but the CLI would try to download one.
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, CHECKPOINT_DISABLE: '1' },
    })
    expect(`${res.stdout}${res.stderr}`).toMatch(/is valid/)
    expect(res.status).toBe(0)
  })
})
