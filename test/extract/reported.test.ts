// Reported speech without quote marks, on invented paragraphs.
import { describe, expect, it } from 'vitest'
import { BriefSchema } from '../../src/domain/brief.schema.js'
import { extract } from '../../src/extract/index.js'

const PAGE = [
  'Ruritania told to reopen its river port',
  '',
  'Ruritania has been urged to reopen the Blue River port before the harvest.',
  '',
  'Marta Kovacs, a trade researcher at the Danube Policy Institute, wrote in a journal that the closure was costing farmers dearly.',
  '',
  'The Ruritanian Grain Board said the harvest had been the largest in a decade. It said most of the grain was still in storage.',
  '',
  'Exports fell by 30 percent in the spring, the board added.',
  '',
  'Prices will rise again before winter, say economists, because storage is running out.',
  '',
  'Kovacs and Petrov said the line would reopen in May.',
  '',
  'Rufus Firefly vowed to keep the port open, but Kovacs said the promise did not sound convincing.',
  '',
  'The Freedonian Rail Company is concerned the delays would hurt its customers.',
  '',
  'Silos along the river are nearly full, said Ivan Petrov, a spokesman for the Ruritanian Grain Board.',
  '',
  'In a long interview, Firefly also said:',
  '',
  'The port must reopen within a month',
  '',
  'Farmers would be paid for their losses',
  '',
  'The river talks resume next week.',
  '',
  'The Ruritanian Grain Board hopes to double its storage by next year. Kovacs believes the new silos will not be enough.',
  '',
  'On Friday the two boards agreed to share their silos.',
].join('\n')

const brief = BriefSchema.parse(extract(PAGE, { published: '2022-06-01' }).brief)
const byStart = (prefix: string) => brief.claims.find((c) => c.evidence.exact.startsWith(prefix))

describe('reported speech', () => {
  it('credits an agentless lead ("X has been urged") to the source the next paragraph names', () => {
    expect(byStart('Ruritania has been urged')).toMatchObject({ kind: 'recommendation', claimants: ['marta-kovacs'] })
  })
  it('resolves "it" and "the board" to the organisation last named, weak verbs at the end of a sentence', () => {
    expect(byStart('It said most')?.claimants).toEqual(['ruritanian-grain-board'])
    expect(byStart('Exports fell')?.claimants).toEqual(['ruritanian-grain-board'])
  })
  it('reads ", say economists," as an unnamed source', () => {
    expect(byStart('Prices will rise')?.claimants).toEqual(['unnamed-source'])
  })
  it('gives "X and Y said" to both, one claim each', () => {
    const cs = brief.claims.filter((c) => c.evidence.exact.startsWith('Kovacs and Petrov'))
    expect(cs.flatMap((c) => c.claimants).sort()).toEqual(['ivan-petrov', 'marta-kovacs'])
  })
  it('splits coordinated clauses with their own speakers', () => {
    const vow = byStart('Rufus Firefly vowed')!
    expect(vow).toMatchObject({ kind: 'pledge', claimants: ['rufus-firefly'] })
    expect(vow.evidence.exact).toBe('Rufus Firefly vowed to keep the port open')
    expect(byStart('Kovacs said the promise')?.claimants).toEqual(['marta-kovacs'])
  })
  it('reads stance adjectives ("is concerned") as attribution', () => {
    expect(byStart('The Freedonian Rail Company is concerned')).toMatchObject({
      kind: 'warning',
      claimants: ['freedonian-rail-company'],
    })
  })
  it('finds the speaker after an inverted verb', () => {
    expect(byStart('Silos along the river')?.claimants).toEqual(['ivan-petrov'])
  })
  it('gives each item of a list after "X said:" to X, and not the intro', () => {
    expect(byStart('In a long interview')).toBeUndefined()
    expect(byStart('The port must reopen')).toMatchObject({ kind: 'recommendation', claimants: ['rufus-firefly'] })
    expect(byStart('Farmers would be paid')?.claimants).toEqual(['rufus-firefly'])
    expect(byStart('The river talks')).toBeUndefined()
  })
  it('reads verbs of stance and cognition with a bare clause or "to"', () => {
    expect(byStart('The Ruritanian Grain Board hopes')).toMatchObject({
      kind: 'position',
      claimants: ['ruritanian-grain-board'],
    })
    expect(byStart('Kovacs believes')?.claimants).toEqual(['marta-kovacs'])
    expect(byStart('On Friday the two boards agreed')).toBeUndefined()
  })
  it('tells a report of facts (description) from a judgement (assessment)', () => {
    expect(byStart('Exports fell')?.kind).toBe('description')
    expect(byStart('Kovacs said the promise')?.kind).toBe('assessment')
  })
})
