// npm run seed with raw text: a *.txt in seeds/ that no brief there holds as its source is extracted
// and stored as an automatic, unreviewed brief; seeding again changes nothing; a text that a brief
// holds (the seed's own page) is not extracted again.
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSeeds, rawSeedFiles } from '../../src/ingest/seed.js'
import { removeDatabases, type TestApp, testApp } from '../helpers/app.js'
import { call } from '../helpers/http.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const PAGE = path.resolve(ROOT, '../shared/eval/dev/05_ap-russia-cargo-ship-breakup.txt')

describe('seeding raw article text', () => {
  let t: TestApp
  let dir = ''

  beforeAll(async () => {
    t = await testApp()
    dir = mkdtempSync(path.join(os.tmpdir(), 'geobrief-seeds-'))
    for (const f of readdirSync(path.join(ROOT, 'seeds'))) copyFileSync(path.join(ROOT, 'seeds', f), path.join(dir, f))
    copyFileSync(PAGE, path.join(dir, 'zz-news.txt'))
  })
  afterAll(async () => {
    await t.close()
    removeDatabases()
  })

  it('only the text no brief holds is raw', async () => {
    expect((await rawSeedFiles(dir)).map((f) => path.basename(f))).toEqual(['zz-news.txt'])
  })

  it('stores it as an automatic, unreviewed brief, once', async () => {
    const first = await loadSeeds(t.app.db, undefined, dir)
    expect(first.map((r) => [r.file, r.status, r.extracted])).toEqual([
      ['china-japan-relations.brief.json', 'created', false],
      ['zz-news.txt', 'created', true],
    ])
    const slug = first[1]?.slug as string
    const claims = (await call(t, 'get', `/v1/claims?article=${slug}&limit=100`)).body.data as Array<{
      extraction: { method: string; reviewed: boolean }
    }>
    expect(claims.length).toBeGreaterThan(0)
    for (const c of claims) expect(c.extraction).toMatchObject({ method: 'automatic', reviewed: false })
    const unreviewed = (await call(t, 'get', `/v1/claims?article=${slug}&reviewed=false&limit=100`)).body.data
    expect(unreviewed).toHaveLength(claims.length)

    const again = await loadSeeds(t.app.db, undefined, dir)
    expect(again.map((r) => r.status)).toEqual(['unchanged', 'unchanged'])
  })
})
