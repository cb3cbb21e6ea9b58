// HTML made from data, safely by construction: `html` escapes every interpolated value with the one
// escape function (src/lib/html.ts) unless it is already Html (a fragment built by `html` itself),
// and a URL from data becomes a link only when it is http or https.
import { escapeHtml, unescapeHtml } from '../../lib/html.js'

/** Markup that is safe to insert: only `html` (and the two helpers below) make it. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

/** What may be interpolated: text (escaped), numbers, Html, nothing (null, undefined, false) or lists. */
export type Part = Html | string | number | null | undefined | false | readonly Part[]

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return ''
  if (part instanceof Html) return part.value
  if (Array.isArray(part)) return part.map(render).join('')
  return escapeHtml(String(part))
}

/** A template whose interpolations are escaped; write attribute values in double quotes. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? ''
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '')
  })
  return new Html(out)
}

/** A URL from data, if it is an absolute http(s) URL; null otherwise (then it is shown as text, never linked). */
export function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

/**
 * A search snippet (src/db/search.ts: escaped text with the matches in <mark>…</mark>) as Html. The
 * snippet is not trusted as markup: it is cut at the mark tags, and each piece is unescaped and
 * escaped again, so that <mark> is the only element it can yield.
 */
export function snippetHtml(snippet: string): Html {
  let out = ''
  let open = false
  for (const piece of snippet.split(/(<\/?mark>)/)) {
    if (piece === (open ? '</mark>' : '<mark>')) {
      out += piece
      open = !open
    } else out += escapeHtml(unescapeHtml(piece))
  }
  return new Html(open ? `${out}</mark>` : out)
}
