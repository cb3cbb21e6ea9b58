// The benchmark's servers and load, shared by npm run bench (bench/run.ts) and its PostgreSQL run
// (bench/postgres.ts): start Geobrief from the bundle or the baseline, wait, stop, load with
// autocannon, sample RSS.
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'
import Database from 'better-sqlite3'
import { Database as AppDatabase } from '../src/db/database.js'
import { createKey } from '../src/db/keys.js'
import { actorPool, CLAIM_KINDS, COUNTRIES, KINDS, PLOVER, synthBrief, WORDS } from './synth.js'

/** The synthetic data's seed and actor pool size (npm run bench:data's defaults for the benchmark). */
export const BENCH_SEED = 42
export const BENCH_ACTORS = 3000

export const node = process.execPath
const tsx = ['--import', 'tsx']

export interface Server {
  name: 'off' | 'on' | 'base'
  proc: ChildProcess
  port: number
  readyMs: number
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) })
      await res.arrayBuffer()
      if (res.ok) return
    } catch {}
    await sleep(25)
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`)
}

/**
 * Waits until the server answers /health within a second: a server still working through requests
 * queued by the previous measurement (autocannon gives up on a request after 10 s, the server does
 * not) would otherwise be measured while busy with them.
 */
export const drained = (s: Server) => waitFor(`http://127.0.0.1:${s.port}/health`, 300_000)

/** Geobrief as `npm start` runs it, on a database URL (`file:` or `postgresql:`). */
export async function startGeobrief(url: string, port: number, cache: boolean): Promise<Server> {
  const t0 = performance.now()
  // As npm start and the Docker image run it (docs/decisions.md, "Memory").
  const proc = spawn(node, ['--max-old-space-size=128', 'dist/server.mjs'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: url,
      LOG_LEVEL: 'warn',
      SEED_ON_START: 'false',
      READ_RATE_LIMIT: '100000000',
      WRITE_RATE_LIMIT: '100000000',
      // src/config.ts: 0 disables the response cache; unset is its default size.
      ...(cache ? {} : { CACHE_MAX_BYTES: '0' }),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  await waitFor(`http://127.0.0.1:${port}/ready`, 60_000)
  return { name: cache ? 'on' : 'off', proc, port, readyMs: performance.now() - t0 }
}

export async function startBaseline(file: string, port: number): Promise<Server> {
  const t0 = performance.now()
  const proc = spawn(node, [...tsx, 'bench/baseline.ts', '--db', file, '--port', String(port)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  await waitFor(`http://127.0.0.1:${port}/health`, 60_000)
  return { name: 'base', proc, port, readyMs: performance.now() - t0 }
}

export async function stop(s: Server): Promise<void> {
  if (s.proc.exitCode !== null) return
  const exited = new Promise((r) => s.proc.once('exit', r))
  s.proc.kill('SIGTERM')
  await Promise.race([exited, sleep(15_000)])
  if (s.proc.exitCode === null) {
    s.proc.kill('SIGKILL')
    await exited
  }
}

function statusKb(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)
  } catch {
    return 0
  }
}

/** The highest VmRSS of the process sampled every 100 ms until the returned function is called (MB). */
export function sampleRss(pid: number | undefined): () => number {
  let max = statusKb(pid, 'VmRSS')
  const timer = setInterval(() => {
    max = Math.max(max, statusKb(pid, 'VmRSS'))
  }, 100)
  return () => {
    clearInterval(timer)
    max = Math.max(max, statusKb(pid, 'VmRSS'))
    return Math.round(max / 1024)
  }
}

export interface Measure {
  rps: number
  p50: number
  p99: number
  errors: number
  non2xx: number
  rssMb: number
}

/** Load settings of one run: connections, seconds per measurement, seconds of warm-up before it. */
export interface LoadSettings {
  connections: number
  duration: number
  warmup: number
}

export async function load(
  port: number,
  path: () => string,
  seconds: number,
  connections: number,
): Promise<autocannon.Result> {
  return autocannon({
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
}

/** A warm-up, then one measurement with the server's RSS sampled throughout. */
export async function measure(run: LoadSettings, s: Server, path: () => string): Promise<Measure> {
  await drained(s)
  const rss = sampleRss(s.proc.pid)
  await load(s.port, path, run.warmup, run.connections)
  const r = await load(s.port, path, run.duration, run.connections)
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    rssMb: rss(),
  }
}

export function pick<T>(xs: readonly T[]): T {
  return xs[Math.floor(Math.random() * xs.length)] as T
}

export type Kind = 'brief' | 'list' | 'timeline' | 'search'

export interface Route {
  name: string
  kind: Kind
  /** The baseline answers it (test/bench/baseline.test.ts holds its answers equal to Geobrief's). */
  base: boolean
  path: () => string
}

/**
 * The measured routes over a database's article ids and its 50 most frequent actors, and the readers'
 * mix of the writer-under-load rows (cold briefs and article list pages).
 */
export function benchRoutes(
  ids: string[],
  top: string[],
  actorCount: number,
): { routes: Route[]; readers: () => string } {
  // Filters as a client would send them: half the actor filters name one of the 50 most frequent
  // actors, half any actor of the pool; ids, words and dates are drawn at random per request.
  const slugs = Array.from({ length: actorCount }, (_, i) => `actor-${i}`)
  const actor = () => (Math.random() < 0.5 ? pick(top) : pick(slugs))
  const years = ['2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023']
  const window = (a: string, b: string) => {
    const y = pick(years)
    return `${a}=${y}&${b}=${Number(y) + 2}-06`
  }
  const mix =
    (...paths: Array<() => string>) =>
    () =>
      pick(paths)()
  const articles = mix(
    () => `/v1/articles?actor=${actor()}`,
    () => `/v1/articles?actor=${actor()}&${window('publishedFrom', 'publishedTo')}`,
    () => `/v1/articles?topic=${pick(WORDS)}`,
  )
  const routes: Route[] = [
    { name: 'brief, cold (random id)', kind: 'brief', base: true, path: () => `/v1/articles/${pick(ids)}/brief` },
    { name: '/v1/articles (actor / actor + dates / topic)', kind: 'list', base: true, path: articles },
    {
      name: '/v1/actors (kind / country / article / none)',
      kind: 'list',
      base: false,
      path: mix(
        () => `/v1/actors?kind=${pick(KINDS)}`,
        () => `/v1/actors?country=${pick(COUNTRIES)}`,
        () => `/v1/actors?article=${pick(ids)}`,
        () => '/v1/actors',
      ),
    },
    {
      name: '/v1/claims (claimant / about / kind / article)',
      kind: 'list',
      base: false,
      path: mix(
        () => `/v1/claims?claimant=${actor()}`,
        () => `/v1/claims?about=${actor()}`,
        () => `/v1/claims?kind=${pick(CLAIM_KINDS)}`,
        () => `/v1/claims?article=${pick(ids)}`,
      ),
    },
    {
      name: '/v1/events (actor / actor + dates / type / country)',
      kind: 'list',
      base: false,
      path: mix(
        () => `/v1/events?actor=${actor()}`,
        () => `/v1/events?actor=${actor()}&${window('from', 'to')}`,
        () => `/v1/events?type=${pick(PLOVER)}`,
        () => `/v1/events?country=${pick(COUNTRIES)}`,
      ),
    },
    { name: '/v1/timeline?actor=', kind: 'timeline', base: true, path: () => `/v1/timeline?actor=${actor()}` },
    { name: '/v1/search?q= (one common word)', kind: 'search', base: true, path: () => `/v1/search?q=${pick(WORDS)}` },
  ]
  return { routes, readers: mix(() => `/v1/articles/${pick(ids)}/brief`, articles) }
}

/**
 * Writer clients posting synthetic briefs (bench/synth.ts, numbered from `first` up, at random) to
 * POST /v1/briefs until stopped, each its next once the last is answered, spread over the ports in
 * turn; the briefs written (201) and failed per second of the run.
 */
export async function postBriefs(
  ports: number[],
  clients: number,
  token: string,
  first: number,
  stopped: () => boolean,
): Promise<{ perSec: number; written: number; failed: number; seconds: number }> {
  const pool = actorPool(BENCH_ACTORS, BENCH_SEED)
  let written = 0
  let failed = 0
  const t0 = performance.now()
  const client = async (c: number) => {
    const port = ports[c % ports.length]
    while (!stopped()) {
      const brief = synthBrief(first + Math.floor(Math.random() * 1e9), pool, BENCH_SEED)
      const res = await fetch(`http://127.0.0.1:${port}/v1/briefs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(brief),
      })
      await res.arrayBuffer()
      if (res.status === 201) written++
      else failed++
    }
  }
  await Promise.all(Array.from({ length: clients }, (_, c) => client(c)))
  const seconds = (performance.now() - t0) / 1000
  return { perSec: written / seconds, written, failed, seconds }
}

/**
 * What the measured routes draw from, read from the benchmark's SQLite file: the live article ids
 * and the 50 most frequent actors; and a write key made on the database the servers use (`url`).
 */
export async function benchData(file: string, url: string): Promise<{ ids: string[]; top: string[]; token: string }> {
  const db = new Database(file, { readonly: true })
  const ids = db.prepare('SELECT id FROM "Article" WHERE "deletedAt" IS NULL').pluck().all() as string[]
  const top = db
    .prepare(
      `SELECT a.slug FROM "Actor" a JOIN "ArticleActor" x ON x."actorId" = a.id GROUP BY a.id ORDER BY count(*) DESC LIMIT 50`,
    )
    .pluck()
    .all() as string[]
  db.close()
  const keyDb = await AppDatabase.open({ url, busyTimeoutMs: 5000 })
  const { token } = await createKey(keyDb.read, 'write', `bench-${Date.now()}`)
  await keyDb.close()
  return { ids, top, token }
}
