import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readdirSync } from 'node:fs'
import { migrationTarget } from '../../src/db/schema-engine.js'
import { removeDatabases, type TestApp, testApp } from '../helpers/app.js'

/** The committed migrations of the test app's database (each provider has its own folder). */
const migrations = (t: TestApp) =>
  readdirSync(migrationTarget(t.config.DATABASE_URL).migrationsDir, { withFileTypes: true }).filter((e) =>
    e.isDirectory(),
  ).length

describe('health and readiness', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await testApp({ seed: true })
  })
  afterAll(async () => {
    await t.close()
    removeDatabases()
  })

  it('GET /health answers ok', async () => {
    const res = await request(t.app.server).get('/health')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'ok' })
  })

  it('GET /ready reports applied migrations and the seeded article', async () => {
    const res = await request(t.app.server).get('/ready')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'ready', migrations: migrations(t), articles: 1 })
  })

  it('GET /ready is 503 problem+json when a migration is missing', async () => {
    await t.app.db.read.$executeRaw`DELETE FROM _prisma_migrations`
    const res = await request(t.app.server).get('/ready')
    expect(res.status).toBe(503)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.body.code).toBe('unavailable')
  })
})
