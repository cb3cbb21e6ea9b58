// Test apps: each gets its own copy of the migrated template database.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { inject } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadSeeds } from '../../src/ingest/seed.js'
import { type Config, testConfig } from '../../src/config.js'

const dirs: string[] = []

/** A fresh database file (copy of the migrated template); returns its DATABASE_URL. */
export function freshDatabase(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'geobrief-db-'))
  dirs.push(dir)
  const file = path.join(dir, 'test.db')
  copyFileSync(inject('templateDb'), file)
  return `file:${file}`
}

export function removeDatabases(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
}

export interface TestApp {
  app: FastifyInstance
  config: Config
  close(): Promise<void>
}

export async function testApp(opts: { seed?: boolean; config?: Partial<Config> } = {}): Promise<TestApp> {
  const config = testConfig({ DATABASE_URL: freshDatabase(), ...opts.config })
  const app = await buildApp(config)
  await app.ready()
  if (opts.seed) await loadSeeds(app.db)
  return { app, config, close: () => app.close() }
}

export const SEED_SLUG = 'china-urged-to-push-for-better-ties-with-japan'

export function seedBriefJson(): unknown {
  return JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, '../../seeds/china-japan-relations.brief.json'), 'utf8'),
  )
}
