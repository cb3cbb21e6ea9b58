// More reported speech on invented paragraphs: adverbs between subject and verb, stance
// adjectives before a bare clause, stance verbs with an object, "as X reports", pleas.
import { describe, expect, it } from 'vitest'
import { BriefSchema } from '../../src/domain/brief.schema.js'
import { extract } from '../../src/extract/index.js'

const PAGE = [
  'Title here',
  '',
  'The Acme Corporation opened a depot in Ruritania last year.',
  '',
  'It has now promised the state of Ruritania that it will cap its prices.',
  '',
  'However, Ivan Petrov defended his decision to visit those governments.',
  '',
  "The Ruritanian Farmers Union is adamant farmers' pay must be raised.",
  '',
  'Storms are to blame too, scientists think, with warm water moving the fish.',
  '',
  'As the Daily Planet reports, the Acme Corporation announced that it would charge more.',
  '',
  'Ivan Petrov issued a plea for people to stay away from the pills.',
  '',
  'The Acme Corporation added a “Share” button to its website.',
  '',
  'The Acme Corporation keeps so-called “personal data about its customers” for a year.',
  '',
  'Ivan Petrov read a report by the Ruritanian Grain Board that claimed the silos were “nearly empty by spring”.',
  '',
  'But for Maria Lopez, a farmer near the port, the closure is personal.',
  '',
  '“It hurts every single day, and nobody listens to us.”',
  '',
  '(The Ruritanian Farmers Union disagrees.)',
  '',
  'Ivan Petrov also claimed the new silos would pay for themselves even as the Ruritanian Grain Board estimated that they would cost twice as much.',
  '',
  'The closure has been described as “a slow disaster” by Ivan Petrov.',
  '',
  'A harvest that was described as “the worst in memory” left the farmers in debt.',
].join('\n')

const brief = BriefSchema.parse(extract(PAGE, { published: '2022-06-01' }).brief)
const byStart = (prefix: string) => brief.claims.find((c) => c.evidence.exact.startsWith(prefix))

describe('reported speech, more forms', () => {
  it('reads a bare stance verb ending its sentence ("The union disagrees.")', () => {
    expect(byStart('(The Ruritanian')?.claimants).toEqual(['ruritanian-farmers-union'])
  })
  it('splits "X claimed … even as Y estimated …" and takes the kind of a claim from its wording', () => {
    expect(byStart('Ivan Petrov also claimed')).toMatchObject({ kind: 'prediction', claimants: ['ivan-petrov'] })
    expect(byStart('the Ruritanian Grain Board estimated')?.claimants).toEqual(['ruritanian-grain-board'])
  })
  it('reads "was described as “…” (by X)" as an assessment by X, or by an unnamed source', () => {
    expect(byStart('The closure has been')).toMatchObject({ kind: 'assessment', claimants: ['ivan-petrov'] })
    expect(byStart('A harvest that')).toMatchObject({ kind: 'assessment', claimants: ['unnamed-source'] })
  })
  it('gives a quote alone in its paragraph to the person the paragraph before names', () => {
    expect(byStart('“It hurts')?.claimants).toEqual(['maria-lopez'])
  })
  it('does not read a scare-quoted label as a quoted statement', () => {
    expect(byStart('The Acme Corporation added')).toBeUndefined()
    expect(byStart('The Acme Corporation keeps')).toBeUndefined()
  })
  it('finds the speaker before a restrictive relative clause ("a report by X that claimed")', () => {
    expect(byStart('Ivan Petrov read')?.claimants).toContain('ruritanian-grain-board')
  })
  it('allows adverbs such as "now" between the subject and the verb', () => {
    expect(byStart('It has now promised')).toMatchObject({ kind: 'pledge', claimants: ['acme-corporation'] })
  })
  it('reads "defended his decision" as a stance', () => {
    expect(byStart('However, Ivan Petrov')).toMatchObject({ kind: 'position', claimants: ['ivan-petrov'] })
  })
  it('reads a stance adjective before a bare clause with a lower-case subject', () => {
    expect(byStart('The Ruritanian Farmers Union')).toMatchObject({
      kind: 'position',
      claimants: ['ruritanian-farmers-union'],
    })
  })
  it('reads ", scientists think," followed by an adjunct as an unnamed source', () => {
    expect(byStart('Storms are to blame')?.claimants).toEqual(['unnamed-source'])
  })
  it('keeps the source of "As X reports" beside the speaker', () => {
    expect(byStart('As the Daily Planet')?.claimants.sort()).toEqual(['acme-corporation', 'daily-planet'])
  })
  it('reads "issued a plea" as a recommendation', () => {
    expect(byStart('Ivan Petrov issued')).toMatchObject({ kind: 'recommendation', claimants: ['ivan-petrov'] })
  })
})

describe('role before name', () => {
  it('resolves a role the lead names before the body itself', () => {
    const x = BriefSchema.parse(
      extract(
        [
          'Rail line closes',
          '',
          'The northern rail line closed on Monday after a landslide, the national rail agency said.',
          '',
          'The Ruritanian Rail Agency expects to reopen it within a week.',
        ].join('\n'),
        { published: '2022-06-01' },
      ).brief,
    )
    const c = x.claims.find((c) => c.evidence.exact.startsWith('The northern rail line'))
    expect(c?.claimants).toEqual(['ruritanian-rail-agency'])
  })
})

describe('continuation', () => {
  it('gives "she added" to the last speaker, not to a name inside the last quote', () => {
    const x = BriefSchema.parse(
      extract(
        [
          'Port closes',
          '',
          'Maria Lopez, a farmer, spoke about her son.',
          '',
          '“When Peter Lopez fell ill, the doctors did all they could for him,” Maria Lopez said.',
          '',
          'She added: “Nobody could have saved him that night.”',
        ].join('\n'),
        { published: '2022-06-01' },
      ).brief,
    )
    const c = x.claims.find((c) => c.evidence.exact.startsWith('She added'))
    expect(c?.claimants).toEqual(['maria-lopez'])
  })
})

describe('unnamed spokesman', () => {
  it('gives "his spokesman said" to the person he speaks for', () => {
    const x = BriefSchema.parse(
      extract(
        [
          'Leader returns',
          '',
          'Opposition leader Ivan Petrov, who had been abroad for months, returned to the capital on Monday, his spokesman said.',
        ].join('\n'),
        { published: '2022-06-01' },
      ).brief,
    )
    expect(x.claims[0]?.claimants).toEqual(['ivan-petrov'])
  })
})
