// The article body with every evidence span highlighted. Spans may overlap or nest: the body is cut
// at every span boundary, and each piece is wrapped in one <mark> per span covering it (outermost
// first), with the text a link to the innermost span's note. Every span also gets a reference link
// after its last character (its label drawn by CSS, so the body's text stays the article's exact
// words), which reaches spans that others cover entirely. Pure functions.
import { type Html, html } from './pages.html.js'

export interface Span {
  /** claim-<n> or event-<n>: the id of its note */
  id: string
  kind: 'claim' | 'event'
  /** "C3", "E2": the reference label */
  label: string
  /** Shown on hover: "Claim 3 · Zhang Tuosheng · warning" */
  title: string
  start: number
  end: number
  colour: number
}

/** Outermost first: longer spans, then earlier in the brief. */
const outerFirst = (order: Map<Span, number>) => (a: Span, b: Span) =>
  b.end - b.start - (a.end - a.start) || (order.get(a) ?? 0) - (order.get(b) ?? 0)

/** One piece of text inside the marks of the spans covering it. */
function piece(text: string, covering: Span[], seen: Set<string>): Html {
  if (covering.length === 0) return html`${text}`
  const inner = covering[covering.length - 1] as Span
  let out = html`<a class="hl" href="#${inner.id}" title="${inner.title}">${text}</a>`
  for (let depth = covering.length - 1; depth >= 0; depth--) {
    const s = covering[depth] as Span
    const first = !seen.has(s.id)
    seen.add(s.id)
    out = html`<mark class="${s.kind} p${s.colour} d${Math.min(depth, 3)}" data-span="${s.id}"${
      first ? html` id="at-${s.id}"` : null
    }>${out}</mark>`
  }
  return out
}

function reference(s: Span): Html {
  return html`<a class="ref p${s.colour}" href="#${s.id}" data-label="${s.label}" aria-label="${s.title}"></a>`
}

/** The body as Html: its exact text, with a mark per span piece and a reference link per span. */
export function highlightBody(body: string, spans: Span[]): Html {
  const valid = spans.filter((s) => s.start >= 0 && s.end <= body.length && s.start < s.end)
  const order = new Map(valid.map((s, i) => [s, i]))
  const cuts = [...new Set([0, body.length, ...valid.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b)
  // Ids are given out in document order, so a span's first piece is the one met first.
  const seen = new Set<string>()
  const parts: Html[] = []
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i] as number
    const to = cuts[i + 1] as number
    const covering = valid.filter((s) => s.start <= from && s.end >= to).sort(outerFirst(order))
    parts.push(piece(body.slice(from, to), covering, seen))
    parts.push(...valid.filter((s) => s.end === to).map(reference))
  }
  return html`${parts}`
}
