// Page chrome removal, line by line: patterns from lexicons/chrome.ts plus structural tests.
// Kept lines become body paragraphs joined by "\n\n"; segments map body offsets to the source.
// English only: the package's root loads every locale (about 29 MB of RSS against 6).
import * as chrono from 'chrono-node/en'
import {
  AUTHOR_BIO,
  BULLET,
  BYLINE,
  CHROME_EXACT,
  CHROME_PATTERNS,
  CHROME_PREFIXES,
  FOOTER_STARTS,
  NOTE_PATTERNS,
  PROMPT_PATTERNS,
  TITLE_LOWER,
} from './lexicons/chrome.js'
import { lastAtOrBefore } from './sorted.js'
import type { Span } from './types.js'

export interface Segment {
  body: number
  source: number
  length: number
}

export interface Cleaned {
  title: string | null
  body: string
  paragraphs: Span[]
  segments: Segment[]
  relatedHeadlines: string[]
  /** Publication date found on a dateline of the page header, YYYY-MM-DD. */
  dateLine: string | null
  byline: string | null
}

type LineKind = 'blank' | 'chrome' | 'running' | 'bullet' | 'heading' | 'date' | 'byline'

interface Line extends Span {
  text: string
  kind: LineKind
  words: number
}

const EXACT = new Set(CHROME_EXACT)
const PREFIXES = CHROME_PREFIXES.map((p) => p.toLowerCase())
const RUNNING_END = /(?:[.!?…:]["”’)\]]*|["”])$/
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?'
const DATE_LINE = new RegExp(`(?:${MONTH}\\s+\\d{1,2},?\\s+\\d{4}|\\b\\d{1,2}\\s+${MONTH},?\\s+\\d{4})`)
const LEADING_SPACE = /^[\s\u00a0]*/
const TRAILING_SPACE = /[\s\u00a0]*$/

function countWords(text: string): number {
  let n = 0
  for (const w of text.split(/[\s\u00a0]+/)) if (/[\p{L}\p{N}]/u.test(w)) n++
  return n
}

const TITLE_LOWER_SET = new Set(TITLE_LOWER)
const NUMBERED = /^\d{1,3}[.)]\s+\S/
const SOURCE_LINE = /\bSources?\s*:\s*\S/
/** An axis tick or data label: "600", "$915", "13.0%", "’18". */
const FIGURE = /^[\p{Sc}’'+−-]?\d[\d,.]*\s*%?$|^%$/u

function isChrome(text: string, words: number): boolean {
  const lower = text.toLowerCase()
  if (EXACT.has(lower)) return true
  if (!/\p{L}/u.test(text)) return true
  if (PREFIXES.some((p) => lower.startsWith(p))) return true
  if (words <= 20 && PROMPT_PATTERNS.some((p) => p.test(text))) return true
  if (NOTE_PATTERNS.some((p) => p.test(text))) return true
  // A link to more of an author's pieces: "More Jane Q. Doe."
  if (
    words <= 6 &&
    /^More\s/.test(text) &&
    text
      .split(/\s+/)
      .slice(1)
      .every((w) => /^[(\p{Lu}]/u.test(w))
  )
    return true
  return CHROME_PATTERNS.some((p) => p.test(text))
}

/** A headline-style line: every word of four letters or more is capitalised. */
function isTitleCase(text: string): boolean {
  const long = text
    .split(/[\s\u00a0]+/)
    .map((w) => w.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''))
    .filter((w) => w.length >= 4 && /^\p{L}/u.test(w) && !TITLE_LOWER_SET.has(w))
  return long.length >= 3 && long.every((w) => /^\p{Lu}/u.test(w))
}

function classify(text: string, words: number): LineKind {
  if (!text) return 'blank'
  if (BYLINE.test(text) && words <= 16 && !(RUNNING_END.test(text) && words > 5)) return 'byline'
  if (words <= 14 && DATE_LINE.test(text) && !RUNNING_END.test(text.replace(/\s*\d{1,2}[:.]\d{2}.*$/, '')))
    return 'date'
  if (isChrome(text, words)) return 'chrome'
  if (BULLET.test(text)) return 'bullet'
  if (RUNNING_END.test(text) && words >= 4 && !isTitleCase(text)) return 'running'
  return words >= 1 ? 'heading' : 'chrome'
}

function splitLines(raw: string): Line[] {
  const lines: Line[] = []
  let at = 0
  while (at <= raw.length) {
    let nl = raw.indexOf('\n', at)
    if (nl < 0) nl = raw.length
    const line = raw.slice(at, nl)
    const lead = LEADING_SPACE.exec(line)![0].length
    const trail = TRAILING_SPACE.exec(line.slice(lead))![0].length
    const text = line.slice(lead, line.length - trail)
    const words = countWords(text)
    lines.push({ start: at + lead, end: at + lead + text.length, text, kind: classify(text, words), words })
    at = nl + 1
  }
  return lines
}

/** The headline: among header lines before the lede, the first with 7+ words, else the longest. */
function pickTitle(lines: Line[], firstBody: number): number {
  let best = -1
  for (let i = 0; i < firstBody; i++) {
    const l = lines[i]!
    if (l.kind !== 'heading' || l.words < 3) continue
    if (l.words >= 7) return i
    if (best < 0 || l.words > lines[best]!.words) best = i
  }
  return best
}

function firstRunning(lines: Line[], from = 0): number {
  // The lede is the first running line followed, within a few lines, by another running line,
  // so a lone caption without a credit does not start the body.
  for (let i = from; i < lines.length; i++) {
    if (lines[i]!.kind !== 'running') continue
    for (let j = i + 1; j < Math.min(lines.length, i + 8); j++) if (lines[j]!.kind === 'running') return i
  }
  return lines.findIndex((l, i) => i >= from && l.kind === 'running')
}

/** The non-blank lines after `i`, up to `n` of them. */
function nextLines(lines: Line[], i: number, n: number): Line[] {
  const out: Line[] = []
  for (let j = i + 1; j < lines.length && out.length < n; j++) if (lines[j]!.kind !== 'blank') out.push(lines[j]!)
  return out
}

function previousLine(lines: Line[], i: number): Line | undefined {
  for (let j = i - 1; j >= 0; j--) if (lines[j]!.kind !== 'blank') return lines[j]
  return undefined
}

/**
 * A sentence that describes a chart: a graphic follows it as a run of short labels and figures
 * that ends in a source line.
 */
function describesChart(lines: Line[], i: number): boolean {
  let labels = 0
  let figures = 0
  for (const l of nextLines(lines, i, 80)) {
    if (l.kind === 'running' || l.words > 10) return false
    if (SOURCE_LINE.test(l.text)) return figures >= 3 && figures * 3 >= labels
    labels++
    if (FIGURE.test(l.text)) figures++
  }
  return false
}

/** A one-line question standing between a picture or heading and the text is a subheading. */
function questionHeading(lines: Line[], i: number): boolean {
  const l = lines[i]!
  if (!l.text.endsWith('?') || l.words > 12 || /["“”]/.test(l.text)) return false
  const before = previousLine(lines, i)
  return before !== undefined && before.kind !== 'running' && before.kind !== 'bullet'
}

/**
 * A standfirst (or a caption) can read like the lede; when a byline or dateline follows it
 * within the page header, the article starts after them.
 */
function afterHeader(lines: Line[], first: number): number {
  if (first < 0) return first
  let running = 0
  let header = -1
  for (let i = first + 1, seen = 0; i < lines.length && seen < 10; i++) {
    const l = lines[i]!
    if (l.kind === 'blank') continue
    seen++
    if (l.kind === 'running' && ++running > 2) break
    if (l.kind === 'byline' || l.kind === 'date') header = i
  }
  if (header < 0) return first
  const next = firstRunning(lines, header + 1)
  return next < 0 ? first : next
}

export function clean(raw: string): Cleaned {
  const lines = splitLines(raw)
  const first = afterHeader(lines, firstRunning(lines))
  const titleAt = pickTitle(lines, first < 0 ? lines.length : first)
  const header = lines.slice(0, first < 0 ? lines.length : first)
  const dateLine = findDateLine(header)
  const by = header.find((l) => l.kind === 'byline')
  const kept = first < 0 ? [] : keepLines(lines, first)
  return {
    title: titleAt >= 0 ? lines[titleAt]!.text : null,
    ...assemble(
      kept.filter((l) => l.kind !== 'heading'),
      raw,
    ),
    relatedHeadlines: relatedOf(kept),
    dateLine,
    byline: by ? BYLINE.exec(by.text)![1]!.trim() : null,
  }
}

/** Body lines from the lede on; headings after the lede are returned too, marked, as teasers. */
function keepLines(lines: Line[], first: number): Line[] {
  const out: Line[] = []
  let list = false
  for (let i = first; i < lines.length; i++) {
    const l = lines[i]!
    if (FOOTER_STARTS.some((p) => p.test(l.text))) break
    if (l.kind === 'blank') continue
    if (l.kind === 'running') {
      if (describesChart(lines, i)) continue
      if (i > first && questionHeading(lines, i)) {
        out.push({ ...l, kind: 'heading' })
        list = false
        continue
      }
      out.push(l)
      list = l.text.endsWith(':')
    } else if ((l.kind === 'heading' || l.kind === 'bullet') && list && (l.words >= 4 || NUMBERED.test(l.text))) {
      out.push({ ...l, kind: 'running' })
    } else if (l.kind === 'bullet' && l.words >= 6) {
      out.push({ ...l, kind: 'running' })
    } else {
      list = false
      if (l.kind === 'heading') out.push(l)
    }
  }
  // An author's bio closes the article: drop it where no running text follows.
  for (let i = out.length - 1; i >= 0 && (out[i]!.kind !== 'running' || AUTHOR_BIO.test(out[i]!.text)); i--)
    if (AUTHOR_BIO.test(out[i]!.text)) out.splice(i, 1)
  return out
}

function relatedOf(kept: Line[]): string[] {
  const seen = new Set<string>()
  for (const l of kept) if (l.kind === 'heading' && l.words >= 5 && /\p{Ll}/u.test(l.text)) seen.add(l.text)
  return [...seen]
}

function assemble(lines: Line[], raw: string): Pick<Cleaned, 'body' | 'paragraphs' | 'segments'> {
  const parts: string[] = []
  const paragraphs: Span[] = []
  const segments: Segment[] = []
  let at = 0
  const seen = new Set<string>()
  for (const l of lines) {
    const bullet = BULLET.exec(l.text)
    const start = l.start + (bullet ? bullet[0].length : 0)
    const text = raw.slice(start, l.end)
    // Pages repeat a caption or pull quote verbatim; the second copy is chrome.
    if (seen.has(text)) continue
    seen.add(text)
    if (parts.length) at += 2
    parts.push(text)
    paragraphs.push({ start: at, end: at + text.length })
    segments.push({ body: at, source: start, length: text.length })
    at += text.length
  }
  return { body: parts.join('\n\n'), paragraphs, segments }
}

function findDateLine(header: Line[]): string | null {
  for (const l of header) {
    if (l.kind !== 'date' && l.kind !== 'byline' && l.kind !== 'chrome' && l.kind !== 'heading') continue
    if (!DATE_LINE.test(l.text)) continue
    const m = DATE_LINE.exec(l.text)!
    const r = chrono.parse(m[0], { instant: new Date(Date.UTC(2000, 0, 1)), timezone: 0 })[0]
    if (!r?.start.isCertain('year') || !r.start.isCertain('month') || !r.start.isCertain('day')) continue
    const pad = (n: number | null) => String(n ?? 0).padStart(2, '0')
    return `${r.start.get('year')}-${pad(r.start.get('month'))}-${pad(r.start.get('day'))}`
  }
  return null
}

/** Maps a body offset back to the raw text. */
export function sourceOffsetOf(segments: Segment[], bodyOffset: number): number {
  const s = segments[lastAtOrBefore(segments, (g) => g.body, bodyOffset)]
  if (!s) return bodyOffset
  return s.source + Math.min(bodyOffset - s.body, s.length)
}
