// One check per step, on invented sentences.
import { describe, expect, it } from 'vitest'
import { findActors } from '../../src/extract/actors.js'
import { clean, sourceOffsetOf } from '../../src/extract/clean.js'
import { findDates } from '../../src/extract/dates.js'
import { verbForms } from '../../src/extract/inflect.js'
import { ExtractError, extract } from '../../src/extract/index.js'
import { claimKind, modalityOf } from '../../src/extract/kinds.js'
import { findQuotes } from '../../src/extract/quotes.js'
import { splitSentences } from '../../src/extract/sentences.js'

const PAGE = [
  'World',
  'Subscribe',
  'Freedonia and Ruritania sign a river treaty after years of talks',
  'By Ann Example',
  'March 3, 2021',
  'A ferry crosses the river at dawn. Photo: Example Agency',
  'The two neighbours signed a treaty on Tuesday that shares the water of the Blue River.',
  '',
  'Advertisement',
  'Ministers from both sides met in the capital for the ceremony.',
  'Five things to know about the river dispute',
  'Share this story',
].join('\n')

describe('clean', () => {
  const c = clean(PAGE)
  it('keeps running text, drops chrome, finds title, byline, dateline and teasers', () => {
    expect(c.title).toBe('Freedonia and Ruritania sign a river treaty after years of talks')
    expect(c.body).toBe(
      'The two neighbours signed a treaty on Tuesday that shares the water of the Blue River.\n\nMinisters from both sides met in the capital for the ceremony.',
    )
    expect(c.byline).toBe('Ann Example')
    expect(c.dateLine).toBe('2021-03-03')
    expect(c.relatedHeadlines).toEqual(['Five things to know about the river dispute'])
  })
  it('maps body offsets to the source', () => {
    const at = c.body.indexOf('Ministers')
    expect(PAGE.slice(sourceOffsetOf(c.segments, at)).startsWith('Ministers')).toBe(true)
  })
})

describe('sentences', () => {
  it('splits on terminators but not after abbreviations, initials or inside quotes', () => {
    const text =
      'Mr. Smith met Dr. Jones in the U.S. capital on Jan. 5. “Is it over?” she asked. John F. Kennedy was not there. The talks ended.'
    const s = splitSentences(text, [{ start: 0, end: text.length }]).map((x) => text.slice(x.start, x.end))
    expect(s).toEqual([
      'Mr. Smith met Dr. Jones in the U.S. capital on Jan. 5.',
      '“Is it over?” she asked.',
      'John F. Kennedy was not there.',
      'The talks ended.',
    ])
  })
})

describe('quotes', () => {
  it('finds curly and straight quotes, runs on over paragraphs, recovers a lost opening mark', () => {
    const body =
      '“We will not give up,” she said.\n\n“The first part runs on.\n\n“And ends here,” he said.\n\nShe said It was over.” Then "fine words" followed.'
    const paras = body.split('\n\n').reduce<{ start: number; end: number }[]>((acc, p) => {
      const start = acc.length ? acc.at(-1)!.end + 2 : 0
      acc.push({ start, end: start + p.length })
      return acc
    }, [])
    const q = findQuotes(body, paras).map((x) => ({
      text: body.slice(x.start, x.end),
      runsOn: x.runsOn,
      continues: x.continues,
    }))
    expect(q).toEqual([
      { text: 'We will not give up', runsOn: false, continues: false },
      { text: 'The first part runs on.', runsOn: true, continues: false },
      { text: 'And ends here', runsOn: false, continues: true },
      { text: 'It was over.', runsOn: false, continues: false },
      { text: 'fine words', runsOn: false, continues: false },
    ])
  })
})

describe('kinds', () => {
  it('takes the kind from the verb, else from the wording', () => {
    expect(claimKind('warn', 'prices will rise')).toBe('warning')
    expect(claimKind('call on', 'the council to act')).toBe('recommendation')
    expect(claimKind('vow', 'to rebuild the bridge')).toBe('pledge')
    expect(claimKind('deny', 'any role in the leak')).toBe('denial')
    expect(claimKind('say', 'the port should reopen')).toBe('recommendation')
    expect(claimKind('say', 'the harvest was good')).toBe('assessment')
  })
  it('reads modality from modals and negation', () => {
    expect(modalityOf('the plan could fail')).toBe('hypothetical')
    expect(modalityOf('the bridge will open in May')).toBe('future')
    expect(modalityOf('the mayor did not resign')).toBe('negated')
    expect(modalityOf('the town should not wait')).toBe('asserted')
    expect(modalityOf('the river is high')).toBe('asserted')
  })
  it('inflects lexicon lemmas', () => {
    expect(verbForms('say')).toEqual(expect.arrayContaining(['says', 'said', 'saying']))
    expect(verbForms('patrol')).toEqual(expect.arrayContaining(['patrolled', 'patrols']))
  })
})

describe('actors', () => {
  const body =
    'Foreign Minister Lena Varga met officials in Tokyo. Varga, a former professor at the Danube Institute of Law, said the East China Sea dispute worried Japan. The Hungarian foreign ministry said nothing. Tokyo said it would reply.'
  const { actors, mentions } = findActors(body)
  it('finds states, capitals, people, organisations and merges short names', () => {
    expect(actors.get('japan')?.surfaceForms).toEqual(new Set(['Tokyo', 'Japan']))
    expect(actors.has('china')).toBe(false)
    const varga = actors.get('lena-varga')!
    expect(varga).toMatchObject({ kind: 'person', title: 'Foreign Minister' })
    expect(varga.surfaceForms).toEqual(new Set(['Lena Varga', 'Varga']))
    expect(actors.get('danube-institute-of-law')?.kind).toBe('academic_institution')
    expect(varga.affiliations).toEqual([{ actor: 'danube-institute-of-law', relation: 'formerly_at', title: null }])
    expect(actors.get('hungarian-foreign-ministry')).toMatchObject({ kind: 'government_body', country: 'HUN' })
    for (const m of mentions) expect(m.end).toBeGreaterThan(m.start)
  })
  it('learns the store actors', () => {
    const known = [
      {
        slug: 'blue-river-commission',
        name: 'Blue River Commission',
        kind: 'international_organisation' as const,
        country: null,
        aliases: ['BRC'],
      },
    ]
    const r = findActors('The BRC said the water was clean.', known)
    expect(r.actors.get('blue-river-commission')?.surfaceForms).toEqual(new Set(['BRC']))
  })
})

describe('dates', () => {
  it('anchors relative dates at the publication date, with precision from the wording', () => {
    const text =
      'It happened on Thursday, in late December, in 2015 and last year, and by the end of this year it ends.'
    const d = findDates(text, '2022-01-07').map((x) => [x.text, x.date?.date, x.date?.precision, x.date?.approximate])
    expect(d).toEqual([
      ['on Thursday', '2022-01-06', 'day', false],
      ['late December', '2021-12', 'month', true],
      ['2015', '2015', 'year', false],
      ['last year', '2021', 'year', false],
      ['end of this year', '2022', 'year', false],
    ])
  })
  it('leaves weekday dates unresolved without a publication date', () => {
    expect(findDates('They met on Thursday.', null)[0]?.date).toBeNull()
    expect(findDates('They met on March 3, 2019.', null)[0]?.date).toMatchObject({
      date: '2019-03-03',
      precision: 'day',
    })
  })
})

describe('extract errors', () => {
  it('throws typed errors for empty input and input without sentences', () => {
    expect(() => extract('   \n ')).toThrow(ExtractError)
    try {
      extract('Home\nMenu\nLog in')
    } catch (e) {
      expect((e as ExtractError).code).toBe('no-sentence')
    }
  })
})
