// src/db/sql.ts's interface on PostgreSQL (node-postgres). Rows are made to look like
// better-sqlite3's (docs/decisions.md, "One SQL layer, two databases"), so that the readers' row
// mapping is written once: int8 and numeric as numbers, booleans as 1/0, json and jsonb as their
// text, timestamps as ISO 8601 text in UTC. These parsers are given per query, so the pools Prisma
// uses keep their own.
import { createHash } from 'node:crypto'
import pg from 'pg'
import { type Dialect, driveAsync, type Sql, type SqlText, textFor } from '../sql.js'
import { toPostgres } from './dialect.js'

const OID = { bool: 16, int8: 20, json: 114, numeric: 1700, jsonb: 3802, timestamp: 1114, timestamptz: 1184 }

const identity = (v: string) => v
const parsers: Record<number, (v: string) => unknown> = {
  [OID.bool]: (v) => (v === 't' ? 1 : 0),
  [OID.int8]: Number,
  [OID.numeric]: Number,
  [OID.json]: identity,
  [OID.jsonb]: identity,
  // "2026-12-06 10:20:43.12" (UTC, as Prisma writes) to "2026-12-06T10:20:43.12+00:00"
  [OID.timestamp]: (v) => `${v.replace(' ', 'T')}+00:00`,
  [OID.timestamptz]: (v) => new Date(v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString(),
}
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    parsers[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
}

/** Something node-postgres queries run on: a pool, or one client (inside a transaction). */
type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>

interface Prepared {
  text: string
  name: string | undefined
}
const prepared = new Map<string, Prepared>()
/**
 * Texts given a server-side prepared statement (each connection keeps those it has seen). Texts
 * assembled from clauses are bounded by their combinations, but a search's depends on the shape of
 * the query typed: past this many, statements run unnamed (parsed each time) and are not kept.
 */
const MAX_PREPARED = 1000

/** The PostgreSQL text of a statement and a name for its server-side prepared statement. */
function statement(text: SqlText): Prepared {
  const source = textFor(text, 'sqlite')
  const key = typeof text === 'string' ? source : `${source}\u0000${text.postgres}`
  let p = prepared.get(key)
  if (!p) {
    const pgText = typeof text === 'string' ? toPostgres(text) : toPostgres(text.postgres)
    if (prepared.size >= MAX_PREPARED) return { text: pgText, name: undefined }
    p = { text: pgText, name: `g${createHash('sha1').update(pgText).digest('base64url').slice(0, 20)}` }
    prepared.set(key, p)
  }
  return p
}

function param(v: unknown): unknown {
  // better-sqlite3 binds booleans as 1/0 and the project's statements compare with them; so does
  // PostgreSQL, which reads '1' and '0' as a boolean's input where a boolean is expected.
  return typeof v === 'boolean' ? (v ? 1 : 0) : v
}

async function exec(db: Queryable, text: SqlText, params: readonly unknown[], mode: string): Promise<unknown> {
  const s = statement(text)
  const result = await db.query({ name: s.name, text: s.text, values: params.map(param), types })
  if (mode === 'run') return result.rowCount ?? 0
  if (mode === 'get') return result.rows[0]
  if (mode === 'pluck') {
    const column = result.fields[0]?.name
    return column === undefined ? [] : result.rows.map((r) => r[column])
  }
  return result.rows
}

/**
 * SQL on a pool: each statement on any free connection, a Program in one REPEATABLE READ READ ONLY
 * transaction on one connection.
 */
export function postgresPoolSql(pool: pg.Pool): Sql {
  return {
    ...on(pool),
    async snapshot(program) {
      const client = await pool.connect()
      let broken = false
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
        const result = await driveAsync(program(), (text, params, mode) => exec(client, text, params, mode))
        await client.query('COMMIT')
        return result
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true
        })
        throw error
      } finally {
        client.release(broken)
      }
    },
  }
}

/** SQL on one connection already in a transaction (the writer's): a Program runs in it as it is. */
export function postgresClientSql(client: Pick<pg.PoolClient, 'query'>): Sql {
  return {
    ...on(client),
    snapshot: (program) => driveAsync(program(), (text, params, mode) => exec(client, text, params, mode)),
  }
}

function on(db: Queryable): Omit<Sql, 'snapshot'> {
  const dialect: Dialect = 'postgres'
  return {
    dialect,
    all: (text, params = []) => exec(db, text, params, 'all') as never, // rows as the caller's SELECT names them
    get: (text, params = []) => exec(db, text, params, 'get') as never,
    pluck: (text, params = []) => exec(db, text, params, 'pluck') as never,
    run: (text, params = []) => exec(db, text, params, 'run') as Promise<number>,
  }
}
