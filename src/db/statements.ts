// Prepared statements for SQL assembled from a fixed set of clauses (filters present or not, sort,
// cursor): each distinct text is prepared once and reused. The set of texts is bounded by the
// combinations of clauses, never by user values, which are always bound parameters.
import type BetterSqlite3 from 'better-sqlite3'

export function statementCache(db: BetterSqlite3.Database): (sql: string) => BetterSqlite3.Statement {
  const statements = new Map<string, BetterSqlite3.Statement>()
  return (sql) => {
    let s = statements.get(sql)
    if (!s) {
      s = db.prepare(sql)
      statements.set(sql, s)
    }
    return s
  }
}

/** A conjunction of SQL conditions with their bound parameters, in text order. */
export class Where {
  readonly terms: string[] = []
  readonly params: unknown[] = []

  /** Adds a condition and its parameters. */
  add(sql: string, ...params: unknown[]): this {
    this.terms.push(sql)
    this.params.push(...params)
    return this
  }

  /** Adds a condition with one parameter only when the value is given (an optional filter). */
  when(value: unknown, sql: string, param: unknown = value): this {
    return value === undefined ? this : this.add(sql, param)
  }

  get sql(): string {
    return this.terms.join(' AND ')
  }
}
