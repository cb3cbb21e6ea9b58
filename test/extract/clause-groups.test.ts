// Unnamed groups as sources and a second attributed clause joined by a bare "and", on invented text.
import { describe, expect, it } from 'vitest'
import { BriefSchema } from '../../src/domain/brief.schema.js'
import { extract } from '../../src/extract/index.js'

const PAGE = [
  'Title here',
  '',
  'The Acme Corporation opened a depot in Ruritania last year.',
  '',
  'Many reports suggest that the depot workers are paid less than elsewhere.',
  '',
  'A number of the Acme Corporation’s fans and supporters defended the company on the grounds that prices are set by formula.',
  '',
  'Acme Power officials said the grid had held through the storm.',
  '',
  'Most of the lines are now buried, said the officials, who added that the work would finish in May.',
  '',
  'Both Ivan Petrov and Maria Lopez said the port would reopen in June.',
  '',
  'The Ruritanian Grain Board said Ivan Petrov had told the minister by telephone that the harbour was closed.',
  '',
  'The Acme Corporation has presented itself as a cheaper alternative to the state carrier.',
  '',
  'Some farmers claim that the new silos leak.',
  '',
  'Maria Lopez and her family believe the harbour could be saved.',
  '',
  'The Ruritanian Grain Board said the silos were full and the Ruritanian Farmers Union said it was worried about the harvest.',
].join('\n')

const brief = BriefSchema.parse(extract(PAGE, { published: '2022-06-01' }).brief)
const byStart = (prefix: string) => brief.claims.find((c) => c.evidence.exact.startsWith(prefix))

describe('unnamed groups and bare "and" clauses', () => {
  it('reads "many reports suggest" as an unnamed source', () => {
    expect(byStart('Many reports suggest')?.claimants).toEqual(['unnamed-source'])
  })
  it('gives "X’s fans defended" to an unnamed source, not to X', () => {
    expect(byStart('A number of')?.claimants).toEqual(['unnamed-source'])
  })
  it('splits "X said … and Y said …" into two claims', () => {
    expect(byStart('The Ruritanian Grain Board said')?.claimants).toEqual(['ruritanian-grain-board'])
    expect(byStart('the Ruritanian Farmers Union said')?.claimants).toEqual(['ruritanian-farmers-union'])
  })
  it('resolves "the officials" to the body whose officials spoke before', () => {
    const c = byStart('Most of the lines')
    expect(c?.claimants).toHaveLength(1)
    expect(c?.claimants[0]).toMatch(/acme-power/)
  })
  it('gives "X and Y said" one claim per named speaker, in the order they are named', () => {
    const cs = brief.claims.filter((c) => c.evidence.exact.startsWith('Both Ivan Petrov'))
    expect(cs.map((c) => c.claimants)).toEqual([['ivan-petrov'], ['maria-lopez']])
  })
  it('gives "X said Y had told Z that …" to X and to Y', () => {
    const cs = brief.claims.filter((c) => c.evidence.exact.includes('had told the minister'))
    expect(cs.map((c) => c.claimants)).toEqual([['ruritanian-grain-board'], ['ivan-petrov']])
  })
  it('reads "has presented itself as" as a position', () => {
    expect(byStart('The Acme Corporation has presented')).toMatchObject({
      kind: 'position',
      claimants: ['acme-corporation'],
    })
  })
  it('reads a quantified plural subject ("some farmers claim") as an unnamed source', () => {
    expect(byStart('Some farmers claim')?.claimants).toEqual(['unnamed-source'])
  })
  it('gives "X and her family believe" to X', () => {
    expect(byStart('Maria Lopez and her family')?.claimants).toEqual(['maria-lopez'])
  })
})

describe('a report named once', () => {
  it('gives "the report concluded" to the body that published it paragraphs earlier', () => {
    const filler = Array.from({ length: 8 }, (_, i) => `The harbour handled ${i + 2} ships a day in the old days.`)
    const page = [
      'Title here',
      '',
      'A new report released on Monday by the Ruritanian Grain Institute looks at harvests.',
      '',
      ...filler.flatMap((f) => [f, '']),
      'The report concluded that the silos were too small for the harvest.',
    ].join('\n')
    const b = BriefSchema.parse(extract(page, { published: '2022-06-01' }).brief)
    const c = b.claims.find((x) => x.evidence.exact.startsWith('The report concluded'))
    expect(c?.claimants).toEqual(['ruritanian-grain-institute'])
  })
})
