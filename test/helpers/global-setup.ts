// Migrates one template database per test run; each test file copies it (test/helpers/app.ts).
// The SQLite projects share one template file: when they run together it is migrated once (the
// Prisma schema engine does not take two migrations at once in one process) and removed after the
// last project ends. The postgres project starts a throwaway cluster (scripts/pg-cluster.ts), or
// uses the server of TEST_DATABASE_URL, and migrates a template database on it that each test
// file clones (CREATE DATABASE … TEMPLATE, about 50 ms).
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { type Cluster, startCluster } from '../../scripts/pg-cluster.js'
import { migrate } from '../../src/db/migrate.js'
import { pgConfig, quoteIdent, withDatabase } from '../../src/db/postgres/connection.js'

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string
    /** Where test apps run their writes (vitest.config.ts: inline for unit, thread for robustness). */
    writer: 'thread' | 'inline'
    /** The postgres project: its server's URL (any database) and the migrated template's name. */
    postgres: { url: string; template: string } | null
  }
}

interface Template {
  dir: string
  ready: Promise<string>
  users: number
}

const shared = globalThis as typeof globalThis & { __geobriefTemplate?: Template }

function template(): Template {
  if (!shared.__geobriefTemplate) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'geobrief-test-'))
    const file = path.join(dir, 'template.db')
    shared.__geobriefTemplate = { dir, ready: migrate(`file:${file}`).then(() => file), users: 0 }
  }
  return shared.__geobriefTemplate
}

let cluster: Cluster | undefined
let postgres: { url: string; template: string } | undefined

/** CREATE DATABASE with the collation Geobrief checks for (src/db/postgres/database.ts). */
export const CREATE_DATABASE = (name: string, template = 'template0') =>
  `CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)} ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`

async function postgresTemplate(): Promise<{ url: string; template: string }> {
  let url = process.env.TEST_DATABASE_URL
  if (!url) {
    cluster = await startCluster()
    url = cluster.url
  }
  const template = `geobrief_template_${process.pid}`
  const admin = new pg.Client(pgConfig(url))
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(template)} WITH (FORCE)`)
    await admin.query(CREATE_DATABASE(template))
  } finally {
    await admin.end()
  }
  await migrate(withDatabase(url, template))
  return { url, template }
}

export async function setup(project: TestProject): Promise<void> {
  const t = template()
  t.users++
  project.provide('templateDb', await t.ready)
  if (project.name === 'postgres') {
    postgres ??= await postgresTemplate()
    project.provide('postgres', postgres)
  } else project.provide('postgres', null)
}

export async function teardown(): Promise<void> {
  if (postgres) {
    const { url, template } = postgres
    postgres = undefined
    if (cluster) {
      cluster.stop()
      cluster = undefined
    } else {
      const admin = new pg.Client(pgConfig(url))
      await admin.connect()
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(template)} WITH (FORCE)`).finally(() => admin.end())
    }
  }
  const t = shared.__geobriefTemplate
  if (!t || --t.users > 0) return
  shared.__geobriefTemplate = undefined
  rmSync(t.dir, { recursive: true, force: true })
}
