// The timeline strip of a brief page: its events in date order, each drawn as wide as its date is
// precise (a day is a dot, a month-precision date spans its month, a year its year), positions and
// widths computed here as steps of the strip (classes of pages.css.ts). Pure functions.
import type { BriefEvent } from '../../domain/brief.schema.js'
import { humanDate } from '../../domain/brief.render.js'
import { dayRange, type PartialDate } from '../../domain/dates.js'
import { TIMELINE_STEPS } from './pages.css.js'
import { type Html, html } from './pages.html.js'

/** An event of the brief with its position there (event-<n>) and its colour class. */
export interface PlacedEvent {
  event: BriefEvent
  n: number
  colour: number
}

const DAY_MS = 86_400_000
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS
const isoOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10)
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** The days a dated event covers: from its start's first day to its end's (or start's) last, inclusive. */
export function eventDays(e: {
  start: PartialDate | null
  end: PartialDate | null
}): { from: number; to: number } | null {
  if (!e.start) return null
  const last = e.end ?? e.start
  return {
    from: dayNumber(dayRange(e.start.date, e.start.precision).from),
    to: dayNumber(dayRange(last.date, last.precision).to),
  }
}

/** The strip's extent: whole months from the first month any event touches to the last. */
export function axisOf(ranges: Array<{ from: number; to: number }>): { from: number; to: number } {
  const from = isoOfDay(Math.min(...ranges.map((r) => r.from))).slice(0, 7)
  const to = isoOfDay(Math.max(...ranges.map((r) => r.to))).slice(0, 7)
  return { from: dayNumber(`${from}-01`), to: dayNumber(dayRange(to, 'month').to) + 1 }
}

/** Left edge and width in steps of the strip: at least one step wide, never past its end. */
export function geometry(range: { from: number; to: number }, axis: { from: number; to: number }) {
  const scale = TIMELINE_STEPS / (axis.to - axis.from)
  const left = Math.min(TIMELINE_STEPS - 1, Math.floor((range.from - axis.from) * scale))
  const width = Math.max(1, Math.min(TIMELINE_STEPS - left, Math.ceil((range.to + 1 - range.from) * scale)))
  return { left, width }
}

/** Month ticks (every k-th month, about a dozen labelled), or the Januaries when the strip spans over three years. */
function ticks(axis: { from: number; to: number }): Array<{ day: number; label: string }> {
  const [y, m] = isoOfDay(axis.from).split('-').map(Number) as [number, number]
  const months = Math.round((axis.to - axis.from) / 30.44)
  const yearly = months > 36
  const every = Math.max(1, Math.ceil(months / 12))
  const out: Array<{ day: number; label: string }> = []
  for (let i = 0; ; i++) {
    const month = ((m - 1 + i) % 12) + 1
    const year = y + Math.floor((m - 1 + i) / 12)
    const day = dayNumber(`${year}-${String(month).padStart(2, '0')}-01`)
    if (day >= axis.to) return out
    if (yearly ? month !== 1 : i % every !== 0) continue
    const name = SHORT_MONTHS[month - 1] as string
    out.push({ day, label: yearly ? `${year}` : i === 0 || month === 1 ? `${name} ${year}` : name })
  }
}

/** "December 2021 (“late December”)", or a range "… – …", with the start's precision as a badge. */
export function whenOf(e: { start: PartialDate | null; end: PartialDate | null }): Html {
  if (!e.start) return html`date not stated`
  const range = e.end ? `${humanDate(e.start)} – ${humanDate(e.end)}` : humanDate(e.start)
  return html`${range}<span class="precision">${e.start.precision}</span>`
}

function row(p: PlacedEvent, axis: { from: number; to: number }, range: { from: number; to: number }): Html {
  const { left, width } = geometry(range, axis)
  const precision = p.event.start?.precision ?? 'day'
  const bar = `bar ${precision} p${p.colour} tl-l${left} tl-w${width}${p.event.start?.approximate ? ' approximate' : ''}`
  return html`<li class="tl-row"><span class="tl-when">${whenOf(p.event)}</span>
<a href="#event-${p.n}">${p.event.title}</a>
<span class="track" aria-hidden="true"><span class="${bar}"></span></span></li>`
}

/** The timeline section: dated events ordered by their first day (then precision, then position), undated ones listed apart. */
export function timeline(events: PlacedEvent[]): Html {
  const dated = events
    .map((p) => ({ p, range: eventDays(p.event) }))
    .filter((x): x is { p: PlacedEvent; range: { from: number; to: number } } => x.range !== null)
    .sort((a, b) => a.range.from - b.range.from || a.range.to - b.range.to || a.p.n - b.p.n)
  const undated = events.filter((p) => !p.event.start)
  if (events.length === 0) return html``
  const axis = dated.length > 0 ? axisOf(dated.map((d) => d.range)) : null
  return html`<section aria-labelledby="timeline-h"><h2 id="timeline-h">Timeline</h2>
<div class="timeline">
${
  axis
    ? html`<div class="tl-row" aria-hidden="true"><span></span><span></span><ol class="axis">${ticks(axis).map(
        (t) => html`<li class="tl-l${geometry({ from: t.day, to: t.day }, axis).left}">${t.label}</li>`,
      )}</ol></div>
<ol class="tl-events">${dated.map((d) => row(d.p, axis, d.range))}</ol>`
    : null
}
${
  undated.length > 0
    ? html`<p class="undated"><strong>Undated:</strong> ${undated.map(
        (p, i) => html`${i > 0 ? ' · ' : ''}<a href="#event-${p.n}">${p.event.title}</a>`,
      )}</p>`
    : null
}
</div></section>`
}
