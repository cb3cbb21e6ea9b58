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
