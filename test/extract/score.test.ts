// The extraction scorer: pairing by overlap, lenient name matching, body cleanliness, and the seed's
// gold carried from its brief to its raw page.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { seedPage } from '../../scripts/eval/gold.js'
import { type Gold, type Pred, pair, sameActor, score } from '../../scripts/eval/score.js'

const ROOT = path.resolve(import.meta.dirname, '../..')

describe('pairing and names', () => {
  it('pairs one to one by the greatest overlap, at least half of the shorter passage', () => {
    const gold = [{ span: [0, 10] as [number, number] }, { span: [20, 30] as [number, number] }]
    const pred = [
      { span: [2, 12] as [number, number] },
      { span: [0, 9] as [number, number] },
      { span: [27, 40] as [number, number] },
    ]
    const pairs = pair(gold, pred)
    expect(pairs).toEqual([[gold[0], pred[1]]]) // [27, 40) overlaps [20, 30) by 3 of 10: too little
  })

  it('matches a surname to a full name, a state by its code, never a person to a state', () => {
    const lopes = { id: 'l', name: 'Ana Lopes', kind: 'person', country: 'BRA', forms: ['Ms Lopes'] }
    expect(sameActor(lopes, { name: 'Lopes', kind: 'person', country: null, forms: [] })).toBe(true)
    expect(sameActor(lopes, { name: 'Rita Lopes', kind: 'person', country: null, forms: [] })).toBe(false)
    const japan = { id: 'j', name: 'Japan', kind: 'state', country: 'JPN', forms: ['Tokyo'] }
    expect(sameActor(japan, { name: 'Tokyo', kind: 'state', country: null, forms: [] })).toBe(true)
    expect(sameActor(japan, { name: 'Nippon', kind: 'state', country: 'JPN', forms: [] })).toBe(true)
    expect(sameActor(japan, { name: 'Shinzo Abe', kind: 'person', country: 'JPN', forms: [] })).toBe(false)
  })
})

describe('score', () => {
  const source = 'MENU Home\nBig news today.\n"We will win," Smith said.\nShare this\n'
  const at = (text: string): [number, number] => [source.indexOf(text), source.indexOf(text) + text.length]
  const smith = { id: 'smith', name: 'John Smith', kind: 'person', country: null, forms: ['Smith'] }
  const gold: Gold = {
    name: 't',
    body: [at('Big news today.'), at('"We will win," Smith said.')],
    actors: [smith],
    claims: [{ span: at('"We will win," Smith said.'), speaker: 'smith', kind: 'pledge' }],
    events: [],
    dates: [],
  }

  it('a draft equal to the gold scores perfectly', () => {
    const pred: Pred = {
      body: gold.body,
      actors: [{ name: 'Smith', kind: 'person', country: null, forms: [] }],
      claims: [
        {
          span: gold.claims[0]!.span,
          speakers: [{ name: 'Smith', kind: 'person', country: null, forms: [] }],
          kind: 'pledge',
        },
      ],
      events: [],
      dates: [],
      draftDates: [],
    }
    const s = score(source, gold, pred)
    expect(s.body).toEqual({ clean: true, chromeChars: 0, kept: 1 })
    expect(s.claims).toEqual({ gold: 1, pred: 1, matched: 1, speakerRight: 1, kindRight: 1 })
    expect(s.actors).toEqual({ gold: 1, pred: 1, goldFound: 1, predRight: 1 })
    expect(s.errors).toEqual([])
  })

  it('chrome, a wrong speaker, a wrong kind and a missed actor are each counted and reported', () => {
    const pred: Pred = {
      body: [at('MENU Home'), ...gold.body],
      actors: [{ name: 'Jones', kind: 'person', country: null, forms: [] }],
      claims: [
        {
          span: gold.claims[0]!.span,
          speakers: [{ name: 'Jones', kind: 'person', country: null, forms: [] }],
          kind: 'assessment',
        },
      ],
      events: [],
      dates: [],
      draftDates: [],
    }
    const s = score(source, gold, pred)
    expect(s.body.clean).toBe(false)
    expect(s.body.chromeChars).toBe('MENUHome'.length)
    expect(s.claims).toEqual({ gold: 1, pred: 1, matched: 1, speakerRight: 0, kindRight: 0 })
    expect(s.actors.goldFound).toBe(0)
    expect(s.errors.map((e) => e.message)).toEqual([
      'chrome kept in the body',
      'claim with speaker Jones, gold John Smith',
      'actor missed: John Smith (person)',
    ])
  })
})

describe('dates', () => {
  it('a date expression is right only with its value and precision; the draft dates are scored apart', () => {
    const source = 'The pact was signed in late December.'
    const at: [number, number] = [source.indexOf('late December'), source.indexOf('late December') + 13]
    const gold: Gold = {
      name: 't',
      body: [[0, source.length]],
      actors: [],
      claims: [],
      events: [],
      dates: [{ span: at, date: '2021-12', precision: 'month' }],
    }
    const base = { body: gold.body, actors: [], claims: [], events: [] }
    const right = score(source, gold, {
      ...base,
      dates: [{ span: at, date: '2021-12', precision: 'month' }],
      draftDates: [],
    })
    expect([right.dates.right, right.draftDates.right]).toEqual([1, 0])
    const day = score(source, gold, {
      ...base,
      dates: [{ span: at, date: '2021-12-24', precision: 'day' }],
      draftDates: [],
    })
    expect(day.dates).toEqual({ gold: 1, pred: 1, matched: 1, right: 0 })
  })
})

describe('unnamed sources', () => {
  it("a gold claim with no speaker is right when the draft's claimant is the unnamed source, wrong when it names one", () => {
    const source = 'Officials said the talks failed.'
    const span: [number, number] = [0, source.length]
    const gold: Gold = {
      name: 't',
      body: [span],
      actors: [],
      claims: [{ span, speaker: null, kind: 'description' }],
      events: [],
      dates: [],
    }
    const claim = (name: string) => ({
      span,
      speakers: [{ name, kind: 'other', country: null, forms: [] }],
      kind: 'description',
    })
    const base = { body: [span], actors: [], events: [], dates: [], draftDates: [] }
    expect(score(source, gold, { ...base, claims: [claim('Unnamed source')] }).claims.speakerRight).toBe(1)
    expect(score(source, gold, { ...base, claims: [claim('Jane Roe')] }).claims.speakerRight).toBe(0)
  })
})

describe('the seed as gold', () => {
  it('carries every claim and event passage of the brief to the same text in the raw page', async () => {
    const page = seedPage(ROOT)
    const brief = (await import('../../seeds/china-japan-relations.brief.json', { with: { type: 'json' } })).default
    expect(page.gold.claims).toHaveLength(brief.claims.length)
    page.gold.claims.forEach((c, i) => {
      expect(page.source.slice(...c.span)).toBe(brief.claims[i]!.evidence.exact)
    })
    page.gold.events.forEach((e, i) => {
      expect(page.source.slice(...e.span)).toBe(brief.events[i]!.evidence.exact)
    })
    expect(page.gold.dates.length).toBeGreaterThan(3)
  })
})
