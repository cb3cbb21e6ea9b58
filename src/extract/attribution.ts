// Ordered sieves that attribute statements to speakers. Direct quotes first ("…," X said /
// said X / X said: "…" / same speaker as the quote before / last speaker), then reported speech
// ("X said (that) …", "according to X", "…, X said."), then quoted fragments in a sentence whose
// subject is an actor. Double attribution ("…, citing Y") keeps both speakers.
import { SOURCE_PHRASES, SPEECH_VERBS, WEAK_SPEECH_VERBS } from './lexicons/speech.js'
import { alternation, phraseForms } from './inflect.js'
import type { QuoteSpan } from './quotes.js'
import { type Candidate, type SpeakerContext, candidatesIn } from './speakers.js'
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
}

const FORM_TO_LEMMA = new Map(SPEECH_VERBS.flatMap((v) => phraseForms(v.lemma).map((f) => [f, v.lemma] as const)))
const SPEECH = new RegExp(`(?<![\\p{L}])(?:${alternation(FORM_TO_LEMMA.keys())})(?![\\p{L}])`, 'gu')
const SOURCE = new RegExp(`\\b(?:${SOURCE_PHRASES.join('|')})\\s+`, 'gi')
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
    if (PASSIVE_BEFORE.test(before) || NOT_REPORTING_AFTER.test(after)) continue
    // "-ing" forms report speech only as ", saying …" or "was saying"; "a promising start" does not.
    if (m[0].endsWith('ing') && !/(?:,|\b(?:is|are|was|were|been|be))\s+$/.test(before)) continue
    if (
      strict &&
      WEAK_SPEECH_VERBS.has(lemma) &&
      !/^\s*(?:(?:[^,.;“"]{0,40}\s)?that\b|:|,?\s*[“"]|as\s+[“"])/.test(after) &&
      lemma !== 'call'
    )
      continue
    if (lemma === 'call' && !/^\s+(?:it|them|this|that|the|a|an|for|on|China|[“"])/.test(after)) continue
    if (/^\s*(?:\p{Ll}+ing)\b/u.test(after) && lemma === 'add') continue
    out.push({ start: offset + m.index, end: offset + m.index + m[0].length, lemma })
  }
  return out
}

function resolved(cs: Candidate[]): Candidate | undefined {
  return cs.find((c) => c.slugs.length > 0)
}

const SUBJECT_GAP = /^(?:['’]s)?\s+(?:(?:\p{Ll}+ly|also|has|have|had|would|will|later|then|previously|once)\s+)*$/u
const APPOSITIVE_GAP = /^,\s+\S[\s\S]*,\s+(?:(?:\p{Ll}+ly|also|has|have|had)\s+)*$/u

/**
 * The subject of a reporting verb: walking back from the verb, the first speaker expression
 * directly before it, or before an appositive ("X, director of Y at Z, said").
 */
export function subjectBefore(ctx: SpeakerContext, clauseStart: number, verbAt: number): Candidate | undefined {
  const cs = candidatesIn(ctx, clauseStart, verbAt).filter((c) => c.slugs.length)
  for (let i = cs.length - 1; i >= 0; i--) {
    const gap = ctx.body.slice(cs[i]!.end, verbAt)
    if (SUBJECT_GAP.test(gap)) return cs[i]
    if (APPOSITIVE_GAP.test(gap) && !/[.;]\s/.test(gap)) return cs[i]
  }
  return undefined
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
  return out
}

export function quoteSentences(sentences: Sentence[], q: QuoteSpan): [Sentence, Sentence] {
  const first = sentences.find((s) => s.end > (q.open >= 0 ? q.open : q.start)) ?? sentences[0]!
  const last = sentences.find((s) => s.end >= q.close - 1 && s.start < q.close) ?? first
  return [first, last]
}
