// Database handles for one app instance: the write queue shared by both databases (Database), and
// SQLite's connections (SqliteDatabase); PostgreSQL's are in src/db/postgres/database.ts, chosen by
// the URL's scheme. See docs/decisions.md ("Two connections, one writer" and "The writer thread":
// in thread mode the main thread opens SQLite without its write side, and the writer thread opens
// it whole).
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
import { isPostgresUrl } from './postgres/connection.js'
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

/**
 * What the app reads and writes through, on either database: the read Prisma client, the readers'
 * SQL, and one write transaction at a time. A write transaction takes the database's write lock
 * first (lockForWrite), rebuilds the brief documents it made stale before it commits, and tells the
 * commit listeners after; stale documents left over are rebuilt in the background.
 */
export abstract class Database {
  /** The DATABASE_URL it was opened with. */
  readonly url: string
  /** The hand-written readers' SQL (src/db/sql.ts). */
  abstract readonly sql: Sql
  /** The read-only Prisma client (models, the remaining analysis queries, keys). */
  abstract get read(): PrismaClient
  protected readonly mutex = new Mutex()
  protected backfilling = false
  protected lastWriteAsked = 0
  protected closed = false
  readonly #commitListeners: Array<() => void> = []

  protected constructor(url: string) {
    this.url = url
  }

  /** Opens the database a URL names: `file:` is SQLite, `postgresql:` PostgreSQL. */
  static async open(opts: DatabaseOptions): Promise<Database> {
    if (isPostgresUrl(opts.url)) {
      const { PostgresDatabase } = await import('./postgres/database.js')
      return PostgresDatabase.open(opts)
    }
    return SqliteDatabase.open(opts)
  }

  /** The write Prisma client, or an error for a Database opened without its write side. */
  protected abstract writer(): PrismaClient
  /** SQL on the writer's connection, valid inside a write transaction. */
  protected abstract writerSql(): Sql
  /** The transaction's first statement: takes the database's write lock. */
  protected abstract lockForWrite(tx: Tx): Promise<void>
  /** After each committed write transaction (SQLite schedules a checkpoint). */
  protected afterCommit(): void {}

  /** True when a PostgreSQL backend process id is one of this instance's write connections. */
  isOwnWriter(_pid: number): boolean {
    return false
  }
  abstract close(): Promise<void>

  /** Rebuilds stale brief documents inside the current write transaction; true when some may remain. */
  async #rebuildStale(limit: number): Promise<boolean> {
    return (await rebuildStale(this.writerSql(), limit)) === limit
  }

  /**
   * Rebuilds the remaining stale brief documents, a batch per write transaction, queued behind
   * other writes and yielding between batches. Runs until none is left or the database closes.
   */
  protected backfill(): void {
    if (this.backfilling || this.closed) return
    this.backfilling = true
    const step = async (): Promise<void> => {
      if (this.closed) {
        this.backfilling = false
        return
      }
      // Writes first: a fan-out (an alias added to an actor shown in thousands of articles) must not
      // queue every ingest behind its rebuild. Readers meanwhile build those briefs from the tables.
      const idleFor = performance.now() - this.lastWriteAsked
      if (idleFor < REBUILD_IDLE_MS && !this.closed) {
        setTimeout(() => void step().catch(stop), REBUILD_IDLE_MS - idleFor)
        return
      }
      const more = await this.mutex.run(() =>
        this.writer().$transaction(async (tx) => {
          await this.lockForWrite(tx)
          return await this.#rebuildStale(REBUILD_BATCH)
        }),
      )
      if (more && !this.closed) setImmediate(() => void step().catch(stop))
      else this.backfilling = false
    }
    const stop = () => {
      this.backfilling = false // retried after the next write
    }
    setImmediate(() => void step().catch(stop))
  }

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
   * Runs fn in one write transaction, after every earlier write of this instance has finished (and,
   * through the database's write lock, of every other process). fn gets the Prisma transaction
   * client and SQL on the connection under it, for hand-written statements that join the same
   * transaction (set-based ingest); both are valid only until fn settles.
   */
  writeTx<T>(fn: (tx: Tx, sql: Sql) => Promise<T>): Promise<T> {
    this.lastWriteAsked = performance.now()
    const write = this.writer()
    return this.mutex.run(async () => {
      const result = await write.$transaction(
        async (tx) => {
          await this.lockForWrite(tx)
          const result = await fn(tx, this.writerSql())
          // The documents this write made stale, rebuilt before it commits (a fan-out such as an
          // actor renamed in thousands of articles leaves the rest to the background).
          if (await this.#rebuildStale(REBUILD_IN_WRITE)) setImmediate(() => this.backfill())
          return result
        },
        { maxWait: 10_000, timeout: 60_000 },
      )
      this.notifyCommitted()
      this.afterCommit()
      return result
    })
  }
}

export class SqliteDatabase extends Database {
  readonly #read: PrismaClient | undefined
  /** A read-only better-sqlite3 connection for the hand-written hot read paths (src/db/*-sql.ts). */
  readonly raw: BetterSqlite3.Database
  readonly sql: Sql
  readonly #write: PrismaClient | undefined
  readonly #writeBase: PrismaClient | undefined
  readonly #writeConnection: () => BetterSqlite3.Database
  #writeSql: Sql | undefined
  #checkpointTimer: NodeJS.Timeout | undefined

  private constructor(opts: DatabaseOptions) {
    super(opts.url)
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

  static override async open(opts: DatabaseOptions): Promise<SqliteDatabase> {
    const db = new SqliteDatabase(opts)
    if (db.#read) await configure(db.#read)
    if (db.#writeBase) {
      await configure(db.#writeBase)
      db.#writeConnection().pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`)
      db.backfill()
    }
    return db
  }

  get read(): PrismaClient {
    if (!this.#read) throw new Error('this Database has no read client: it was opened with read: false')
    return this.#read
  }

  protected writer(): PrismaClient {
    if (!this.#write) throw new Error('this Database has no write side: its writes run in the writer thread')
    return this.#write
  }

  protected writerSql(): Sql {
    this.#writeSql ??= sqliteSql(this.#writeConnection())
    return this.#writeSql
  }

  protected async lockForWrite(tx: Tx): Promise<void> {
    // Take the write lock first: a transaction that reads before its first write gets
    // SQLITE_BUSY at once in WAL mode (no busy wait) when another process is writing.
    await tx.$executeRaw`DELETE FROM "Change" WHERE 0`
  }

  protected override afterCommit(): void {
    this.#checkpointWhenIdle()
  }

  /**
   * Checkpoints the WAL (PASSIVE: it neither waits for nor blocks readers) once the writer has been
   * idle for CHECKPOINT_IDLE_MS and no background rebuild runs, so that commits rarely pay for it.
   */
  #checkpointWhenIdle(): void {
    if (this.#checkpointTimer || this.closed) return
    const tick = () => {
      const idleFor = performance.now() - this.lastWriteAsked
      if (this.closed) {
        this.#checkpointTimer = undefined
        return
      }
      if (idleFor < CHECKPOINT_IDLE_MS || this.backfilling) {
        this.#checkpointTimer = setTimeout(tick, Math.max(CHECKPOINT_IDLE_MS - idleFor, 10)).unref()
        return
      }
      this.#checkpointTimer = undefined
      void this.mutex
        .run(async () => {
          if (!this.closed) this.#writeConnection().pragma('wal_checkpoint(PASSIVE)')
        })
        .catch(() => undefined) // a failed checkpoint leaves the WAL to the next one
    }
    this.#checkpointTimer = setTimeout(tick, CHECKPOINT_IDLE_MS).unref()
  }

  async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.#checkpointTimer)
    await this.mutex.run(async () => undefined)
    // Read-only connections first, then checkpoint from the writer, so no -wal file is left behind.
    this.raw.close()
    await this.#read?.$disconnect()
    if (!this.#write || !this.#writeBase) return
    await this.#write.$queryRaw`PRAGMA wal_checkpoint(TRUNCATE)`.catch(() => undefined)
    await this.#writeBase.$disconnect()
  }
}

/** The read-only better-sqlite3 connection of a SQLite database (tests and tools that inspect the file). */
export function sqliteConnection(db: Database): BetterSqlite3.Database {
  if (!(db instanceof SqliteDatabase)) throw new Error('not a SQLite database')
  return db.raw
}
