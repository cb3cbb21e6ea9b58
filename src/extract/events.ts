// PLOVER events from the trigger lexicon: participants from the actors of the same sentence
// (initiator before the trigger, target after it, "by X" for passives), status from tense,
// triggers under negation or a conditional kept with lower confidence.
import type { ActorIndex, Mention } from './actors.js'
import { CONDITIONALS, NEGATORS, RETYPES, TRIGGERS, type Trigger } from './lexicons/events.js'
import { alternation, phraseForms } from './inflect.js'
import type { Sentence, Span } from './types.js'

export interface DraftEvent {
  trigger: Span
  evidence: Span
  type: Trigger['type']
  extension: Trigger['extension'] | null
  status: 'occurred' | 'planned' | 'ongoing'
  modality: 'asserted' | 'future' | 'hypothetical' | 'negated'
  participants: { actor: string; role: 'initiator' | 'target' | 'participant' }[]
  title: string
  confidence: number
}

interface Compiled {
  trigger: Trigger
  pattern: RegExp
  nouns: RegExp | null
}

const COMPILED: Compiled[] = TRIGGERS.map((t) => ({
  trigger: t,
  pattern: new RegExp(`(?<![\\p{L}-])(?:${alternation(t.verbs.flatMap(phraseForms))})(?![\\p{L}-])`, 'gu'),
  nouns: t.nouns?.length ? new RegExp(`(?<![\\p{L}-])(?:${alternation(t.nouns)})(?![\\p{L}-])`, 'gu') : null,
}))
const NEGATION = new RegExp(`\\b(?:${alternation(NEGATORS)})\\s+(?:\\w+\\s+){0,2}$`, 'i')
const CONDITION = new RegExp(`\\b(?:${alternation(CONDITIONALS)})\\b[^.;]*$`, 'i')
const FUTURE = /\b(?:will|shall|going to|plans? to|planned to|set to|expected to|would|to be)\s+(?:\w+\s+)?$/i
const PROGRESSIVE = /\b(?:is|are|am|was|were|been)\s+$/i
const DETERMINER = /\b(?:the|a|an|its|his|her|their|this|that|our|[’']s)\s+$/i
const INFINITIVE = /\bto\s+$/i
const COMMITTED =
  /\b(?:agree|agreed|agrees|pledged|vowed|promised|decided|voted|plans?|planned|set|expected|moved|sought|seeks?|began|started|continued?)\s+to\s+$/i
const PASSIVE = /\b(?:is|are|was|were|been|be|being)\s+(?:\w+ly\s+)?$/i
const CLAUSE_BREAK = /[;:]|,\s+(?:while|but|which|who|whereas)\b/

export function findEvents(body: string, sentences: Sentence[], index: ActorIndex): DraftEvent[] {
  const out: DraftEvent[] = []
  for (const s of sentences) {
    const text = body.slice(s.start, s.end)
    const seen = new Set<string>()
    for (const c of COMPILED) {
      for (const [re, noun] of [
        [c.pattern, false],
        [c.nouns, true],
      ] as const) {
        if (!re) continue
        for (const m of text.matchAll(re)) {
          const key = `${c.trigger.type}:${c.trigger.extension ?? ''}`
          if (seen.has(key)) continue
          // A bare verb after a determiner is a noun ("the launch"): it counts only as a listed noun.
          const asNoun = noun || DETERMINER.test(text.slice(Math.max(0, m.index - 12), m.index))
          if (asNoun && !noun && !c.trigger.nouns?.includes(m[0])) continue
          const span = { start: s.start + m.index, end: s.start + m.index + m[0].length }
          const near = body.slice(Math.max(s.start, span.start - 40), span.start)
          const retype = RETYPES.find((r) => r.from === c.trigger.type && r.before.test(near))
          const trigger = retype ? { ...c.trigger, ...retype.to } : c.trigger
          const e = makeEvent(body, s, span, trigger, asNoun, index)
          if (e) {
            seen.add(key)
            out.push(e)
          }
        }
      }
    }
  }
  // A trigger inside another one's words ("fire" in "opened fire") is the same happening.
  const kept = out.filter(
    (e) =>
      !out.some(
        (o) =>
          o !== e &&
          o.trigger.start <= e.trigger.start &&
          o.trigger.end >= e.trigger.end &&
          o.trigger.end - o.trigger.start > e.trigger.end - e.trigger.start,
      ),
  )
  return kept.sort((a, b) => a.trigger.start - b.trigger.start)
}

// A name in a phrase of place ("in Pellaria", "at the Norvik plant", "in the northern state of Osk")
// says where, not who.
const PLACE_PHRASE =
  /\b(?:in|at|near|outside|inside|across|throughout|around|off)\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central|north|south|east|west|\p{Lu}\p{L}*)\s+)?(?:(?:state|province|region|city|town|capital) of\s+)?(?:\p{Lu}[\p{L}'’-]*,\s+)?$/u
const RELATIVE = /,\s+(?:who|whom|whose|which|where)\b[^,;:]*(?:,|$)/g

/** Relative clauses of the sentence (", who fled to …,"): their names describe, they do not act here. */
function relativeClauses(body: string, s: Sentence): Span[] {
  const text = body.slice(s.start, s.end)
  return [...text.matchAll(RELATIVE)].map((m) => ({ start: s.start + m.index, end: s.start + m.index + m[0].length }))
}

function clauseOf(body: string, s: Sentence, t: Span): Span {
  let start = s.start
  let end = s.end
  const before = body.slice(s.start, t.start)
  // A relative clause closed before the trigger ("Ann Lee, who …, said") does not split the clause.
  const closed = relativeClauses(body, s).filter((r) => r.end <= t.start && body[r.end - 1] === ',')
  const breaks = [...before.matchAll(new RegExp(CLAUSE_BREAK, 'g'))].filter(
    (b) => !closed.some((r) => r.start === s.start + b.index),
  )
  if (breaks.length) start = s.start + breaks.at(-1)!.index + breaks.at(-1)![0].length
  const after = CLAUSE_BREAK.exec(body.slice(t.end, s.end))
  if (after) end = t.end + after.index
  return { start, end }
}

function makeEvent(
  body: string,
  s: Sentence,
  t: Span,
  trigger: Trigger,
  noun: boolean,
  index: ActorIndex,
): DraftEvent | null {
  const clause = clauseOf(body, s, t)
  const asides = relativeClauses(body, s).filter((r) => !(r.start <= t.start && t.end <= r.end))
  const named = index.mentions.filter((m) => m.start >= clause.start && m.end <= clause.end)
  const inClause = named.filter(
    (m) =>
      !PLACE_PHRASE.test(body.slice(Math.max(s.start, m.start - 40), m.start)) &&
      !asides.some((r) => r.start <= m.start && m.end <= r.end),
  )
  const passive = !noun && PASSIVE.test(body.slice(Math.max(s.start, t.start - 30), t.start))
  const participants = roles(body, t, inClause, trigger, passive)
  // A clause that names someone only in a place or an aside still reports a happening.
  const placed = participants.length > 0 || roles(body, t, named, trigger, passive).length > 0
  if (!placed && (noun || (trigger.type !== 'OTHER' && trigger.type !== 'ASSAULT'))) {
    if (!(noun && trigger.type === 'OTHER')) return null
  }
  const before = body.slice(Math.max(s.start, t.start - 60), t.start)
  const negated = NEGATION.test(before)
  const conditional = CONDITION.test(body.slice(s.start, t.start)) && !noun
  const status =
    FUTURE.test(before) || (INFINITIVE.test(before) && COMMITTED.test(before) && !noun)
      ? 'planned'
      : PROGRESSIVE.test(before) && /ing$/.test(body.slice(t.start, t.end).split(' ')[0]!)
        ? 'ongoing'
        : 'occurred'
  const modality = negated ? 'negated' : conditional ? 'hypothetical' : status === 'planned' ? 'future' : 'asserted'
  // Under a condition put to the reader ("if you sign up, …") it is advice, not a happening.
  if (conditional && /\byou\b/i.test(body.slice(s.start, t.start))) return null
  // "a way to settle disputes" reports nothing; "agreed to set up" reports a plan.
  if (INFINITIVE.test(before) && !noun && !FUTURE.test(before) && !COMMITTED.test(before)) return null
  let confidence = noun ? 0.45 : 0.65
  if (participants.length) confidence += 0.1
  if (negated || conditional) confidence -= 0.3
  return {
    trigger: t,
    evidence: { start: s.start, end: s.end },
    type: trigger.type,
    extension: trigger.extension ?? null,
    status,
    modality,
    participants,
    title: titleOf(body, clause, t, inClause),
    confidence: Math.max(0.1, Math.round(confidence * 100) / 100),
  }
}

const OBLIQUE =
  /\b(?:of|from|for|with|about|to|into|on|over|against|than|like|at|in)\s+(?:the\s+)?(?:\p{Lu}\p{L}*\s+)?$/u

function roles(body: string, t: Span, ms: Mention[], trigger: Trigger, passive: boolean): DraftEvent['participants'] {
  const out: DraftEvent['participants'] = []
  const add = (slug: string, role: DraftEvent['participants'][number]['role']) => {
    if (!out.some((p) => p.actor === slug)) out.push({ actor: slug, role })
  }
  const before = ms.filter((m) => m.end <= t.start)
  const after = ms.filter((m) => m.start >= t.end)
  const by = after.find((m) => /^\s+by\s+$/.test(body.slice(t.end, m.start)))
  if (by) {
    add(by.slug, trigger.joint ? 'participant' : 'initiator')
    for (const m of after)
      if (m !== by && /^(?:\s+and\s+|,\s+)$/.test(body.slice(by.end, m.start))) add(m.slug, 'participant')
    const subject = before.at(-1)
    if (subject) add(subject.slug, trigger.joint ? 'participant' : 'target')
    return out
  }
  // The clause's subject, not a name inside a prepositional phrase before the verb ("the head of X").
  const subject = before.findLast((m) => !OBLIQUE.test(body.slice(Math.max(0, m.start - 30), m.start))) ?? before.at(-1)
  if (subject && passive) {
    add(subject.slug, trigger.joint ? 'participant' : 'target')
    return out
  }
  if (subject) {
    const group = before.filter(
      (m) =>
        m === subject ||
        (/^(?:\s+and\s+|,\s+)/.test(body.slice(m.end, subject.start)) && body.slice(m.end, subject.start).length < 40),
    )
    for (const m of group) add(m.slug, trigger.joint || group.length > 1 ? 'participant' : 'initiator')
  }
  const object = after[0]
  if (object && object.start - t.end < 60) add(object.slug, trigger.joint ? 'participant' : 'target')
  // "talks with X", "a case against X": the partner or target the verb's phrase names.
  for (const m of after)
    if (
      /\b(?:with|against)\s+(?:the\s+)?(?:\p{Lu}[\p{L}.]*\s+){0,2}$/u.test(
        body.slice(Math.max(t.end, m.start - 40), m.start),
      )
    )
      add(m.slug, trigger.joint ? 'participant' : 'target')
  return out
}

function titleOf(body: string, clause: Span, t: Span, ms: Mention[]): string {
  const subject = ms.filter((m) => m.end <= t.start).at(-1)
  const start = subject && t.start - subject.end < 80 ? subject.start : t.start
  const words = body.slice(start, clause.end).split(/\s+/)
  const title = words.slice(0, Math.max(6, Math.min(14, words.length))).join(' ')
  return title.replace(/[,;:.\s]+$/, '') || body.slice(t.start, t.end)
}
