// Test apps: each gets its own copy of the migrated template database.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import { afterAll, beforeAll, inject } from 'vitest'
import { buildApp } from '../../src/app.js'
import type { Database } from '../../src/db/database.js'
import { loadSeeds } from '../../src/ingest/seed.js'
import { type Config, testConfig } from '../../src/config.js'
import { pgConfig, quoteIdent, withDatabase } from '../../src/db/postgres/connection.js'
import { CREATE_DATABASE } from './global-setup.js'

const dirs: string[] = []

/** A fresh database file (copy of the migrated template); returns its DATABASE_URL. */
export function freshDatabase(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'geobrief-db-'))
  dirs.push(dir)
  const file = path.join(dir, 'test.db')
  copyFileSync(inject('templateDb'), file)
  return `file:${file}`
}

const pgDatabases: string[] = []
let pgCount = 0

/**
 * A fresh database for the project the test runs in: a copy of the migrated template file (SQLite),
 * or a clone of the template database (the postgres project). Returns its DATABASE_URL.
 */
export async function freshDatabaseUrl(): Promise<string> {
  const server = inject('postgres')
  if (!server) return freshDatabase()
  const name = `t_${process.pid}_${++pgCount}`
  await adminQuery(server.url, CREATE_DATABASE(name, server.template))
  pgDatabases.push(name)
  return withDatabase(server.url, name)
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const admin = new pg.Client(pgConfig(url))
  await admin.connect()
  try {
    await admin.query(sql)
  } finally {
    await admin.end()
  }
}

/** Removes the databases this file made (their apps must be closed). */
export async function removeDatabases(): Promise<void> {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  const server = inject('postgres')
  if (server)
    for (const name of pgDatabases.splice(0))
      await adminQuery(server.url, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)
}

export interface TestApp {
  app: FastifyInstance
  config: Config
  close(): Promise<void>
}

export async function testApp(opts: { seed?: boolean; config?: Partial<Config> } = {}): Promise<TestApp> {
  const config = testConfig({ DATABASE_URL: await freshDatabaseUrl(), WRITER: inject('writer'), ...opts.config })
  const app = await buildApp(config)
  await app.ready()
  if (opts.seed) await loadSeeds(app)
  return { app, config, close: () => app.close() }
}

export { SEED_SLUG, seedBriefJson } from '../../scripts/robustness/briefs.js'

/** Row counts of every table the write API touches, in a test app's database. */
export function counts(t: TestApp): Promise<Record<string, number>> {
  return tableCounts(t.app.db)
}

/** Row counts of every table the write API touches. */
export async function tableCounts(database: Database): Promise<Record<string, number>> {
  const db = database.read
  const tables = {
    article: db.article,
    articleTopic: db.articleTopic,
    articleActor: db.articleActor,
    actor: db.actor,
    actorAlias: db.actorAlias,
    actorAffiliation: db.actorAffiliation,
    claim: db.claim,
    claimActor: db.claimActor,
    claimLink: db.claimLink,
    event: db.event,
    eventParticipant: db.eventParticipant,
    eventReport: db.eventReport,
    change: db.change,
  }
  const entries = await Promise.all(
    Object.entries(tables).map(async ([name, table]) => [name, await (table as { count(): Promise<number> }).count()]),
  )
  return Object.fromEntries(entries)
}

/**
 * One test app for the whole file: built before the first test (then `ready` runs, e.g. to keep it
 * in a variable and add fixtures), closed and its database removed after the last.
 */
export function fileTestApp(opts: Parameters<typeof testApp>[0], ready: (t: TestApp) => Promise<void> | void): void {
  let t: TestApp | undefined
  beforeAll(async () => {
    t = await testApp(opts)
    await ready(t)
  })
  afterAll(async () => {
    await t?.close()
    await removeDatabases()
  })
}
