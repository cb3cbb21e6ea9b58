// Date expressions resolved against the publication date. chrono-node reads most of the wording;
// this layer adds late/early/mid, bare and older years, year ranges, quarters, the edges of a
// year, counted periods ("nine months ago", "in a fortnight"), and resolves weekdays and months
// without a year as news means them: the past one by default, the next one in a sentence about
// the future. Precision comes from what the text states, never from what chrono implies.
// English only: the package's root loads every locale (about 29 MB of RSS against 6).
import type { ParsedResult } from 'chrono-node'
import * as chrono from 'chrono-node/en'
import type { PartialDate, Precision } from '../domain/dates.js'
import {
  BARE_YEAR,
  CALENDAR_WORD,
  DATE_MODIFIERS,
  FUTURE,
  NAMED_DAYS,
  NUMBERS,
  OLD_YEAR,
  PERIOD,
  PRESENT,
  QUARTER,
  RELATIVE_YEAR,
  WEEK_PHRASES,
  YEAR_EDGE,
  YEAR_PHRASES,
  YEAR_RANGE,
} from './lexicons/dates.js'
import type { Span } from './types.js'

export interface DateMention extends Span {
  text: string
  /** Null when the wording needs a publication date that is not known ("on Thursday"). */
  date: PartialDate | null
}

/** A fixed reference keeps output deterministic when the publication date is unknown. */
const NO_REFERENCE = new Date(Date.UTC(2000, 0, 1, 12))
const pad = (n: number) => String(n).padStart(2, '0')
const DAY_MS = 86_400_000

function referenceOf(published: string | null): Date {
  if (!published) return NO_REFERENCE
  const [y, m, d] = published.split('-').map(Number)
  return new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1, 12))
}

const dayOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
const monthOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`

function partial(date: string, precision: Precision, approximate: boolean, text: string): PartialDate {
  return { date, precision, approximate, text }
}

/** Past forms that, right before a date, anchor it in the past ("said on Monday that … will"). */
const PAST_FORMS = new Set(
  'said told met went came took gave made held left began saw spoke wrote sent won lost fell rose broke flew led paid sold hit struck fled sought thought brought bought found kept ran got was were had did'.split(
    ' ',
  ),
)

/** The clause around a span: within its sentence, between clause breaks (", and", ";", " — "). */
function clauseBounds(text: string, start: number, end: number): Span {
  let s = start
  while (s > 0 && !/[.!?\n]/.test(text[s - 1]!)) s--
  let e = end
  while (e < text.length && !/[.!?\n]/.test(text[e]!)) e++
  const breaks = /,\s+(?:and|but|while|whereas)\s+|;\s+|\s[—–]\s/g
  for (const m of text.slice(s, e).matchAll(breaks)) {
    const at = s + m.index
    if (at + m[0].length <= start) s = at + m[0].length
    else if (at >= end) {
      e = at
      break
    }
  }
  return { start: s, end: e }
}

type Tense = 'past' | 'present' | 'future'

/** Words ending in -ed that are no past forms. */
const NOT_PAST = new Set('need indeed hundred speed feed seed breed proceed exceed succeed'.split(' '))
const isPast = (w: string) => PAST_FORMS.has(w) || (w.length > 4 && w.endsWith('ed') && !NOT_PAST.has(w))

/**
 * The tense of the clause around a date: future when it says so (unless a past verb comes right
 * before the date, "said on Monday that … will"), past when it has a past verb, else present.
 */
function tenseAt(text: string, start: number, end: number): Tense {
  const c = clauseBounds(text, start, end)
  const clause = text.slice(c.start, c.end)
  const words = (t: string) => t.toLowerCase().match(/\p{L}+/gu) ?? []
  const verb = /(\p{L}+)\s+(?:(?:on|in|late|early|last)\s+)?$/u.exec(text.slice(c.start, start))?.[1]?.toLowerCase()
  if (FUTURE.test(clause) && !(verb && isPast(verb))) return 'future'
  return words(clause).some(isPast) ? 'past' : 'present'
}

const inFuture = (text: string, start: number, end: number) => tenseAt(text, start, end) === 'future'

/** A weekday around the reference: the last one (or the day itself), the next one, or the nearer. */
function weekdayDate(ref: Date, weekday: number, tense: Tense): Date {
  const w = ref.getUTCDay()
  const back = (w - weekday + 7) % 7
  const ahead = (weekday - w + 7) % 7 || 7
  const delta = tense === 'future' ? ahead : tense === 'past' || back <= ahead ? -back : ahead
  return new Date(ref.getTime() + delta * DAY_MS)
}

/** The year of a month (and day) named without one: the last such day, the next, or the nearer. */
function yearOf(ref: Date, month: number, day: number | null, tense: Tense): number {
  const y = ref.getUTCFullYear()
  const at = month * 100 + (day ?? (tense === 'future' ? 31 : 1))
  const now = (ref.getUTCMonth() + 1) * 100 + ref.getUTCDate()
  if (tense === 'future') return at >= now ? y : y + 1
  if (tense === 'past') return at <= now ? y : y - 1
  const distance = (year: number) =>
    Math.abs(Date.UTC(year, month - 1, day ?? 15) - Date.UTC(y, ref.getUTCMonth(), ref.getUTCDate()))
  return [y - 1, y, y + 1].reduce((a, b) => (distance(b) < distance(a) ? b : a))
}

function overlaps(list: Span[], s: Span): boolean {
  return list.some((o) => o.start < s.end && s.start < o.end)
}

function fromChrono(
  r: ParsedResult,
  text: string,
  span: Span,
  ref: Date,
  known: boolean,
): Omit<PartialDate, 'text'> | null {
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
  const base = { approximate }
  if (YEAR_PHRASES.test(r.text)) return { ...base, date: String(y), precision: 'year' }
  if (WEEK_PHRASES.test(r.text)) return { ...base, date: `${y}-${pad(m)}`, precision: 'month' }
  const lead = text.slice(span.start, r.index).toLowerCase()
  const tense: Tense = /\b(?:next|coming)\b/.test(lead)
    ? 'future'
    : /\b(?:last|past)\b/.test(lead)
      ? 'past'
      : tenseAt(text, span.start, span.end)
  if (certain('weekday') && !certain('day')) {
    const day = weekdayDate(ref, c.get('weekday')!, tense)
    return { ...base, date: dayOf(day), precision: 'day' }
  }
  if (certain('month') && !certain('year')) {
    const year = yearOf(ref, m, certain('day') ? d : null, tense)
    if (certain('day')) return { ...base, date: `${year}-${pad(m)}-${pad(d)}`, precision: 'day' }
    return { ...base, date: `${year}-${pad(m)}`, precision: 'month' }
  }
  if (certain('day') || certain('weekday')) return { ...base, date: `${y}-${pad(m)}-${pad(d)}`, precision: 'day' }
  if (certain('month')) return { ...base, date: `${y}-${pad(m)}`, precision: 'month' }
  if (certain('year')) return { ...base, date: String(y), precision: 'year' }
  return null
}

/**
 * Every date expression in `text` with its offsets, resolved against `published` (YYYY-MM-DD)
 * where the wording needs it; wording that needs an unknown publication date gets `date: null`.
 */
export function findDates(text: string, published: string | null): DateMention[] {
  const known = published !== null
  const ref = referenceOf(published)
  const out: DateMention[] = []
  // Spans that are periods, not dates ("for two years"): nothing is read inside them.
  const blocked: Span[] = []
  addOwn(text, ref, known, out, blocked)
  for (const r of chrono.parse(text, { instant: ref, timezone: 0 }, { forwardDate: false })) {
    const core = r.text.replace(/^on\s+/i, '')
    if (CALENDAR_WORD.test(core) && /^[a-z]/.test(core)) continue
    if (PRESENT.test(r.text.trim()) || /^(?:last|this|next) year$/i.test(r.text.trim())) continue
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
    else {
      const rel = /\b(?:this past|this coming|last|next|past|coming)\s+$/i.exec(
        text.slice(Math.max(0, start - 12), start),
      )
      if (rel && r.start.isCertain('month') && !r.start.isCertain('year')) start -= rel[0].length
    }
    const end = r.index + r.text.replace(/[\s,.]+$/, '').length
    const span = { start, end }
    if (overlaps(out, span) || overlaps(blocked, span)) continue
    const date = fromChrono(r, text, span, ref, known)
    const t = text.slice(start, end)
    out.push({ ...span, text: t, date: date && { ...date, text: t } })
  }
  addYears(text, ref, known, out)
  return out.sort((a, b) => a.start - b.start)
}

/** Wording chrono does not read, or reads otherwise: named days, year edges, quarters, periods. */
function addOwn(text: string, ref: Date, known: boolean, out: DateMention[], blocked: Span[]): void {
  const y = ref.getUTCFullYear()
  const push = (start: number, t: string, date: PartialDate | null) => {
    const span = { start, end: start + t.length }
    if (!overlaps(out, span)) out.push({ ...span, text: t, date })
  }
  for (const [name, day] of Object.entries(NAMED_DAYS))
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1))
      if (!/[\w/]/.test(text[i - 1] ?? '') && !/[\w/]/.test(text[i + name.length] ?? ''))
        push(i, name, partial(day, 'day', false, name))
  for (const m of text.matchAll(YEAR_EDGE)) {
    const year = /\d/.test(m[2]!) ? Number(m[2]) : known ? y : null
    const month = { end: 12, close: 12, middle: 6 }[m[1]!.toLowerCase()] ?? 1
    push(m.index, m[0], year === null ? null : partial(`${year}-${pad(month)}`, 'month', true, m[0]))
  }
  for (const m of text.matchAll(QUARTER)) {
    if (!m[2] && !known) {
      push(m.index, m[0], null)
      continue
    }
    const q = ['first', 'second', 'third', 'fourth'].indexOf(m[1]!.toLowerCase())
    const month = ((q >= 0 ? q : Number(m[1]![0]) - 1) * 3 + 1) as number
    const tense = tenseAt(text, m.index, m.index + m[0].length)
    const year = m[2] ? Number(m[2]) : yearOf(ref, month, 1, tense === 'present' ? 'past' : tense)
    push(m.index, m[0], partial(String(year), 'year', false, m[0]))
  }
  for (const m of text.matchAll(PERIOD)) {
    const g = m.groups!
    const span = { start: m.index, end: m.index + m[0].length }
    const count = (w: string | undefined) =>
      w ? (NUMBERS[w.toLowerCase()] ?? (/^\d+$/.test(w) ? Number(w) : null)) : null
    let shift: { n: number; unit: string } | null = null
    if (g.ago) {
      const n = count(g.ago)
      if (n !== null) shift = { n: -n, unit: g.agoUnit! }
    } else if (g.in) {
      const n = count(g.in)
      if (n !== null && inFuture(text, span.start, span.end)) shift = { n, unit: g.inUnit! }
    } else if (g.rel && !g.relN && !/s$/i.test(g.relUnit!)) {
      continue // "last week", "next month": chrono's
    } else if (g.rel && /^days?$/i.test(g.relUnit!) && /^(?:last|past|recent|previous)$/i.test(g.rel)) {
      // "the past few days": the days just before publication, within its month as far as a brief can say.
      push(m.index, m[0], known ? partial(monthOf(ref), 'month', true, m[0]) : null)
      continue
    }
    if (!shift) {
      blocked.push(span)
      continue
    }
    if (!known) {
      push(m.index, m[0], null)
      continue
    }
    const unit = shift.unit.toLowerCase().replace(/s$/, '')
    const t = m[0]
    if (unit === 'day' || unit === 'week' || unit === 'fortnight') {
      const days = shift.n * (unit === 'day' ? 1 : unit === 'week' ? 7 : 14)
      push(m.index, t, partial(dayOf(new Date(ref.getTime() + days * DAY_MS)), 'day', false, t))
    } else if (unit === 'month') {
      const d = new Date(Date.UTC(y, ref.getUTCMonth() + shift.n, 1, 12))
      push(m.index, t, partial(monthOf(d), 'month', false, t))
    } else {
      const years = shift.n * (unit === 'decade' ? 10 : 1)
      push(m.index, t, partial(String(y + years), 'year', unit === 'decade', t))
    }
  }
}

function addYears(text: string, ref: Date, known: boolean, out: DateMention[]): void {
  const year = (start: number, value: string, approximate = false) => {
    const span = { start, end: start + value.length }
    if (overlaps(out, span)) return
    out.push({ ...span, text: value, date: partial(value, 'year', approximate, value) })
  }
  for (const m of text.matchAll(BARE_YEAR)) {
    if (m[2]) continue
    const start = m.index + m[0].length - m[1]!.length
    year(start, m[1]!, DATE_MODIFIERS.test(text.slice(Math.max(0, start - 12), start)))
  }
  for (const m of text.matchAll(OLD_YEAR)) year(m.index + m[0].length - m[1]!.length, m[1]!)
  for (const m of text.matchAll(YEAR_RANGE)) year(m.index + m[0].length - m[1]!.length, m[1]!)
  for (const m of text.matchAll(RELATIVE_YEAR)) {
    const lead = /\b(?:late|early|mid|earlier|later)[\s-]+$/i.exec(text.slice(Math.max(0, m.index - 10), m.index))
    const span = { start: m.index - (lead?.[0].length ?? 0), end: m.index + m[0].length }
    if (overlaps(out, span)) continue
    const which = m[1]!.toLowerCase()
    let offset = which === 'last' ? -1 : which === 'next' ? 1 : 0
    // In the first days of January, "this year" in a sentence about the past is the year just ended.
    if (which === 'this' && ref.getUTCMonth() === 0 && ref.getUTCDate() <= 7 && !inFuture(text, span.start, span.end))
      offset = -1
    const t = text.slice(span.start, span.end)
    out.push({
      ...span,
      text: t,
      date: known ? partial(String(ref.getUTCFullYear() + offset), 'year', lead !== null, t) : null,
    })
  }
}
