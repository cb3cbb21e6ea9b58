// Date rules, on invented sentences. 2021-06-16 is a Wednesday.
import { describe, expect, it } from 'vitest'
import { findDates } from '../../src/extract/dates.js'
import { extract } from '../../src/extract/index.js'

const PUB = '2021-06-16'
const read = (text: string, published: string | null = PUB) =>
  findDates(text, published).map((x) => [x.text, x.date?.date ?? null, x.date?.precision ?? null])

describe('dates: weekdays and months without a year', () => {
  it('takes the past weekday by default and the next one in a sentence about the future', () => {
    expect(read('The council voted on Monday.')).toEqual([['on Monday', '2021-06-14', 'day']])
    expect(read('The council will vote on Monday.')).toEqual([['on Monday', '2021-06-21', 'day']])
    expect(read('The ferry was set to sail on Friday.')).toEqual([['on Friday', '2021-06-18', 'day']])
    expect(read('The council met on Wednesday.')).toEqual([['on Wednesday', '2021-06-16', 'day']])
  })
  it('keeps a date right after a past verb in the past, whatever follows', () => {
    expect(read('The mayor said on Monday that the bridge will reopen.')).toEqual([['on Monday', '2021-06-14', 'day']])
  })
  it('reads the tense of the clause, not of the whole sentence', () => {
    expect(read('The ferry sailed in October, and a second ferry is due to sail in July.')).toEqual([
      ['October', '2020-10', 'month'],
      ['July', '2021-07', 'month'],
    ])
  })
  it('puts a month of the past in the last such month and a timeless one in the nearer', () => {
    expect(read('A budget passed in September raised the fee.')).toEqual([['September', '2020-09', 'month']])
    expect(read('The pool closed on 3 May.')).toEqual([['on 3 May', '2021-05-03', 'day']])
    expect(read('Visitors usually arrive in late July.')).toEqual([['late July', '2021-07', 'month']])
  })
  it('does not read "sat", "may" or "now" as dates', () => {
    expect(read('She sat down and said the rules may change now.')).toEqual([])
  })
})

describe('dates: periods, quarters, edges and years', () => {
  it('resolves counted periods before or after publication and ignores durations', () => {
    expect(read('The dam failed a week ago.')).toEqual([['a week ago', '2021-06-09', 'day']])
    expect(read('The dam failed eight months ago.')).toEqual([['eight months ago', '2020-10', 'month']])
    expect(read('Rivers flooded a decade ago.')).toEqual([['a decade ago', '2011', 'year']])
    expect(read('In a decade, the dam will be empty.')).toEqual([['In a decade', '2031', 'year']])
    expect(read('It was the second flood in two years.')).toEqual([])
    expect(read('The dam has leaked for three years and over the past five years costs rose.')).toEqual([])
    expect(read('Rain has fallen over the past few days.')).toEqual([['the past few days', '2021-06', 'month']])
  })
  it('gives a quarter as its year and the edge of a year as its month', () => {
    expect(read('Exports grew in the first quarter.')).toEqual([['the first quarter', '2021', 'year']])
    expect(read('Exports grew in the third quarter.')).toEqual([['the third quarter', '2020', 'year']])
    expect(read('The levy expires at the end of 2027.')).toEqual([['the end of 2027', '2027-12', 'month']])
    expect(read('Prices have risen since the beginning of the year.')).toEqual([
      ['the beginning of the year', '2021-01', 'month'],
    ])
  })
  it('reads years in ranges, older years and relative years with their modifiers', () => {
    expect(read('Costs rise from 2022 to 2026.')).toEqual([
      ['2022', '2022', 'year'],
      ['2026', '2026', 'year'],
    ])
    expect(read('The port has traded since 1786, and grew.')).toEqual([['1786', '1786', 'year']])
    expect(findDates('Taxes fell late last year.', PUB)[0]).toMatchObject({
      text: 'late last year',
      date: { date: '2020', precision: 'year', approximate: true },
    })
  })
  it('takes "this year" in the first days of January, about the past, as the year just ended', () => {
    expect(read('Earlier this year the port closed.', '2022-01-02')).toEqual([['Earlier this year', '2021', 'year']])
    expect(read('This year the port will reopen.', '2022-01-02')).toEqual([['This year', '2022', 'year']])
  })
  it('knows a few named days', () => {
    expect(read('Security changed after 9/11.')).toEqual([['9/11', '2001-09-11', 'day']])
  })
})

describe('dates: in the draft', () => {
  it('gives every date mention with the extraction and dates a claim by an opening date', () => {
    const x = extract(
      'The two ministers met in the capital to talk about the river.\n\nIn 2019, Foreign Minister Ann Example said the river belonged to nobody.',
      { published: PUB },
    )
    expect(x.dates.map((d) => d.text)).toEqual(['2019'])
    expect(x.brief.claims[0]?.stated).toMatchObject({ date: '2019', precision: 'year', text: '2019' })
  })
})
