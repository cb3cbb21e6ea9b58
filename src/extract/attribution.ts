// Ordered sieves that attribute statements to speakers. Direct quotes first ("…," X said /
// said X / X said: "…" / same speaker as the quote before / last speaker), then reported speech
// ("X said (that) …", "according to X", "…, X said."), then quoted fragments in a sentence whose
// subject is an actor. Double attribution ("…, citing Y") keeps both speakers.
import type { ClaimKind } from './kinds.js'
import {
  AS_SOURCE_VERBS,
  SOURCE_PHRASES,
  SPEECH_VERBS,
  STANCE_ADJECTIVES,
  WEAK_SPEECH_VERBS,
} from './lexicons/speech.js'
import { alternation, phraseForms } from './inflect.js'
import type { QuoteSpan } from './quotes.js'
import { type Candidate, type SpeakerContext, UNNAMED_SOURCE, candidatesIn } from './speakers.js'
import type { Sentence, Span } from './types.js'

export interface DraftClaim {
  evidence: Span
  quote: Span | null
  /** The statement itself: the quote or the reported clause. */
  content: Span
  claimants: string[]
  verb: string | null
  confidence: number
  sieve: string
  /** Offset of the speech verb, for the date of the statement. */
  verbAt: number | null
  /** The claim kind where the sieve knows it better than the verb does. */
  kind?: ClaimKind
}

const FORM_TO_LEMMA = new Map(SPEECH_VERBS.flatMap((v) => phraseForms(v.lemma).map((f) => [f, v.lemma] as const)))
const SPEECH = new RegExp(`(?<![\\p{L}])(?:${alternation(FORM_TO_LEMMA.keys())})(?![\\p{L}])`, 'gu')
const SOURCE = new RegExp(`\\b(?:${SOURCE_PHRASES.join('|')})\\s+`, 'gi')
const AS_SOURCE = new RegExp(`\\b[Aa]s\\s+([^,.;:]{2,60}?)\\s*(?:${AS_SOURCE_VERBS.join('|')})\\b`, 'gu')
const STANCE = new RegExp(
  `\\b(?:is|are|was|were|remains?|remained)\\s+(?:(?:also|still|now|very|deeply|increasingly|not)\\s+)?(${STANCE_ADJECTIVES.map((a) => a.word).join('|')})(?=\\s+(?:that\\s+)?(?:the|a|an|this|these|its|his|her|their|our|it|he|she|they|we|I|[\\p{Lu}\\p{N}]|(?:\\p{Ll}+['’]?\\s+){1,2}(?:must|should|will|would|could|can|cannot|is|are|was|were|has|have|had)\\b))`,
  'gu',
)
/** Where a weak verb stands at the end of its sentence: "…, he added." "…, the firm noted on Monday." */
const CLAUSE_END_AFTER =
  /^\s*(?:(?:on|in|at|late|last|earlier|this|yesterday|today|later)\b[^,.;:“”"]{0,30})?(?:[.!?;]|$|,\s+(?:with|as|because|since|although|though)\b)/
/** Verbs of stance and cognition that take a bare clause ("X believes the plan will fail") or "to". */
/** Verbs of stance that also take a possessed object: "X defended her decision to …". */
/** Verbs of stance complete without an object: "(The union disagrees.)" */
const BARE_STANCE = new Set(['disagree', 'agree', 'object', 'dissent'])
const OBJECT_STANCE = new Set(['defend', 'support', 'oppose', 'reject'])
const COGNITION = new Set(['believe', 'think', 'hope', 'fear', 'want', 'expect', 'claim', 'promise', 'warn'])
const BARE_CLAUSE_AFTER =
  /^\s+(?:to\s+(?!the\b|a\b|an\b|his\b|her\b|their\b|its\b)\p{Ll}+|(?:the|this|these|those|its|his|her|their|our|it|he|she|they|we|there)\s+\p{L}+\s+(?:is|are|was|were|will|would|could|can|may|might|must|should|has|have|had|\p{Ll}+s|\p{Ll}+ed)\b|(?:(?:the|this|these|those|its|his|her|their|our)\s+)?\p{Ll}+(?:\s+(?:and\s+)?\p{Ll}+){1,3}\s+(?:is|are|was|were|will|would|could|can|may|might|must|should)\b)/u
/** "was quoted as saying", "was reported as saying": the speaker is the subject before "was". */
const QUOTED_AS = /\b(?:is|are|was|were|has been|have been)\s+(?:quoted|reported|heard)\s+as\s+$/
const PASSIVE_BEFORE = /\b(?:is|are|was|were|be|been|being|is being)\s+(?:\w+ly\s+)?$/
const NOT_REPORTING_AFTER = /^\s+(?:to\s+(?:be|have)\b|for\b(?!\s+(?:an?|the)\b))/

export interface Verb extends Span {
  lemma: string
}

/** `strict`: weak verbs count only before a clause or a quote (not needed after a quote). */
export function speechVerbs(text: string, offset: number, strict = true): Verb[] {
  const out: Verb[] = []
  SPEECH.lastIndex = 0
  for (const m of text.matchAll(SPEECH)) {
    const lemma = FORM_TO_LEMMA.get(m[0].replace(/\s+/g, ' '))!
    const before = text.slice(Math.max(0, m.index - 30), m.index)
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 60)
    const quotedAs = lemma === 'say' && m[0] === 'saying' ? QUOTED_AS.exec(before) : null
    if (quotedAs) {
      const start = offset + m.index - (before.length - quotedAs.index)
      out.push({ start, end: offset + m.index + m[0].length, lemma })
      continue
    }
    if (PASSIVE_BEFORE.test(before) || (NOT_REPORTING_AFTER.test(after) && !/ (?:plea|appeal|warning)$/.test(lemma)))
      continue
    // "-ing" forms report speech only as ", saying …" or "was saying"; "a promising start" does not.
    if (m[0].endsWith('ing') && !/(?:,|\b(?:is|are|was|were|been|be))\s+$/.test(before)) continue
    if (
      strict &&
      WEAK_SPEECH_VERBS.has(lemma) &&
      !/^\s*(?:(?:[^,.;“"]{0,40}\s)?that\b|:|,?\s*[“"]|as\s+[“"])/.test(after) &&
      !(/,\s*(?:\S+\s+){0,6}$/.test(before) && CLAUSE_END_AFTER.test(after)) &&
      !(COGNITION.has(lemma) && BARE_CLAUSE_AFTER.test(after)) &&
      !(BARE_STANCE.has(lemma) && /^\s*[.!?)]/.test(after)) &&
      !(OBJECT_STANCE.has(lemma) && /^\s+(?:his|her|its|their|our|my)\s+\p{L}/u.test(after)) &&
      lemma !== 'call'
    )
      continue
    if (lemma === 'call' && !/^\s+(?:it|them|this|that|the|a|an|for|on|China|[“"])/.test(after)) continue
    if (/^\s*(?:\p{Ll}+ing)\b/u.test(after) && lemma === 'add') continue
    out.push({ start: offset + m.index, end: offset + m.index + m[0].length, lemma })
  }
  for (const m of text.matchAll(STANCE))
    out.push({ start: offset + m.index, end: offset + m.index + m[0].length, lemma: `be ${m[1]}` })
  return out.sort((a, b) => a.start - b.start)
}

function resolved(cs: Candidate[]): Candidate | undefined {
  return cs.find((c) => c.slugs.length > 0)
}

const SUBJECT_GAP =
  /^(?:['’]s)?\s+(?:(?:\p{Ll}+ly|also|has|have|had|would|will|later|then|previously|once|now|still|again|already|long|even|been|does|do|did|not)\s+)*$/u
/** A restrictive relative clause on the speaker: "the X magazine that claimed …". */
const RELATIVE_GAP = /^(?:\s+\p{Ll}+)?\s+(?:that|which)\s+(?:(?:\p{Ll}+ly|also|has|have|had|later|once)\s+)*$/u
/** "X and his family believe …": X speaks for the people joined to them. */
const COMPANY_GAP =
  /^\s+and\s+(?:his|her|their|its)\s+(?:family|wife|husband|colleagues|supporters|allies|relatives|lawyers|team)\s+(?:(?:\p{Ll}+ly|also|still|now)\s+)*$/u
const APPOSITIVE_GAP = /^,\s+\S[\s\S]*,\s+(?:(?:\p{Ll}+ly|also|has|have|had)\s+)*$/u

/**
 * The subject of a reporting verb: walking back from the verb, the first speaker expression
 * directly before it, or before an appositive ("X, director of Y at Z, said").
 */
export function subjectBefore(ctx: SpeakerContext, clauseStart: number, verbAt: number): Candidate | undefined {
  const group = UNNAMED_GROUP.exec(ctx.body.slice(clauseStart, verbAt))
  if (group) {
    const start = clauseStart + group.index + (group[0].length - group[0].trimStart().length)
    return { start, end: verbAt, slugs: [UNNAMED_SOURCE.slug], via: 'role' }
  }
  const cs = candidatesIn(ctx, clauseStart, verbAt).filter((c) => c.slugs.length)
  for (let i = cs.length - 1; i >= 0; i--) {
    const gap = ctx.body.slice(cs[i]!.end, verbAt)
    if (
      SUBJECT_GAP.test(gap) ||
      RELATIVE_GAP.test(gap) ||
      COMPANY_GAP.test(gap) ||
      (APPOSITIVE_GAP.test(gap) && !/[.;]\s/.test(gap))
    )
      return withPartners(ctx, cs, i)
  }
  return undefined
}

/**
 * A group nobody names as the subject ("critics say", "many reports suggest", "some of its fans
 * defended"): the source is unnamed, not the owner before the noun.
 */
const UNNAMED_GROUP =
  /(?:^|[^\p{L}'’])(?:(?:many|some|several|most)\s+\p{Ll}{3,}s\s+$|(?:(?:many|some|several|most|other|a\s+number\s+of|a\s+few)\s+)?(?:of\s+)?(?:\p{L}+['’]s\s+|(?:its|their|his|her)\s+)?(?:critics|reports|observers|commentators|fans|supporters|detractors|opponents|sceptics|skeptics|insiders|onlookers)(?:\s+and\s+(?:critics|observers|commentators|fans|supporters|detractors|opponents))?\s+(?:(?:\p{Ll}+ly|also|have|had|long|often|still)\s+)*$)/iu

const AND_GAP = /^(?:,\s+|\s+and\s+|,\s+and\s+)$/

/** "X and Y said", "X, Y and Z said": the subject together with the names joined to it. */
function withPartners(ctx: SpeakerContext, cs: Candidate[], i: number): Candidate {
  let head = cs[i]!
  const slugs = [...head.slugs]
  for (let j = i - 1; j >= 0; j--) {
    const c = cs[j]!
    if (c.end > head.start || !AND_GAP.test(ctx.body.slice(c.end, head.start))) break
    slugs.unshift(...c.slugs)
    head = c
  }
  if (head === cs[i]) return cs[i]!
  // Only a real coordination ends with "and" before the last member.
  if (!/\band\s+$/.test(ctx.body.slice(head.end, cs[i]!.start))) return cs[i]!
  return { ...cs[i]!, start: head.start, slugs: [...new Set(slugs)] }
}

/** Attribution after a quote: `…,” X said` or `…,” said X`, before the sentence ends. */
export function attributionAfter(ctx: SpeakerContext, from: number, to: number): { c: Candidate; v: Verb } | null {
  const text = ctx.body.slice(from, to)
  const v = speechVerbs(text, from, false)[0]
  if (!v || ctx.body.slice(from, v.start).split(/\s+/).length > 8) return null
  const before = resolved(candidatesIn(ctx, from, v.start).reverse())
  const after = resolved(candidatesIn(ctx, v.end, Math.min(to, v.end + 80)))
  const told = /^\s+(?:told|to)\s*$/
  const c = before ?? (after && !told.test(ctx.body.slice(v.start - 1, after.start)) ? after : undefined)
  return c ? { c, v } : null
}

/** Attribution before a quote in the same sentence: `X said: “…”`, `X, a …, said “…”`. */
export function attributionBefore(
  ctx: SpeakerContext,
  sentence: Sentence,
  openAt: number,
): { c: Candidate; v: Verb | null } | null {
  const text = ctx.body.slice(sentence.start, openAt)
  const v = speechVerbs(text, sentence.start).at(-1)
  if (v) {
    const c = subjectBefore(ctx, sentence.start, v.start)
    if (c) return { c, v }
  }
  if (/:\s*$/.test(text)) {
    const c = resolved(candidatesIn(ctx, sentence.start, openAt))
    if (c) return { c, v: null }
  }
  return null
}

export function accordingTo(ctx: SpeakerContext, s: Span): Candidate[] {
  const out: Candidate[] = []
  const text = ctx.body.slice(s.start, s.end)
  for (const m of text.matchAll(SOURCE)) {
    const at = s.start + m.index + m[0].length
    const c = resolved(candidatesIn(ctx, at, Math.min(s.end, at + 60)))
    if (c && c.start - at < 20) out.push(c)
  }
  // "As X reports, …": X is a source of the clause (the name may run into the verb on some pages).
  for (const m of text.matchAll(AS_SOURCE)) {
    const at = s.start + m.index + m[0].indexOf(m[1]!)
    const c = resolved(candidatesIn(ctx, at, at + m[1]!.length + 1))
    if (c && c.start - at < 6 && !out.includes(c)) out.push(c)
  }
  return out
}

export function quoteSentences(sentences: Sentence[], q: QuoteSpan): [Sentence, Sentence] {
  const first = sentences.find((s) => s.end > (q.open >= 0 ? q.open : q.start)) ?? sentences[0]!
  const last = sentences.find((s) => s.end >= q.close - 1 && s.start < q.close) ?? first
  return [first, last]
}
