// npm run key:create -- --scope write|admin [--name NAME]
// Prints the new key once, alone on the last line. Only its hash is stored.
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from '../src/config.js'
import { Database } from '../src/db/database.js'
import { migrate } from '../src/db/migrate.js'
import { createKey, SCOPES, type Scope } from '../src/db/keys.js'

const { values } = parseArgs({ options: { scope: { type: 'string' }, name: { type: 'string' } } })
const scope = values.scope as Scope
if (!SCOPES.includes(scope)) {
  console.error('usage: npm run key:create -- --scope write|admin [--name NAME]')
  process.exit(2)
}
const name = values.name ?? `${scope}-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`
try {
  const config = loadConfig()
  await migrate(config.DATABASE_URL)
  const db = await Database.open({ url: config.DATABASE_URL, busyTimeoutMs: config.BUSY_TIMEOUT_MS })
  try {
    if (await db.read.apiKey.findUnique({ where: { name } })) {
      console.error(`a key named "${name}" exists already; choose another --name`)
      process.exit(1)
    }
    const { key, token } = await createKey(db.read, scope, name)
    console.log(`created key "${key.name}" (${key.id}, scope ${key.scope}); it is shown once, store it now:`)
    console.log(token)
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
