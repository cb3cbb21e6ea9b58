// The search language users type, parsed into a small AST so user input can never reach the
// database's query syntax unchecked. Grammar: terms, "quoted phrases", prefix*, AND / OR / NOT
// (upper case), parentheses; juxtaposition means AND.
import { ProblemError } from './problems.js'

export type Token =
  | { t: 'term'; text: string; prefix: boolean }
  | { t: 'phrase'; text: string }
  | { t: 'op'; op: 'AND' | 'OR' | 'NOT' }
  | { t: 'open' }
  | { t: 'close' }

function bad(message: string): ProblemError {
  return new ProblemError('validation', `Invalid search query: ${message}`, {
    errors: [{ pointer: '/query/q', message }],
  })
}

const WORD = /[\p{L}\p{N}]/u

/** True when the text has a letter or digit (anything else matches no word). */
export const hasWord = (text: string): boolean => WORD.test(text)

export function parseSearch(input: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < input.length) {
    const ch = input[i] as string
    if (/\s/.test(ch)) {
      i++
    } else if (ch === '"') {
      const end = input.indexOf('"', i + 1)
      if (end < 0) throw bad('a quotation mark is not closed')
      const text = input.slice(i + 1, end).trim()
      if (WORD.test(text)) tokens.push({ t: 'phrase', text })
      i = end + 1
    } else if (ch === '(') {
      tokens.push({ t: 'open' })
      i++
    } else if (ch === ')') {
      tokens.push({ t: 'close' })
      i++
    } else {
      let j = i
      while (j < input.length && !/[\s"()]/.test(input[j] as string)) j++
      const raw = input.slice(i, j)
      i = j
      if (raw === 'AND' || raw === 'OR' || raw === 'NOT') {
        tokens.push({ t: 'op', op: raw })
        continue
      }
      const prefix = raw.endsWith('*')
      const text = raw.replace(/\*+$/, '')
      if (!WORD.test(text)) continue // punctuation alone matches nothing; drop it
      tokens.push({ t: 'term', text, prefix })
    }
  }
  check(tokens)
  return tokens
}

function check(tokens: Token[]): void {
  if (!tokens.some((k) => k.t === 'term' || k.t === 'phrase')) throw bad('no words to search for')
  let depth = 0
  let prev: Token | undefined
  for (const k of tokens) {
    const operand = (x?: Token) => x !== undefined && (x.t === 'term' || x.t === 'phrase' || x.t === 'close')
    if (k.t === 'open' && ++depth > 16) throw bad('parentheses nest too deeply (16 levels at most)')
    if (k.t === 'close') {
      depth--
      if (depth < 0) throw bad('a closing parenthesis has no opening one')
      if (!operand(prev)) throw bad('empty parentheses or an operator before ")"')
    }
    if (k.t === 'op' && !operand(prev)) throw bad(`${k.op} needs a word before it`)
    prev = k
  }
  if (depth !== 0) throw bad('a parenthesis is not closed')
  if (prev?.t === 'op') throw bad(`${prev.op} needs a word after it`)
}

/** Every word of the query, for highlighting and simple substring fallbacks. */
export function searchWords(tokens: Token[]): string[] {
  return tokens.flatMap((k) => (k.t === 'term' || k.t === 'phrase' ? [k.text] : []))
}
