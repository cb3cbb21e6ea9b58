// Runs the attribution sieves over the document: direct quotes, then reported speech, then
// quoted fragments whose sentence subject is an actor.
import {
  type DraftClaim,
  type Verb,
  accordingTo,
  attributionAfter,
  attributionBefore,
  quoteSentences,
  speechVerbs,
  subjectBefore,
} from './attribution.js'
import type { QuoteSpan } from './quotes.js'
import { AUTHOR_STANCES } from './lexicons/stance.js'
import { AUTHOR, type Candidate, UNNAMED_SOURCE, type SpeakerContext, candidatesIn } from './speakers.js'
import type { Sentence, Span } from './types.js'

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
  author: 0.6,
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
    const claim = attribute(ctx, q, s1, s2, opensSentence ? prev : undefined, prev)
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
  last: DraftClaim | undefined,
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
      claimants: continuing(ctx, after.c, after.v.lemma, s1, last) ?? slugsOf(after.c, extra),
      verb: after.v.lemma,
      confidence: conf(CONFIDENCE.after, after.c),
      sieve: 'after',
      verbAt: after.v.start,
    }
  const before = attributionBefore(ctx, s1, q.open >= 0 ? q.open : q.start)
  if (before)
    return {
      ...base,
      claimants: (before.v && continuing(ctx, before.c, before.v.lemma, s1, last)) || slugsOf(before.c, extra),
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
  // A quote alone in its paragraph, after a paragraph that names a person the last claim does not:
  // that person speaks ("But for Ana Ruiz the loss is personal. / “It hurts.”").
  const para = ctx.paragraphOf(s1.start)
  const alone = q.open >= 0 && ctx.paragraphOf(Math.max(0, q.open - 2)) < para
  const named = alone && !q.continues ? lastPersonIn(ctx, para - 1) : null
  if (named && !(prev && prev.evidence.end > s1.start - 400 && prev.claimants.includes(named)))
    if (!prev || ctx.paragraphOf(prev.evidence.end) < para - 1)
      return {
        ...base,
        claimants: [named],
        verb: null,
        confidence: CONFIDENCE.inherited,
        sieve: 'named-before',
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

/** The last person named in a paragraph, by name (not by pronoun or role). */
function lastPersonIn(ctx: SpeakerContext, para: number): string | null {
  if (para < 0) return null
  for (let i = ctx.mentions.length - 1; i >= 0; i--) {
    const m = ctx.mentions[i]!
    const p = ctx.paragraphOf(m.start)
    if (p < para) break
    if (p === para && ctx.index.actors.get(m.slug)?.kind === 'person') return m.slug
  }
  return null
}

/**
 * "He added" / "she went on": a pronoun with a verb of continuation speaks for the last speaker
 * when that was one person, whoever the pronoun would stand for by mention alone (a name inside
 * the last quote is no antecedent).
 */
function continuing(
  ctx: SpeakerContext,
  c: Candidate,
  lemma: string,
  s: Sentence,
  prev: DraftClaim | undefined,
): string[] | null {
  if (c.via !== 'pronoun' || !CONTINUATION.has(lemma) || !prev || prev.claimants.length !== 1) return null
  if (ctx.paragraphOf(s.start) - ctx.paragraphOf(prev.evidence.end) > 2) return null
  const who = ctx.index.actors.get(prev.claimants[0]!)
  return who?.kind === 'person' ? [...prev.claimants] : null
}
const CONTINUATION = new Set(['add', 'continue'])

function conf(base: number, c: Candidate): number {
  return c.via === 'name' ? base : Math.round(base * INDIRECT_DISCOUNT * 100) / 100
}

/** A speaker named right after the verb: "…, said Ian Holt, a lawyer", "The plan, say economists, …". */
function invertedSubject(ctx: SpeakerContext, s: Span, v: Verb): Candidate | undefined {
  if (!/,\s*$/.test(ctx.body.slice(Math.max(s.start, v.start - 3), v.start))) return undefined
  const c = candidatesIn(ctx, v.end, Math.min(s.end, v.end + 80)).find((x) => x.slugs.length)
  if (!c || !/^\s+(?:(?:also|again|later)\s+)?$/.test(ctx.body.slice(v.end, c.start))) return undefined
  // The speaker phrase ends the clause: "said Ian Holt." / "said Ian Holt, a lawyer" / "said Holt, who …".
  if (!/^(?:\s*[,.;:!?]|\s*$|\s+(?:who|of|from|at|in|for|on)\b)/.test(ctx.body.slice(c.end, c.end + 8)))
    return undefined
  return c
}

/** "X would not comment, saying …": the subject that opens the sentence speaks. */
function participleSubject(ctx: SpeakerContext, s: Span, v: Verb): Candidate | undefined {
  if (!/,\s*$/.test(ctx.body.slice(v.start - 3, v.start)) || !ctx.body.slice(v.start, v.end).endsWith('ing'))
    return undefined
  const c = candidatesIn(ctx, s.start, v.start).find((x) => x.slugs.length)
  return c && c.start - s.start <= 4 ? c : undefined
}

/** Verbs that put their subject after them ("…, said X"); "worried X" has an object there. */
const INVERTIBLE = new Set([
  'say',
  'add',
  'write',
  'note',
  'explain',
  'warn',
  'insist',
  'argue',
  'state',
  'reply',
  'answer',
  'ask',
  'tweet',
  'recall',
  'concede',
  'observe',
  'acknowledge',
  'admit',
  'claim',
  'suggest',
  'predict',
  'tell',
  'continue',
  'instruct',
  'declare',
  'remark',
  'comment',
])

function reportedClaim(ctx: SpeakerContext, s: Span, quotes: QuoteSpan[]): DraftClaim | null {
  const fragment = quotes.find((q) => q.start >= s.start && q.end <= s.end)
  const quote = fragment ? { start: fragment.start, end: fragment.end } : null
  const extra = accordingTo(ctx, s)
  for (const v of speechVerbs(ctx.body.slice(s.start, s.end), s.start)) {
    const tail = ctx.body.slice(v.end, s.end)
    const before = subjectBefore(ctx, s.start, v.start)
    const inverted =
      !before && INVERTIBLE.has(v.lemma) && !ctx.body.slice(v.start, v.end).endsWith('ing')
        ? invertedSubject(ctx, s, v)
        : undefined
    const post = !inverted && tail.split(/\s+/).length <= 7 && /,\s*[^,]*$/.test(ctx.body.slice(s.start, v.start))
    const clauseStart = post ? s.start + ctx.body.slice(s.start, v.start).lastIndexOf(',') + 1 : s.start
    const c =
      inverted ??
      (post
        ? (candidatesIn(ctx, clauseStart, v.start).find((x) => x.slugs.length) ?? before)
        : (before ?? participleSubject(ctx, s, v)))
    if (!c) continue
    const commaAt = s.start + ctx.body.slice(s.start, v.start).lastIndexOf(',')
    const content =
      post || (inverted && commaAt > s.start)
        ? { start: s.start, end: post ? clauseStart - 1 : commaAt }
        : { start: v.end + (/^\s+that\b/.exec(tail)?.[0].length ?? 0), end: s.end }
    return {
      evidence: { start: s.start, end: s.end },
      quote,
      content,
      claimants: slugsOf(c, extra),
      verb: v.lemma,
      confidence: conf(CONFIDENCE.reported, c),
      sieve: post ? 'post' : inverted ? 'inverted' : 'reported',
      verbAt: v.start,
    }
  }
  const described = DESCRIBED_AS.exec(ctx.body.slice(s.start, s.end))
  if (described && !extra.length) {
    // "… has been described as “heartbreaking” by the agency": the agent speaks; with no agent
    // the source is unnamed.
    const from = s.start + described.index + described[0].length
    const by = /\bby\s+/.exec(ctx.body.slice(from, s.end))
    const agent = by ? candidatesIn(ctx, from + by.index + by[0].length, s.end).find((c) => c.slugs.length) : undefined
    const near = agent && agent.start - (from + by!.index + by![0].length) < 20 ? agent : undefined
    return {
      evidence: { start: s.start, end: s.end },
      quote,
      content: { start: s.start, end: s.end },
      claimants: near ? near.slugs : [UNNAMED_SOURCE.slug],
      verb: null,
      confidence: CONFIDENCE.fragment,
      sieve: 'described',
      verbAt: null,
      kind: 'assessment',
    }
  }
  if (extra.length)
    return {
      evidence: { start: s.start, end: s.end },
      quote,
      content: { start: s.start, end: s.end },
      claimants: slugsOf(extra[0]!, extra),
      verb: null,
      confidence: CONFIDENCE.according,
      sieve: 'according',
      verbAt: null,
    }
  if (fragment && !isLabel(ctx.body, fragment)) {
    const cs = candidatesIn(ctx, s.start, fragment.open >= 0 ? fragment.open : fragment.start).filter(
      (c) => c.slugs.length,
    )
    const subject = cs.find((c) => c.via === 'pronoun') ?? cs[0]
    if (subject) {
      const group = cs.filter((c) => c === subject || /^\s+and\s+$/.test(ctx.body.slice(subject.end, c.start)))
      return {
        evidence: { start: s.start, end: s.end },
        quote,
        content: { start: s.start, end: s.end },
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

const LABEL_MAX_WORDS = 2
/** A passive evaluation in quote marks: "was described as “unprecedented” (by X)". */
const DESCRIBED_AS =
  /\b(?:is|are|was|were|been|being)\s+(?:\p{Ll}+ly\s+)?(?:described|branded|labelled|labeled|hailed|denounced)\s+as\s+[“"]/u
/** Words that may follow a quoted statement without making it a modifier of a noun. */
const FUNCTION_WORD =
  /^(?:and|or|but|nor|that|which|who|whom|whose|to|in|on|at|of|for|from|with|by|as|is|are|was|were|be|been|has|have|had|will|would|could|should|can|may|might|must|not|than|then|because|since|while|if|when|where|into|about|over|after|before|during|the|a|an|it|its|they|their|he|his|she|her|we|this|these|those)$/

/**
 * A scare-quoted word or two used as a name ("the “Like” button", "so-called “metadata”") labels
 * a thing; it states nothing.
 */
function isLabel(body: string, q: QuoteSpan): boolean {
  const before = body.slice(Math.max(0, (q.open >= 0 ? q.open : q.start) - 12), q.open >= 0 ? q.open : q.start)
  if (/\bso-called\s*$/i.test(before)) return true
  if (q.words > LABEL_MAX_WORDS) return false
  // A capitalised name before a noun ("the “Share” buttons"); an evaluative modifier ("“risky”
  // plans") may still be the subject's own word.
  if (!/^\p{Lu}/u.test(body.slice(q.start, q.end))) return false
  const next = /^\s+(\p{Ll}[\p{Ll}-]*)/u.exec(body.slice(q.close, q.close + 30))?.[1]
  return !!next && !FUNCTION_WORD.test(next)
}

/**
 * Coordinated clauses that may each carry their own attribution ("X vowed …, but Y said …", "X
 * claimed … even as Y estimated …").
 */
const CLAUSE_BREAK =
  /,\s+(?:but|while|whereas|and)\s+|,?\s+even\s+as\s+|;\s+|\s+and\s+(?=(?:the\s+)?(?:\p{L}+\s+){0,3}(?:said|says|added|told)\b)/gu

/** The claims of one sentence: one per clause when two or more clauses are attributed, else one. */
function reportedClaims(ctx: SpeakerContext, s: Sentence, quotes: QuoteSpan[]): DraftClaim[] {
  const text = ctx.body.slice(s.start, s.end)
  const cuts: Span[] = []
  let from = 0
  for (const m of text.matchAll(CLAUSE_BREAK)) {
    cuts.push({ start: s.start + from, end: s.start + m.index })
    from = m.index + m[0].length
  }
  cuts.push({ start: s.start + from, end: s.end })
  if (cuts.length > 1) {
    const each = cuts.map((c) => reportedClaim(ctx, c, quotes))
    const found = each.filter((c): c is DraftClaim => c !== null && c.sieve !== 'fragment')
    if (found.length > 1) return found
  }
  const whole = reportedClaim(ctx, s, quotes)
  return whole ? [whole] : []
}

/** Paragraphs that read as list items: short, one sentence, no closing full stop. */
function listItems(ctx: SpeakerContext, sentences: Sentence[], after: Sentence): Sentence[] {
  const items: Sentence[] = []
  for (let i = sentences.indexOf(after) + 1; i < sentences.length && items.length < 15; i++) {
    const s = sentences[i]!
    const next = sentences[i + 1]
    const text = ctx.body.slice(s.start, s.end)
    const alone = (!next || next.para !== s.para) && (items.length ? s.para === items.at(-1)!.para + 1 : true)
    if (!alone || /[.!?:]["”’)]?$/.test(text) || text.split(/\s+/).length > 40) break
    items.push(s)
  }
  return items
}

/** "X has been urged to …" with no agent: the lead of a story whose source the next claim names. */
const AGENTLESS_LEMMA: Record<string, string> = {
  urged: 'urge',
  warned: 'warn',
  advised: 'advise',
  'called on': 'call on',
  encouraged: 'encourage',
}
const AGENTLESS = /\b(?:has|have|had|was|were|is|are)\s+(?:been\s+)?(?:urged|warned|advised|called on|encouraged)\b/

/**
 * Statements the author frames as their own view in the first person, outside any quote: "I
 * believe …", "which I think …", "I'd much prefer …". Their speaker is the author.
 */
function authorClaims(ctx: SpeakerContext, sentences: Sentence[], quotes: QuoteSpan[], taken: Span[]): DraftClaim[] {
  const out: DraftClaim[] = []
  for (const s of sentences) {
    if (taken.some((c) => c.start < s.end && s.start < c.end)) continue
    const text = ctx.body.slice(s.start, s.end)
    for (const { kind, pattern } of AUTHOR_STANCES) {
      const m = pattern.exec(text)
      if (!m) continue
      const at = s.start + m.index
      if (quotes.some((q) => q.start <= at && at < q.end)) continue
      out.push({
        evidence: { start: s.start, end: s.end },
        quote: null,
        content: { start: s.start, end: s.end },
        claimants: [AUTHOR.slug],
        verb: null,
        confidence: CONFIDENCE.author,
        sieve: 'author',
        verbAt: null,
        kind,
      })
      break
    }
  }
  return out
}

/**
 * Speakers the sentence names together ("both X and Y said …", "As X reports, Y announced …")
 * each make the claim: one claim per speaker over the same words, in the order they are named.
 * Speakers reached only through a pronoun ("they said") stay one joint claim.
 */
function perSpeaker(ctx: SpeakerContext, c: DraftClaim): DraftClaim[] {
  if (c.claimants.length < 2 || !JOINT_SIEVES.has(c.sieve)) return [c]
  const named = candidatesIn(ctx, c.evidence.start, c.evidence.end).filter((x) => x.via === 'name')
  const at = (slug: string) => named.find((x) => x.slugs.includes(slug))?.start ?? -1
  if (c.claimants.some((slug) => at(slug) < 0)) return [c]
  return [...c.claimants].sort((a, b) => at(a) - at(b)).map((slug) => ({ ...c, claimants: [slug] }))
}
/**
 * "X said Y had told Z that …": Y made the statement too, so the words are Y's claim as well as
 * X's.
 */
function withRelayed(ctx: SpeakerContext, c: DraftClaim): DraftClaim[] {
  if (c.sieve !== 'reported') return [c]
  const head = candidatesIn(ctx, c.content.start, Math.min(c.content.end, c.content.start + 80)).find(
    (x) => x.slugs.length && x.start - c.content.start < 12,
  )
  if (!head || head.slugs.some((slug) => c.claimants.includes(slug))) return [c]
  if (!RELAYED.test(ctx.body.slice(head.end, c.content.end))) return [c]
  return [c, { ...c, claimants: [...head.slugs], sieve: 'relayed' }]
}
const RELAYED = /^\s+(?:had\s+|has\s+)?(?:told|informed|assured)\s+[^.;]*?\bthat\b/

const JOINT_SIEVES = new Set<string>(['reported', 'before', 'after', 'according'])

export function findClaims(
  ctx: SpeakerContext,
  sentences: Sentence[],
  quotes: QuoteSpan[],
  warnings: ClaimWarning[],
): DraftClaim[] {
  const direct = directClaims(ctx, sentences, quotes, warnings)
  const covered = (s: Span) => direct.some((c) => c.evidence.start < s.end && s.start < c.evidence.end)
  const reported: DraftClaim[] = []
  const passives: Sentence[] = []
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i]!
    if (covered(s)) continue
    const cs = reportedClaims(ctx, s, quotes)
    const intro = cs.length === 1 ? cs[0]! : null
    // "X also said:" before a list: each item is X's claim, the intro none.
    if (
      intro &&
      intro.sieve !== 'according' &&
      /:\s*$/.test(ctx.body.slice(intro.evidence.start, intro.evidence.end))
    ) {
      const items = listItems(ctx, sentences, s).filter((x) => !covered(x))
      if (items.length) {
        for (const item of items)
          reported.push({
            ...intro,
            evidence: { start: item.start, end: item.end },
            content: { start: item.start, end: item.end },
            quote: null,
            sieve: 'list',
          })
        i = sentences.indexOf(items.at(-1)!)
        continue
      }
    }
    if (!cs.length && AGENTLESS.test(ctx.body.slice(s.start, s.end))) passives.push(s)
    reported.push(...cs)
  }
  const found = [...direct, ...reported]
  const author = authorClaims(
    ctx,
    sentences,
    quotes,
    found.map((c) => c.evidence),
  )
  const all = [...found, ...author]
    .flatMap((c) => perSpeaker(ctx, c))
    .flatMap((c) => withRelayed(ctx, c))
    .sort((a, b) => a.evidence.start - b.evidence.start)
  for (const s of passives) {
    const next = all.find((c) => c.evidence.start >= s.end)
    if (!next || ctx.paragraphOf(next.evidence.start) - s.para > 1) continue
    const v = AGENTLESS.exec(ctx.body.slice(s.start, s.end))!
    const verb = AGENTLESS_LEMMA[/(urged|warned|advised|called on|encouraged)\b/.exec(v[0])![1]!]!
    all.splice(all.indexOf(next), 0, {
      evidence: { start: s.start, end: s.end },
      quote: null,
      content: { start: s.start, end: s.end },
      claimants: [...next.claimants],
      verb,
      confidence: CONFIDENCE.inherited,
      sieve: 'agentless',
      verbAt: null,
    })
  }
  return all
}
