// Set-based inserts on the writer's connection: ingest's hot path (docs/decisions.md, "Ingest in a
// handful of statements"). Rows are Prisma's create-many input objects, written as Prisma's SQLite
// adapter writes them: booleans as 0/1, Json as JSON text, DateTime as ISO 8601 with "+00:00" (the
// adapter's `iso8601` format), createdAt/updatedAt filled like @default(now()) and @updatedAt.
// PostgreSQL reads the same text as boolean, jsonb and timestamp input. Statements are prepared
// once per connection and column list (src/db/sql.ts).
import { CREATE_MANY_CHUNK, maybeYield } from './database.js'
import type { Sql } from './sql.js'

/** The timestamp columns Prisma fills on create, per table the hand-written inserts write. */
const STAMPED: Readonly<Record<string, readonly string[]>> = {
  Article: ['createdAt', 'updatedAt'],
  ArticleTopic: [],
  ArticleActor: [],
  Actor: ['createdAt', 'updatedAt'],
  ActorAlias: [],
  ActorAffiliation: [],
  Claim: ['createdAt', 'updatedAt'],
  ClaimActor: [],
  ClaimLink: [],
  Event: ['createdAt', 'updatedAt'],
  EventParticipant: [],
  EventReport: ['createdAt'],
  Change: ['at'],
}

export type Table = keyof typeof STAMPED

/** Now, as Prisma's SQLite adapter stores a DateTime. */
export function storedNow(): string {
  return storedTime(new Date())
}

export function storedTime(d: Date): string {
  return d.toISOString().replace('Z', '+00:00')
}

type Cell = string | number | bigint | null

function cell(v: unknown): Cell {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') return v
  if (typeof v === 'boolean') return v ? 1 : 0
  if (v instanceof Date) return storedTime(v)
  return JSON.stringify(v) // Json columns: arrays and objects
}

export interface InsertOptions {
  /** Conflict target columns: a row that conflicts on them is skipped (ON CONFLICT DO NOTHING). */
  skipConflictOn?: readonly string[]
}

/**
 * Inserts rows into a table in the caller's transaction; returns how many were inserted. Columns
 * a row leaves undefined take their database default, as with Prisma's createMany. Between chunks
 * of rows the event loop may turn, as between the write client's statements.
 */
export async function insertRows(
  sql: Sql,
  table: Table,
  rows: readonly object[],
  opts: InsertOptions = {},
): Promise<number> {
  if (rows.length === 0) return 0
  const now = storedNow()
  const stamped = STAMPED[table] ?? []
  const conflict = opts.skipConflictOn
    ? ` ON CONFLICT (${opts.skipConflictOn.map((c) => `"${c}"`).join(', ')}) DO NOTHING`
    : ''
  const prepared = rows.map((row) => {
    const columns: string[] = []
    const values: Cell[] = []
    for (const [k, v] of Object.entries(row)) {
      if (v === undefined) continue
      columns.push(k)
      values.push(cell(v))
    }
    for (const k of stamped)
      if (!columns.includes(k)) {
        columns.push(k)
        values.push(now)
      }
    return { columns, values }
  })
  // SQLite: a prepared statement per row costs microseconds. PostgreSQL: each statement is a round
  // trip, so consecutive rows with the same columns go in one statement of up to CREATE_MANY_CHUNK.
  const perStatement = sql.dialect === 'postgres' ? CREATE_MANY_CHUNK : 1
  let inserted = 0
  for (let i = 0; i < prepared.length; ) {
    await maybeYield()
    const { columns } = prepared[i] as (typeof prepared)[number]
    let j = i + 1
    if (perStatement > 1) {
      const key = columns.join('\u0000')
      while (j < prepared.length && j - i < perStatement && prepared[j]?.columns.join('\u0000') === key) j++
    }
    const tuple = `(${columns.map(() => '?').join(', ')})`
    const text = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${Array(j - i)
      .fill(tuple)
      .join(', ')}${conflict}`
    inserted += await sql.run(
      text,
      prepared.slice(i, j).flatMap((r) => r.values),
    )
    i = j
  }
  return inserted
}
