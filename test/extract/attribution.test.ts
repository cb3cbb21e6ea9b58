// Attribution sieves and events on invented paragraphs.
import { describe, expect, it } from 'vitest'
import { BriefSchema } from '../../src/domain/brief.schema.js'
import { extract } from '../../src/extract/index.js'

const PAGE = [
  'Hungary and Austria agree to share the Blue River',
  '',
  'Hungary and Austria agreed on Tuesday to share the water of the Blue River, ending a long dispute.',
  '',
  '“This is a good day for both our peoples,” Hungarian President Rufus Firefly said.',
  '',
  'Firefly, a former teacher at the Capital University, added that the deal would be reviewed every year.',
  '',
  'Austrian Prime Minister Anna Holt warned that Austria could walk away if the terms were broken.',
  '',
  '“We will watch every drop,” she said. “Nobody should doubt it.”',
  '',
  'The deal will be signed next month, according to the Austrian foreign ministry.',
  '',
  'Austrian police arrested three protesters outside the parliament on Monday.',
].join('\n')

const brief = BriefSchema.parse(extract(PAGE, { published: '2021-03-05' }).brief)
const byStart = (prefix: string) => brief.claims.find((c) => c.evidence.exact.startsWith(prefix))

describe('attribution', () => {
  it('attributes a quote followed by "X said"', () => {
    const c = byStart('“This is a good day')!
    expect(c.claimants).toEqual(['rufus-firefly'])
    expect(c.quote?.text).toBe('This is a good day for both our peoples')
  })
  it('attributes reported speech through a surname and an appositive', () => {
    expect(byStart('Firefly, a former teacher')?.claimants).toEqual(['rufus-firefly'])
  })
  it('reads the kind from the verb and resolves a pronoun to the last person', () => {
    const warning = byStart('Austrian Prime Minister')!
    expect(warning).toMatchObject({ kind: 'warning', modality: 'hypothetical', claimants: ['anna-holt'] })
    const c = byStart('“We will watch')!
    expect(c.claimants).toEqual(['anna-holt'])
    expect(c.evidence.exact).toBe('“We will watch every drop,” she said. “Nobody should doubt it.”')
  })
  it('attributes "according to X"', () => {
    expect(byStart('The deal will be signed')?.claimants).toEqual(['austrian-foreign-ministry'])
  })
})

describe('events', () => {
  it('types triggers, finds participants, status and dates', () => {
    const agree = brief.events.find((e) => e.type === 'AGREE')!
    expect(agree.participants.map((p) => p.actor).sort()).toEqual(['austria', 'hungary'].sort())
    expect(agree.start).toMatchObject({ date: '2021-03-02', precision: 'day' })
    const sign = brief.events.find((e) => e.evidence.exact.startsWith('The deal will be signed'))
    expect(sign?.status).toBe('planned')
    const arrest = brief.events.find((e) => e.type === 'COERCE')
    expect(arrest?.evidence.exact).toContain('arrested')
  })
})
