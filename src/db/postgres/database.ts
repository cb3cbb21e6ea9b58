// PostgreSQL's connections for one app instance (docs/decisions.md, "PostgreSQL"):
// - `read`: the PostgreSQL Prisma client (generated from prisma/postgres/schema.prisma) on a pool of
//   its own, typed as the SQLite client: the two take the same queries, since both schemas are the
//   one model (test/foundation/pg-schema.test.ts), and the app is written against one type.
// - `sql`: the hand-written readers' SQL on a second pool (src/db/postgres/sql.ts).
// - the writer: a Prisma client on a pool of one connection, so that the hand-written statements of
//   a write transaction run on the connection the transaction holds.
// Writes from every instance take turns: each write transaction first takes a transaction-scoped
// advisory lock, so two instances ingesting briefs that share a new actor create it once (the
// second sees the first's commit), and the change feed's ids are assigned in commit order.
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import type { PrismaClient } from '../../generated/prisma/client.js'
import { PrismaClient as PostgresPrismaClient } from '../../generated/prisma-pg/client.js'
import { Database, type DatabaseOptions, type Tx } from '../database.js'
import type { Sql } from '../sql.js'
import { pgConfig } from './connection.js'
import { postgresClientSql, postgresPoolSql } from './sql.js'

/** The advisory lock every write transaction takes first (any constant shared by the instances). */
export const WRITE_LOCK = 0x67656f62 // "geob"

/** Connections per pool: the read Prisma client's and the readers' SQL. */
const READ_POOL = 5
const SQL_POOL = 10

/** Collations whose order is byte order, as SQLite's: ORDER BY and keyset cursors agree on both. */
const BYTE_ORDER = new Set(['C', 'POSIX'])

/** The PostgreSQL client under the SQLite client's type (see the header). */
function prismaOn(pool: pg.Pool): PrismaClient {
  return new PostgresPrismaClient({ adapter: new PrismaPg(pool) }) as unknown as PrismaClient
}

export class PostgresDatabase extends Database {
  readonly sql: Sql
  readonly #read: PrismaClient
  readonly #write: PrismaClient | undefined
  readonly #pools: pg.Pool[] = []
  /** The connection the open write transaction holds (the write pool's only one). */
  #writeConnection: pg.PoolClient | undefined
  readonly #writerPids = new Set<number>()

  private constructor(opts: DatabaseOptions) {
    super(opts.url)
    const config = pgConfig(opts.url)
    const pool = (max: number) => {
      const p = new pg.Pool({ ...config, max })
      // An idle connection that breaks (a server restart) is dropped by the pool; a query on it fails.
      p.on('error', () => undefined)
      this.#pools.push(p)
      return p
    }
    this.#read = prismaOn(pool(READ_POOL))
    this.sql = postgresPoolSql(pool(SQL_POOL))
    if (opts.write !== false) {
      const writePool = pool(1)
      const connect = writePool.connect.bind(writePool)
      // Prisma takes the pool's connection for each transaction: keep it for writerSql().
      writePool.connect = (async () => {
        const c = await connect()
        this.#writeConnection = c
        const pid = (c as unknown as { processID?: number }).processID // a pg.Client field its types omit
        if (pid !== undefined) this.#writerPids.add(pid)
        return c
      }) as typeof writePool.connect
      this.#write = prismaOn(writePool)
    }
  }

  static override async open(opts: DatabaseOptions): Promise<PostgresDatabase> {
    const db = new PostgresDatabase(opts)
    try {
      const row = await db.sql.get<{ collation: string }>(
        'SELECT datcollate AS collation FROM pg_database WHERE datname = current_database()',
      )
      if (!row || !BYTE_ORDER.has(row.collation))
        throw new Error(
          `the database's collation is ${row?.collation}: Geobrief needs C (CREATE DATABASE … LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0), so that orderings and cursors are byte order as on SQLite`,
        )
      await db.#read.$connect()
      if (db.#write) db.backfill()
      return db
    } catch (error) {
      await db.close()
      throw error
    }
  }

  get read(): PrismaClient {
    return this.#read
  }

  protected writer(): PrismaClient {
    if (!this.#write) throw new Error('this Database has no write side')
    return this.#write
  }

  protected writerSql(): Sql {
    if (!this.#writeConnection) throw new Error('no write transaction is open')
    return postgresClientSql(this.#writeConnection)
  }

  override isOwnWriter(pid: number): boolean {
    return this.#writerPids.has(pid)
  }

  protected async lockForWrite(tx: Tx): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`
  }

  async close(): Promise<void> {
    this.closed = true
    await this.mutex.run(async () => undefined)
    await this.#read.$disconnect().catch(() => undefined)
    await this.#write?.$disconnect().catch(() => undefined)
    await Promise.all(this.#pools.map((p) => p.end().catch(() => undefined)))
  }
}
