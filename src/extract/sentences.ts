// Sentence splitting with exact body offsets. A terminator ends a sentence when the next word
// starts with a capital, a digit or an opening quote, unless it closes an abbreviation or initial.
import { ABBREVIATIONS, SENTENCE_STARTERS } from './lexicons/abbreviations.js'
import type { Sentence, Span } from './types.js'

const TERMINATOR = /[.!?…]+["”’)\]]*(?=[\s\u00a0]|$)/g
const NEXT_WORD = /^[\s\u00a0]+(["“‘'([]?)([\p{L}\p{N}][\p{L}\p{N}.'’-]*)/u
const WORD_BEFORE = /([\p{L}\p{N}.'’-]+)$/u

function endsSentence(text: string, at: number, end: number): boolean {
  const mark = text.slice(at, end)
  const next = NEXT_WORD.exec(text.slice(end, end + 60))
  if (!next) return true
  const [, quote, word] = next
  const startsUpper = /^[\p{Lu}\p{N}]/u.test(word!) || (quote !== '' && /^\p{Lu}/u.test(word!))
  if (!startsUpper) return false
  if (!mark.startsWith('.')) return true
  const before = WORD_BEFORE.exec(text.slice(Math.max(0, at - 30), at))?.[1] ?? ''
  if (!before) return true
  const bare = before.replace(/^['’]+/, '')
  if (ABBREVIATIONS.has(bare.toLowerCase())) return false
  // An initial ("John F. Kennedy") or a dotted acronym ("U.S."): a sentence ends only before
  // a word that usually opens one.
  if (/^\p{Lu}$/u.test(bare) || /^(?:\p{L}\.)+\p{L}$/u.test(bare)) return SENTENCE_STARTERS.has(word!)
  return true
}

export function splitSentences(body: string, paragraphs: Span[]): Sentence[] {
  const out: Sentence[] = []
  paragraphs.forEach((p, para) => {
    const text = body.slice(p.start, p.end)
    let from = 0
    TERMINATOR.lastIndex = 0
    for (let m = TERMINATOR.exec(text); m; m = TERMINATOR.exec(text)) {
      const end = m.index + m[0].length
      if (!endsSentence(text, m.index, end)) continue
      push(out, body, p.start + from, p.start + end, para)
      from = end
    }
    push(out, body, p.start + from, p.end, para)
  })
  return out
}

function push(out: Sentence[], body: string, start: number, end: number, para: number): void {
  while (start < end && /[\s\u00a0]/.test(body[start]!)) start++
  while (end > start && /[\s\u00a0]/.test(body[end - 1]!)) end--
  if (end > start) out.push({ start, end, para, index: out.length })
}
