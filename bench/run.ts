// npm run bench [-- --quick] [--scales 1000,10000,100000] [--duration S] [--connections N] [--write]
// npm run bench -- --postgres [...]: the same routes on PostgreSQL beside SQLite (bench/postgres.ts).
// Starts three servers on the same database file: Geobrief with its response cache off (the primary
// figures), Geobrief with the cache on (secondary) and the plain-SQL baseline (bench/baseline.ts).
// Each scale measures GET /health on every server first and last, as the hardware reference of that
// run, then every route on the three servers in turn with the same connections and duration, then
// the writer-under-load row. Every req/s is also given as a ratio to the same server's /health req/s
// of the same run; peak RSS is the highest VmRSS sampled every 100 ms while the route ran. Prints the
// tables and the targets; the full run (default scales, no --quick) or --write records them in
// docs/benchmarks.md.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { migrate } from '../src/db/migrate.js'
import { benchExtract } from './extract.js'
import { benchIngest, type IngestBench } from './ingest.js'
import { generate } from './generate.js'
import {
  BENCH_ACTORS,
  BENCH_SEED,
  benchData,
  benchRoutes,
  postBriefs,
  drained,
  type Measure,
  measure as measureWith,
  node,
  type Kind,
  type Server,
  startBaseline,
  startGeobrief,
  stop,
} from './harness.js'

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    scales: { type: 'string' },
    duration: { type: 'string' },
    connections: { type: 'string', default: '32' },
    write: { type: 'boolean', default: false },
    postgres: { type: 'boolean', default: false },
  },
})
const quick = values.quick ?? false
const FULL_SCALES = '1000,10000,100000'
const scales = (values.scales ?? (quick ? '300' : FULL_SCALES)).split(',').map(Number)
const duration = Number(values.duration ?? (quick ? 2 : 10))
const warmup = 1
const connections = Number(values.connections)
const RUN = { connections, duration, warmup }
const measure = (s: Server, path: () => string) => measureWith(RUN, s, path)
const SEED = BENCH_SEED
const ACTORS = BENCH_ACTORS
/** The figures of the targets; every one is measured with the cache off. */
const TARGET = {
  brief: 0.3,
  list: 0.3,
  timelineSearch: 0.15,
  p99Ms: 25,
  p99Scale: 100_000,
  ingest: 50,
  ingestAlone: 100,
  readerP99Growth: 2,
  rssMb: 300,
}
if (scales.some((s) => !Number.isInteger(s) || s < 1)) throw new Error('--scales: positive integers, comma-separated')
if (!(duration > 0) || !(connections > 0)) throw new Error('--duration and --connections must be positive')

interface Row {
  scale: number
  route: string
  kind: Kind
  off: Measure
  /** /health on the cache-off server, measured just before the route: its reference. */
  offHealth: Measure
  on: Measure
  base?: Measure
}

interface Health {
  /** /health req/s per server: first and last measurement of the scale. */
  first: Record<Server['name'], Measure>
  last: Record<Server['name'], Measure>
}

interface WriterRow {
  scale: number
  briefsPerSec: number
  written: number
  failed: number
  quiet: Measure
  loaded: Measure
}

interface ScaleResult {
  scale: number
  articles: number
  rows: Row[]
  health: Health
  writer: WriterRow
  readyMs: number
}

/** The /health reference of a server in this scale's run: the mean of its first and last measurement. */
const healthRps = (h: Health, s: Server['name']) => (h.first[s].rps + h.last[s].rps) / 2

/** A route's primary ratio: its cache-off req/s over /health's on the same server just before it. */
const ratio = (r: Row) => r.off.rps / r.offHealth.rps

/** Concurrent clients of the writer-under-load row. */
const WRITER_CLIENTS = 4

function liveArticles(file: string): number {
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM "Article" WHERE "deletedAt" IS NULL').get() as { n: number }).n
  } finally {
    db.close()
  }
}

async function benchScale(scale: number): Promise<ScaleResult> {
  const file = `data/bench-${scale}.db`
  // The writer-under-load row adds briefs to the file; a small one is regenerated rather than
  // measured with the additions of earlier runs (a 100k file takes minutes to generate: kept).
  if (!existsSync(file) || (scale <= 10_000 && liveArticles(file) !== scale)) {
    const g = await generate({ articles: scale, seed: SEED, file, via: 'bulk', actors: ACTORS })
    console.log(`generated ${file}: ${scale} briefs in ${g.secs.toFixed(1)} s (${g.briefsPerSec.toFixed(0)} briefs/s)`)
  }
  // Pending migrations are applied here, not inside the measured start: start to ready is a restart.
  await migrate(`file:${file}`)
  const { ids, top, token } = await benchData(file, `file:${file}`)

  const off = await startGeobrief(`file:${file}`, 3801, false)
  const on = await startGeobrief(`file:${file}`, 3802, true)
  const base = await startBaseline(file, 3901)
  const servers = [off, base, on]

  const { routes, readers } = benchRoutes(ids, top, ACTORS)
  const health = async () => {
    const out = {} as Record<Server['name'], Measure>
    for (const s of servers) out[s.name] = await measure(s, () => '/health')
    console.log(
      `  ${scale} /health: cache off ${out.off.rps.toFixed(0)}, baseline ${out.base.rps.toFixed(0)}, cache on ${out.on.rps.toFixed(0)} req/s`,
    )
    return out
  }

  const first = await health()
  const rows: Row[] = []
  for (const r of routes) {
    const h = await measure(off, () => '/health')
    const m = await measure(off, r.path)
    const b = r.base ? await measure(base, r.path) : undefined
    const c = await measure(on, r.path)
    rows.push({ scale, route: r.name, kind: r.kind, off: m, offHealth: h, on: c, base: b })
    console.log(
      `  ${scale} ${r.name}: cache off ${m.rps.toFixed(0)} req/s (p99 ${m.p99} ms, /health just before ${h.rps.toFixed(0)}), cache on ${c.rps.toFixed(0)}, baseline ${b ? b.rps.toFixed(0) : '-'}`,
    )
  }
  const last = await health()

  // Writer under load: 32 readers (cold briefs and article list pages, cache off) without writes,
  // then the same readers while WRITER_CLIENTS clients post synthetic briefs through POST /v1/briefs.
  await stop(on)
  await stop(base)
  const quiet = await measure(off, readers)
  await drained(off)
  let done = false
  // WRITER_CLIENTS clients, each posting its next brief once the last is answered (a newsroom's
  // feeds and editors ingest side by side).
  const w = postBriefs([off.port], WRITER_CLIENTS, token, scale + 1_000_000, () => done)
  const loaded = await measure(off, readers)
  done = true
  const wr = await w
  console.log(
    `  ${scale} writer under load: ${wr.perSec.toFixed(1)} briefs/s; readers p99 ${quiet.p99} ms without writes, ${loaded.p99} ms with`,
  )
  await stop(off)
  return {
    scale,
    articles: ids.length,
    rows,
    health: { first, last },
    writer: { scale, briefsPerSec: wr.perSec, written: wr.written, failed: wr.failed, quiet, loaded },
    readyMs: off.readyMs,
  }
}

const f0 = (n: number) => n.toFixed(0)
const f2 = (n: number) => n.toFixed(2)
const errs = (m: Measure) => (m.errors + m.non2xx > 0 ? `errors ${m.errors}, non-2xx ${m.non2xx}` : '')

function primaryTable(results: ScaleResult[]): string {
  const lines = [
    '| route | articles | req/s | /health req/s just before | x /health | p50 / p99 ms | peak RSS MB | baseline req/s | baseline p50 / p99 ms | Geobrief / baseline | notes |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ]
  for (const s of results) {
    const { first, last } = s.health
    lines.push(
      `| /health (first / last of the scale) | ${s.scale} | ${f0(first.off.rps)} / ${f0(last.off.rps)} | | | ${first.off.p50} / ${first.off.p99} | ${Math.max(first.off.rssMb, last.off.rssMb)} | ${f0(first.base.rps)} / ${f0(last.base.rps)} | ${first.base.p50} / ${first.base.p99} | ${f2(healthRps(s.health, 'off') / healthRps(s.health, 'base'))} | |`,
    )
    for (const r of s.rows) {
      const b = r.base
      const cmp = b ? (b.rps > 0 ? f2(r.off.rps / b.rps) : 'baseline answered none') : 'not in baseline'
      const notes = [errs(r.off), b && errs(b) ? `baseline ${errs(b)}` : ''].filter(Boolean).join('; ')
      lines.push(
        `| ${r.route} | ${s.scale} | ${f0(r.off.rps)} | ${f0(r.offHealth.rps)} | ${f2(ratio(r))} | ${r.off.p50} / ${r.off.p99} | ${r.off.rssMb} | ${b ? f0(b.rps) : '-'} | ${b ? `${b.p50} / ${b.p99}` : '-'} | ${cmp} | ${notes} |`,
      )
    }
  }
  return lines.join('\n')
}

function cacheTable(results: ScaleResult[]): string {
  const lines = [
    '| route | articles | req/s | x /health (cache on) | p50 / p99 ms | peak RSS MB | cache on / cache off | notes |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
  ]
  for (const s of results) {
    const h = healthRps(s.health, 'on')
    lines.push(
      `| /health (reference) | ${s.scale} | ${f0(h)} | 1.00 | ${s.health.first.on.p50} / ${s.health.first.on.p99} | ${Math.max(s.health.first.on.rssMb, s.health.last.on.rssMb)} | ${f2(h / healthRps(s.health, 'off'))} | |`,
    )
    for (const r of s.rows)
      lines.push(
        `| ${r.route} | ${s.scale} | ${f0(r.on.rps)} | ${f2(r.on.rps / h)} | ${r.on.p50} / ${r.on.p99} | ${r.on.rssMb} | ${f2(r.on.rps / r.off.rps)} | ${errs(r.on)} |`,
      )
  }
  return lines.join('\n')
}

function writerTable(results: ScaleResult[]): string {
  const lines = [
    `| articles | briefs/s (${WRITER_CLIENTS} writer clients) | briefs written / failed | readers req/s without / with writes | readers p99 ms without writes | readers p99 ms with writes | p99 growth | peak RSS MB |`,
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  for (const { scale, writer: w } of results)
    lines.push(
      `| ${scale} | ${w.briefsPerSec.toFixed(1)} | ${w.written} / ${w.failed} | ${f0(w.quiet.rps)} / ${f0(w.loaded.rps)} | ${w.quiet.p99} | ${w.loaded.p99} | ${f2(w.loaded.p99 / w.quiet.p99)}x | ${Math.max(w.quiet.rssMb, w.loaded.rssMb)} |`,
    )
  return lines.join('\n')
}

function targetsTable(results: ScaleResult[], alone: IngestBench): string {
  const lines = ['| target (cache off, same-run ratios) | measured | met? |', '|---|---|---|']
  const yes = (ok: boolean) => (ok ? 'yes' : 'no')
  const per = (fn: (s: ScaleResult) => { text: string; ok: boolean }) => {
    const xs = results.map((s) => ({ ...fn(s), scale: s.scale }))
    return { text: xs.map((x) => `${x.scale}: ${x.text}`).join('; '), ok: xs.every((x) => x.ok) }
  }
  const ratios = (kinds: Kind[], min: number) =>
    per((s) => {
      const rs = s.rows.filter((r) => kinds.includes(r.kind))
      return {
        text: rs.map((r) => `${r.route.split(' (')[0]} ${f2(ratio(r))}x`).join(', '),
        ok: rs.every((r) => ratio(r) >= min),
      }
    })
  const add = (target: string, m: { text: string; ok: boolean | null }) =>
    lines.push(`| ${target} | ${m.text} | ${m.ok === null ? 'not measured' : yes(m.ok)} |`)
  add(`cold brief >= ${TARGET.brief}x /health`, ratios(['brief'], TARGET.brief))
  add(`every list >= ${TARGET.list}x /health`, ratios(['list'], TARGET.list))
  add(`timeline and search >= ${TARGET.timelineSearch}x /health`, ratios(['timeline', 'search'], TARGET.timelineSearch))
  const big = results.find((s) => s.scale === TARGET.p99Scale)
  if (big) {
    const rs = big.rows.filter((r) => r.kind === 'brief' || r.kind === 'list')
    add(`p99 <= ${TARGET.p99Ms} ms for briefs and lists at ${TARGET.p99Scale} articles`, {
      text: rs.map((r) => `${r.route.split(' (')[0]} ${r.off.p99} ms`).join(', '),
      ok: rs.every((r) => r.off.p99 <= TARGET.p99Ms),
    })
  } else {
    const s = results[results.length - 1]
    const rs = s ? s.rows.filter((r) => r.kind === 'brief' || r.kind === 'list') : []
    add(`p99 <= ${TARGET.p99Ms} ms for briefs and lists at ${TARGET.p99Scale} articles`, {
      text: `no ${TARGET.p99Scale}-article scale in this run (at ${s?.scale}: ${rs.map((r) => `${r.route.split(' (')[0]} ${r.off.p99} ms`).join(', ')})`,
      ok: null,
    })
  }
  add(
    `ingest >= ${TARGET.ingest} briefs/s with ${connections} readers, readers' p99 <= ${TARGET.readerP99Growth}x without writes`,
    per((s) => {
      const w = s.writer
      const growth = w.loaded.p99 / w.quiet.p99
      return {
        text: `${w.briefsPerSec.toFixed(1)} briefs/s, p99 ${w.quiet.p99} -> ${w.loaded.p99} ms (${f2(growth)}x)`,
        ok: w.briefsPerSec >= TARGET.ingest && growth <= TARGET.readerP99Growth,
      }
    }),
  )
  add(`ingest of the seed brief >= ${TARGET.ingestAlone} briefs/s with no other load`, {
    text: `${alone.briefsPerSecond.toFixed(1)} briefs/s (${alone.briefs} in a row, median ${alone.medianMs.toFixed(1)} ms each)`,
    ok: alone.briefsPerSecond >= TARGET.ingestAlone,
  })
  add(
    `peak RSS <= ${TARGET.rssMb} MB on every route`,
    per((s) => {
      const all = [...s.rows.map((r) => r.off.rssMb), s.writer.quiet.rssMb, s.writer.loaded.rssMb]
      const worst = s.rows.reduce((a, r) => (r.off.rssMb > a.off.rssMb ? r : a))
      return {
        text: `max ${Math.max(...all)} MB (${worst.route.split(' (')[0]} ${worst.off.rssMb}, writer ${Math.max(s.writer.quiet.rssMb, s.writer.loaded.rssMb)})`,
        ok: all.every((x) => x <= TARGET.rssMb),
      }
    }),
  )
  return lines.join('\n')
}

if (values.postgres) {
  // Geobrief runs as `npm start` runs it: the bundle built by scripts/build.mjs.
  if (spawnSync(node, ['scripts/build.mjs'], { stdio: 'inherit' }).status !== 0) throw new Error('build failed')
  const { benchPostgres } = await import('./postgres.js')
  await benchPostgres(RUN, values.scales ? scales : quick ? [300] : [1000, 10_000], values.write ?? false)
  process.exit(0)
}

const started = performance.now()
// Geobrief runs as `npm start` runs it: the bundle built by scripts/build.mjs.
const built = spawnSync(node, ['scripts/build.mjs'], { stdio: 'inherit' })
if (built.status !== 0) throw new Error('scripts/build.mjs failed')
const results: ScaleResult[] = []
for (const scale of scales) {
  console.log(`scale ${scale} articles`)
  results.push(await benchScale(scale))
}
const ex = benchExtract()
const alone = benchIngest(quick ? 50 : 400)
const method = [
  `Method: autocannon in the benchmark's process, ${connections} connections, ${duration} s per measurement after a ${warmup} s warm-up.`,
  'Three servers run on the same database file: Geobrief from the bundle (`node dist/server.mjs`) with its response cache off (`CACHE_MAX_BYTES=0`, the primary figures), the same with the cache at its default size (secondary), and the plain-SQL baseline (bench/baseline.ts: narrow columns, statements prepared once at start, same JSON as Geobrief per test/bench/baseline.test.ts).',
  "Before each route, GET /health is measured on the cache-off server with the same connections and duration, and the route's \"x /health\" (the figure of the targets) is its req/s over that one; the machine is shared, so the reference is taken next to the measurement it divides. /health is also measured on every server first and last in each scale; the cache-on ratios use the mean of that server's two. Each route is then measured on the three servers in turn (cache off, baseline, cache on). Every request draws a new path: random article ids, a filter from the route's mix (half the actor filters name one of the 50 most frequent actors, half any of the 3,000), no cursor, 20 items per page.",
  "Peak RSS is the highest VmRSS of the server process sampled every 100 ms from /proc/PID/status during that route's warm-up and measurement.",
  `Writer under load: the same ${connections} readers (cold briefs and /v1/articles pages, cache off) for ${duration} s without writes, then for ${duration} s while ${WRITER_CLIENTS} clients post synthetic briefs (bench/synth.ts) to POST /v1/briefs, each its next once the last is answered.`,
  'Ingest with no other load: the seed brief under distinct slugs, ingested one after another into a fresh database through the writer code (Database.writeTx and ingestBrief) in a process of its own (bench/ingest.ts).',
  'Data: `npm run bench:data` (bulk path, seed 42, 3,000 actors); files of up to 10,000 articles are regenerated when earlier writer rows have added briefs to them.',
].join('\n')
const host = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}`
const out = [
  '## Targets',
  targetsTable(results, alone),
  '## Cache off (primary)',
  primaryTable(results),
  '## Writer under load (cache off)',
  writerTable(results),
  '## Cache on (secondary)',
  cacheTable(results),
  '## Other',
  `Start to ready (Geobrief, cache off, spawn to /ready 200): ${results.map((s) => `${s.scale} articles: ${s.readyMs.toFixed(0)} ms`).join('; ')}.`,
  `Extraction (POST /v1/extract's pipeline, in a process of its own): ${ex.msPer1000Words.toFixed(1)} ms per 1,000 words over ${ex.words} words (${ex.pages} pages, 5 rounds after a warm-up); it adds ${ex.rssAddedMb.toFixed(0)} MB of RSS.`,
].join('\n\n')
const secs = (performance.now() - started) / 1000
console.log(`\n${out}\n\n${method}\n\n(${secs.toFixed(0)} s in all; ${host})`)
const fullRun = !quick && values.scales === undefined
if (fullRun || values.write) {
  const header = `# Benchmarks\n\nGenerated by \`npm run bench${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\` on ${new Date().toISOString().slice(0, 10)} in ${secs.toFixed(0)} s. Machine: ${host}.\n\n${method}\n\n`
  // The PostgreSQL section (npm run bench -- --postgres) is kept as it was.
  const previous = existsSync('docs/benchmarks.md') ? readFileSync('docs/benchmarks.md', 'utf8') : ''
  const at = previous.indexOf('\n## PostgreSQL')
  const postgres = at < 0 ? '' : `\n${previous.slice(at + 1).trimEnd()}\n`
  writeFileSync('docs/benchmarks.md', `${header}${out}\n${postgres}`)
  console.log('wrote docs/benchmarks.md')
}
