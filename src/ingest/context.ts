import type { ChangeRow } from '../db/changes.js'
import type { Tx } from '../db/database.js'
import type { Sql } from '../db/sql.js'
import type { Brief } from '../domain/brief.schema.js'

/** What every step of one ingest shares: its transaction, the completed brief, the key, the changes so far. */
export interface IngestContext {
  tx: Tx
  /** The connection under tx, for the set-based inserts of src/db/rows.ts (same transaction) */
  sql: Sql
  brief: Brief
  keyId: string | null
  /** Collected as the brief is written and appended to the change feed last, in one statement. */
  changes: ChangeRow[]
}
