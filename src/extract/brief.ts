// Turns the steps' drafts into the Brief shape: keys, evidence selectors, kinds, dates, roles.
import type { BriefInput } from '../domain/brief.schema.js'
import type { PartialDate } from '../domain/dates.js'
import type { ActorIndex } from './actors.js'
import type { DraftClaim } from './attribution.js'
import type { DateMention } from './dates.js'
import type { DraftEvent } from './events.js'
import { claimKind, modalityOf } from './kinds.js'
import { UNNAMED_SOURCE } from './speakers.js'
import type { Span } from './types.js'

type BriefClaim = BriefInput['claims'][number]
type BriefEvent = BriefInput['events'][number]
type BriefActor = BriefInput['actors'][number]
type Extraction = { method: 'automatic'; extractor: string; confidence: number; reviewed: false }

const MAX_EVIDENCE = 2000

export function evidenceOf(body: string, s: Span): { start: number; end: number; exact: string } {
  const end = Math.min(s.end, s.start + MAX_EVIDENCE)
  return { start: s.start, end, exact: body.slice(s.start, end) }
}

function extraction(extractor: string, confidence: number): Extraction {
  return { method: 'automatic', extractor, confidence: Math.min(1, Math.max(0, confidence)), reviewed: false }
}

function mentioned(index: ActorIndex, s: Span): string[] {
  return [...new Set(index.mentions.filter((m) => m.start >= s.start && m.end <= s.end).map((m) => m.slug))]
}

/**
 * The date stated right after the speech verb ("said on Wednesday"), or the one that opens the
 * verb's sentence ("In 2013, the senator called …").
 */
function statedDate(body: string, dates: DateMention[], verbAt: number | null, evidence: Span): PartialDate | null {
  if (verbAt === null) return null
  const d = dates.find((x) => x.date && x.start >= verbAt && x.start - verbAt < 30 && x.end <= evidence.end)
  if (d) return d.date
  const opening = dates.find((x) => {
    if (!x.date || x.start < evidence.start || x.end >= verbAt || verbAt - x.end > 80) return false
    const before = body.slice(evidence.start, x.start)
    const lead = before.slice(before.search(/(?:[.!?]["”’]?\s+[^.!?]*)?$/)).replace(/^[.!?]["”’]?\s+/, '')
    return (
      /^\s*(?:(?:in|on|by|late|early)\s+)?$/i.test(lead) &&
      body[x.end] === ',' &&
      !/[.!?]/.test(body.slice(x.end, verbAt))
    )
  })
  return opening?.date ?? null
}

export function buildClaims(
  body: string,
  drafts: DraftClaim[],
  index: ActorIndex,
  dates: DateMention[],
  extractor: string,
): BriefClaim[] {
  return drafts.map((d, i) => {
    const content = body.slice(d.content.start, d.content.end).trim()
    const kind = d.kind ?? claimKind(d.verb, content)
    const modality = kind === 'pledge' && !/\b(?:not|never)\b/.test(content) ? 'future' : modalityOf(content)
    const speaker = d.claimants.map((s) => index.actors.get(s)?.name ?? UNNAMED_SOURCE.name).join(' and ')
    const verb = d.verb
      ? `${d.verb
          .split(' ')[0]!
          .replace(/^be$/, 'i')
          .replace(/([^aeiou])y$/, '$1ie')
          .replace(/(s|sh|ch)$/, '$1e')}s${d.verb.includes(' ') ? ` ${d.verb.split(' ').slice(1).join(' ')}` : ''}`
      : 'states'
    const evidence = evidenceOf(body, d.evidence)
    const quote =
      d.quote && d.quote.end <= evidence.end
        ? { text: body.slice(d.quote.start, d.quote.end), start: d.quote.start, end: d.quote.end }
        : null
    const claimants = new Set(d.claimants)
    return {
      key: `c${i + 1}`,
      kind,
      summary: `${speaker} ${verb}: ${content}`.slice(0, 2000),
      modality,
      quote,
      evidence,
      claimants: [...claimants],
      about: mentioned(index, d.content).filter((s) => !claimants.has(s)),
      stated: statedDate(body, dates, d.verbAt, d.evidence),
      extraction: extraction(extractor, d.confidence),
      links: [],
    }
  })
}

export function buildEvents(body: string, drafts: DraftEvent[], dates: DateMention[], extractor: string): BriefEvent[] {
  return drafts.map((e, i) => {
    const inSentence = dates.filter((d) => d.date && d.start >= e.evidence.start && d.end <= e.evidence.end)
    // A plan is dated by what follows its trigger ("agreed to set up … by the end of the year").
    const later = e.status === 'planned' ? inSentence.filter((d) => d.start > e.trigger.end) : []
    const pool = later.length ? later : inSentence
    const nearest = pool.sort((a, b) => Math.abs(a.start - e.trigger.start) - Math.abs(b.start - e.trigger.start))[0]
    return {
      key: `e${i + 1}`,
      title: e.title.slice(0, 500),
      type: e.type,
      extension: e.type === 'OTHER' ? e.extension : null,
      status: e.status,
      modality: e.modality,
      start: nearest?.date ?? null,
      participants: e.participants,
      evidence: evidenceOf(body, e.evidence),
      extraction: extraction(extractor, e.confidence),
    }
  })
}

export function buildActors(
  index: ActorIndex,
  title: string,
  claims: BriefClaim[],
  events: BriefEvent[],
): BriefActor[] {
  const speakers = new Set(claims.flatMap((c) => c.claimants))
  const counts = new Map<string, number>()
  for (const m of index.mentions) counts.set(m.slug, (counts.get(m.slug) ?? 0) + 1)
  const max = Math.max(0, ...counts.values())
  const used = new Set([
    ...speakers,
    ...claims.flatMap((c) => c.about),
    ...events.flatMap((e) => (e.participants ?? []).map((p) => p.actor)),
  ])
  const out: BriefActor[] = []
  for (const a of index.actors.values()) {
    if (!counts.has(a.slug) && !used.has(a.slug)) continue
    const forms = [...a.surfaceForms]
    const n = counts.get(a.slug) ?? 0
    const central = forms.some((f) => title.includes(f)) || (n >= 4 && n >= max * 0.6)
    out.push({
      slug: a.slug,
      name: a.name,
      kind: a.kind,
      country: a.country,
      title: a.title?.slice(0, 300) ?? null,
      aliases: [...new Set([...a.aliases, ...forms])].filter((f) => f !== a.name).slice(0, 100),
      affiliations: a.affiliations
        .filter((f) => index.actors.has(f.actor))
        .map((f) => ({ ...f, from: null, to: null })),
      role: central ? 'subject' : speakers.has(a.slug) ? 'source' : 'mentioned',
      surfaceForms: forms.slice(0, 100),
    })
  }
  return out
}
