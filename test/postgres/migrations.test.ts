// The PostgreSQL migrations (prisma/postgres/migrations): the schema engine applies them once and
// atomically, they match prisma/postgres/schema.prisma, and the hand-written ones give a migrated
// database the behaviour of the SQLite triggers (window copies, brief-document staleness, the search
// index) and the data version row. On a throwaway cluster of its own (scripts/pg-cluster.ts), or on
// the server TEST_DATABASE_URL names, where it creates and drops its own databases.
import { createHash } from 'node:crypto'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { type Cluster, startCluster } from '../../scripts/pg-cluster.js'
import { migrate, pendingSchemaChange } from '../../src/db/migrate.js'
import { pgConfig, quoteIdent, withDatabase } from '../../src/db/postgres/connection.js'
import {
  migrationTarget,
  openSchemaEngine,
  PG_MIGRATIONS_DIR,
  PG_SCHEMA_PATH,
  readMigrationList,
} from '../../src/db/schema-engine.js'

const committed = readdirSync(PG_MIGRATIONS_DIR)
  .filter((n) => statSync(path.join(PG_MIGRATIONS_DIR, n)).isDirectory())
  .sort()
const INIT = readFileSync(path.join(PG_MIGRATIONS_DIR, committed[0] ?? '', 'migration.sql'), 'utf8')
const MODEL_TABLES = [...INIT.matchAll(/^CREATE TABLE "(\w+)"/gm)].map((m) => m[1] as string).sort()

const tmp = mkdtempSync(path.join(os.tmpdir(), 'geobrief-pg-migrations-'))
let cluster: Cluster | undefined
let server = ''
const databases: string[] = []

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client(pgConfig(url))
  await client.connect()
  return client
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connect(url)
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** A new empty database on the server, dropped after the file. */
async function freshDatabase(): Promise<string> {
  const name = `geobrief_migrations_${process.pid}_${databases.length}`
  await withClient(server, (c) =>
    c.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`),
  )
  databases.push(name)
  return withDatabase(server, name)
}

beforeAll(async () => {
  if (process.env.TEST_DATABASE_URL) server = process.env.TEST_DATABASE_URL
  else {
    cluster = await startCluster()
    server = cluster.url
  }
})

afterAll(async () => {
  try {
    if (!cluster && server) {
      await withClient(server, async (c) => {
        for (const name of databases) await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)
      })
    }
  } finally {
    cluster?.stop()
    rmSync(tmp, { recursive: true, force: true })
  }
})

describe('migrate on PostgreSQL', () => {
  it('applies every folder of prisma/postgres/migrations, records each, and a second call applies none', async () => {
    expect(committed[0]).toMatch(/_init$/)
    const url = await freshDatabase()
    expect((await migrate(url)).applied).toEqual(committed)
    expect((await migrate(url)).applied).toEqual([])
    const rows = await withClient(url, async (c) => {
      const res = await c.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
        'SELECT migration_name, checksum, finished_at FROM _prisma_migrations WHERE rolled_back_at IS NULL ORDER BY migration_name',
      )
      return res.rows
    })
    expect(rows.map((r) => r.migration_name)).toEqual(committed)
    for (const r of rows) {
      expect(r.finished_at).not.toBeNull()
      const script = readFileSync(path.join(PG_MIGRATIONS_DIR, r.migration_name, 'migration.sql'))
      expect(r.checksum).toBe(createHash('sha256').update(script).digest('hex'))
    }
  })

  it('the committed migrations match prisma/postgres/schema.prisma (drift check)', async () => {
    const url = await freshDatabase()
    await migrate(url)
    expect(await pendingSchemaChange(url)).toBeNull()
  })

  it('the drift check sees a field added to the schema that no migration creates', async () => {
    const schema = readFileSync(PG_SCHEMA_PATH, 'utf8')
    expect(schema).toContain('model Actor {\n')
    const modified = schema.replace('model Actor {\n', 'model Actor {\n  extraField String?\n')
    const sql = await pendingSchemaChange(await freshDatabase(), { schema: modified })
    expect(sql).toMatch(/ALTER TABLE "Actor" ADD COLUMN\s+"extraField" TEXT/)
  })

  it('leaves no prisma_migrate_shadow_db_ database behind after the drift checks', async () => {
    const left = await withClient(server, async (c) => {
      const res = await c.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname LIKE 'prisma\\_migrate\\_shadow\\_db\\_%'",
      )
      return res.rows.map((r) => r.datname)
    })
    expect(left).toEqual([])
  })

  it('two migrate() calls at once on a fresh database apply each migration once between them', async () => {
    const url = await freshDatabase()
    const [a, b] = await Promise.all([migrate(url), migrate(url)])
    expect([...a.applied, ...b.applied].sort()).toEqual(committed)
    const counts = await withClient(url, async (c) => {
      const res = await c.query<{ migration_name: string; n: number }>(
        'SELECT migration_name, count(*)::int AS n FROM _prisma_migrations GROUP BY migration_name ORDER BY migration_name',
      )
      return res.rows
    })
    expect(counts).toEqual(committed.map((migration_name) => ({ migration_name, n: 1 })))
  })

  it('a failing migration leaves nothing of itself behind', async () => {
    const dir = path.join(tmp, 'with-failing')
    cpSync(PG_MIGRATIONS_DIR, dir, { recursive: true })
    const failing = '20991231000000_fails_halfway'
    mkdirSync(path.join(dir, failing))
    writeFileSync(
      path.join(dir, failing, 'migration.sql'),
      'CREATE TABLE "half_done" ("id" INT PRIMARY KEY);\nINSERT INTO "half_done" VALUES (1);\nSELECT * FROM "no_such_table";\n',
    )
    const url = await freshDatabase()
    const { engine, close } = await openSchemaEngine(url)
    try {
      const migrationsList = await readMigrationList(dir)
      await expect(engine.applyMigrations({ migrationsList, filters: migrationTarget(url).filters })).rejects.toThrow(
        /no_such_table/,
      )
    } finally {
      await close()
    }
    await withClient(url, async (c) => {
      const table = await c.query("SELECT to_regclass('public.half_done') AS t")
      expect(table.rows[0].t).toBeNull()
      const rows = await c.query<{ migration_name: string; done: boolean }>(
        'SELECT migration_name, finished_at IS NOT NULL AS done FROM _prisma_migrations ORDER BY migration_name',
      )
      expect(rows.rows).toEqual([
        ...committed.map((migration_name) => ({ migration_name, done: true })),
        { migration_name: failing, done: false },
      ])
    })
  })
})

describe('a migrated database', () => {
  let url: string
  let db: pg.Client

  beforeAll(async () => {
    url = await freshDatabase()
    await migrate(url)
    db = await connect(url)
  })

  afterAll(async () => {
    await db?.end()
  })

  async function insert(table: string, row: Record<string, unknown>): Promise<void> {
    const cols = Object.keys(row)
    await db.query(
      `INSERT INTO ${quoteIdent(table)} (${cols.map(quoteIdent).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
      Object.values(row),
    )
  }
  const article = (id: string, extra: Record<string, unknown> = {}) =>
    insert('Article', {
      id,
      slug: id,
      title: `Article ${id}`,
      keyPoints: '[]',
      language: 'en',
      body: 'Body text.',
      relatedHeadlines: '[]',
      sourceText: 'Source text.',
      sourceSha256: 'sha',
      briefSha256: 'sha',
      updatedAt: new Date(),
      ...extra,
    })
  const actor = (id: string, extra: Record<string, unknown> = {}) =>
    insert('Actor', { id, slug: id, name: `Actor ${id}`, kind: 'person', updatedAt: new Date(), ...extra })
  const claim = (id: string, articleId: string, extra: Record<string, unknown> = {}) =>
    insert('Claim', {
      id,
      articleId,
      position: 0,
      kind: 'statement',
      summary: 'A claim.',
      modality: 'asserted',
      evidenceStart: 0,
      evidenceEnd: 4,
      evidenceExact: 'Body',
      evidencePrefix: '',
      evidenceSuffix: ' text.',
      extractionMethod: 'manual',
      updatedAt: new Date(),
      ...extra,
    })
  const event = (id: string, extra: Record<string, unknown> = {}) =>
    insert('Event', {
      id,
      title: 'An event',
      type: 'protest',
      contexts: '[]',
      status: 'occurred',
      modality: 'asserted',
      extractionMethod: 'manual',
      updatedAt: new Date(),
      ...extra,
    })
  const rows = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows

  it('copies an article window into actor links inserted without one, and follows its changes', async () => {
    await article('w1', { publishedFrom: '2024-01-01', publishedTo: '2024-01-31' })
    await actor('w1-a')
    await actor('w1-b')
    await insert('ArticleActor', { articleId: 'w1', actorId: 'w1-a', role: 'subject', surfaceForms: '[]', position: 0 })
    await insert('ArticleActor', {
      articleId: 'w1',
      actorId: 'w1-b',
      role: 'object',
      surfaceForms: '[]',
      position: 1,
      publishedFrom: '1999-01-01',
      publishedTo: '1999-12-31',
    })
    const windows = () =>
      rows(
        'SELECT "actorId", "publishedFrom", "publishedTo" FROM "ArticleActor" WHERE "articleId" = $1 ORDER BY "actorId"',
        ['w1'],
      )
    expect(await windows()).toEqual([
      { actorId: 'w1-a', publishedFrom: '2024-01-01', publishedTo: '2024-01-31' },
      { actorId: 'w1-b', publishedFrom: '1999-01-01', publishedTo: '1999-12-31' },
    ])
    await db.query(`UPDATE "Article" SET "publishedFrom" = '2023-12-01' WHERE id = 'w1'`)
    expect(await windows()).toEqual([
      { actorId: 'w1-a', publishedFrom: '2023-12-01', publishedTo: '2024-01-31' },
      { actorId: 'w1-b', publishedFrom: '2023-12-01', publishedTo: '2024-01-31' },
    ])
  })

  it('does the same for claim and event actor links', async () => {
    await article('w2')
    await actor('w2-a')
    await claim('w2-c', 'w2', { statedFrom: '2020-05-01', statedTo: '2020-05-02' })
    await event('w2-e', { dateFrom: '2021-01-01', dateTo: '2021-02-01' })
    await insert('ClaimActor', { claimId: 'w2-c', actorId: 'w2-a', role: 'speaker', position: 0 })
    await insert('EventParticipant', { eventId: 'w2-e', actorId: 'w2-a', role: 'actor', position: 0 })
    const windows = async () => [
      ...(await rows('SELECT "statedFrom" AS f, "statedTo" AS t FROM "ClaimActor" WHERE "claimId" = $1', ['w2-c'])),
      ...(await rows('SELECT "dateFrom" AS f, "dateTo" AS t FROM "EventParticipant" WHERE "eventId" = $1', ['w2-e'])),
    ]
    expect(await windows()).toEqual([
      { f: '2020-05-01', t: '2020-05-02' },
      { f: '2021-01-01', t: '2021-02-01' },
    ])
    await db.query(`UPDATE "Claim" SET "statedTo" = '2020-06-30' WHERE id = 'w2-c'`)
    await db.query(`UPDATE "Event" SET "dateFrom" = NULL WHERE id = 'w2-e'`)
    expect(await windows()).toEqual([
      { f: '2020-05-01', t: '2020-06-30' },
      { f: null, t: '2021-02-01' },
    ])
  })

  it('indexes an article for full-text search, keeps its row while indexed, and drops it when tombstoned', async () => {
    await article('s1', {
      title: 'Drought report',
      summary: 'Dry summer.',
      keyPoints: '["Wells ran dry"]',
      body: 'The reservoir overflowed near the dam.',
    })
    const doc = async () =>
      (
        await rows(
          `SELECT id, entity, title, body, tsv @@ to_tsquery('english', 'reservoir') AS body_hit,
                  tsv @@ to_tsquery('english', 'wells') AS key_point_hit, tsv @@ to_tsquery('english', 'flood') AS title_hit
           FROM search_doc WHERE "entityId" = $1`,
          ['s1'],
        )
      )[0]
    const first = await doc()
    expect(first).toMatchObject({
      entity: 'article',
      title: 'Drought report',
      body: 'Dry summer. ["Wells ran dry"] The reservoir overflowed near the dam.',
      body_hit: true,
      key_point_hit: true,
      title_hit: false,
    })
    await db.query(`UPDATE "Article" SET title = 'Flood report' WHERE id = 's1'`)
    expect(await doc()).toMatchObject({ id: first.id, title: 'Flood report', title_hit: true })
    await db.query(`UPDATE "Article" SET "deletedAt" = now() WHERE id = 's1'`)
    expect(await doc()).toBeUndefined()
    await db.query(`UPDATE "Article" SET "deletedAt" = NULL WHERE id = 's1'`)
    expect(await doc()).toMatchObject({ title: 'Flood report', body_hit: true })
    await db.query(`DELETE FROM "Article" WHERE id = 's1'`)
    expect(await doc()).toBeUndefined()
  })

  it('indexes an actor under its name, aliases, title and description, and drops it when merged', async () => {
    await actor('s2', { name: 'Jane Roe', title: 'Minister', description: 'Of water.' })
    await actor('s2-survivor')
    const body = async () => (await rows('SELECT body FROM search_doc WHERE "entityId" = $1', ['s2']))[0]?.body
    expect(await body()).toBe('Minister Of water.')
    await insert('ActorAlias', { id: 's2-x', actorId: 's2', alias: 'Roe', normalized: 'roe' })
    await insert('ActorAlias', { id: 's2-y', actorId: 's2', alias: 'J. Roe', normalized: 'j roe' })
    expect(await body()).toBe('J. Roe Roe Minister Of water.')
    await db.query(`DELETE FROM "ActorAlias" WHERE id = 's2-x'`)
    expect(await body()).toBe('J. Roe Minister Of water.')
    await db.query(`UPDATE "Actor" SET "mergedIntoId" = 's2-survivor' WHERE id = 's2'`)
    expect(await body()).toBeUndefined()
  })

  it('marks an article brief stale when a row it shows changes, but not for a window copy', async () => {
    await article('b1')
    const doc = async () =>
      (await rows('SELECT stale, json, etag FROM "BriefDoc" WHERE "articleId" = $1', ['b1']))[0] as {
        stale: boolean
        json: string | null
        etag: string | null
      }
    const build = () =>
      db.query(`UPDATE "BriefDoc" SET stale = false, json = '{}', etag = '"e"' WHERE "articleId" = 'b1'`)
    const STALE = { stale: true, json: null, etag: null }
    const FRESH = { stale: false, json: '{}', etag: '"e"' }
    expect(await doc()).toEqual(STALE)

    await build()
    await insert('ArticleTopic', { articleId: 'b1', topic: 'water' })
    expect(await doc()).toEqual(STALE)

    await build()
    await actor('b1-a')
    expect(await doc()).toEqual(FRESH)
    await insert('ArticleActor', { articleId: 'b1', actorId: 'b1-a', role: 'subject', surfaceForms: '[]', position: 0 })
    expect(await doc()).toEqual(STALE)

    await build()
    await db.query(`UPDATE "ArticleActor" SET "publishedFrom" = '2020-01-01' WHERE "articleId" = 'b1'`)
    await db.query(`UPDATE "Actor" SET "updatedAt" = now() WHERE id = 'b1-a'`)
    expect(await doc()).toEqual(FRESH)
    await db.query(`UPDATE "ArticleActor" SET position = 3 WHERE "articleId" = 'b1'`)
    expect(await doc()).toEqual(STALE)

    await build()
    await db.query(`UPDATE "Actor" SET name = 'Renamed' WHERE id = 'b1-a'`)
    expect(await doc()).toEqual(STALE)

    await build()
    await event('b1-e')
    await insert('EventReport', {
      eventId: 'b1-e',
      articleId: 'b1',
      position: 0,
      evidenceStart: 0,
      evidenceEnd: 4,
      evidenceExact: 'Body',
      evidencePrefix: '',
      evidenceSuffix: ' text.',
    })
    expect(await doc()).toEqual(STALE)
    await build()
    await db.query(`UPDATE "Event" SET status = 'planned' WHERE id = 'b1-e'`)
    expect(await doc()).toEqual(STALE)
  })

  it('has each SQLite trigger: the same name on the same table, for the same operation and columns', async () => {
    type Trigger = { table: string; name: string; event: string; columns: string[] }
    const show = (t: Trigger) =>
      `${t.table}.${t.name} ${t.event}${t.columns.length ? ` OF ${t.columns.join(',')}` : ''}`
    const sqlite = new Database(inject('templateDb'), { readonly: true })
    let expected: string[]
    try {
      const found = sqlite
        .prepare("SELECT name, tbl_name AS tbl, sql FROM sqlite_master WHERE type = 'trigger'")
        .all() as Array<{
        name: string
        tbl: string
        sql: string
      }>
      expected = found.map((r) => {
        const m = /\b(?:BEFORE|AFTER)\s+(INSERT|UPDATE|DELETE)(?:\s+OF\s+(.+?))?\s+ON\s+"?\w+"?/is.exec(r.sql)
        expect(m, r.name).not.toBeNull()
        const columns = (m?.[2] ?? '')
          .split(',')
          .map((c) => c.trim().replaceAll('"', ''))
          .filter(Boolean)
          .sort()
        return show({ table: r.tbl, name: r.name, event: m?.[1] ?? '', columns })
      })
    } finally {
      sqlite.close()
    }
    const ported = await rows(
      `SELECT c.relname AS table, t.tgname AS name, t.tgtype AS type,
              ARRAY(SELECT a.attname::text FROM pg_attribute a
                    WHERE a.attrelid = t.tgrelid AND a.attnum = ANY (t.tgattr::int2[]) ORDER BY a.attname) AS columns
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       WHERE NOT t.tgisinternal AND (t.tgtype & 1 = 1 OR t.tgname LIKE 'BriefDoc%')`,
      // row-level, and the brief-document triggers, some per statement (data_version's are not ports)
    )
    const events: Array<[number, string]> = [
      [4, 'INSERT'],
      [8, 'DELETE'],
      [16, 'UPDATE'],
    ]
    const actual = ported.map((t) =>
      show({
        table: t.table,
        name: t.name,
        event: events
          .filter(([bit]) => (t.type & bit) !== 0)
          .map(([, e]) => e)
          .join(' OR '),
        columns: [...t.columns].sort(),
      }),
    )
    expect(expected).toHaveLength(51)
    expect(actual.sort()).toEqual(expected.sort())
  })

  it('puts the data version trigger on every table of the model and on no other', async () => {
    const tables = await rows(
      `SELECT c.relname AS table FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       WHERE NOT t.tgisinternal AND t.tgtype & 1 = 0 AND t.tgname = 'data_version_bump' ORDER BY 1`,
    )
    expect(MODEL_TABLES).toHaveLength(15)
    expect(tables.map((t) => t.table).sort()).toEqual(MODEL_TABLES)
  })

  it('bumps data_version and notifies geobrief_data listeners when a write commits, not when it rolls back', async () => {
    const listener = await connect(url)
    try {
      const heard: Array<{ channel: string; payload: string | undefined }> = []
      listener.on('notification', (n) => heard.push({ channel: n.channel, payload: n.payload }))
      await listener.query('LISTEN geobrief_data')
      const version = async () => Number((await rows('SELECT v FROM data_version WHERE id = 1'))[0].v)
      const v0 = await version()

      await db.query('BEGIN')
      await insert('ApiKey', { id: 'k1', name: 'k1', scope: 'read', hash: 'h1' })
      await listener.query('SELECT 1')
      expect(heard).toEqual([])
      await db.query('COMMIT')
      await expect.poll(() => heard).toEqual([{ channel: 'geobrief_data', payload: '' }])
      const v1 = await version()
      expect(v1).toBeGreaterThan(v0)

      heard.length = 0
      await db.query('BEGIN')
      await db.query(`UPDATE "ApiKey" SET scope = 'write' WHERE id = 'k1'`)
      expect(await version()).toBeGreaterThan(v1)
      await db.query('ROLLBACK')
      expect(await version()).toBe(v1)
      // Notifications arrive in commit order: one from the rolled-back write would come first.
      await db.query(`SELECT pg_notify('geobrief_data', 'marker')`)
      await expect.poll(() => heard.length).toBeGreaterThan(0)
      expect(heard).toEqual([{ channel: 'geobrief_data', payload: 'marker' }])
    } finally {
      await listener.end()
    }
  })
})
