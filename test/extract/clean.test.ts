// Chrome rules of the cleaner, on invented pages.
import { describe, expect, it } from 'vitest'
import { clean } from '../../src/extract/clean.js'

const page = (...lines: string[]) => lines.join('\n\n')
const LEDE = 'The harbour board of Port Example voted on Monday to close the old pier to lorries.'
const SECOND = 'Board members said the timber supports had rotted after decades of salt spray.'

describe('clean: the page header', () => {
  it('drops a headline that ends in punctuation and a standfirst that precede the byline', () => {
    const c = clean(
      page(
        'Pier Closes to Lorries After Inspectors Find Rotten Timbers “Beyond Repair”',
        'Repairs are expected to take most of the coming year.',
        'By Ann Example',
        'March 3, 2021',
        LEDE,
        SECOND,
      ),
    )
    expect(c.body).toBe(`${LEDE}\n\n${SECOND}`)
    expect(c.byline).toBe('Ann Example')
  })
  it('keeps a lede with no byline after it', () => {
    expect(clean(page('Harbour news', LEDE, SECOND)).body).toBe(`${LEDE}\n\n${SECOND}`)
  })
})

describe('clean: chrome inside the article', () => {
  it('drops the sentence that describes a chart and the chart itself', () => {
    const c = clean(
      page(
        LEDE,
        'Lorry traffic on the pier has doubled since the last inspection, port figures show.',
        'Lorries per day',
        '400',
        '200',
        '0',
        '’15',
        '’20',
        'Source: Port Example harbour board',
        SECOND,
      ),
    )
    expect(c.body).toBe(`${LEDE}\n\n${SECOND}`)
  })
  it('keeps a paragraph followed by a source line that is no chart', () => {
    const last = 'The board will meet again next month.'
    expect(clean(page(LEDE, SECOND, last, 'Share', 'Source: Example Wire')).body).toContain(last)
  })
  it('treats a short question between a picture and the text as a subheading', () => {
    const c = clean(
      page(LEDE, 'Image', 'A crane on the old pier. Photo: Example Agency', 'So what happens next?', SECOND),
    )
    expect(c.body).toBe(`${LEDE}\n\n${SECOND}`)
    const q = 'What will happen to the fishermen who use the pier every morning?'
    expect(clean(page(LEDE, q, SECOND)).body).toContain(q)
  })
  it('drops gallery captions, correction notes, contributor lines, author bios and author links', () => {
    const c = clean(
      page(
        LEDE,
        'Clockwise from top: the old pier; a rotten beam; the harbour at dusk.',
        SECOND,
        'This version corrects the name of the harbour board chairman.',
        'Staff writer Bo Sample in Example City contributed to this report.',
        'Reporting by Bo Sample; Editing by Cy Sample',
        'Ann Example is a senior reporter for the Example Gazette and is based in Port Example.',
        'More Ann Q. Example.',
      ),
    )
    expect(c.body).toBe(`${LEDE}\n\n${SECOND}`)
  })
  it('keeps a sentence about a reporter that running text follows', () => {
    const bio = 'Ann Example is a reporter who covered the harbour for ten years before the vote.'
    expect(clean(page(LEDE, bio, SECOND)).body).toContain(bio)
  })
  it('keeps running text that mentions signing up or a newsletter', () => {
    const s =
      'When residents sign up for the harbour permit scheme, the board asks for their address and the registration of every vehicle they own.'
    expect(clean(page(LEDE, s, SECOND)).body).toContain(s)
    expect(clean(page(LEDE, 'Sign up for our harbour newsletter', SECOND)).body).toBe(`${LEDE}\n\n${SECOND}`)
  })
  it('keeps a numbered list that a sentence introduces', () => {
    const c = clean(page(LEDE, 'The busiest piers were:', '1. North', '2. East', SECOND))
    expect(c.body).toContain('1. North\n\n2. East')
  })
  it('keeps a sentence that starts with "By" and a weekday', () => {
    const s = 'By Tuesday, the board had closed the pier.'
    expect(clean(page(LEDE, s, SECOND)).body).toContain(s)
  })
})
