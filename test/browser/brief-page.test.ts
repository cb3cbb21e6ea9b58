// The brief pages in a real browser (headless Chromium through playwright-core): the seed page renders
// under its CSP without errors, shows every evidence span, a highlight opens its note (:target) by
// mouse and by keyboard; the hostile brief runs nothing and fetches nothing off the server's origin;
// the index's search form finds briefs and links to their pages.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Brief } from '../../src/domain/brief.schema.js'
import { fileTestApp, SEED_SLUG, type TestApp } from '../helpers/app.js'
import { HOSTILE, hostileBrief, ingest } from '../helpers/briefs.js'
import { getJson, listen } from '../helpers/http.js'

const HOSTILE_SLUG = 'hostile-brief'
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
]

let t: TestApp
let origin: string
let browser: Browser

fileTestApp({ seed: true }, async (app) => {
  t = app
  await ingest(t, hostileBrief(HOSTILE_SLUG))
  origin = await listen(t)
})

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS })
})
afterAll(async () => {
  await browser?.close()
})

/** What a page did: console messages, uncaught errors, dialogs opened, every request made. */
interface PageLog {
  console: string[]
  errors: string[]
  dialogs: string[]
  requests: string[]
}

async function open(path: string): Promise<{ page: Page; log: PageLog }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const log: PageLog = { console: [], errors: [], dialogs: [], requests: [] }
  page.on('console', (m) => log.console.push(`${m.type()}: ${m.text()}`))
  page.on('pageerror', (e) => log.errors.push(e.message))
  page.on('dialog', (d) => {
    log.dialogs.push(d.message())
    void d.dismiss()
  })
  page.on('request', (r) => log.requests.push(r.url()))
  const res = await page.goto(`${origin}${path}`, { waitUntil: 'load' })
  expect(res?.status()).toBe(200)
  return { page, log }
}

/** Nothing went wrong and nothing left the server's origin. */
function expectClean(log: PageLog) {
  expect(log.console).toEqual([])
  expect(log.errors).toEqual([])
  expect(log.dialogs).toEqual([])
  expect(log.requests.length).toBeGreaterThan(0)
  for (const url of log.requests) expect(new URL(url).origin).toBe(origin)
}

const targetId = (page: Page) => page.evaluate<string | null>('document.querySelector(":target")?.id ?? null')

describe('the seed brief page', () => {
  let brief: Brief
  let page: Page
  let log: PageLog
  beforeAll(async () => {
    brief = await getJson(t, `/v1/articles/${SEED_SLUG}/brief`)
    ;({ page, log } = await open(`/briefs/${SEED_SLUG}`))
  })
  afterAll(async () => {
    await page.close()
  })

  it('renders under its CSP with no console message and no error, its stylesheet applied', async () => {
    expect(await page.title()).toBe(`${brief.article.title} · Geobrief`)
    // The same-origin stylesheet loaded: the body keeps the article's line breaks.
    expect(await page.evaluate<string>('getComputedStyle(document.querySelector(".body")).whiteSpace')).toBe('pre-wrap')
    expect(await page.evaluate<number>('document.scripts.length')).toBe(0)
    expectClean(log)
    expect(log.requests.map((u) => new URL(u).pathname).sort()).toEqual([
      expect.stringMatching(/^\/briefs\/assets\/brief\.[0-9a-f]{12}\.css$/),
      expect.stringMatching(/^\/briefs\/assets\/icon\.[0-9a-f]{12}\.svg$/),
      `/briefs/${SEED_SLUG}`,
    ])
  })

  it('highlights as many distinct spans as the brief has claims and events, over the exact body text', async () => {
    const ids = await page.evaluate<string[]>(
      '[...new Set([...document.querySelectorAll("mark[data-span]")].map((m) => m.dataset.span))]',
    )
    expect(ids).toHaveLength(brief.claims.length + brief.events.length)
    expect(await page.evaluate<string>('document.querySelector(".body").textContent')).toBe(brief.article.body)
  })

  it('clicking a highlight makes its claim note the :target, shown in the viewport', async () => {
    expect(await targetId(page)).toBeNull()
    await page.click('#at-claim-3 a.hl')
    expect(new URL(page.url()).hash).toBe('#claim-3')
    expect(await targetId(page)).toBe('claim-3')
    const note = page.locator('#claim-3')
    expect(await note.isVisible()).toBe(true)
    const inView = await page.evaluate<boolean>(
      '(() => { const r = document.getElementById("claim-3").getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight })()',
    )
    expect(inView).toBe(true)
    expect(await note.textContent()).toContain(brief.claims[2]?.quote?.text ?? 'no quote in claim 3')
    expect(await page.evaluate<string>('getComputedStyle(document.querySelector(":target")).boxShadow')).not.toBe(
      'none',
    )
  })

  it('the keyboard reaches the highlights with Tab, and Enter opens the note', async () => {
    await page.goto(`${origin}/briefs/${SEED_SLUG}`)
    let focused = ''
    for (let i = 0; i < 60 && !focused.startsWith('hl '); i++) {
      await page.keyboard.press('Tab')
      focused = await page.evaluate<string>(
        '(() => { const a = document.activeElement; return a.classList.contains("hl") ? "hl " + a.getAttribute("href") : a.tagName })()',
      )
    }
    expect(focused).toMatch(/^hl #(claim|event)-\d+$/)
    await page.keyboard.press('Enter')
    await page.waitForFunction('location.hash !== ""')
    expect(`hl #${await targetId(page)}`).toBe(focused)
  })
})

/**
 * The lowest WCAG contrast ratio between the text of an element and what is behind it, over every
 * element of the page that holds text of its own (reference labels drawn by ::after included); the
 * background is the nearest one that is not transparent, semi-transparent ones blended over it.
 */
const LOWEST_CONTRAST = `(() => {
  const rgba = (c) => (c.match(/[\\d.]+/g) || ['0', '0', '0', '0']).map(Number).concat(1).slice(0, 4)
  const lum = ([r, g, b]) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)
  }
  const over = (top, under) => top.slice(0, 3).map((v, i) => v * top[3] + under[i] * (1 - top[3])).concat(1)
  const behind = (el) => {
    const layers = []
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor)
      if (c[3] > 0) layers.push(c)
      if (c[3] === 1) break
    }
    return layers.reduceRight((under, top) => over(top, under), [255, 255, 255, 1])
  }
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05) }
  let lowest = { ratio: 99, what: '' }
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())
    const after = getComputedStyle(el, '::after')
    const label = after.content && after.content !== 'none' && after.content !== 'normal'
    if ((!own && !label) || el.getClientRects().length === 0) continue
    const color = rgba((label && !own ? after : getComputedStyle(el)).color)
    const r = ratio(over(color, behind(el)), behind(el))
    if (r < lowest.ratio) lowest = { ratio: r, what: el.tagName + '.' + el.className + ' ' + (el.textContent || '').slice(0, 30) }
  }
  return lowest
})()`

/** axe-core's engine, evaluated in the page through the DevTools protocol (the page's CSP allows no script). */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

interface AxeViolation {
  id: string
  impact: string
  help: string
  nodes: Array<{ target: string[] }>
}

/** The WCAG 2.x A and AA rules (and axe's best practices) that the page breaks. */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE)
  return page.evaluate<AxeViolation[]>(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) })))`)
}

describe('reading and printing', () => {
  it('axe-core finds no accessibility violation on the brief, hostile and index pages', async () => {
    for (const path of [`/briefs/${SEED_SLUG}`, `/briefs/${HOSTILE_SLUG}`, '/briefs', '/briefs?q=hotline']) {
      const { page } = await open(path)
      expect(await axeViolations(page), path).toEqual([])
      await page.close()
    }
  })

  it('the accessibility audit sees a violation (it cannot pass vacuously)', async () => {
    const page = await browser.newPage()
    await page.setContent('<html><body><img src="x.png"><a href="#"></a></body></html>')
    const ids = (await axeViolations(page)).map((v) => v.id)
    expect(ids).toEqual(expect.arrayContaining(['image-alt', 'link-name', 'html-has-lang']))
    await page.close()
  })

  it('every text on the seed and index pages has a contrast of at least 4.5:1 (WCAG AA)', async () => {
    for (const path of [`/briefs/${SEED_SLUG}`, '/briefs']) {
      const { page } = await open(path)
      const lowest = await page.evaluate<{ ratio: number; what: string }>(LOWEST_CONTRAST)
      expect(lowest.ratio, `${path}: ${lowest.what}`).toBeGreaterThanOrEqual(4.5)
      await page.close()
    }
  })

  it('the contrast check sees low contrast (it cannot pass vacuously)', async () => {
    const page = await browser.newPage()
    await page.setContent('<p style="color:#999">grey on white</p><p>black on white</p>')
    const lowest = await page.evaluate<{ ratio: number; what: string }>(LOWEST_CONTRAST)
    expect(lowest.ratio).toBeCloseTo(2.85, 1)
    expect(lowest.what).toMatch(/^P\. grey on white/)
    await page.close()
  })

  it('prints the article and every note, without the navigation or the search form', async () => {
    const { page } = await open(`/briefs/${SEED_SLUG}`)
    await page.emulateMedia({ media: 'print' })
    const shown = (selector: string) =>
      page.evaluate<number>(
        `[...document.querySelectorAll(${JSON.stringify(selector)})].filter((e) => e.getClientRects().length > 0).length`,
      )
    expect(await shown('.site nav')).toBe(0)
    expect(await shown('form.search')).toBe(0)
    const notes = await page.evaluate<number>('document.querySelectorAll(".note").length')
    expect(notes).toBeGreaterThan(0)
    expect(await shown('.note')).toBe(notes)
    expect(await shown('.body')).toBe(1)
    const pdf = await page.pdf({ format: 'A4' })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    await page.close()
  })
})

describe('the hostile brief page', () => {
  it('runs nothing, creates no element from the data, and requests nothing off the origin', async () => {
    const { page, log } = await open(`/briefs/${HOSTILE_SLUG}`)
    expect(
      await page.evaluate<number>('document.querySelectorAll("script, img, svg, iframe, object, embed").length'),
    ).toBe(0)
    expect(await page.evaluate<number>('document.querySelectorAll("[onerror], [onload]").length')).toBe(0)
    expect(await page.evaluate<number>('[...document.links].filter((a) => !/^https?:$/.test(a.protocol)).length')).toBe(
      0,
    )
    // The payloads are on the page as text.
    expect(await page.locator('h1').textContent()).toBe(`${HOSTILE.script} Hostile ${HOSTILE.svg}`)
    expect(await page.locator('blockquote.quote').textContent()).toBe(`${HOSTILE.img} is ${HOSTILE.js}`)
    // Clicking through the highlights and links of the page fires nothing either.
    await page.click('#at-claim-1 a.hl')
    await page.click('#at-event-1 a.hl')
    expectClean(log)
    await page.close()
  })
})

describe('the index page', () => {
  it('its search form finds briefs, and the results link to their pages', async () => {
    const { page, log } = await open('/briefs')
    const listed = await page.locator('ol.cards h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
    expect(new Set(listed)).toEqual(new Set([`/briefs/${SEED_SLUG}`, `/briefs/${HOSTILE_SLUG}`]))
    await page.fill('#q', 'hotline')
    await Promise.all([page.waitForURL(/\/briefs\?q=hotline$/), page.press('#q', 'Enter')])
    const results = page.locator('ol.cards h2 a')
    expect(await results.count()).toBe(1)
    expect(await page.locator('ol.cards .snippet mark').first().textContent()).toMatch(/^hotline$/i)
    expect(await results.first().getAttribute('href')).toMatch(/^\/briefs\/art_/)
    await Promise.all([page.waitForURL(`${origin}/briefs/${SEED_SLUG}`), results.first().click()])
    expect(await page.locator('h1').textContent()).toMatch(/^China urged to push for better ties/)
    expectClean(log)
    await page.close()
  })
})
