// npm run extract -- <file.txt> [--published YYYY-MM-DD] [--publisher NAME] [--url URL]
// Prints the draft brief as JSON on stdout and the warnings on stderr.
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { ExtractError, extract } from '../src/extract/index.js'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { published: { type: 'string' }, publisher: { type: 'string' }, url: { type: 'string' } },
})

const file = positionals[0]
if (!file) {
  process.stderr.write('usage: npm run extract -- <file.txt> [--published YYYY-MM-DD] [--publisher NAME] [--url URL]\n')
  process.exit(2)
}

try {
  const result = extract(readFileSync(file, 'utf8'), values)
  process.stdout.write(`${JSON.stringify(result.brief, null, 2)}\n`)
  for (const w of result.warnings) process.stderr.write(`${w.code}${w.pointer ? ` ${w.pointer}` : ''}: ${w.message}\n`)
} catch (err) {
  if (err instanceof ExtractError) {
    process.stderr.write(`extract failed (${err.code}): ${err.message}\n`)
    process.exit(1)
  }
  throw err
}
