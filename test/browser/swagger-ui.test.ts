// Swagger UI renders the OpenAPI 3.1 document in a real browser (headless Chromium): every operation
// of /docs/json is listed, with no page error and no console error under the docs' own CSP, and a
// request tried from the UI reaches the API and shows its answer.
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fileTestApp, type TestApp } from '../helpers/app.js'
import { listen } from '../helpers/http.js'

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage']

let t: TestApp
let origin: string
let browser: Browser

fileTestApp({ seed: true }, async (app) => {
  t = app
  origin = await listen(t)
})

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS })
})
afterAll(async () => {
  await browser?.close()
})

describe('Swagger UI at /docs', () => {
  it('lists every operation of the 3.1 document, without errors, and tries one out', async () => {
    const doc = (await (await fetch(`${origin}/docs/json`)).json()) as {
      openapi: string
      paths: Record<string, Record<string, unknown>>
    }
    expect(doc.openapi).toMatch(/^3\.1\./)
    const operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0)

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const problems: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`)
    })
    page.on('pageerror', (e) => problems.push(`page: ${e.message}`))
    await page.goto(`${origin}/docs`, { waitUntil: 'load' })
    await page.waitForSelector('.opblock', { timeout: 15_000 })
    expect(await page.locator('.opblock').count()).toBe(operations)
    // The UI reports errors in the document it parsed in an errors pane.
    expect(await page.locator('.errors-wrapper').count()).toBe(0)

    // Run GET /health from the UI (try-it-out is on from the start, plugins/docs.ts): the request
    // leaves the page and its answer is shown.
    const health = page.locator('#operations-system-getHealth')
    await health.locator('.opblock-summary').click()
    await health.locator('button.execute').click()
    await health.locator('.live-responses-table tr.response td.response-col_status').waitFor({ timeout: 10_000 })
    expect(await health.locator('.live-responses-table tr.response td.response-col_status').textContent()).toContain(
      '200',
    )
    expect(problems).toEqual([])
    await page.close()
  })
})
