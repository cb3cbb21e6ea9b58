// Checks of a brief beyond its types: provenance (every span selects its text), references
// (every actor, claim and event a brief names exists), and internal consistency.
// Each problem carries a JSON Pointer to the offending field, e.g. /claims/3/evidence/start.
import { createHash } from 'node:crypto'
import { dayRange } from './dates.js'
import type { Brief } from './brief.schema.js'

export interface FieldProblem {
  pointer: string
  message: string
}

export const CONTEXT_CHARS = 32

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

export function prefixOf(body: string, start: number): string {
  return body.slice(Math.max(0, start - CONTEXT_CHARS), start)
}

export function suffixOf(body: string, end: number): string {
  return body.slice(end, end + CONTEXT_CHARS)
}

interface Span {
  start: number
  end: number
}

export function checkSpan(body: string, span: Span, text: string, at: string, out: FieldProblem[]): boolean {
  if (span.start > body.length) {
    out.push({ pointer: `${at}/start`, message: `start ${span.start} is past the end of the body (${body.length})` })
    return false
  }
  if (span.end > body.length) {
    out.push({ pointer: `${at}/end`, message: `end ${span.end} is past the end of the body (${body.length})` })
    return false
  }
  if (span.end <= span.start) {
    out.push({ pointer: `${at}/end`, message: `end ${span.end} must be greater than start ${span.start}` })
    return false
  }
  const actual = body.slice(span.start, span.end)
  if (actual !== text) {
    out.push({
      pointer: `${at}/start`,
      message: `body[${span.start}:${span.end}] is ${JSON.stringify(actual.slice(0, 80))}, not the given text ${JSON.stringify(text.slice(0, 80))}`,
    })
    return false
  }
  return true
}

export function checkEvidence(
  body: string,
  ev: Brief['claims'][number]['evidence'],
  at: string,
  out: FieldProblem[],
): void {
  if (!checkSpan(body, ev, ev.exact, at, out)) return
  if (ev.prefix !== undefined && ev.prefix !== prefixOf(body, ev.start))
    out.push({ pointer: `${at}/prefix`, message: `prefix does not match the ${CONTEXT_CHARS} characters before start` })
  if (ev.suffix !== undefined && ev.suffix !== suffixOf(body, ev.end))
    out.push({ pointer: `${at}/suffix`, message: `suffix does not match the ${CONTEXT_CHARS} characters after end` })
}

/**
 * @param knownActor tells whether a slug not defined in the brief names an actor already stored.
 */
export async function validateBrief(
  brief: Brief,
  knownActor: (slug: string) => Promise<boolean> | boolean = () => false,
): Promise<FieldProblem[]> {
  const out: FieldProblem[] = []
  const { article } = brief
  const body = article.body

  if (article.source.sha256 !== undefined && article.source.sha256 !== sha256(article.source.text))
    out.push({ pointer: '/article/source/sha256', message: 'sha256 does not match source.text' })

  const slugs = new Map<string, number>()
  brief.actors.forEach((a, i) => {
    if (slugs.has(a.slug)) out.push({ pointer: `/actors/${i}/slug`, message: `duplicate actor slug "${a.slug}"` })
    slugs.set(a.slug, i)
    a.surfaceForms.forEach((form, j) => {
      if (!body.includes(form))
        out.push({ pointer: `/actors/${i}/surfaceForms/${j}`, message: `"${form}" does not occur in the body` })
    })
  })

  const unknown = new Map<string, string[]>()
  const ref = (slug: string, pointer: string) => {
    if (slugs.has(slug)) return
    const list = unknown.get(slug) ?? []
    list.push(pointer)
    unknown.set(slug, list)
  }
  brief.actors.forEach((a, i) => {
    a.affiliations.forEach((f, j) => {
      ref(f.actor, `/actors/${i}/affiliations/${j}/actor`)
      if (f.actor === a.slug)
        out.push({
          pointer: `/actors/${i}/affiliations/${j}/actor`,
          message: 'an actor cannot be affiliated with itself',
        })
    })
  })

  const claimKeys = new Set<string>()
  const eventKeys = new Set(brief.events.map((e) => e.key))
  brief.claims.forEach((c, i) => {
    const at = `/claims/${i}`
    if (claimKeys.has(c.key)) out.push({ pointer: `${at}/key`, message: `duplicate claim key "${c.key}"` })
    claimKeys.add(c.key)
    checkEvidence(body, c.evidence, `${at}/evidence`, out)
    if (c.quote) {
      if (checkSpan(body, c.quote, c.quote.text, `${at}/quote`, out)) {
        if (c.quote.start < c.evidence.start || c.quote.end > c.evidence.end)
          out.push({ pointer: `${at}/quote/start`, message: 'the quote must lie inside the evidence passage' })
      }
    }
    c.claimants.forEach((s, j) => {
      ref(s, `${at}/claimants/${j}`)
    })
    c.about.forEach((s, j) => {
      ref(s, `${at}/about/${j}`)
    })
    if (new Set(c.claimants).size !== c.claimants.length)
      out.push({ pointer: `${at}/claimants`, message: 'a claimant is listed twice' })
  })
  brief.claims.forEach((c, i) => {
    c.links.forEach((l, j) => {
      const at = `/claims/${i}/links/${j}`
      const targets = Number(l.claim !== undefined) + Number(l.event !== undefined)
      if (targets !== 1) out.push({ pointer: at, message: 'a link names exactly one of claim or event' })
      else if (l.type === 'refers_to_event' && l.event === undefined)
        out.push({ pointer: `${at}/type`, message: 'refers_to_event links to an event' })
      else if (l.type !== 'refers_to_event' && l.event !== undefined)
        out.push({ pointer: `${at}/type`, message: 'a link to an event has type refers_to_event' })
      if (l.claim !== undefined && !claimKeys.has(l.claim))
        out.push({ pointer: `${at}/claim`, message: `no claim with key "${l.claim}" in this brief` })
      if (l.claim === c.key) out.push({ pointer: `${at}/claim`, message: 'a claim cannot link to itself' })
      if (l.event !== undefined && !eventKeys.has(l.event))
        out.push({ pointer: `${at}/event`, message: `no event with key "${l.event}" in this brief` })
    })
  })

  const seenEvents = new Set<string>()
  brief.events.forEach((e, i) => {
    const at = `/events/${i}`
    if (seenEvents.has(e.key)) out.push({ pointer: `${at}/key`, message: `duplicate event key "${e.key}"` })
    seenEvents.add(e.key)
    checkEvidence(body, e.evidence, `${at}/evidence`, out)
    e.participants.forEach((p, j) => {
      ref(p.actor, `${at}/participants/${j}/actor`)
    })
    if (e.extension !== null && e.type !== 'OTHER')
      out.push({ pointer: `${at}/extension`, message: 'an extension type goes with type OTHER' })
    if (e.end && !e.start) out.push({ pointer: `${at}/start`, message: 'an event with an end date needs a start date' })
    if (e.start && e.end && out.every((p) => !p.pointer.startsWith(`${at}/start`))) {
      if (dayRange(e.end.date, e.end.precision).to < dayRange(e.start.date, e.start.precision).from)
        out.push({ pointer: `${at}/end/date`, message: 'the event ends before it starts' })
    }
  })

  for (const [slug, pointers] of unknown) {
    if (!(await knownActor(slug))) {
      for (const pointer of pointers)
        out.push({ pointer, message: `"${slug}" is neither an actor of this brief nor a stored actor` })
    }
  }
  return out
}
