// Hand-written SQL on either database, behind one interface (docs/decisions.md, "One SQL layer, two
// databases"). Statements are written once, in SQLite's dialect with `?` parameters; on PostgreSQL
// they are translated by src/db/postgres/dialect.ts, or given in both dialects where the two differ
// beyond what it rewrites. Rows look the same on both: numbers as JS numbers, booleans as 1/0, JSON
// columns as JSON text, timestamps as ISO 8601 text, as better-sqlite3 returns SQLite's.
//
// A reader that needs several statements in one consistent snapshot (a brief, records with their
// relations) is a Program: a generator that yields each statement and receives its rows. SQLite runs
// it synchronously in one read transaction, as before; PostgreSQL runs it in one REPEATABLE READ
// transaction. The reader's logic is written once.
import type BetterSqlite3 from 'better-sqlite3'

export type Dialect = 'sqlite' | 'postgres'

/** A statement's text: SQLite's, translated for PostgreSQL, or one text per dialect. */
export type SqlText = string | { readonly sqlite: string; readonly postgres: string }

type Mode = 'all' | 'get' | 'pluck' | 'run'

/** One statement of a Program. */
export interface Step {
  readonly text: SqlText
  readonly params: readonly unknown[]
  readonly mode: Mode
}

/** A read made of several statements, run in one snapshot by Sql.snapshot. */
export type Program<T> = Generator<Step, T, unknown>

/** Rows of a statement, inside a Program: `const rows = yield* all<Row>(sql, params)`. */
export function* all<R>(text: SqlText, params: readonly unknown[] = []): Generator<Step, R[], unknown> {
  return (yield { text, params, mode: 'all' }) as R[] // the statement's SELECT list is R
}

/** The first row of a statement, or undefined, inside a Program. */
export function* get<R>(text: SqlText, params: readonly unknown[] = []): Generator<Step, R | undefined, unknown> {
  return (yield { text, params, mode: 'get' }) as R | undefined // the statement's SELECT list is R
}

/** The first column of every row, inside a Program. */
export function* pluck<V>(text: SqlText, params: readonly unknown[] = []): Generator<Step, V[], unknown> {
  return (yield { text, params, mode: 'pluck' }) as V[] // the statement selects one column of type V
}

export interface Sql {
  readonly dialect: Dialect
  all<R>(text: SqlText, params?: readonly unknown[]): Promise<R[]>
  get<R>(text: SqlText, params?: readonly unknown[]): Promise<R | undefined>
  pluck<V>(text: SqlText, params?: readonly unknown[]): Promise<V[]>
  /** Runs a writing statement; resolves to the number of rows it changed. */
  run(text: SqlText, params?: readonly unknown[]): Promise<number>
  /** Runs a Program's statements in one snapshot. */
  snapshot<T>(program: () => Program<T>): Promise<T>
}

/** The text of a statement for a dialect (translation aside). */
export function textFor(text: SqlText, dialect: Dialect): string {
  return typeof text === 'string' ? text : text[dialect]
}

/**
 * SQL on a better-sqlite3 connection. Statements are prepared once per connection and text, with
 * numbers as JS numbers; a Program runs synchronously inside one transaction (one snapshot).
 */
export function sqliteSql(db: BetterSqlite3.Database): Sql {
  const cached = new Map<string, BetterSqlite3.Statement>()
  const statement = (text: SqlText, mode: Mode): BetterSqlite3.Statement => {
    const sql = textFor(text, 'sqlite')
    const key = mode === 'pluck' ? `pluck:${sql}` : sql
    let s = cached.get(key)
    if (!s) {
      s = db.prepare(sql)
      if (s.reader) {
        s.safeIntegers(false)
        if (mode === 'pluck') s.pluck()
      }
      // The project's texts are bounded by the combinations of their clauses; past this many
      // (which none reaches), statements are prepared each time rather than kept.
      if (cached.size < 1000) cached.set(key, s)
    }
    return s
  }
  const exec = (text: SqlText, params: readonly unknown[], mode: Mode): unknown => {
    const s = statement(text, mode)
    if (mode === 'run') return s.run(...params).changes
    if (mode === 'get') return s.get(...params)
    return s.all(...params)
  }
  const drive = <T>(program: Program<T>): T => {
    let next = program.next()
    while (!next.done) next = program.next(exec(next.value.text, next.value.params, next.value.mode))
    return next.value
  }
  return {
    dialect: 'sqlite',
    all: async (text, params = []) => exec(text, params, 'all') as never, // rows as the caller's SELECT names them
    get: async (text, params = []) => exec(text, params, 'get') as never,
    pluck: async (text, params = []) => exec(text, params, 'pluck') as never,
    run: async (text, params = []) => exec(text, params, 'run') as number,
    snapshot: async (program) => (db.inTransaction ? drive(program()) : db.transaction(() => drive(program()))()),
  }
}

/** Runs a Program with an asynchronous executor (PostgreSQL), statement after statement. */
export async function driveAsync<T>(
  program: Program<T>,
  exec: (text: SqlText, params: readonly unknown[], mode: Mode) => Promise<unknown>,
): Promise<T> {
  let next = program.next()
  while (!next.done) next = program.next(await exec(next.value.text, next.value.params, next.value.mode))
  return next.value
}
