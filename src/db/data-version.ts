// Change detection for the response cache. SQLite-specific: `PRAGMA data_version` on a connection
// of its own changes whenever another connection (our writer, or another process such as
// `npm run seed`) commits to the file. A PostgreSQL deployment replaces this with a version row
// bumped by triggers, or LISTEN/NOTIFY.
import Database from 'better-sqlite3'
import { sqlitePath } from './schema-engine.js'

export class DataVersion {
  readonly #db: Database.Database
  readonly #stmt: Database.Statement
  #local = 0

  constructor(databaseUrl: string) {
    this.#db = new Database(sqlitePath(databaseUrl), { readonly: true, fileMustExist: true })
    this.#stmt = this.#db.prepare('PRAGMA data_version').pluck()
  }

  /** An opaque token that differs after any committed write by any connection or process. */
  current(): string {
    return `${this.#stmt.get() as number}:${this.#local}`
  }

  /** Called by in-process writers after commit, so the change is seen without relying on timing. */
  bump(): void {
    this.#local++
  }

  close(): void {
    this.#db.close()
  }
}
