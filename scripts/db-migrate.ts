// npm run db:migrate: apply the committed migrations to DATABASE_URL.
import { ConfigError, loadConfig } from '../src/config.js'
import { migrate } from '../src/db/migrate.js'

try {
  const config = loadConfig()
  const { applied } = await migrate(config.DATABASE_URL)
  console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'database is up to date')
  // The schema engine leaves a 10 s timer armed after taking PostgreSQL's advisory lock.
  process.exit(0)
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message)
    process.exit(78)
  }
  throw err
}
