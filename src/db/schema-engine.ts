// Prisma's schema engine, run as WebAssembly through a driver adapter: better-sqlite3 for a
// `file:` URL, adapter-pg (src/db/postgres/engine-adapter.ts) for a `postgresql:` URL.
// The Prisma CLI would download a native engine, which this project cannot reach offline
// (docs/decisions.md, "Offline migrations"). The wasm module is instantiated by hand so that
// Node 20 needs no --experimental-wasm-modules flag.
import { readFile, readdir } from 'node:fs/promises'
export { readFile }
import { createRequire } from 'node:module'
import path from 'node:path'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils'
import { ROOT } from '../lib/paths.js'
import { isPostgresUrl } from './postgres/connection.js'
import { engineAdapterFactory } from './postgres/engine-adapter.js'
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm'

const require = createRequire(import.meta.url)

type Bg = typeof import('@prisma/schema-engine-wasm/schema_engine_bg') & {
  __wbg_set_wasm(exports: unknown): void
}

// The WebAssembly global is not in this project's TypeScript lib (ES2023 without DOM).
interface Wasm {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>
}
const WASM = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly

let loaded: Promise<Bg> | undefined

function loadEngineModule(): Promise<Bg> {
  loaded ??= (async () => {
    // The package ships no types for its wasm-bindgen glue; Bg declares the functions used here.
    const bg = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as unknown as Bg
    const wasmPath = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm')
    const bytes = await readFile(wasmPath)
    const { instance } = await WASM.instantiate(bytes, { './schema_engine_bg.js': bg })
    bg.__wbg_set_wasm(instance.exports)
    ;(instance.exports.__wbindgen_start as () => void)()
    return bg
  })()
  return loaded
}

export const PRISMA_DIR = path.join(ROOT, 'prisma')
export const SCHEMA_PATH = path.join(PRISMA_DIR, 'schema.prisma')
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, 'migrations')
export const PG_SCHEMA_PATH = path.join(PRISMA_DIR, 'postgres', 'schema.prisma')
export const PG_MIGRATIONS_DIR = path.join(PRISMA_DIR, 'postgres', 'migrations')

/** What the schema engine works on for a database: Prisma binds both files to one provider. */
export interface MigrationTarget {
  schemaPath: string
  migrationsDir: string
  filters: { externalTables: string[]; externalEnums: string[] }
}

/** Strips Prisma's `file:` prefix; better-sqlite3 wants a path. */
export function sqlitePath(databaseUrl: string): string {
  return databaseUrl.startsWith('file:') ? databaseUrl.slice('file:'.length) : databaseUrl
}

export interface OpenEngine {
  engine: SchemaEngine
  /** Frees the engine and closes every connection it opened (it does not close them itself). */
  close(): Promise<void>
}

export async function openSchemaEngine(databaseUrl: string): Promise<OpenEngine> {
  const target = migrationTarget(databaseUrl)
  const bg = await loadEngineModule()
  const schema = await readFile(target.schemaPath, 'utf8')
  const { factory, close } = isPostgresUrl(databaseUrl)
    ? engineAdapterFactory(databaseUrl)
    : sqliteEngineFactory(databaseUrl)
  const adapter = bindMigrationAwareSqlAdapterFactory(factory)
  const engine = await bg.SchemaEngine.new({ datamodels: [[target.schemaPath, schema]] }, () => {}, adapter)
  return {
    engine,
    async close() {
      engine.free()
      await close()
    },
  }
}

function sqliteEngineFactory(databaseUrl: string): {
  factory: SqlMigrationAwareDriverAdapterFactory
  close(): Promise<void>
} {
  const factory = new PrismaBetterSqlite3({ url: sqlitePath(databaseUrl) })
  const opened: Array<{ dispose(): Promise<void> }> = []
  const tracking = Object.assign(Object.create(Object.getPrototypeOf(factory)), factory, {
    connect: async () => {
      const c = await factory.connect()
      opened.push(c)
      return c
    },
    connectToShadowDb: async () => {
      const c = await factory.connectToShadowDb()
      opened.push(c)
      // The engine replays each migration on the shadow database as one executeRaw call, which
      // better-sqlite3's prepare() refuses for multi-statement scripts; run those as a script.
      const executeRaw = c.executeRaw.bind(c)
      c.executeRaw = async (query) => {
        if (query.args.length > 0) return executeRaw(query)
        await c.executeScript(query.sql)
        return 0
      }
      return c
    },
  }) as PrismaBetterSqlite3
  return { factory: tracking, close: async () => void (await Promise.all(opened.map((c) => c.dispose()))) }
}

export async function readMigrationList(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  const lockPath = path.join(dir, 'migration_lock.toml')
  const lockContent = await readFile(lockPath, 'utf8').catch(() => null)
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
  const migrationDirectories = await Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name, 'migration.sql')
      const content = await readFile(file, 'utf8').then(
        (value) => ({ tag: 'ok' as const, value }),
        (error: Error) => ({ tag: 'error' as const, value: error.message }),
      )
      return { path: name, migrationFile: { path: 'migration.sql', content } }
    }),
  )
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories,
  }
}

export const EXTERNAL_TABLES = [
  'search_doc',
  'search_fts',
  'search_fts_data',
  'search_fts_idx',
  'search_fts_content',
  'search_fts_docsize',
  'search_fts_config',
]
export const NO_FILTER = { externalTables: EXTERNAL_TABLES, externalEnums: [] as string[] }

/**
 * Tables the PostgreSQL migrations create by hand, outside the Prisma model (the search index, the
 * data version row). On PostgreSQL the engine wants them schema-qualified, or it answers P3023.
 */
export const PG_EXTERNAL_TABLES = ['public.search_doc', 'public.data_version']

export function migrationTarget(databaseUrl: string): MigrationTarget {
  return isPostgresUrl(databaseUrl)
    ? {
        schemaPath: PG_SCHEMA_PATH,
        migrationsDir: PG_MIGRATIONS_DIR,
        filters: { externalTables: PG_EXTERNAL_TABLES, externalEnums: [] },
      }
    : { schemaPath: SCHEMA_PATH, migrationsDir: MIGRATIONS_DIR, filters: NO_FILTER }
}
