// Date expressions resolved against the publication date. chrono-node reads the wording
// (preferring the past, as news does); this layer adds late/early/mid, bare years and
// "this year", and sets precision from what the text states, never from what chrono implies.
// English only: the package's root loads every locale (about 29 MB of RSS against 6).
import type { ParsedResult } from 'chrono-node'
import * as chrono from 'chrono-node/en'
import type { PartialDate } from '../domain/dates.js'
import { BARE_YEAR, DATE_MODIFIERS, RELATIVE_YEAR, WEEK_PHRASES, YEAR_PHRASES } from './lexicons/dates.js'
import type { Span } from './types.js'

export interface DateMention extends Span {
  text: string
  /** Null when the wording needs a publication date that is not known ("on Thursday"). */
  date: PartialDate | null
}

/** A fixed reference keeps output deterministic when the publication date is unknown. */
const NO_REFERENCE = new Date(Date.UTC(2000, 0, 1, 12))
const pad = (n: number) => String(n).padStart(2, '0')

function referenceOf(published: string | null): Date {
  if (!published) return NO_REFERENCE
  const [y, m, d] = published.split('-').map(Number)
  return new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1, 12))
}

function fromChrono(r: ParsedResult, text: string, known: boolean): PartialDate | null {
  const c = r.start
  const certain = (k: 'year' | 'month' | 'day' | 'weekday') => c.isCertain(k)
  // Anything without a written year ("Jan 1", "this year", "Thursday") hangs on the reference.
  const relative = !/\d{4}/.test(r.text)
  if (relative && !known) return null
  const y = c.get('year')!
  const m = c.get('month')!
  const d = c.get('day')!
  const before = text.slice(Math.max(0, r.index - 20), r.index)
  const approximate = DATE_MODIFIERS.test(before) || WEEK_PHRASES.test(r.text)
  const base = { approximate, text: null }
  if (YEAR_PHRASES.test(r.text)) return { ...base, date: String(y), precision: 'year' }
  if (WEEK_PHRASES.test(r.text)) return { ...base, date: `${y}-${pad(m)}`, precision: 'month' }
  if (certain('day') || certain('weekday')) return { ...base, date: `${y}-${pad(m)}-${pad(d)}`, precision: 'day' }
  if (certain('month')) return { ...base, date: `${y}-${pad(m)}`, precision: 'month' }
  if (certain('year')) return { ...base, date: String(y), precision: 'year' }
  return null
}

export function findDates(text: string, published: string | null): DateMention[] {
  const known = published !== null
  const ref = referenceOf(published)
  const out: DateMention[] = []
  for (const r of chrono.parse(text, { instant: ref, timezone: 0 }, { forwardDate: false })) {
    // A clock time alone ("2:15pm") is no date.
    if (
      !r.start.isCertain('day') &&
      !r.start.isCertain('weekday') &&
      !r.start.isCertain('month') &&
      !r.start.isCertain('year') &&
      !WEEK_PHRASES.test(r.text)
    )
      continue
    let start = r.index
    const mod = DATE_MODIFIERS.exec(text.slice(Math.max(0, start - 20), start))
    if (mod) start -= mod[0].length
    const date = fromChrono(r, text, known)
    const end = r.index + r.text.replace(/[\s,.]+$/, '').length
    out.push({ start, end, text: text.slice(start, end), date: date && { ...date, text: text.slice(start, end) } })
  }
  addYears(text, ref, known, out)
  return out.sort((a, b) => a.start - b.start)
}

function overlaps(list: Span[], s: Span): boolean {
  return list.some((o) => o.start < s.end && s.start < o.end)
}

function addYears(text: string, ref: Date, known: boolean, out: DateMention[]): void {
  for (const m of text.matchAll(BARE_YEAR)) {
    const start = m.index + m[0].length - m[1]!.length - m[2]!.length
    const span = { start, end: start + m[1]!.length + m[2]!.length }
    if (overlaps(out, span) || m[2]) continue
    const mod = DATE_MODIFIERS.test(text.slice(Math.max(0, start - 12), start))
    const t = text.slice(span.start, span.end)
    out.push({ ...span, text: t, date: { date: m[1]!, precision: 'year', approximate: mod, text: t } })
  }
  for (const m of text.matchAll(RELATIVE_YEAR)) {
    const span = { start: m.index, end: m.index + m[0].length }
    if (overlaps(out, span)) continue
    const offset = m[1]!.toLowerCase() === 'last' ? -1 : m[1]!.toLowerCase() === 'next' ? 1 : 0
    const t = m[0]
    out.push({
      ...span,
      text: t,
      date: known
        ? { date: String(ref.getUTCFullYear() + offset), precision: 'year', approximate: false, text: t }
        : null,
    })
  }
}
