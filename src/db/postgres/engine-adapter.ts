// The driver adapter the WebAssembly schema engine migrates PostgreSQL through: adapter-pg with
// four defects of version 7.10 worked around (docs/decisions.md, "Migrations on PostgreSQL"):
// 1. executeScript() splits a migration on every ';' and runs the pieces in autocommit, which breaks
//    PL/pgSQL bodies and leaves a failed migration half-applied. Here a script is sent whole as one
//    simple-protocol query, which PostgreSQL runs as one implicit transaction.
// 2. connectToShadowDb() opens the shadow database by overriding `database` beside a connection
//    string, which pg ignores: the shadow replay would run on the real database. pgConfig() gives
//    discrete fields only.
// 3. Its shadow database is dropped before the pool using it is closed, so it is left behind. Here
//    the pool is closed first, then the database is dropped WITH (FORCE).
// 4. The catalog columns of type "char" (OID 18) that the engine's describer reads have no column
//    type in the adapter ("could not be deserialized"); they are read as text and typed Character.
import { PrismaPg } from '@prisma/adapter-pg'
import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils'
import pg from 'pg'
import { pgConfig, quoteIdent } from './connection.js'

const CHAR_OID = 18
const TEXT_OID = 25

/** The adapter's private members this file patches (present in 7.10; checked at runtime). */
interface Internals {
  underlyingDriver(): pg.Pool
  performIO(query: object): Promise<{ fields?: Array<{ dataTypeID: number }> } | undefined>
  queryRaw(query: object): Promise<{ columnTypes: number[] }>
  onError(error: unknown): never
}

function patched(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const inner = adapter as unknown as Internals // the members above are private in the adapter's types
  if (![inner.performIO, inner.queryRaw, inner.onError, inner.underlyingDriver].every((f) => typeof f === 'function')) {
    throw new Error('@prisma/adapter-pg changed: the schema engine workarounds need review')
  }
  const pool = inner.underlyingDriver()
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script)
    } catch (error) {
      inner.onError(error)
    }
  }
  const charColumns = new WeakMap<object, number[]>()
  const performIO = inner.performIO.bind(adapter)
  inner.performIO = async (query) => {
    const result = await performIO(query)
    const found: number[] = []
    result?.fields?.forEach((field, i) => {
      if (field.dataTypeID === CHAR_OID) {
        field.dataTypeID = TEXT_OID
        found.push(i)
      }
    })
    if (found.length > 0) charColumns.set(query, found)
    return result
  }
  const queryRaw = inner.queryRaw.bind(adapter)
  inner.queryRaw = async (query) => {
    const result = await queryRaw(query)
    for (const i of charColumns.get(query) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character
    return result
  }
  return adapter
}

/**
 * A migration-aware adapter factory for the schema engine, and the connections it opened (the
 * engine does not close them). One connection per pool, so that the engine's advisory lock, the
 * migration scripts and the unlock share one session.
 */
export function engineAdapterFactory(url: string): {
  factory: SqlMigrationAwareDriverAdapterFactory
  close(): Promise<void>
} {
  const config = pgConfig(url)
  const opened: SqlDriverAdapter[] = []
  const base = new PrismaPg({ ...config, max: 1 })
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: base.provider,
    adapterName: base.adapterName,
    async connect() {
      const adapter = patched(await base.connect())
      opened.push(adapter)
      return adapter
    },
    async connectToShadowDb() {
      const name = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`
      const admin = new pg.Client(config)
      await admin.connect()
      await admin.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'`)
      const adapter = patched(await new PrismaPg({ ...config, database: name, max: 1 }).connect())
      const dispose = adapter.dispose.bind(adapter)
      let disposed: Promise<void> | undefined
      adapter.dispose = () => {
        disposed ??= (async () => {
          try {
            await dispose()
            await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)
          } finally {
            await admin.end()
          }
        })()
        return disposed
      }
      opened.push(adapter)
      return adapter
    },
  }
  return {
    factory,
    async close() {
      for (const adapter of opened.reverse()) await adapter.dispose()
      opened.length = 0
    },
  }
}
