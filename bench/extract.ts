// Extraction speed and memory, for npm run bench: ms per 1,000 words over the seed's raw page and the
// development pages (when they are beside the repository), and the memory the extractor adds to a
// process (RSS after loading it and extracting every page, minus RSS before), in a child process of
// its own so that nothing else is loaded.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..')

export interface ExtractBench {
  words: number
  msPer1000Words: number
  rssAddedMb: number
  pages: number
}

function pages(): string[] {
  const dev = path.resolve(ROOT, '../shared/eval/dev')
  const seeds = readdirSync(path.join(ROOT, 'seeds'))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => path.join(ROOT, 'seeds', f))
  const devPages = existsSync(dev)
    ? readdirSync(dev)
        .filter((f) => f.endsWith('.txt'))
        .map((f) => path.join(dev, f))
    : []
  return [...seeds, ...devPages]
}

async function child(): Promise<void> {
  const texts = pages().map((p) => readFileSync(p, 'utf8'))
  const before = process.memoryUsage().rss
  const { extract } = await import('../src/extract/index.js')
  for (const t of texts) extract(t) // warm-up: compiled code and lazily built tables
  const rounds = 5
  const t0 = performance.now()
  for (let r = 0; r < rounds; r++) for (const t of texts) extract(t)
  const ms = (performance.now() - t0) / rounds
  const words = texts.reduce((n, t) => n + t.split(/\s+/).filter(Boolean).length, 0)
  const out: ExtractBench = {
    words,
    msPer1000Words: (ms / words) * 1000,
    rssAddedMb: (process.memoryUsage().rss - before) / 1024 / 1024,
    pages: texts.length,
  }
  console.log(JSON.stringify(out))
}

/** Runs the measurement in a fresh process (tsx) and returns it. */
export function benchExtract(): ExtractBench {
  const res = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/extract.ts'), '--child'], {
    encoding: 'utf8',
  })
  if (res.status !== 0) throw new Error(`extraction bench failed: ${res.stderr}`)
  return JSON.parse(res.stdout.trim().split('\n').pop() as string) as ExtractBench
}

if (process.argv.includes('--child')) await child()
