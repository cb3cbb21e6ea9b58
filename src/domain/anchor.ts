// Evidence without offsets: a passage or a quote given by its exact text alone is found in the
// article body, so that a brief can be written by hand. The text must occur once, or be picked out
// by its `prefix`/`suffix` (as a W3C TextQuoteSelector is) or by an `occurrence` number (1 = the
// first). A missing or ambiguous passage is a problem naming the field and, when ambiguous, the
// candidate offsets. Offsets given are left as they are (the provenance check verifies them).
import type { FieldError } from '../lib/problems.js'

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

function occurrences(body: string, text: string, from = 0, to = body.length): number[] {
  const out: number[] = []
  for (let i = body.indexOf(text, from); i >= 0 && i + text.length <= to; i = body.indexOf(text, i + 1)) out.push(i)
  return out
}

/** The offset of `text` in the body by the selector's rules, or a problem at `pointer`. */
function locate(
  body: string,
  sel: Json,
  text: string,
  pointer: string,
  within: { start: number; end: number } | null,
  problems: FieldError[],
): number | null {
  let found = occurrences(body, text)
  if (typeof sel.occurrence === 'number') {
    const at = found[sel.occurrence - 1]
    if (at === undefined || !Number.isInteger(sel.occurrence) || sel.occurrence < 1)
      problems.push({
        pointer: pointer.replace(/\/(exact|text)$/, '/occurrence'),
        message: `the text occurs ${found.length} time(s) in article.body`,
      })
    return at ?? null
  }
  const prefix = typeof sel.prefix === 'string' ? sel.prefix : ''
  const suffix = typeof sel.suffix === 'string' ? sel.suffix : ''
  if (prefix || suffix)
    found = found.filter(
      (i) => body.slice(i - prefix.length, i) === prefix && body.slice(i + text.length).startsWith(suffix),
    )
  // A quote is looked for inside its claim's evidence passage first.
  const inside = within ? found.filter((i) => i >= within.start && i + text.length <= within.end) : []
  if (inside.length === 1) return inside[0] as number
  if (found.length === 1) return found[0] as number
  problems.push({
    pointer,
    message:
      found.length === 0
        ? 'not found in article.body'
        : `found ${found.length} times in article.body, at offsets ${found.slice(0, 10).join(', ')}: give start and end, prefix or suffix, or occurrence`,
  })
  return null
}

/** Fills in start and end of a text-only selector; returns the span, or null when it stays unknown. */
function anchor(
  body: string,
  sel: unknown,
  textKey: 'exact' | 'text',
  pointer: string,
  within: { start: number; end: number } | null,
  problems: FieldError[],
): { start: number; end: number } | null {
  if (!isObject(sel)) return null
  const text = sel[textKey]
  if (typeof sel.start === 'number' && typeof sel.end === 'number') {
    if ('occurrence' in sel)
      problems.push({ pointer: `${pointer}/occurrence`, message: 'give offsets or an occurrence, not both' })
    return { start: sel.start, end: sel.end }
  }
  if (typeof text !== 'string' || text === '') return null // the schema reports what is missing
  const at = locate(body, sel, text, `${pointer}/${textKey}`, within, problems)
  delete sel.occurrence
  if (at === null) return null
  sel.start = at
  sel.end = at + text.length
  return { start: sel.start as number, end: sel.end as number }
}

/**
 * Anchors, in place, every claim's evidence and quote and every event's evidence that gives its
 * text without offsets. Returns the problems; the input is untrusted JSON and is only read where it
 * has the expected shape (the brief schema judges the rest).
 */
export function anchorPassages(input: unknown): FieldError[] {
  const problems: FieldError[] = []
  if (!isObject(input) || !isObject(input.article) || typeof input.article.body !== 'string') return problems
  const body = input.article.body
  const items = (key: 'claims' | 'events') => (Array.isArray(input[key]) ? (input[key] as unknown[]) : [])
  items('claims').forEach((c, i) => {
    if (!isObject(c)) return
    const evidence = anchor(body, c.evidence, 'exact', `/claims/${i}/evidence`, null, problems)
    anchor(body, c.quote, 'text', `/claims/${i}/quote`, evidence, problems)
  })
  items('events').forEach((e, i) => {
    if (isObject(e)) anchor(body, e.evidence, 'exact', `/events/${i}/evidence`, null, problems)
  })
  return problems
}

/**
 * Anchors, in place, the evidence and quote of a claim PATCH body that give their text without
 * offsets, in the body of the claim's article; a quote is looked for in the new evidence passage,
 * else in the stored one. Pointers are relative to the PATCH body.
 */
export function anchorClaimPatch(
  body: string,
  patch: unknown,
  stored: { start: number; end: number } | null,
): FieldError[] {
  const problems: FieldError[] = []
  if (!isObject(patch)) return problems
  const evidence = anchor(body, patch.evidence, 'exact', '/evidence', null, problems)
  anchor(body, patch.quote, 'text', '/quote', evidence ?? stored, problems)
  return problems
}

/** True when a PATCH body gives an evidence passage or a quote without its offsets. */
export function needsAnchoring(patch: unknown): boolean {
  if (!isObject(patch)) return false
  const open = (sel: unknown) => isObject(sel) && (typeof sel.start !== 'number' || typeof sel.end !== 'number')
  return open(patch.evidence) || open(patch.quote)
}
