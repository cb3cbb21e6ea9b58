// Entry point: config -> migrate -> seed an empty database -> listen -> graceful shutdown.
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { seedIfEmpty } from './ingest/seed.js'
import { ConfigError, loadConfig } from './config.js'
import { migrate } from './db/migrate.js'

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(78) // EX_CONFIG
    }
    throw err
  }
  const started = performance.now()
  const { applied } = await migrate(config.DATABASE_URL)
  const app = await buildApp(config, { pretty: config.LOG_PRETTY ?? process.stdout.isTTY })
  if (applied.length > 0) app.log.info({ applied }, 'migrations applied')
  await app.ready()
  if (config.SEED_ON_START) {
    const seeded = await seedIfEmpty(app, app.log)
    if (seeded > 0) app.log.info({ briefs: seeded }, 'empty database: seed briefs loaded')
  }

  closeWithGrace({ delay: config.SHUTDOWN_GRACE_MS }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error')
    else app.log.info({ signal }, 'shutting down')
    await app.close()
  })

  await app.listen({ port: config.PORT, host: config.HOST })
  app.log.info({ ms: Math.round(performance.now() - started) }, 'ready')
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
