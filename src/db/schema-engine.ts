// Prisma's schema engine, run as WebAssembly through the better-sqlite3 driver adapter.
// The Prisma CLI would download a native engine, which this project cannot reach offline
// (docs/decisions.md, "Offline migrations"). The wasm module is instantiated by hand so that
// Node 20 needs no --experimental-wasm-modules flag.
import { readFile, readdir } from 'node:fs/promises'
export { readFile }
import { createRequire } from 'node:module'
import path from 'node:path'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import { ROOT } from '../lib/paths.js'
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
  const bg = await loadEngineModule()
  const schema = await readFile(SCHEMA_PATH, 'utf8')
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
  const adapter = bindMigrationAwareSqlAdapterFactory(tracking)
  const engine = await bg.SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schema]] }, () => {}, adapter)
  return {
    engine,
    async close() {
      engine.free()
      await Promise.all(opened.map((c) => c.dispose()))
    },
  }
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
