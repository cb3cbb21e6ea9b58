// Quotation spans: curly and straight double quotes, quotes left open at the end of a
// paragraph (continued in the next one), and a closing mark whose opening mark is missing.
import type { Span } from './types.js'

export interface QuoteSpan extends Span {
  /** Offset of the opening mark, or -1 when the page lost it. */
  open: number
  /** Offset just past the closing mark, or the paragraph end when the quote runs on. */
  close: number
  para: number
  /** The quote runs on into the next paragraph. */
  runsOn: boolean
  /** The quote continues one left open in the previous paragraph. */
  continues: boolean
  words: number
}

const OPENERS = new Set(['“', '„'])
const CLOSERS = new Set(['”'])
const SPEECH_BEFORE = /\b(?:said|says|told|added|wrote|asked|stated|declared|insisted|warned)[:,]?\s+(?=[^\s])/gi

function wordCount(s: string): number {
  return s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length
}

function makeSpan(body: string, open: number, start: number, end: number, close: number, para: number): QuoteSpan {
  // The quoted words exclude the comma or space that sits inside the marks before the attribution.
  while (end > start && /[\s,;:\u00a0]/.test(body[end - 1]!)) end--
  while (start < end && /\s/.test(body[start]!)) start++
  return {
    start,
    end,
    open,
    close,
    para,
    runsOn: false,
    continues: false,
    words: wordCount(body.slice(start, end)),
  }
}

/** Where an unopened quote starts: after the last speech verb before it, else at the paragraph start. */
function orphanStart(body: string, paraStart: number, close: number): number {
  const text = body.slice(paraStart, close)
  let start = 0
  SPEECH_BEFORE.lastIndex = 0
  for (let m = SPEECH_BEFORE.exec(text); m; m = SPEECH_BEFORE.exec(text)) start = m.index + m[0].length
  return paraStart + start
}

export function findQuotes(body: string, paragraphs: Span[]): QuoteSpan[] {
  const out: QuoteSpan[] = []
  let carried = false
  paragraphs.forEach((p, para) => {
    let open = -1
    for (let i = p.start; i < p.end; i++) {
      const ch = body[i]!
      const straight = ch === '"'
      const isOpen = OPENERS.has(ch) || (straight && open < 0)
      const isClose = CLOSERS.has(ch) || (straight && open >= 0)
      if (isOpen && !isClose) {
        open = i
      } else if (isClose) {
        const start = open >= 0 ? open + 1 : orphanStart(body, p.start, i)
        const q = makeSpan(body, open, start, i, i + 1, para)
        if (open < 0 && carried) q.continues = true
        if (open >= 0 && carried && open === p.start) q.continues = true
        if (q.end > q.start) out.push(q)
        open = -1
        carried = false
      }
    }
    if (open >= 0) {
      const q = makeSpan(body, open, open + 1, p.end, p.end, para)
      q.runsOn = true
      q.continues = carried && open === p.start
      if (q.end > q.start) out.push(q)
      carried = true
    } else carried = false
  })
  return out
}
