// The brief pages (src/modules/pages/): HTML rendered on the server, its CSP, the highlights of every
// evidence span, dates at their precision, escaping of hostile data, the index and its search,
// errors for browsers and for API clients, ETags, and Accept on the /v1 brief route.
import { beforeAll, describe, expect, it } from 'vitest'
import type { Brief } from '../../src/domain/brief.schema.js'
import { unescapeHtml } from '../../src/lib/html.js'
import { API_CSP, PAGE_CSP } from '../../src/lib/http.js'
import { briefPage } from '../../src/modules/pages/pages.brief.js'
import { STYLESHEET_PATH } from '../../src/modules/pages/pages.css.js'
import { fileTestApp, SEED_SLUG, type TestApp } from '../helpers/app.js'
import { actor, HOSTILE, hostileBrief, ingest, miniBrief, span, uniqueSlug } from '../helpers/briefs.js'
import { get, getJson } from '../helpers/http.js'
import { expectProblem } from '../helpers/problems.js'

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8'
const HOSTILE_SLUG = 'hostile-brief'
const DATES_SLUG = 'dates-at-their-precision'

let t: TestApp

/** A brief whose events are dated to a day, a month and a year, and one undated. */
function datesBrief() {
  const body = 'A pact on 1 January 2022. Talks in late December 2021. A review in 2022. A rumour.'
  const at = (text: string) => span(body, text)
  const event = (key: string, text: string, start: Brief['events'][number]['start']) => ({
    key,
    title: `Event ${key}`,
    type: 'AGREE' as const,
    status: 'occurred' as const,
    start,
    participants: [{ actor: 'japan', role: 'initiator' as const }],
    evidence: at(text),
  })
  return miniBrief(DATES_SLUG, body, {
    actors: [actor('japan', 'Japan', { country: 'JPN' })],
    article: { published: { date: '2022-01-03', precision: 'day', approximate: false, text: null } },
    events: [
      event('day', 'A pact on 1 January 2022.', {
        date: '2022-01-01',
        precision: 'day',
        approximate: false,
        text: 'on 1 January',
      }),
      event('month', 'Talks in late December 2021.', {
        date: '2021-12',
        precision: 'month',
        approximate: true,
        text: 'late December',
      }),
      event('year', 'A review in 2022.', { date: '2022', precision: 'year', approximate: false, text: 'in 2022' }),
      event('none', 'A rumour.', null),
    ],
  })
}

fileTestApp({ seed: true }, async (app) => {
  t = app
  await ingest(t, hostileBrief(HOSTILE_SLUG))
  await ingest(t, datesBrief())
})

const page = (url: string, headers: Record<string, string> = {}) => get(t, url, { accept: BROWSER, ...headers })

/** The article body as the page shows it: the text inside <div class="body">, tags removed. */
function shownBody(html: string): string {
  const m = /<div class="body"[^>]*>([\s\S]*?)<\/div>/.exec(html)
  return unescapeHtml((m?.[1] ?? '').replace(/<[^>]*>/g, ''))
}

const spanIds = (html: string) => new Set([...html.matchAll(/data-span="([^"]+)"/g)].map((m) => m[1]))

describe('GET /briefs/{slug}', () => {
  let brief: Brief
  let html: string
  beforeAll(async () => {
    brief = await getJson(t, `/v1/articles/${SEED_SLUG}/brief`)
    html = (await page(`/briefs/${SEED_SLUG}`)).text
  })

  it('answers HTML under the page CSP: no script source, same-origin styles only', async () => {
    const res = await page(`/briefs/${SEED_SLUG}`)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['content-security-policy']).toBe(PAGE_CSP)
    expect(PAGE_CSP).toContain("default-src 'none'")
    expect(PAGE_CSP).not.toContain('script-src')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.text).toMatch(/^<!doctype html>\n<html lang="en">/)
    expect(res.text).not.toMatch(/<script|\sstyle=|<style/i)
    expect(res.text).toContain(`<link rel="stylesheet" href="${STYLESHEET_PATH}">`)
    // Other responses keep the API's policy.
    expect((await get(t, `/v1/articles/${SEED_SLUG}`)).headers['content-security-policy']).toBe(API_CSP)
  })

  it('highlights every claim and event span once, and the body reads as the article, character for character', () => {
    const expected = brief.claims.length + brief.events.length
    expect(expected).toBe(24)
    expect(spanIds(html)).toEqual(
      new Set([...brief.claims.map((_, i) => `claim-${i + 1}`), ...brief.events.map((_, i) => `event-${i + 1}`)]),
    )
    // One anchor per span (the first piece), one reference link and one note per span.
    expect(html.match(/ id="at-(claim|event)-\d+"/g)).toHaveLength(expected)
    expect(html.match(/<a class="ref /g)).toHaveLength(expected)
    expect(html.match(/<li id="(claim|event)-\d+" class="note/g)).toHaveLength(expected)
    expect(shownBody(html)).toBe(brief.article.body)
  })

  it('a highlight is a link to its note, and every quote is shown verbatim', () => {
    expect(html).toMatch(/<a class="hl" href="#claim-1" title="Claim 1 · Zhang Tuosheng · recommendation">/)
    for (const c of brief.claims.filter((x) => x.quote))
      expect(html).toContain(`<blockquote class="quote">${escaped(c.quote?.text ?? '')}</blockquote>`)
    expect(html).toContain(`href="/v1/claims/${brief.claims[0]?.id}"`)
    expect(html).toContain(`href="/v1/actors/${brief.actors.find((a) => a.slug === 'zhang-tuosheng')?.id}"`)
    expect(html).toContain(`href="/v1/articles/${brief.article.id}/brief?format=json"`)
  })

  it('shows each date at its precision and draws it as wide as it is', async () => {
    const res = await page(`/briefs/${DATES_SLUG}`)
    const rows = [...res.text.matchAll(/<span class="tl-when">(.*?)<\/span>\n<a href="#event-(\d)">/g)]
    // Date order: December 2021 (month), 1 January 2022 (day), 2022 (year); the undated one apart.
    expect(rows.map((r) => [r[2], r[1]])).toEqual([
      ['2', 'about December 2021 (“late December”)<span class="precision">month</span>'],
      ['1', '1 January 2022 (“on 1 January”)<span class="precision">day</span>'],
      ['3', '2022 (“in 2022”)<span class="precision">year</span>'],
    ])
    expect(res.text).toMatch(/<strong>Undated:<\/strong> <a href="#event-4">Event none<\/a>/)
    // The strip runs from 1 December 2021 to 31 December 2022 (396 days, 200 steps).
    const bars = [...res.text.matchAll(/class="bar (day|month|year) p\d+ tl-l(\d+) tl-w(\d+)( approximate)?"/g)]
    expect(bars.map((b) => [b[1], Number(b[2]), Number(b[3]), Boolean(b[4])])).toEqual([
      ['month', 0, 16, true],
      ['day', 15, 1, false],
      ['year', 15, 185, false],
    ])
    expect(res.text).toContain('Published 3 January 2022<span class="precision">day</span>')
  })

  it('shows the actors with their kinds, roles and aliases', () => {
    expect(html).toMatch(
      /<th scope="row">.*?<a href="\/v1\/actors\/act_[^"]+">China<\/a><\/th>\n<td>state<\/td><td>CHN<\/td><td>subject<\/td><td>PRC, People’s Republic of China, Beijing<\/td>/,
    )
  })

  it('says how each claim and event was extracted: an automatic draft, with its confidence, until reviewed', () => {
    // The seed is by hand and not yet reviewed: every note says so.
    const notes = brief.claims.length + brief.events.length
    expect(
      html.match(/<dt>Extracted<\/dt><dd>By hand, by geobrief-seed-analyst, confidence 0\.\d\d, not reviewed<\/dd>/g),
    ).toHaveLength(notes)
    // The same brief as an extractor's draft, one claim of it reviewed (the renderer is a pure function).
    const draftBrief = structuredClone(brief)
    for (const c of draftBrief.claims)
      c.extraction = { method: 'automatic', extractor: 'geobrief-rules@0.1.0', confidence: 0.62, reviewed: false }
    const first = draftBrief.claims[0]
    if (first) first.extraction = { method: 'automatic', extractor: null, confidence: 0.4, reviewed: true }
    const draft = briefPage(draftBrief)
    expect(
      draft.match(
        /<span class="auto">Automatic draft, not reviewed<\/span> confidence 0\.62, by geobrief-rules@0\.1\.0/g,
      ),
    ).toHaveLength(brief.claims.length - 1)
    expect(draft).toContain('<dt>Extracted</dt><dd>Automatic, confidence 0.40, reviewed by a person</dd>')
  })

  it('an id answers 308 to the slug; the page carries a strong ETag and answers 304 to it', async () => {
    const byId = await page(`/briefs/${brief.article.id}`)
    expect(byId.status).toBe(308)
    expect(byId.headers.location).toBe(`/briefs/${SEED_SLUG}`)
    const first = await page(`/briefs/${SEED_SLUG}`)
    const etag = first.headers.etag as string
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/)
    const again = await page(`/briefs/${SEED_SLUG}`, { 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(again.text ?? '').toBe('')
    expect((await page(`/briefs/${SEED_SLUG}`, { 'if-none-match': '"other"' })).text).toBe(first.text)
  })

  it('the stylesheet is same-origin, immutable under its digest name, with an ETag', async () => {
    const css = await get(t, STYLESHEET_PATH)
    expect(css.status).toBe(200)
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8')
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(css.text).toContain('@media print')
    expect(css.text).not.toMatch(/url\(|@import|https?:/)
    expect((await get(t, STYLESHEET_PATH, { 'if-none-match': css.headers.etag as string })).status).toBe(304)
  })
})

const escaped = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

/** No payload appears as markup: no element, no event-handler attribute in a tag, no javascript: link. */
function expectInert(html: string) {
  expect(html).not.toMatch(/<(script|img|svg)\b/i)
  // Escaped data never holds a raw double quote: with attribute values emptied, only real attributes remain.
  expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i)
  expect(html).not.toMatch(/(href|src)="\s*javascript:/i)
  expect(html).not.toContain(HOSTILE.svg)
}

describe('hostile data is shown as text', () => {
  it('every payload in every field is escaped, and shown', async () => {
    const res = await page(`/briefs/${HOSTILE_SLUG}`)
    expect(res.status).toBe(200)
    expectInert(res.text)
    for (const payload of Object.values(HOSTILE)) expect(res.text).toContain(escaped(payload))
    // The title, the quote and the actor name come through exactly, as text.
    expect(res.text).toContain(`<h1>${escaped(`${HOSTILE.script} Hostile ${HOSTILE.svg}`)}</h1>`)
    expect(res.text).toContain(`<blockquote class="quote">${escaped(`${HOSTILE.img} is ${HOSTILE.js}`)}</blockquote>`)
    expect(res.text).toContain(escaped(`Mallory ${HOSTILE.svg}`))
    const brief: Brief = await getJson(t, `/v1/articles/${HOSTILE_SLUG}/brief`)
    expect(shownBody(res.text)).toBe(brief.article.body)
    // The http(s) address is a link, its text the stored address.
    expect(res.text).toContain(`rel="noopener noreferrer nofollow">${escaped(brief.article.url ?? '')}</a>`)
  })

  it('a javascript: address is shown as text, never as a link', async () => {
    const brief: Brief = await getJson(t, `/v1/articles/${HOSTILE_SLUG}/brief`)
    for (const url of [
      HOSTILE.js,
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
    ]) {
      const html = briefPage({ ...brief, article: { ...brief.article, url } })
      expectInert(html)
      expect(html).toContain(`Original address (not a web link): ${escaped(url)}`)
    }
  })
})

describe('GET /briefs: the index and its search', () => {
  it('lists the articles newest first, linking to their pages, with a next link over 20', async () => {
    const res = await page('/briefs')
    expect(res.status).toBe(200)
    expect(res.headers['content-security-policy']).toBe(PAGE_CSP)
    expectInert(res.text)
    const links = [...res.text.matchAll(/<h2><a href="\/briefs\/([^"]+)">/g)].map((m) => m[1])
    // Published 3 January 2022 first; the others state no date.
    expect(links[0]).toBe(DATES_SLUG)
    expect(new Set(links)).toEqual(new Set([DATES_SLUG, SEED_SLUG, HOSTILE_SLUG]))
    expect(res.text).toContain('<form class="search" role="search" action="/briefs" method="get">')
    expect(res.text).not.toContain('rel="next"')
  })

  it('pages through more than 20 articles with the next link', async () => {
    const extra = Array.from({ length: 20 }, () => uniqueSlug('filler'))
    for (const slug of extra) await ingest(t, miniBrief(slug, `Filler article ${slug}.`))
    const first = await page('/briefs')
    const next = /<a href="(\/briefs\?cursor=[^"]+)" rel="next">/.exec(first.text)?.[1]
    expect(next).toBeDefined()
    const second = await page(unescapeHtml(next as string))
    expect(second.status).toBe(200)
    const count = (html: string) => html.match(/<h2><a href="\/briefs\//g)?.length ?? 0
    expect(count(first.text) + count(second.text)).toBe(23)
    expect(second.text).not.toContain('rel="next"')
  })

  it('answers a search with the articles found, titles linked, snippets marked and escaped', async () => {
    const res = await page('/briefs?q=hotline')
    expect(res.status).toBe(200)
    expect(res.text).toMatch(/<h2><a href="\/briefs\/art_[^"]+">China urged to push/)
    expect(res.text).toMatch(/<p class="snippet">[^<]*(<mark>hotline<\/mark>[^<]*)+<\/p>/i)
    const hostile = await page(`/briefs?q=${encodeURIComponent('alert onerror')}`)
    expectInert(hostile.text)
    expect(hostile.text).toMatch(/<p class="snippet">.*<mark>onerror<\/mark>/)
    expect(hostile.text).toContain(escaped(`${HOSTILE.script} Hostile ${HOSTILE.svg}`))
  })

  it('echoes the query as text, and a search that cannot be understood is an error page', async () => {
    const res = await page(`/briefs?q=${encodeURIComponent(HOSTILE.img)}`)
    expect(res.status).toBe(200)
    expectInert(res.text)
    expect(res.text).toContain(`value="${escaped(HOSTILE.img)}"`)
    // A stray quotation mark: the error page keeps the query in the search box, as text.
    const bad = await page(`/briefs?q=${encodeURIComponent(HOSTILE.svg)}`)
    expect(bad.status).toBe(400)
    expect(bad.headers['content-type']).toBe('text/html; charset=utf-8')
    expectInert(bad.text)
    expect(bad.text).toContain('Invalid search query: a quotation mark is not closed')
    expect(bad.text).toContain(`value="${escaped(HOSTILE.svg)}"`)
  })
})

describe('errors', () => {
  it('an unknown brief is an HTML 404 for browsers and a problem for API clients', async () => {
    const html = await page(`/briefs/${encodeURIComponent(HOSTILE.script)}`)
    expect(html.status).toBe(404)
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(html.headers['content-security-policy']).toBe(PAGE_CSP)
    expectInert(html.text)
    expect(html.text).toContain(escaped(HOSTILE.script))
    expectProblem(await get(t, '/briefs/no-such-brief'), 404, 'not-found')
    expectProblem(await get(t, '/briefs/no-such-brief', { accept: 'application/json' }), 404, 'not-found')
    expectProblem(await get(t, '/briefs?cursor=nonsense', { accept: '*/*' }), 400, 'invalid-cursor')
  })

  it('a path deeper under /briefs/ is an HTML 404 for browsers too, and a problem otherwise', async () => {
    const html = await page(`/briefs/${SEED_SLUG}/extra`)
    expect(html.status).toBe(404)
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(html.headers['content-security-policy']).toBe(PAGE_CSP)
    expectProblem(await get(t, `/briefs/${SEED_SLUG}/extra`), 404, 'not-found')
  })
})

describe('Accept on GET /v1/articles/{idOrSlug}/brief', () => {
  it('a browser is sent to the page; JSON, no Accept and ?format=json still get the JSON brief', async () => {
    const url = `/v1/articles/${SEED_SLUG}/brief`
    const browser = await get(t, url, { accept: BROWSER })
    expect(browser.status).toBe(303)
    expect(browser.headers.location).toBe(`/briefs/${SEED_SLUG}`)
    expect(browser.headers.vary).toBe('accept')
    const json = await get(t, url)
    expect(json.status).toBe(200)
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8')
    for (const headers of [
      { accept: 'application/json' },
      { accept: '*/*' },
      { accept: 'text/html;q=0.5, application/json' },
    ]) {
      const res = await get(t, url, headers)
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
      expect(res.text).toBe(json.text)
    }
    const asked = await get(t, `${url}?format=json`, { accept: BROWSER })
    expect(asked.status).toBe(200)
    expect(asked.text).toBe(json.text)
    expect((await get(t, url, { accept: 'text/markdown' })).headers['content-type']).toBe(
      'text/markdown; charset=utf-8',
    )
  })

  it('the pages are not in the OpenAPI document', () => {
    const paths = Object.keys((t.app.swagger() as { paths: Record<string, unknown> }).paths)
    expect(paths.filter((p) => p.startsWith('/briefs'))).toEqual([])
    expect(paths).toContain('/v1/articles/{idOrSlug}/brief')
  })
})
