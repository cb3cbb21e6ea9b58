// End to end on the seed page (the repository's own hand-made gold): the draft parses, every
// selector selects its text, the chrome the gold excludes is gone, and the gold's claims are
// found with the right speaker.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { BriefSchema } from '../../src/domain/brief.schema.js'
import { validateBrief } from '../../src/domain/brief.validate.js'
import { EXTRACTOR, extract } from '../../src/extract/index.js'

const raw = readFileSync(new URL('../../seeds/000_2ab07fa545a6f5e6.txt', import.meta.url), 'utf8')
const gold = BriefSchema.parse(
  JSON.parse(readFileSync(new URL('../../seeds/china-japan-relations.brief.json', import.meta.url), 'utf8')),
)
const result = extract(raw)
const brief = BriefSchema.parse(result.brief)
const body = brief.article.body

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start))
}

function namesOf(b: typeof brief, slug: string): string[] {
  const a = b.actors.find((x) => x.slug === slug)
  return a ? [a.name, ...a.aliases, ...a.surfaceForms].map((n) => n.toLowerCase()) : [slug]
}

describe('extract on the seed page', () => {
  it('gives a brief that parses and passes the provenance checks', async () => {
    expect(await validateBrief(brief)).toEqual([])
    for (const c of brief.claims) {
      expect(body.slice(c.evidence.start, c.evidence.end)).toBe(c.evidence.exact)
      if (c.quote) expect(body.slice(c.quote.start, c.quote.end)).toBe(c.quote.text)
      expect(c.extraction).toMatchObject({ method: 'automatic', extractor: EXTRACTOR, reviewed: false })
    }
    for (const e of brief.events) expect(body.slice(e.evidence.start, e.evidence.end)).toBe(e.evidence.exact)
  })

  it('keeps the article text and drops the chrome the gold excludes', () => {
    expect(body).toBe(gold.article.body)
    for (const chrome of [
      'Get more with myNEWS',
      'Learn more',
      'Photo: Shutterstock',
      '•',
      gold.article.relatedHeadlines[0]!,
    ])
      expect(body).not.toContain(chrome)
    expect(brief.article.title).toBe(gold.article.title)
    expect(brief.article.relatedHeadlines).toEqual(gold.article.relatedHeadlines)
  })

  it('maps body offsets back to the raw page', () => {
    for (const c of brief.claims) {
      const at = result.sourceOffset(c.evidence.start)
      expect(raw.slice(at, at + c.evidence.exact.length)).toBe(c.evidence.exact)
    }
  })

  it('finds at least 11 of the 14 gold claims with the right speaker', () => {
    let found = 0
    for (const g of gold.claims) {
      const match = brief.claims.find(
        (c) => overlap(c.evidence, g.evidence) > 0.5 * (g.evidence.end - g.evidence.start),
      )
      if (!match) continue
      const goldNames = g.claimants.flatMap((s) => namesOf(gold, s))
      if (match.claimants.some((s) => namesOf(brief, s).some((n) => goldNames.includes(n)))) found++
    }
    expect(found).toBeGreaterThanOrEqual(11)
  })

  it('finds the states and people the gold names', () => {
    const slugs = new Set(brief.actors.map((a) => a.slug))
    for (const s of [
      'china',
      'japan',
      'united-states',
      'australia',
      'zhang-tuosheng',
      'wang-wenbin',
      'xing-yuqing',
      'lian-degui',
      'wang-yiwei',
    ])
      expect(slugs).toContain(s)
  })

  it('is deterministic', () => {
    expect(JSON.stringify(extract(raw).brief)).toBe(JSON.stringify(result.brief))
    expect(extract(raw).warnings).toEqual(result.warnings)
  })

  it('resolves relative dates only with a publication date', () => {
    expect(result.warnings.map((w) => w.code)).toContain('no-publication-date')
    const dated = BriefSchema.parse(extract(raw, { published: '2022-01-07' }).brief)
    const agree = dated.events.find((e) => e.type === 'AGREE' && e.evidence.exact.startsWith('On Thursday'))
    expect(agree?.start).toMatchObject({ date: '2022-01-06', precision: 'day', text: 'On Thursday' })
  })
})
