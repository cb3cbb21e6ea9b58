// The hand-made gold files: each parses, fits its page (spans inside the page, quotes inside their
// claims, claims and events inside the body, every referenced actor defined) and holds no run of
// the page's words beyond the actors' names.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { GoldFileSchema, loadGold } from '../../scripts/eval/gold.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const DIR = path.join(ROOT, 'test/fixtures/extract')
const PAGES = path.resolve(ROOT, '../shared/eval/dev')
const files = readdirSync(DIR).filter((f) => f.endsWith('.gold.json'))

describe('gold annotations', () => {
  it('there is one gold file per development page', () => {
    expect(files.length).toBeGreaterThanOrEqual(6)
  })

  it.each(files)('%s fits its page', (f) => {
    const gold = GoldFileSchema.parse(JSON.parse(readFileSync(path.join(DIR, f), 'utf8')))
    const page = path.join(PAGES, gold.file)
    // The pages live beside the repository (eval/dev), never in it; CI has them.
    expect(existsSync(page), `${page} (the development pages beside the repository)`).toBe(true)
    const source = readFileSync(page, 'utf8')
    const inBody = (s: [number, number]) => gold.body.some(([a, b]) => a <= s[0] && s[1] <= b)
    const inBodyRun = (s: [number, number]) => {
      const first = gold.body.findIndex(([a, b]) => a <= s[0] && s[0] < b)
      const last = gold.body.findIndex(([a, b]) => a < s[1] && s[1] <= b)
      return first >= 0 && last >= first
    }
    const ids = new Set(gold.actors.map((a) => a.id))
    for (const s of [gold.title, ...gold.body]) expect(s[1]).toBeLessThanOrEqual(source.length)
    for (const c of gold.claims) {
      expect(inBodyRun(c.span), `claim ${c.span}`).toBe(true)
      if (c.quote) expect(c.quote[0] >= c.span[0] && c.quote[1] <= c.span[1], `quote ${c.quote}`).toBe(true)
      if (c.speaker) expect(ids.has(c.speaker), c.speaker).toBe(true)
      for (const a of c.about) expect(ids.has(a), a).toBe(true)
    }
    for (const e of gold.events) {
      expect(inBodyRun(e.span), `event ${e.span}`).toBe(true)
      for (const p of e.participants) expect(ids.has(p.actor), p.actor).toBe(true)
    }
    for (const d of gold.dates) expect(inBody(d.span), `date ${d.span}`).toBe(true)
    // Nothing of the page's text but names: no run of five of its words in the annotations.
    const words = source.split(/\s+/).filter((w) => /\p{L}/u.test(w))
    // Actor names may be long ("the … Department of …"): they are the one thing written out.
    const text = JSON.stringify({ ...gold, actors: gold.actors.map((a) => ({ ...a, name: '' })) })
    for (let i = 0; i + 5 <= words.length; i++) {
      const run = words.slice(i, i + 5).join(' ')
      expect(text.includes(run), run).toBe(false)
    }
  })

  it('the loader reports no gold that drifted from its page', () => {
    const { pages } = loadGold(ROOT, PAGES)
    for (const p of pages) expect(p.problems, p.name).toEqual([])
  })
})
