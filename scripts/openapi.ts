// npm run openapi: writes the OpenAPI document the app serves at /docs/json (for linting and clients).
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildApp } from '../src/app.js'
import { testConfig } from '../src/config.js'
import { migrate } from '../src/db/migrate.js'

const out = process.argv[2] ?? 'openapi.json'
mkdirSync(path.dirname(path.resolve(out)), { recursive: true })
const dir = path.join(os.tmpdir(), `geobrief-openapi-${process.pid}`)
mkdirSync(dir, { recursive: true })
const url = `file:${path.join(dir, 'doc.db')}`
await migrate(url)
const app = await buildApp(testConfig({ DATABASE_URL: url }))
await app.ready()
writeFileSync(out, `${JSON.stringify(app.swagger(), null, 2)}\n`)
await app.close()
console.log(`wrote ${out}`)
