// Event rules on invented sentences.
import { describe, expect, it } from 'vitest'
import { findActors } from '../../src/extract/actors.js'
import { findEvents } from '../../src/extract/events.js'

function events(body: string) {
  const index = findActors(body)
  const sentences = [...body.matchAll(/[^.]+\./g)].map((m, i) => ({
    start: m.index,
    end: m.index + m[0].length,
    para: 0,
    index: i,
  }))
  return findEvents(body, sentences, index)
}

describe('event rules', () => {
  it('covers more PLOVER triggers', () => {
    const types = (s: string) => events(s).map((e) => e.type)
    expect(types('Senator Ann Lee pilloried the Varga administration.')).toContain('ACCUSE')
    expect(types('President Tomas Brel will address the African Union on Monday.')).toContain('CONSULT')
    expect(types('The Northfield police assisted Karen Doyle after the storm.')).toContain('AID')
    expect(types('Ezra Mollun admitted that Karen Doyle was right.')).toContain('CONCEDE')
    expect(types('Karen Doyle pushed for new rules in Parliament.')).toContain('REQUEST')
  })

  it('reports accidents, hires and legislation as OTHER', () => {
    const e = events('Laura Quint was taken to hospital after the crash. Acme Corporation hired Tomas Brel.')
    expect(e.filter((x) => x.type === 'OTHER').length).toBeGreaterThanOrEqual(2)
  })

  it('re-types a released report as a publication and keeps one event per trigger', () => {
    const e = events('A report released by the Danube Institute on Monday found gaps.')
    expect(e.map((x) => [x.type, x.extension])).toContainEqual(['OTHER', 'PUBLICATION'])
    expect(e.some((x) => x.type === 'CONCEDE')).toBe(false)
    const fire = events('A gunman opened fire at Laura Quint in the square.')
    expect(fire.map((x) => x.type)).toEqual(['ASSAULT'])
  })
  it('leaves out names in a place phrase or a relative clause', () => {
    const who = (s: string) => events(s).flatMap((e) => e.participants.map((p) => p.actor))
    const a = who('Senator Ann Lee criticised the plan at a rally in France.')
    expect(a).toContain('ann-lee')
    expect(a).not.toContain('france')
    const accuse = events('Karen Doyle, who met President Tomas Brel last year, criticised the plan.').find(
      (e) => e.type === 'ACCUSE',
    )
    expect(accuse?.participants.map((p) => p.actor)).toEqual(['karen-doyle'])
  })
  it('takes the subject, not a name in a prepositional phrase before the verb', () => {
    const e = events('Senator Laura Quint of Acme Corporation criticised the plan.').find((x) => x.type === 'ACCUSE')
    expect(e?.participants.map((p) => p.actor)).toEqual(['laura-quint'])
  })
  it('drops happenings under a condition put to the reader', () => {
    expect(events('If you join Acme Corporation, you agree to its rules.').length).toBe(0)
    expect(events('If the talks fail, Acme Corporation will sue Tomas Brel.').length).toBeGreaterThan(0)
  })
  it('takes the partner after "with" or "against" further along the clause', () => {
    const e = events(
      'Acme Corporation held long, difficult and at times very tense talks in the old capital of the northern province on Monday afternoon with President Tomas Brel.',
    ).find((x) => x.type === 'CONSULT')
    expect(e?.participants.map((p) => p.actor)).toEqual(['acme-corporation', 'tomas-brel'])
  })
})
