// Actor rules on invented sentences.
import { describe, expect, it } from 'vitest'
import { findActors } from '../../src/extract/actors.js'

const names = (body: string) => {
  const { actors } = findActors(body)
  return new Map([...actors.values()].map((a) => [a.name, a]))
}

describe('actor rules', () => {
  it('finds people by given name, age, "named" and coordination', () => {
    const a = names(
      'The report was praised by Laura Quint on Monday. Tomas Brel, 44, was taken to hospital. ' +
        'A man named Ode Falar was held. The envoys are Karen Doyle and Ezra Mollun, who left early. ' +
        'Since Mayor Bill van Hoorn took office, roads have improved.',
    )
    for (const n of ['Laura Quint', 'Tomas Brel', 'Ode Falar', 'Karen Doyle', 'Ezra Mollun', 'Bill van Hoorn'])
      expect(a.get(n)?.kind, n).toBe('person')
    expect(a.has('Bill')).toBe(false)
  })

  it('finds organisations by lower-case heads, single-word bodies, acronyms and coordination', () => {
    const a = names(
      'The Northfield police said the Varga administration had failed. The bill now goes to the Senate. ' +
        'The Quill magazine reported it first. The GRZ said the deal was off, and the GRZ repeated it. ' +
        'Talks with Acme Corporation and Zenthos went on.',
    )
    expect(a.get('Northfield police')?.kind).toBe('law_enforcement')
    expect(a.get('Varga administration')?.kind).toBe('government_body')
    expect(a.get('Senate')?.kind).toBe('government_body')
    expect(a.get('Quill')?.kind).toBe('media')
    expect(a.get('GRZ')?.kind).toBe('organisation')
    expect(a.get('Acme Corporation')?.kind).toBe('organisation')
    expect(a.get('Zenthos')?.kind).toBe('organisation')
    expect(a.has('Acme Corporation and Zenthos')).toBe(false)
  })

  it('keeps common abbreviations, shouted words and places out', () => {
    const a = names(
      'HIGH drama: GDP fell and GDP may fall again, officials in Port Ellis and San Marco say. ' +
        'The minister flew to Harare on Tuesday.',
    )
    expect(a.has('GDP')).toBe(false)
    expect(a.has('HIGH')).toBe(false)
    expect(a.has('San Marco')).toBe(false)
    expect(a.has('Zimbabwe')).toBe(false)
  })

  it('names the military, the police and the government by their common nouns, not as adjectives', () => {
    const a = names('Ms Ode said the military had taken over. The police were calm. The army takeover ended.')
    expect(a.get('the military')?.kind).toBe('military')
    expect(a.get('the police')?.kind).toBe('law_enforcement')
    expect(a.has('the army')).toBe(false)
  })

  it('counts a capital that stands for its government', () => {
    const a = names('Harare said the talks would resume.')
    expect(a.get('Zimbabwe')?.kind).toBe('state')
  })

  it('knows everyday state names and splits a title off a body', () => {
    const a = names('Syria rejected the plan. Harbour Police Commissioner Ann Lee said so.')
    expect([...a.values()].find((x) => x.country === 'SYR')?.surfaceForms).toEqual(new Set(['Syria']))
    expect(a.get('Harbour Police')?.kind).toBe('law_enforcement')
    expect(a.get('Ann Lee')?.kind).toBe('person')
  })
  it('finds companies and brands by corporate verbs, suffixes, company nouns and appositions', () => {
    const a = names(
      'Brellix announced a new phone on Tuesday. Then the ride-hailing service Quorvo raised its fares. ' +
        'Analysts doubted that Quorvo would keep them. Vantiq’s chief executive left, and Zelmar, a freight company ' +
        'based in the north, has been sued.',
    )
    for (const n of ['Brellix', 'Quorvo', 'Vantiq', 'Zelmar']) expect(a.get(n)?.kind, n).toBe('organisation')
    expect([...(a.get('Quorvo')?.surfaceForms ?? [])]).toEqual(['Quorvo'])
  })

  it('does not take pronouns, cities or sentence-opening words for companies', () => {
    const a = names('Officials hope the plan works. Paris launched a bike scheme. It announced nothing else.')
    expect(a.has('Officials')).toBe(false)
    expect(a.has('It')).toBe(false)
    expect(a.get('Paris')?.kind).not.toBe('organisation')
  })
  it('reads "the company" as the organisation named just before it', () => {
    const a = names('Brellix announced a recall on Monday. The company said the fault was rare.')
    expect([...(a.get('Brellix')?.surfaceForms ?? [])]).toContain('The company')
    expect(names('The company said the fault was rare.').size).toBe(0)
  })
  it('finds companies by "X officials" and "X, Y\'s supplier", and keeps a unit with its owner', () => {
    const a = names(
      'Dravo Power officials said the cables failed. Vantiq Orbis, Acme Corporation’s other supplier, shipped parts. ' +
        'A study by Marlow University’s Center on Ageing and Care found the opposite.',
    )
    expect(a.get('Dravo Power')?.kind).toBe('organisation')
    expect(a.get('Vantiq Orbis')?.kind).toBe('organisation')
    expect(a.has('Marlow University’s Center on Ageing and Care')).toBe(true)
    expect(a.has('Marlow University')).toBe(false)
  })
  it('finds placed role nouns and groups with a plural verb, and "the tribe" after them', () => {
    const a = names(
      'Prosecutors in Velmar and Port Osk say the firm lied. The Tavari are investigating the deaths. ' +
        'Elders said the tribe would meet in May.',
    )
    expect(a.get('Prosecutors in Velmar and Port Osk')?.kind).toBe('law_enforcement')
    expect(a.get('Tavari')?.kind).toBe('grouping')
    expect([...(a.get('Tavari')?.surfaceForms ?? [])]).toContain('the tribe')
    expect(names('The Chinese are wary. The Police were late.').has('Chinese')).toBe(false)
  })
})
