// npm run bench [-- --quick] [--scales 1000,10000,100000] [--duration S] [--connections N] [--write]
// Starts Geobrief and the hand-written SQL baseline on the same database file and runs autocannon
// against each route in turn, A/B interleaved with the same connections and duration. Prints one
// table; the full run (or --write) records it in docs/benchmarks.md.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import Database from 'better-sqlite3'
import { migrate } from '../src/db/migrate.js'
import { Database as AppDatabase } from '../src/db/database.js'
import { createKey } from '../src/db/keys.js'
import { benchExtract } from './extract.js'
import { generate } from './generate.js'
import { actorPool, synthBrief } from './synth.js'

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    scales: { type: 'string' },
    duration: { type: 'string' },
    connections: { type: 'string', default: '32' },
    write: { type: 'boolean', default: false },
  },
})
const quick = values.quick ?? false
const scales = (values.scales ?? (quick ? '300' : '1000,10000,100000')).split(',').map(Number)
const duration = Number(values.duration ?? (quick ? 2 : 10))
const connections = Number(values.connections)
const SEED = 42
const ACTORS = 3000

interface Server {
  proc: ChildProcess
  port: number
  readyMs: number
}

const node = process.execPath
const tsx = ['--import', 'tsx']

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    try {
      const res = await fetch(url)
      if (res.ok) return
    } catch {}
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`)
}

async function startGeobrief(file: string, port: number): Promise<Server> {
  const t0 = performance.now()
  const proc = spawn(node, ['dist/server.mjs'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${file}`,
      LOG_LEVEL: 'warn',
      SEED_ON_START: 'false',
      READ_RATE_LIMIT: '100000000',
      WRITE_RATE_LIMIT: '100000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  await waitFor(`http://127.0.0.1:${port}/ready`, 60_000)
  return { proc, port, readyMs: performance.now() - t0 }
}

async function startBaseline(file: string, port: number): Promise<Server> {
  const t0 = performance.now()
  const proc = spawn(node, [...tsx, 'bench/baseline.ts', '--db', file, '--port', String(port)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  await waitFor(`http://127.0.0.1:${port}/v1/search?q=security&limit=1`, 60_000)
  return { proc, port, readyMs: performance.now() - t0 }
}

function peakRssMb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0)
    return Math.round(kb / 1024)
  } catch {
    return 0
  }
}

interface Measure {
  rps: number
  p50: number
  p99: number
  errors: number
  non2xx: number
}

async function load(port: number, path: () => string, seconds: number): Promise<Measure> {
  const r = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (req: Record<string, unknown>) => {
          req.path = path()
          return req
        },
      },
    ],
  } as unknown as autocannon.Options)
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx }
}

function pick<T>(xs: T[]): T {
  return xs[Math.floor(Math.random() * xs.length)] as T
}

interface RowOut {
  route: string
  scale: number
  geo: Measure
  base: Measure
  geoRss: number
  baseRss: number
  writesPerSec?: number
}

async function writer(port: number, token: string, scale: number, stop: () => boolean): Promise<number> {
  const pool = actorPool(ACTORS, SEED)
  let n = 0
  const t0 = performance.now()
  while (!stop()) {
    const brief = synthBrief(scale + 1_000_000 + Math.floor(Math.random() * 1e9), pool, SEED)
    const res = await fetch(`http://127.0.0.1:${port}/v1/briefs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(brief),
    })
    await res.arrayBuffer()
    if (res.status === 201) n++
  }
  return n / ((performance.now() - t0) / 1000)
}

async function benchScale(scale: number): Promise<{ rows: RowOut[]; readyMs: number }> {
  const file = `data/bench-${scale}.db`
  if (!existsSync(file)) {
    const g = await generate({ articles: scale, seed: SEED, file, via: 'bulk', actors: ACTORS })
    console.log(`generated ${file}: ${scale} briefs in ${g.secs.toFixed(1)} s (${g.briefsPerSec.toFixed(0)} briefs/s)`)
  }
  // Pending migrations are applied here, not inside the measured start: start to ready is a restart.
  await migrate(`file:${file}`)
  const db = new Database(file, { readonly: true })
  const ids = db.prepare('SELECT id FROM "Article" WHERE "deletedAt" IS NULL').pluck().all() as string[]
  const actors = db
    .prepare(
      `SELECT a.slug FROM "Actor" a JOIN "ArticleActor" x ON x."actorId" = a.id GROUP BY a.id ORDER BY count(*) DESC LIMIT 50`,
    )
    .pluck()
    .all() as string[]
  db.close()
  const keyDb = await AppDatabase.open({ url: `file:${file}`, busyTimeoutMs: 5000 })
  const { token } = await createKey(keyDb.read, 'write', `bench-${Date.now()}`)
  await keyDb.close()

  const geo = await startGeobrief(file, 3801)
  let base = await startBaseline(file, 3901)
  const hot = ids.slice(0, 5)
  const years = ['2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023']
  const routes: Array<[string, () => string]> = [
    ['brief, cold (random id)', () => `/v1/articles/${pick(ids)}/brief`],
    ['brief, hot (5 ids)', () => `/v1/articles/${pick(hot)}/brief`],
    [
      'articles by actor + dates',
      () => {
        const y = pick(years)
        return `/v1/articles?actor=${pick(actors)}&publishedFrom=${y}&publishedTo=${Number(y) + 2}-06`
      },
    ],
    ['timeline of an actor', () => `/v1/timeline?actor=${pick(actors)}`],
    ['search "security"', () => '/v1/search?q=security'],
  ]
  const rows: RowOut[] = []
  for (const [route, path] of routes) {
    await load(geo.port, path, 1) // warm-up
    await load(base.port, path, 1)
    const g = await load(geo.port, path, duration)
    const b = await load(base.port, path, duration)
    rows.push({ route, scale, geo: g, base: b, geoRss: peakRssMb(geo.proc.pid), baseRss: peakRssMb(base.proc.pid) })
    console.log(`  ${scale} ${route}: geobrief ${g.rps.toFixed(0)} req/s, baseline ${b.rps.toFixed(0)} req/s`)
  }
  // Mixed: the brief and list reads while one writer ingests briefs through Geobrief's API.
  const mixed = () =>
    Math.random() < 0.5
      ? `/v1/articles/${pick(ids)}/brief`
      : `/v1/articles?actor=${pick(actors)}&publishedFrom=2018&publishedTo=2022`
  // A fresh baseline process: the synchronous baseline may still be working through requests
  // queued by the previous route (at 100k, searches autocannon gave up on after 10 s), and would
  // answer nothing during the mixed measurement.
  base.proc.kill('SIGKILL')
  await new Promise((resolve) => base.proc.once('exit', resolve))
  base = await startBaseline(file, 3901)
  for (const [target, key] of [
    [geo, 'geo'],
    [base, 'base'],
  ] as const) {
    let done = false
    const w = writer(geo.port, token, scale, () => done)
    const m = await load(target.port, mixed, duration)
    done = true
    const wps = await w
    const last = rows[rows.length - 1]
    if (key === 'geo')
      rows.push({ route: 'mixed reads + 1 writer', scale, geo: m, base: m, geoRss: 0, baseRss: 0, writesPerSec: wps })
    else if (last) {
      last.base = m
      last.geoRss = peakRssMb(geo.proc.pid)
      last.baseRss = peakRssMb(base.proc.pid)
    }
  }
  geo.proc.kill('SIGTERM')
  base.proc.kill('SIGTERM')
  await new Promise((r) => setTimeout(r, 500))
  return { rows, readyMs: geo.readyMs }
}

function table(rows: RowOut[], ready: Map<number, number>): string {
  const lines = [
    '| route | articles | Geobrief req/s | baseline req/s | ratio | Geobrief p50 / p99 ms | baseline p50 / p99 ms | peak RSS MB (Geobrief / baseline) | notes |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ]
  for (const r of rows) {
    const notes = [
      r.writesPerSec !== undefined ? `writer: ${r.writesPerSec.toFixed(1)} briefs/s` : '',
      r.geo.errors + r.geo.non2xx > 0 ? `Geobrief errors ${r.geo.errors}, non-2xx ${r.geo.non2xx}` : '',
    ]
      .filter(Boolean)
      .join('; ')
    lines.push(
      `| ${r.route} | ${r.scale} | ${r.geo.rps.toFixed(0)} | ${r.base.rps.toFixed(0)} | ${(r.geo.rps / r.base.rps).toFixed(2)} | ${r.geo.p50} / ${r.geo.p99} | ${r.base.p50} / ${r.base.p99} | ${r.geoRss} / ${r.baseRss} | ${notes} |`,
    )
  }
  lines.push(
    '',
    `Start to ready (Geobrief, spawn to /ready 200): ${[...ready].map(([s, ms]) => `${s} articles: ${ms.toFixed(0)} ms`).join('; ')}`,
  )
  return lines.join('\n')
}

// Geobrief runs as `npm start` runs it: the bundle built by scripts/build.mjs.
spawnSync(node, ['scripts/build.mjs'], { stdio: 'inherit' })
const all: RowOut[] = []
const ready = new Map<number, number>()
const started = performance.now()
for (const scale of scales) {
  console.log(`scale ${scale} articles`)
  const { rows, readyMs } = await benchScale(scale)
  all.push(...rows)
  ready.set(scale, readyMs)
}
const ex = benchExtract()
const out = `${table(all, ready)}\n\nExtraction (POST /v1/extract's pipeline, in a process of its own): ${ex.msPer1000Words.toFixed(1)} ms per 1,000 words over ${ex.words} words (${ex.pages} pages, 5 rounds after a warm-up); it adds ${ex.rssAddedMb.toFixed(0)} MB of RSS.`
console.log(
  `\n${out}\n\n(${((performance.now() - started) / 1000).toFixed(0)} s; ${connections} connections, ${duration} s per measurement)`,
)
if (!quick || values.write) {
  const header = `# Benchmarks\n\nMeasured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}; autocannon, ${connections} connections, ${duration} s per measurement after a 1 s warm-up, Geobrief and baseline measured one after the other on the same database file. The baseline (bench/baseline.ts) answers the same routes with the same JSON (test/bench/baseline.test.ts) using hand-written SQL and no validation, hooks or cache.\n\n`
  writeFileSync('docs/benchmarks.md', `${header}${out}\n`)
  console.log('wrote docs/benchmarks.md')
}
