// Database handles for one app instance. See docs/decisions.md ("Two connections, one writer" and
// "The writer thread": in thread mode the main thread opens this without its write side, and the
// writer thread opens it whole).
// - `read`: a Prisma client on its own connection. In WAL mode it only ever sees committed data,
//   so readers never observe a half-done ingest.
// - `write`: a Prisma client on a second connection, used only inside `writeTx`, which runs one
//   write transaction at a time. The better-sqlite3 adapter shares one connection between a
//   transaction and any other query sent meanwhile, so a second request's write could join (and
//   be rolled back with) another's transaction; serialising writes in the app prevents that.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import BetterSqlite3 from 'better-sqlite3'
import { PrismaClient } from '../generated/prisma/client.js'
import type { Prisma } from '../generated/prisma/client.js'
import { rebuildStale } from './brief-docs.js'
import { sqlitePath } from './schema-engine.js'
import { type Sql, sqliteSql } from './sql.js'

export type Tx = Prisma.TransactionClient
export type ReadClient = PrismaClient

export interface DatabaseOptions {
  url: string
  busyTimeoutMs: number
  /**
   * false: open the read side only (`read`, `raw`), for a process whose writes run in the writer
   * thread (src/plugins/writer-thread.ts); `writeTx` then throws. Default true.
   */
  write?: boolean
  /**
   * false: no read Prisma client (`read` throws), for the writer thread, whose writes read through
   * the write client and `raw`. It saves that client's memory (about 5 MB of RSS). Default true.
   */
  read?: boolean
}

class Mutex {
  #tail: Promise<void> = Promise.resolve()
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(fn)
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    )
    return result
  }
}

type AdapterFactory = NonNullable<ConstructorParameters<typeof PrismaClient>[0]['adapter']>

/**
 * A Prisma client and, once connected, the better-sqlite3 connection under it. The writer runs its
 * hand-written statements (stored brief documents) on that same connection, so they join the open
 * Prisma transaction instead of waiting for it on a second connection.
 */
function client(opts: DatabaseOptions): { prisma: PrismaClient; connection: () => BetterSqlite3.Database } {
  const factory = new PrismaBetterSqlite3(
    { url: sqlitePath(opts.url), timeout: opts.busyTimeoutMs },
    { timestampFormat: 'iso8601' },
  )
  let connection: BetterSqlite3.Database | undefined
  const adapter: AdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const driver = await factory.connect()
      // The adapter keeps its connection in a public `client` field (not in its type declarations).
      connection = (driver as unknown as { client: BetterSqlite3.Database }).client
      return driver
    },
  }
  return {
    prisma: new PrismaClient({ adapter }),
    connection: () => {
      if (!connection) throw new Error('the Prisma client is not connected')
      return connection
    },
  }
}

/** Rows per INSERT statement of a createMany on the write client (each row also feeds FTS5 triggers). */
export const CREATE_MANY_CHUNK = 40
/** The write client lets the event loop turn once this much time has passed since it last did. */
const YIELD_EVERY_MS = 8

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

let lastTurn = performance.now()
/**
 * Lets the event loop turn if YIELD_EVERY_MS have passed since the writer last did: called between
 * the statements of a write transaction (by the write client, and by the set-based inserts of
 * src/db/rows.ts between chunks of rows).
 */
export async function maybeYield(): Promise<void> {
  if (performance.now() - lastTurn < YIELD_EVERY_MS) return
  await nextTurn()
  lastTurn = performance.now()
}

/**
 * The write client yields to the event loop between statements. better-sqlite3 runs every
 * statement synchronously, and between the statements of one Prisma transaction only microtasks
 * run, so without this a large ingest holds the event loop for its whole length (0.5-2 s): no
 * connection is accepted, no request is read, and a SIGTERM in that window resets the requests
 * still queued in the kernel (test/robustness/shutdown.test.ts). A large createMany is split into
 * statements of CREATE_MANY_CHUNK rows so that each stays short. The turn is taken only when
 * YIELD_EVERY_MS have passed since the last one: yielding before every statement starved writers
 * under read load, since each turn serves every waiting reader (measured in docs/decisions.md).
 */
function yielding(c: PrismaClient): PrismaClient {
  return c.$extends({
    query: {
      async $allOperations({ args, query, operation }) {
        const data = operation === 'createMany' ? (args as { data?: unknown }).data : undefined
        if (Array.isArray(data) && data.length > CREATE_MANY_CHUNK) {
          let count = 0
          for (let i = 0; i < data.length; i += CREATE_MANY_CHUNK) {
            await maybeYield()
            const part = (await query({ ...args, data: data.slice(i, i + CREATE_MANY_CHUNK) } as typeof args)) as {
              count: number
            }
            count += part.count
          }
          return { count }
        }
        await maybeYield()
        return query(args)
      },
    },
  }) as unknown as PrismaClient // an extended client with the same method signatures as the one it wraps
}

async function configure(c: PrismaClient): Promise<void> {
  await c.$connect()
  // One statement per call: a multi-statement pragma string may run only its first statement.
  await c.$executeRaw`PRAGMA foreign_keys = ON`
  await c.$executeRaw`PRAGMA synchronous = FULL`
  const [fk] = await c.$queryRaw<Array<{ foreign_keys: bigint | number }>>`PRAGMA foreign_keys`
  const [sync] = await c.$queryRaw<Array<{ synchronous: bigint | number }>>`PRAGMA synchronous`
  const [mode] = await c.$queryRaw<Array<{ journal_mode: string }>>`PRAGMA journal_mode`
  if (Number(fk?.foreign_keys) !== 1) throw new Error('SQLite refused PRAGMA foreign_keys = ON')
  if (Number(sync?.synchronous) !== 2) throw new Error('SQLite refused PRAGMA synchronous = FULL')
  if (mode?.journal_mode !== 'wal') throw new Error(`SQLite journal_mode is ${mode?.journal_mode}, expected wal`)
}

/**
 * Stale brief documents rebuilt at the end of each write transaction (besides those the write names,
 * e.g. an ingest's own article); the rest are rebuilt in the background.
 */
const REBUILD_IN_WRITE = 4
/** Stale brief documents rebuilt per background transaction. */
const REBUILD_BATCH = 8
/** The background rebuild waits until no write has been asked for during this long. */
const REBUILD_IDLE_MS = 50
/**
 * WAL pages after which a commit checkpoints by itself (SQLite's default is 1,000, about 4 MB). The
 * writer checkpoints when it is idle instead (CHECKPOINT_IDLE_MS); this bounds the WAL under writes
 * that never pause. Measured on the seed brief, ingested 400 times in a row: 92 to 95 briefs/s at
 * 1,000 pages, 104 to 111 at 10,000 (docs/decisions.md, "Checkpoints off the commit path").
 */
const WAL_AUTOCHECKPOINT_PAGES = 10_000
/** The WAL is checkpointed once no write has been asked for during this long. */
const CHECKPOINT_IDLE_MS = 200

export class Database {
  readonly #read: PrismaClient | undefined
  /** A read-only better-sqlite3 connection for the hand-written hot read paths (src/db/*-sql.ts). */
  readonly raw: BetterSqlite3.Database
  /** The hand-written readers' SQL (src/db/sql.ts) on `raw`. */
  readonly sql: Sql
  readonly #write: PrismaClient | undefined
  readonly #writeBase: PrismaClient | undefined
  readonly #writeConnection: () => BetterSqlite3.Database
  #writeSql: Sql | undefined
  readonly #mutex = new Mutex()
  #backfilling = false
  #lastWriteAsked = 0
  #closed = false
  #checkpointTimer: NodeJS.Timeout | undefined

  private constructor(opts: DatabaseOptions) {
    if (opts.read !== false) this.#read = client(opts).prisma
    if (opts.write === false) {
      this.#writeConnection = () => {
        throw new Error('this Database has no write side: its writes run in the writer thread')
      }
    } else {
      const write = client(opts)
      this.#writeBase = write.prisma
      this.#writeConnection = write.connection
      this.#write = yielding(this.#writeBase)
    }
    this.raw = new BetterSqlite3(sqlitePath(opts.url), { readonly: true, timeout: opts.busyTimeoutMs })
    this.sql = sqliteSql(this.raw)
  }

  static async open(opts: DatabaseOptions): Promise<Database> {
    const db = new Database(opts)
    if (db.#read) await configure(db.#read)
    if (db.#writeBase) {
      await configure(db.#writeBase)
      db.#writeConnection().pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`)
      db.#backfill()
    }
    return db
  }

  /** The read-only Prisma client (models, the remaining analysis queries, keys). */
  get read(): PrismaClient {
    if (!this.#read) throw new Error('this Database has no read client: it was opened with read: false')
    return this.#read
  }

  /** The write Prisma client, or an error for a Database opened without its write side. */
  #writer(): PrismaClient {
    if (!this.#write) throw new Error('this Database has no write side: its writes run in the writer thread')
    return this.#write
  }

  /** SQL on the writer's connection, valid inside a write transaction. */
  #writerSql(): Sql {
    this.#writeSql ??= sqliteSql(this.#writeConnection())
    return this.#writeSql
  }

  /** Rebuilds stale brief documents inside the current write transaction; true when some may remain. */
  async #rebuildStale(limit: number): Promise<boolean> {
    return (await rebuildStale(this.#writerSql(), limit)) === limit
  }

  /**
   * Rebuilds the remaining stale brief documents, a batch per write transaction, queued behind
   * other writes and yielding between batches. Runs until none is left or the database closes.
   */
  #backfill(): void {
    if (this.#backfilling || this.#closed || !this.#write) return
    this.#backfilling = true
    const step = async (): Promise<void> => {
      if (this.#closed) {
        this.#backfilling = false
        return
      }
      // Writes first: a fan-out (an alias added to an actor shown in thousands of articles) must not
      // queue every ingest behind its rebuild. Readers meanwhile build those briefs from the tables.
      const idleFor = performance.now() - this.#lastWriteAsked
      if (idleFor < REBUILD_IDLE_MS && !this.#closed) {
        setTimeout(() => void step().catch(stop), REBUILD_IDLE_MS - idleFor)
        return
      }
      const more = await this.#mutex.run(() =>
        this.#writer().$transaction(async (tx) => {
          await tx.$executeRaw`DELETE FROM "Change" WHERE 0`
          return await this.#rebuildStale(REBUILD_BATCH)
        }),
      )
      if (more && !this.#closed) setImmediate(() => void step().catch(stop))
      else this.#backfilling = false
    }
    const stop = () => {
      this.#backfilling = false // retried after the next write
    }
    setImmediate(() => void step().catch(stop))
  }

  readonly #commitListeners: Array<() => void> = []

  /** Calls fn after every committed write transaction (the response cache listens). */
  addCommitListener(fn: () => void): void {
    this.#commitListeners.push(fn)
  }

  /**
   * Calls the commit listeners: after each write transaction committed by writeTx, and, in thread
   * mode, by the writer thread's client after each write the thread acknowledged.
   */
  notifyCommitted(): void {
    for (const fn of this.#commitListeners) fn()
  }

  /**
   * Runs fn in one write transaction, after every earlier write has finished. fn gets the Prisma
   * transaction client and SQL on the connection under it, for hand-written statements that join
   * the same transaction (set-based ingest); both are valid only until fn settles.
   */
  writeTx<T>(fn: (tx: Tx, sql: Sql) => Promise<T>): Promise<T> {
    this.#lastWriteAsked = performance.now()
    const write = this.#writer()
    return this.#mutex.run(async () => {
      const result = await write.$transaction(
        async (tx) => {
          // Take the write lock first: a transaction that reads before its first write gets
          // SQLITE_BUSY at once in WAL mode (no busy wait) when another process is writing.
          await tx.$executeRaw`DELETE FROM "Change" WHERE 0`
          const result = await fn(tx, this.#writerSql())
          // The documents this write made stale, rebuilt before it commits (a fan-out such as an
          // actor renamed in thousands of articles leaves the rest to the background).
          if (await this.#rebuildStale(REBUILD_IN_WRITE)) setImmediate(() => this.#backfill())
          return result
        },
        { maxWait: 10_000, timeout: 60_000 },
      )
      this.notifyCommitted()
      this.#checkpointWhenIdle()
      return result
    })
  }

  /**
   * Checkpoints the WAL (PASSIVE: it neither waits for nor blocks readers) once the writer has been
   * idle for CHECKPOINT_IDLE_MS and no background rebuild runs, so that commits rarely pay for it.
   */
  #checkpointWhenIdle(): void {
    if (this.#checkpointTimer || this.#closed) return
    const tick = () => {
      const idleFor = performance.now() - this.#lastWriteAsked
      if (this.#closed) {
        this.#checkpointTimer = undefined
        return
      }
      if (idleFor < CHECKPOINT_IDLE_MS || this.#backfilling) {
        this.#checkpointTimer = setTimeout(tick, Math.max(CHECKPOINT_IDLE_MS - idleFor, 10)).unref()
        return
      }
      this.#checkpointTimer = undefined
      void this.#mutex
        .run(async () => {
          if (!this.#closed) this.#writeConnection().pragma('wal_checkpoint(PASSIVE)')
        })
        .catch(() => undefined) // a failed checkpoint leaves the WAL to the next one
    }
    this.#checkpointTimer = setTimeout(tick, CHECKPOINT_IDLE_MS).unref()
  }

  async close(): Promise<void> {
    this.#closed = true
    clearTimeout(this.#checkpointTimer)
    await this.#mutex.run(async () => undefined)
    // Read-only connections first, then checkpoint from the writer, so no -wal file is left behind.
    this.raw.close()
    await this.#read?.$disconnect()
    if (!this.#write || !this.#writeBase) return
    await this.#write.$queryRaw`PRAGMA wal_checkpoint(TRUNCATE)`.catch(() => undefined)
    await this.#writeBase.$disconnect()
  }
}
