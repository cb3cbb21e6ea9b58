// npm run seed: migrate if needed, then load every brief in seeds/ (idempotent).
import { loadSeeds, SeedError } from '../src/ingest/seed.js'
import { ConfigError, loadConfig } from '../src/config.js'
import { Database } from '../src/db/database.js'
import { migrate } from '../src/db/migrate.js'

try {
  const config = loadConfig()
  const { applied } = await migrate(config.DATABASE_URL)
  if (applied.length > 0) console.log(`migrations applied: ${applied.join(', ')}`)
  const db = await Database.open({ url: config.DATABASE_URL, busyTimeoutMs: config.BUSY_TIMEOUT_MS })
  try {
    const results = await loadSeeds(db)
    for (const r of results)
      console.log(
        `${r.file} -> ${r.slug}: ${r.status} (article ${r.articleId}; ${Object.keys(r.actors).length} actors, ${Object.keys(r.claims).length} claims, ${Object.keys(r.events).length} events)${r.extracted ? '; extracted automatically from raw text: unreviewed, check it before relying on it' : ''}`,
      )
    const counts = await Promise.all([
      db.read.article.count(),
      db.read.actor.count(),
      db.read.claim.count(),
      db.read.event.count(),
    ])
    console.log(`database: ${counts[0]} articles, ${counts[1]} actors, ${counts[2]} claims, ${counts[3]} events`)
  } finally {
    await db.close()
  }
} catch (err) {
  if (err instanceof SeedError || err instanceof ConfigError) {
    console.error(`seed failed: ${err.message}`)
    process.exit(1)
  }
  throw err
}
