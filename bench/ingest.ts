// Ingest speed with no other load, for npm run bench: the seed brief (22 actors, 14 claims, 10
// events) ingested under distinct slugs, one after another, into a fresh database, through the
// writer's own code (Database.writeTx and ingestBrief, as the writer thread runs them), in a child
// process of its own. Reports briefs/s over the whole run and the median ms of one ingest.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..')

export interface IngestBench {
  briefs: number
  briefsPerSecond: number
  medianMs: number
}

async function child(n: number): Promise<void> {
  const { migrate } = await import('../src/db/migrate.js')
  const { Database } = await import('../src/db/database.js')
  const { ingestBrief, parseBrief } = await import('../src/ingest/ingest.js')
  const dir = mkdtempSync(path.join(os.tmpdir(), 'geobrief-ingest-bench-'))
  const url = `file:${path.join(dir, 'ingest.db')}`
  await migrate(url)
  const db = await Database.open({ url, busyTimeoutMs: 5000 })
  const seed = JSON.parse(readFileSync(path.join(ROOT, 'seeds/china-japan-relations.brief.json'), 'utf8'))
  const briefs = []
  for (let i = 0; i < n; i++)
    briefs.push(await parseBrief({ ...seed, article: { ...seed.article, slug: `seed-${i}` } }))
  const times: number[] = []
  const t0 = performance.now()
  for (const b of briefs) {
    const t = performance.now()
    await ingestBrief(db, b, { mode: 'create' })
    times.push(performance.now() - t)
  }
  const secs = (performance.now() - t0) / 1000
  await db.close()
  rmSync(dir, { recursive: true, force: true })
  times.sort((a, b) => a - b)
  const out: IngestBench = { briefs: n, briefsPerSecond: n / secs, medianMs: times[Math.floor(n / 2)] ?? 0 }
  console.log(JSON.stringify(out))
}

/** Runs the measurement in a fresh process (tsx) and returns it. */
export function benchIngest(n: number): IngestBench {
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'bench/ingest.ts'), '--child', String(n)],
    { encoding: 'utf8' },
  )
  if (res.status !== 0) throw new Error(`ingest bench failed: ${res.stderr}`)
  return JSON.parse(res.stdout.trim().split('\n').pop() as string) as IngestBench
}

const at = process.argv.indexOf('--child')
if (at >= 0) await child(Number(process.argv[at + 1]))
