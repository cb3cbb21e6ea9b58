// Change detection for the response cache: an opaque token that differs after any committed write,
// by any connection, process or instance.
// - SQLite: `PRAGMA data_version` on a connection of its own changes whenever another connection
//   (our writer, or another process such as `npm run seed`) commits to the file.
// - PostgreSQL: src/db/postgres/data-version.ts (a version row bumped in every writing transaction,
//   and LISTEN to hear of other instances' commits at once).
import Database from 'better-sqlite3'
import { isPostgresUrl } from './postgres/connection.js'
import { sqlitePath } from './schema-engine.js'
import type { Sql } from './sql.js'

export interface DataVersion {
  /** A token that differs after any committed write by any connection, process or instance. */
  current(): Promise<string>
  /** Called by in-process writers after commit, so the change is seen without relying on timing. */
  bump(): void
  /**
   * Calls fn when another instance may have written, as soon as this one hears of it (PostgreSQL's
   * NOTIFY), or when it may have missed such news (a lost connection). Never called on SQLite,
   * whose token is read from the file itself.
   */
  onExternalChange(fn: () => void): void
  close(): Promise<void>
}

/**
 * The data version of a database; `own(pid)` tells this instance's write connections on PostgreSQL,
 * whose notifications are not news (the in-process bump already told of those commits).
 */
export async function openDataVersion(
  databaseUrl: string,
  sql: Sql,
  own: (pid: number) => boolean = () => false,
): Promise<DataVersion> {
  if (isPostgresUrl(databaseUrl)) {
    const { PostgresDataVersion } = await import('./postgres/data-version.js')
    return PostgresDataVersion.open(databaseUrl, sql, own)
  }
  return new SqliteDataVersion(databaseUrl)
}

class SqliteDataVersion implements DataVersion {
  readonly #db: Database.Database
  readonly #stmt: Database.Statement
  #local = 0

  constructor(databaseUrl: string) {
    this.#db = new Database(sqlitePath(databaseUrl), { readonly: true, fileMustExist: true })
    this.#stmt = this.#db.prepare('PRAGMA data_version').pluck()
  }

  async current(): Promise<string> {
    return `${this.#stmt.get() as number}:${this.#local}`
  }

  bump(): void {
    this.#local++
  }

  onExternalChange(): void {}

  async close(): Promise<void> {
    this.#db.close()
  }
}
