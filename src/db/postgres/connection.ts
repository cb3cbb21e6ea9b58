// PostgreSQL connection settings from a DATABASE_URL. Every pg pool and client of the project is
// built from pgConfig(), never from a bare connection string: the schema engine's shadow database
// must be reached by a `database` field, which pg ignores when a connectionString is also given.
import type pg from 'pg'

export function isPostgresUrl(url: string): boolean {
  return url.startsWith('postgresql://') || url.startsWith('postgres://')
}

/** postgresql://user:password@host:port/database?... as discrete pg settings. */
export function pgConfig(url: string): pg.ClientConfig & { database: string } {
  const u = new URL(url)
  const sslmode = u.searchParams.get('sslmode')
  return {
    host: decodeURIComponent(u.hostname),
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username) || undefined,
    password: decodeURIComponent(u.password) || undefined,
    database: decodeURIComponent(u.pathname.slice(1)) || 'postgres',
    ssl: sslmode && sslmode !== 'disable' ? { rejectUnauthorized: sslmode === 'verify-full' } : undefined,
    application_name: 'geobrief',
  }
}

/** The same server with another database name (per-test databases, the template, the shadow). */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${encodeURIComponent(database)}`
  return u.toString()
}

/** A PostgreSQL identifier, double-quoted (database names made by tests and the engine). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}
