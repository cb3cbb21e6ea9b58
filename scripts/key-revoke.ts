// npm run key:revoke -- NAME
import { ConfigError, loadConfig } from '../src/config.js'
import { Database } from '../src/db/database.js'
import { migrate } from '../src/db/migrate.js'
import { revokeKey } from '../src/db/keys.js'

const name = process.argv[2]
if (!name) {
  console.error('usage: npm run key:revoke -- NAME')
  process.exit(2)
}
try {
  const config = loadConfig()
  await migrate(config.DATABASE_URL)
  const db = await Database.open({ url: config.DATABASE_URL, busyTimeoutMs: config.BUSY_TIMEOUT_MS })
  try {
    if (!(await revokeKey(db.read, name))) {
      console.error(`no active key named "${name}"`)
      process.exit(1)
    }
    console.log(`revoked key "${name}"`)
  } finally {
    await db.close()
  }
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message)
    process.exit(78)
  }
  throw err
}
