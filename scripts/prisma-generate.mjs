// Generates the Prisma Clients without network access: src/generated/prisma for SQLite and
// src/generated/prisma-pg for PostgreSQL (prisma/postgres/schema.prisma, derived from the one model).
// `prisma generate` does not use the native schema engine, but the CLI insists on locating one
// and would try to download it; pointing PRISMA_SCHEMA_ENGINE_BINARY at any executable stops that.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const cli = require.resolve('prisma/build/index.js')
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
  PRISMA_DISABLE_WARNINGS: '1',
}
for (const schema of ['prisma/schema.prisma', 'prisma/postgres/schema.prisma']) {
  const result = spawnSync(process.execPath, [cli, 'generate', '--schema', schema], { env, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
