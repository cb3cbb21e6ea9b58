// Claim kinds from wording, on invented statements.
import { describe, expect, it } from 'vitest'
import { claimKind } from '../../src/extract/kinds.js'

describe('claim kinds from wording', () => {
  it('reads quantities as facts, not judgements', () => {
    expect(claimKind(null, 'the agency repaired more than 300 pipes in March')).toBe('description')
    expect(claimKind(null, 'most of the grain was shipped by barge')).toBe('description')
  })
  it('reads evaluative wording and comparatives of adjectives as assessments', () => {
    expect(claimKind(null, 'relations between the towns had improved')).toBe('assessment')
    expect(claimKind(null, 'the farmers were the most frustrated of all')).toBe('assessment')
    expect(claimKind(null, 'it was distressing to see the port closed')).toBe('assessment')
  })
  it('reads a question the speaker puts as an assessment', () => {
    expect(claimKind(null, 'Are there any honest traders left?')).toBe('assessment')
  })
})
