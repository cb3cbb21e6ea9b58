// First-person views of a column's author, on invented pages.
import { describe, expect, it } from 'vitest'
import { BriefSchema } from '../../src/domain/brief.schema.js'
import { extract } from '../../src/extract/index.js'

const COLUMN = [
  'Why the river port should stay public',
  '',
  'By Hilda Brandvold',
  '',
  'The Blue River port has been run by the Ruritanian Grain Board for forty years.',
  '',
  'I believe that a public port serves farmers better than a private one could.',
  '',
  'The board raised its fees twice last year, which I think was a mistake.',
  '',
  'I visited the port on a wet morning and walked along the silos.',
  '',
  '“I think the fees are fair,” said Ivan Petrov, a spokesman for the board.',
  '',
  'I’d much prefer a port that answers to the farmers who use it.',
  '',
  'In my experience, the silos are rarely full.',
].join('\n')

const brief = BriefSchema.parse(extract(COLUMN, { published: '2022-06-01' }).brief)
const byStart = (prefix: string) => brief.claims.find((c) => c.evidence.exact.startsWith(prefix))

describe('author views', () => {
  it('gives first-person stances to the author named in the byline', () => {
    expect(byStart('I believe that')).toMatchObject({ kind: 'position', claimants: ['hilda-brandvold'] })
    expect(byStart('I’d much prefer')).toMatchObject({ kind: 'position', claimants: ['hilda-brandvold'] })
    expect(brief.actors.find((a) => a.slug === 'hilda-brandvold')).toMatchObject({ kind: 'person' })
  })
  it('reads "which I think" and "in my experience" as the author’s assessments', () => {
    expect(byStart('The board raised')).toMatchObject({ kind: 'assessment', claimants: ['hilda-brandvold'] })
    expect(byStart('In my experience')).toMatchObject({ kind: 'assessment', claimants: ['hilda-brandvold'] })
  })
  it('leaves first-person narration and quoted first person alone', () => {
    expect(byStart('I visited')).toBeUndefined()
    expect(byStart('“I think the fees')?.claimants).toEqual(['ivan-petrov'])
  })
  it('gives an unsigned article an author of its own, named after the article', () => {
    const x = BriefSchema.parse(
      extract(
        ['A column', '', 'Ports matter to farmers.', '', 'I suspect the board will raise its fees again.'].join('\n'),
      ).brief,
    )
    const c = x.claims.find((c) => c.evidence.exact.startsWith('I suspect'))
    const slug = c?.claimants[0] as string
    expect(c?.kind).toBe('assessment')
    expect(slug).toMatch(/^author-/)
    expect(slug).not.toBe('author')
    expect(x.actors.find((a) => a.slug === slug)?.name).toMatch(/^Author of “.+”$/)
  })
})
