// Screenshot of a brief page for the README: starts the app on a temporary database holding the seed
// brief, opens /briefs/<seed slug> in headless Chromium at 1280 px wide and writes docs/brief-page.png
// (the top 2,000 px of the page). Run: npx tsx scripts/brief-screenshot.ts [out.png]
// CHROMIUM_PATH names the browser (default /usr/bin/chromium, Debian's package).
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { buildApp } from '../src/app.js'
import { testConfig } from '../src/config.js'
import { migrate } from '../src/db/migrate.js'
import { loadSeeds } from '../src/ingest/seed.js'
import { SEED_SLUG } from './robustness/briefs.js'

const out = path.resolve(process.argv[2] ?? 'docs/brief-page.png')
const WIDTH = 1280
const MAX_HEIGHT = 2000

const dir = mkdtempSync(path.join(os.tmpdir(), 'geobrief-screenshot-'))
const url = `file:${path.join(dir, 'screenshot.db')}`
await migrate(url)
const app = await buildApp(testConfig({ DATABASE_URL: url }))
try {
  await loadSeeds(app)
  const origin = await app.listen({ port: 0, host: '127.0.0.1' })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  })
  try {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: 900 } })
    await page.goto(`${origin}/briefs/${SEED_SLUG}`, { waitUntil: 'load' })
    const height = await page.evaluate<number>('document.documentElement.scrollHeight')
    await page.setViewportSize({ width: WIDTH, height: Math.min(height, MAX_HEIGHT) })
    await page.screenshot({ path: out, clip: { x: 0, y: 0, width: WIDTH, height: Math.min(height, MAX_HEIGHT) } })
    console.log(
      `wrote ${path.relative(process.cwd(), out)} (${WIDTH}×${Math.min(height, MAX_HEIGHT)}, page ${height} px high)`,
    )
  } finally {
    await browser.close()
  }
} finally {
  await app.close()
  rmSync(dir, { recursive: true, force: true })
}
