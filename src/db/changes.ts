import type { Tx } from './database.js'
import { insertRows } from './rows.js'
import type { Sql } from './sql.js'

export type Entity = 'article' | 'actor' | 'claim' | 'event'
export type Action = 'created' | 'updated' | 'deleted' | 'merged'

/** One entry of the change feed (GET /v1/changes). */
export interface ChangeRow {
  entity: Entity
  entityId: string
  action: Action
  keyId: string | null
}

/** Appends to the change feed (GET /v1/changes), inside the write transaction that made the change. */
export async function recordChange(
  tx: Tx,
  entity: Entity,
  entityId: string,
  action: Action,
  keyId: string | null,
  mergedInto: string | null = null,
): Promise<void> {
  await tx.change.create({ data: { entity, entityId, action, keyId, mergedInto } })
}

/** Appends many changes in one statement (ingest collects a brief's changes and writes them last). */
export async function recordChanges(sql: Sql, changes: ChangeRow[]): Promise<void> {
  await insertRows(sql, 'Change', changes)
}
