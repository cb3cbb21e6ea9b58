// The benchmark compares Geobrief with a hand-written SQL baseline; this proves both answer the
// benchmarked routes with the same JSON (compared after parsing), so the comparison is honest.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { baselineApp } from '../../bench/baseline.js'
import { generate } from '../../bench/generate.js'
import { buildApp } from '../../src/app.js'
import { testConfig } from '../../src/config.js'

describe('bench baseline answers like Geobrief', () => {
  let dir: string
  let file: string
  let geobrief: FastifyInstance
  let baseline: FastifyInstance
  const sample: { ids: string[]; actors: string[] } = { ids: [], actors: [] }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'geobrief-bench-'))
    file = path.join(dir, 'bench.db')
    await generate({ articles: 60, seed: 7, file, via: 'bulk', actors: 200 })
    const db = new Database(file, { readonly: true })
    sample.ids = (db.prepare('SELECT id FROM "Article" ORDER BY id LIMIT 8').pluck().all() as string[]).concat(
      db.prepare('SELECT slug FROM "Article" ORDER BY id DESC LIMIT 2').pluck().all() as string[],
    )
    sample.actors = db
      .prepare(
        'SELECT a.slug FROM "Actor" a JOIN "ArticleActor" x ON x."actorId" = a.id GROUP BY a.id ORDER BY count(*) DESC LIMIT 6',
      )
      .pluck()
      .all() as string[]
    db.close()
    geobrief = await buildApp(testConfig({ DATABASE_URL: `file:${file}`, CACHE_MAX_BYTES: 0 }))
    baseline = baselineApp(file)
    await Promise.all([geobrief.ready(), baseline.ready()])
  })
  afterAll(async () => {
    await geobrief?.close()
    await baseline?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  async function same(url: string): Promise<void> {
    const [a, b] = await Promise.all([geobrief.inject({ url }), baseline.inject({ url })])
    expect(a.statusCode, `${url} ${a.body.slice(0, 300)}`).toBe(200)
    expect(b.statusCode, `${url} ${b.body.slice(0, 300)}`).toBe(200)
    expect(b.json(), url).toEqual(a.json())
  }

  it('full briefs by id and by slug', async () => {
    expect(sample.ids.length).toBe(10)
    for (const id of sample.ids) await same(`/v1/articles/${id}/brief`)
  })

  it('articles filtered by actor and date range, with the same next cursor', async () => {
    for (const actor of sample.actors) {
      await same(`/v1/articles?actor=${actor}&publishedFrom=2016&publishedTo=2025-12`)
      await same(`/v1/articles?actor=${actor}&publishedFrom=2019-03&publishedTo=2023&limit=5`)
      await same(`/v1/articles?actor=${actor}`)
      await same(`/v1/articles?actor=${actor}&publishedFrom=2020`)
    }
    await same('/v1/articles?actor=no-such-actor')
  })

  it('articles filtered by topic, with the same next cursor', async () => {
    for (const topic of ['security', 'treaty', 'no-such-topic']) await same(`/v1/articles?topic=${topic}`)
    await same('/v1/articles?topic=trade&limit=3')
  })

  it('health, the benchmark reference', async () => {
    await same('/health')
  })

  it('timelines of actors', async () => {
    for (const actor of sample.actors) await same(`/v1/timeline?actor=${actor}`)
  })

  it('search for common words', async () => {
    for (const q of ['security', 'hotline', 'treaty']) await same(`/v1/search?q=${q}`)
  })
})
