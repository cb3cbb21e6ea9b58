// Runs the attribution sieves over the document: direct quotes, then reported speech, then
// quoted fragments whose sentence subject is an actor.
import {
  type DraftClaim,
  accordingTo,
  attributionAfter,
  attributionBefore,
  quoteSentences,
  speechVerbs,
  subjectBefore,
} from './attribution.js'
import type { QuoteSpan } from './quotes.js'
import { type Candidate, type SpeakerContext, candidatesIn } from './speakers.js'
import type { Sentence } from './types.js'

export interface ClaimWarning {
  code: string
  message: string
  claim?: DraftClaim
}

const CONFIDENCE = {
  after: 0.9,
  before: 0.85,
  same: 0.75,
  inherited: 0.5,
  reported: 0.75,
  according: 0.75,
  fragment: 0.4,
}
const INDIRECT_DISCOUNT = 0.9

function slugsOf(c: Candidate, extra: Candidate[]): string[] {
  return [...new Set([...c.slugs, ...extra.flatMap((e) => e.slugs)])]
}

function directClaims(
  ctx: SpeakerContext,
  sentences: Sentence[],
  quotes: QuoteSpan[],
  warnings: ClaimWarning[],
): DraftClaim[] {
  const out: DraftClaim[] = []
  for (const q of quotes) {
    const [s1, s2] = quoteSentences(sentences, q)
    const whole = q.open >= 0 && q.open <= s1.start + 1 && q.close >= s2.end - 1
    if (q.words < 4 && !whole) continue
    const prev = out.at(-1)
    if (
      prev &&
      (q.continues ||
        (prev.quote && ctx.paragraphOf(prev.quote.start) === q.para && !hasOwnAttribution(ctx, q, s1, s2)))
    ) {
      if (q.continues || prev.evidence.end >= s1.start - 2) {
        prev.evidence.end = Math.max(prev.evidence.end, s2.end)
        continue
      }
    }
    // A quote inside a sentence that has no attribution is left to the reported-speech sieves.
    const opensSentence = q.open < 0 || q.open <= s1.start + 1 || q.continues
    const claim = attribute(ctx, q, s1, s2, opensSentence ? prev : undefined)
    if (!claim) {
      if (opensSentence)
        warnings.push({ code: 'unattributed-quote', message: `no speaker found for the quote at ${q.start}` })
      continue
    }
    if (claim.sieve === 'inherited')
      warnings.push({
        code: 'unattributed-quote',
        message: 'quote without attribution given to the previous speaker',
        claim,
      })
    out.push(claim)
  }
  return out
}

function hasOwnAttribution(ctx: SpeakerContext, q: QuoteSpan, s1: Sentence, s2: Sentence): boolean {
  return !!attributionAfter(ctx, q.close, s2.end) || !!attributionBefore(ctx, s1, q.open >= 0 ? q.open : q.start)
}

function attribute(
  ctx: SpeakerContext,
  q: QuoteSpan,
  s1: Sentence,
  s2: Sentence,
  prev: DraftClaim | undefined,
): DraftClaim | null {
  const base = {
    evidence: { start: s1.start, end: s2.end },
    quote: { start: q.start, end: q.end },
    content: { start: q.start, end: q.end },
  }
  const extra = accordingTo(ctx, { start: s1.start, end: s2.end })
  const after = attributionAfter(ctx, q.close, s2.end)
  if (after)
    return {
      ...base,
      claimants: slugsOf(after.c, extra),
      verb: after.v.lemma,
      confidence: conf(CONFIDENCE.after, after.c),
      sieve: 'after',
      verbAt: after.v.start,
    }
  const before = attributionBefore(ctx, s1, q.open >= 0 ? q.open : q.start)
  if (before)
    return {
      ...base,
      claimants: slugsOf(before.c, extra),
      verb: before.v?.lemma ?? null,
      confidence: conf(CONFIDENCE.before, before.c),
      sieve: 'before',
      verbAt: before.v?.start ?? null,
    }
  if (extra.length)
    return {
      ...base,
      claimants: slugsOf(extra[0]!, extra),
      verb: null,
      confidence: CONFIDENCE.according,
      sieve: 'according',
      verbAt: null,
    }
  if (prev && ctx.paragraphOf(s1.start) - ctx.paragraphOf(prev.evidence.start) <= 2)
    return {
      ...base,
      claimants: [...prev.claimants],
      verb: prev.verb,
      confidence: q.continues ? CONFIDENCE.same : CONFIDENCE.inherited,
      sieve: q.continues ? 'same' : 'inherited',
      verbAt: null,
    }
  return null
}

function conf(base: number, c: Candidate): number {
  return c.via === 'name' ? base : Math.round(base * INDIRECT_DISCOUNT * 100) / 100
}

function reportedClaim(ctx: SpeakerContext, s: Sentence, quotes: QuoteSpan[]): DraftClaim | null {
  const fragment = quotes.find((q) => q.start >= s.start && q.end <= s.end)
  const quote = fragment ? { start: fragment.start, end: fragment.end } : null
  const extra = accordingTo(ctx, s)
  for (const v of speechVerbs(ctx.body.slice(s.start, s.end), s.start)) {
    const tail = ctx.body.slice(v.end, s.end)
    const post = tail.split(/\s+/).length <= 7 && /,\s*[^,]*$/.test(ctx.body.slice(s.start, v.start))
    const clauseStart = post ? s.start + ctx.body.slice(s.start, v.start).lastIndexOf(',') + 1 : s.start
    const c = post
      ? candidatesIn(ctx, clauseStart, v.start).find((x) => x.slugs.length)
      : subjectBefore(ctx, clauseStart, v.start)
    if (!c) continue
    const content = post
      ? { start: s.start, end: clauseStart - 1 }
      : { start: v.end + (/^\s+that\b/.exec(tail)?.[0].length ?? 0), end: s.end }
    return {
      evidence: { start: s.start, end: s.end },
      quote,
      content,
      claimants: slugsOf(c, extra),
      verb: v.lemma,
      confidence: conf(CONFIDENCE.reported, c),
      sieve: post ? 'post' : 'reported',
      verbAt: v.start,
    }
  }
  if (extra.length)
    return {
      evidence: { start: s.start, end: s.end },
      quote,
      content: { ...s },
      claimants: slugsOf(extra[0]!, extra),
      verb: null,
      confidence: CONFIDENCE.according,
      sieve: 'according',
      verbAt: null,
    }
  if (fragment) {
    const cs = candidatesIn(ctx, s.start, fragment.open >= 0 ? fragment.open : fragment.start).filter(
      (c) => c.slugs.length,
    )
    const subject = cs.find((c) => c.via === 'pronoun') ?? cs[0]
    if (subject) {
      const group = cs.filter((c) => c === subject || /^\s+and\s+$/.test(ctx.body.slice(subject.end, c.start)))
      return {
        evidence: { start: s.start, end: s.end },
        quote,
        content: { ...s },
        claimants: slugsOf(subject, group),
        verb: null,
        confidence: CONFIDENCE.fragment,
        sieve: 'fragment',
        verbAt: null,
      }
    }
  }
  return null
}

export function findClaims(
  ctx: SpeakerContext,
  sentences: Sentence[],
  quotes: QuoteSpan[],
  warnings: ClaimWarning[],
): DraftClaim[] {
  const direct = directClaims(ctx, sentences, quotes, warnings)
  const covered = (s: Sentence) => direct.some((c) => c.evidence.start < s.end && s.start < c.evidence.end)
  const reported: DraftClaim[] = []
  for (const s of sentences) {
    if (covered(s)) continue
    const c = reportedClaim(ctx, s, quotes)
    if (c) reported.push(c)
  }
  return [...direct, ...reported].sort((a, b) => a.evidence.start - b.evidence.start)
}
