// npm run bench -- --postgres [--scales 1000,10000] [--duration S] [--connections N] [--write]
// The same routes on PostgreSQL, side by side with SQLite in one run: a throwaway cluster started as
// the tests start it (scripts/pg-cluster.ts), the benchmark's SQLite file copied into a database of
// it (every trigger firing, as for writes through the API), then for each route: /health and the
// route on Geobrief over SQLite, over PostgreSQL with one instance, and over PostgreSQL with two
// instances loaded at once (half the connections each; req/s summed). All servers run with the cache
// off. Then 8 writer clients over the two instances (4 each) with readers on both: briefs written,
// lost and duplicate actors. With --write the section "PostgreSQL" of docs/benchmarks.md is replaced.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import pg from 'pg'
import { type Cluster, startCluster } from '../scripts/pg-cluster.js'
import { migrate } from '../src/db/migrate.js'
import { pgConfig, quoteIdent, withDatabase } from '../src/db/postgres/connection.js'
import { normalizeName } from '../src/lib/text.js'
import { generate } from './generate.js'
import {
  BENCH_ACTORS,
  BENCH_SEED,
  benchData,
  benchRoutes,
  postBriefs,
  type LoadSettings,
  load,
  type Measure,
  measure,
  type Route,
  type Server,
  sampleRss,
  startGeobrief,
  stop,
} from './harness.js'

const SEED = BENCH_SEED
const ACTORS = BENCH_ACTORS
/** Tables in an order their foreign keys accept. */
const TABLES = [
  'ApiKey',
  'Actor',
  'ActorAlias',
  'ActorAffiliation',
  'Article',
  'ArticleTopic',
  'ArticleActor',
  'Event',
  'EventParticipant',
  'EventReport',
  'Claim',
  'ClaimActor',
  'ClaimLink',
  'Change',
  'BriefDoc',
]
const BATCH = 2000
const WRITERS = 8

/** Copies every table of the SQLite file into the PostgreSQL database (migrated, empty). */
async function copy(file: string, url: string): Promise<number> {
  const lite = new Database(file, { readonly: true })
  const client = new pg.Client(pgConfig(url))
  await client.connect()
  let rows = 0
  try {
    for (const table of TABLES) {
      const json = (
        await client.query<{ column_name: string }>(
          "SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND data_type = 'jsonb'",
          [table],
        )
      ).rows.map((r) => r.column_name)
      const all = lite.prepare(`SELECT * FROM "${table}"`).all() as Array<Record<string, unknown>>
      for (let i = 0; i < all.length; i += BATCH) {
        // SQLite keeps JSON columns as text: parsed here, so that jsonb receives the array, not a string.
        const batch = all
          .slice(i, i + BATCH)
          .map((r) => (json.length ? { ...r, ...Object.fromEntries(json.map((c) => [c, parse(r[c])])) } : r))
        // An article's insert made its (stale) BriefDoc row: the copy then takes the stored document.
        const upsert =
          table === 'BriefDoc'
            ? ' ON CONFLICT ("articleId") DO UPDATE SET stale = EXCLUDED.stale, json = EXCLUDED.json, etag = EXCLUDED.etag'
            : ''
        await client.query(
          `INSERT INTO ${quoteIdent(table)} SELECT * FROM json_populate_recordset(NULL::${quoteIdent(table)}, $1::json)${upsert}`,
          [JSON.stringify(batch)],
        )
      }
      rows += all.length
    }
    await client.query(`SELECT setval(pg_get_serial_sequence('"Change"', 'seq'), (SELECT max(seq) FROM "Change"))`)
    await client.query('ANALYZE')
  } finally {
    await client.end()
    lite.close()
  }
  return rows
}

const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v)

/** Clock ticks per second of /proc/PID/stat's times (USER_HZ: 100 on Linux). */
const TICKS = 100

/** CPU seconds (user + system) used so far by the processes, from /proc/PID/stat. */
function cpuSeconds(pids: number[]): number {
  let ticks = 0
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      ticks += Number(fields[11]) + Number(fields[12]) // utime, stime
    } catch {} // a process that ended
  }
  return ticks / TICKS
}

/** The PostgreSQL server's processes (postmaster and backends) on this machine. */
function postgresPids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres'
      } catch {
        return false
      }
    })
    .map(Number)
}

/**
 * A measurement of one server with the CPU time its process and the PostgreSQL server spent per
 * request (ms): what it takes to serve the route, apart from where it ran.
 */
async function measureCpu(
  run: LoadSettings,
  s: Server,
  path: () => string,
): Promise<Measure & { appMs: number; dbMs: number }> {
  const db = postgresPids()
  const before = { app: cpuSeconds([s.proc.pid ?? 0]), db: cpuSeconds(db) }
  const t0 = performance.now()
  const m = await measure(run, s, path)
  const requests = m.rps * ((performance.now() - t0) / 1000)
  const after = { app: cpuSeconds([s.proc.pid ?? 0]), db: cpuSeconds(postgresPids()) }
  // Backends that ended meanwhile take their time with them: the database figure is a lower bound.
  return { ...m, appMs: ((after.app - before.app) * 1000) / requests, dbMs: ((after.db - before.db) * 1000) / requests }
}

/** Both instances loaded at once, half the connections each: req/s summed, the worse p99. */
async function measureTwo(run: LoadSettings, servers: [Server, Server], path: () => string): Promise<Measure> {
  const half = { ...run, connections: Math.max(1, Math.floor(run.connections / 2)) }
  const rss = servers.map((s) => sampleRss(s.proc.pid))
  await Promise.all(servers.map((s) => load(s.port, path, half.warmup, half.connections)))
  const results = await Promise.all(servers.map((s) => load(s.port, path, half.duration, half.connections)))
  return {
    rps: results.reduce((sum, r) => sum + r.requests.average, 0),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    errors: results.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
    non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
    rssMb: Math.max(...rss.map((f) => f())),
  }
}

interface RouteRow {
  scale: number
  route: string
  sqlite: Measure
  sqliteHealth: Measure
  one: Measure & { appMs: number; dbMs: number }
  oneHealth: Measure
  two: Measure
  twoHealth: Measure
}

interface WriterRow {
  scale: number
  seconds: number
  written: number
  failed: number
  stored: number
  duplicates: number
  readers: Measure
}

async function writers(
  run: LoadSettings,
  servers: [Server, Server],
  token: string,
  readers: () => string,
  scale: number,
): Promise<{ written: number; failed: number; seconds: number; readers: Measure }> {
  let stopped = false
  const posting = postBriefs(
    servers.map((x) => x.port),
    WRITERS,
    token,
    scale + 2_000_000,
    () => stopped,
  )
  const r = await measureTwo(run, servers, readers)
  stopped = true
  const { written, failed, seconds } = await posting
  return { written, failed, seconds, readers: r }
}

async function benchScale(
  run: LoadSettings,
  cluster: Cluster,
  scale: number,
): Promise<{ rows: RouteRow[]; w: WriterRow }> {
  const file = `data/bench-${scale}.db`
  if (!existsSync(file)) await generate({ articles: scale, seed: SEED, file, via: 'bulk', actors: ACTORS })
  await migrate(`file:${file}`)
  const name = `bench_${scale}`
  const admin = new pg.Client(pgConfig(cluster.url))
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)
  await admin.query(
    `CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`,
  )
  await admin.end()
  const url = withDatabase(cluster.url, name)
  await migrate(url)
  const t0 = performance.now()
  const copied = await copy(file, url)
  console.log(`  ${scale}: copied ${copied} rows into PostgreSQL in ${((performance.now() - t0) / 1000).toFixed(1)} s`)

  const { ids, top, token } = await benchData(file, url)
  const { routes, readers } = benchRoutes(ids, top, ACTORS)
  const health = () => '/health'

  const rows: RouteRow[] = []
  const measureRoutes = async (list: Route[]) => {
    const sqlite = await startGeobrief(`file:${file}`, 3821, false)
    const sqliteRows = []
    for (const r of list)
      sqliteRows.push({ h: await measure(run, sqlite, health), m: await measure(run, sqlite, r.path) })
    await stop(sqlite)
    const one = await startGeobrief(url, 3822, false)
    const oneRows = []
    for (const r of list) oneRows.push({ h: await measure(run, one, health), m: await measureCpu(run, one, r.path) })
    const other = await startGeobrief(url, 3823, false)
    const pair: [Server, Server] = [one, other]
    for (const [i, r] of list.entries()) {
      const h = await measureTwo(run, pair, health)
      const m = await measureTwo(run, pair, r.path)
      const s = sqliteRows[i] as { h: Measure; m: Measure }
      const o = oneRows[i] as { h: Measure; m: RouteRow['one'] }
      rows.push({
        scale,
        route: r.name,
        sqlite: s.m,
        sqliteHealth: s.h,
        one: o.m,
        oneHealth: o.h,
        two: m,
        twoHealth: h,
      })
      console.log(
        `  ${scale} ${r.name}: SQLite ${s.m.rps.toFixed(0)} req/s (${(s.m.rps / s.h.rps).toFixed(2)}x /health), PostgreSQL one instance ${o.m.rps.toFixed(0)} (${(o.m.rps / o.h.rps).toFixed(2)}x), two ${m.rps.toFixed(0)} (${(m.rps / h.rps).toFixed(2)}x)`,
      )
    }
    return pair
  }
  const pair = await measureRoutes(routes)

  const articlesBefore = await countArticles(url)
  const wr = await writers(run, pair, token, readers, scale)
  await Promise.all(pair.map(stop))
  const stored = (await countArticles(url)) - articlesBefore
  const duplicates = await duplicateActors(url)
  console.log(
    `  ${scale} ${WRITERS} writers over two instances: ${wr.written} briefs in ${wr.seconds.toFixed(1)} s (${(wr.written / wr.seconds).toFixed(1)}/s), ${wr.failed} failed, ${stored} stored, ${duplicates} duplicate actors; readers ${wr.readers.rps.toFixed(0)} req/s, p99 ${wr.readers.p99} ms`,
  )
  return {
    rows,
    w: {
      scale,
      seconds: wr.seconds,
      written: wr.written,
      failed: wr.failed,
      stored,
      duplicates,
      readers: wr.readers,
    },
  }
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client(pgConfig(url))
  await c.connect()
  try {
    return (await c.query<T>(sql)).rows
  } finally {
    await c.end()
  }
}

const countArticles = async (url: string) =>
  Number((await query<{ n: string }>(url, 'SELECT count(*) AS n FROM "Article"'))[0]?.n)

/** Live actors sharing a kind and a normalised name, or a slug, with another: 0 when none is duplicated. */
async function duplicateActors(url: string): Promise<number> {
  const live = await query<{ slug: string; name: string; kind: string }>(
    url,
    'SELECT slug, name, kind FROM "Actor" WHERE "deletedAt" IS NULL AND "mergedIntoId" IS NULL',
  )
  const names = live.map((a) => `${a.kind}/${normalizeName(a.name)}`)
  return names.length - new Set(names).size + (live.length - new Set(live.map((a) => a.slug)).size)
}

const f0 = (n: number) => n.toFixed(0)
const f2 = (n: number) => n.toFixed(2)

export async function benchPostgres(run: LoadSettings, scales: number[], write: boolean): Promise<void> {
  const started = performance.now()
  const cluster = await startCluster()
  const rows: RouteRow[] = []
  const ws: WriterRow[] = []
  try {
    for (const scale of scales) {
      console.log(`PostgreSQL, scale ${scale} articles`)
      const r = await benchScale(run, cluster, scale)
      rows.push(...r.rows)
      ws.push(r.w)
    }
  } finally {
    cluster.stop()
  }
  const secs = (performance.now() - started) / 1000
  const table = [
    '| route | articles | SQLite req/s | SQLite x /health | PostgreSQL, 1 instance req/s | x /health | p99 ms | CPU ms/request: instance / PostgreSQL | PostgreSQL, 2 instances req/s | x /health (2) | p99 ms | 2 / 1 instances |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.route} | ${r.scale} | ${f0(r.sqlite.rps)} | ${f2(r.sqlite.rps / r.sqliteHealth.rps)} | ${f0(r.one.rps)} | ${f2(r.one.rps / r.oneHealth.rps)} | ${r.one.p99} | ${f2(r.one.appMs)} / ${f2(r.one.dbMs)} | ${f0(r.two.rps)} | ${f2(r.two.rps / r.twoHealth.rps)} | ${r.two.p99} | ${f2(r.two.rps / r.one.rps)} |`,
    ),
  ].join('\n')
  const largest = Math.max(...rows.map((r) => r.scale))
  const scaling = [
    `How it scales past one machine. Here the database, the instances and the load generator share 2 cores, so a second instance only splits the same CPU: "2 / 1 instances" stays near 1. What does carry over is the CPU each request costs, measured above from /proc (user + system time of the instance's process and of every PostgreSQL process during the route, over the requests served; about, as the warm-up's requests are counted and ended backends drop out). With instances on machines of their own, throughput grows with their number until the database's cores are busy: one database core keeps this many instance cores busy (instance ms / PostgreSQL ms), at ${largest} articles:`,
    ...rows
      .filter((r) => r.scale === largest)
      .map(
        (r) =>
          `- ${r.route}: ${f2(r.one.appMs / r.one.dbMs)} instance cores per database core; a 4-core database serves about ${f0((4 * 1000) / r.one.dbMs)} req/s of it, from ${f0((4 * 1000) / r.one.dbMs / (1000 / r.one.appMs))} instance cores.`,
      ),
  ].join('\n')
  const writerTable = [
    `| articles | writer clients | briefs/s | written / failed | stored | duplicate actors | readers req/s | readers p99 ms |`,
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...ws.map(
      (w) =>
        `| ${w.scale} | ${WRITERS} over 2 instances | ${(w.written / w.seconds).toFixed(1)} | ${w.written} / ${w.failed} | ${w.stored} | ${w.duplicates} | ${f0(w.readers.rps)} | ${w.readers.p99} |`,
    ),
  ].join('\n')
  const section = [
    '## PostgreSQL',
    `Generated by \`npm run bench -- ${process.argv.slice(2).join(' ')}\` on ${new Date().toISOString().slice(0, 10)} in ${secs.toFixed(0)} s, on the machine above. PostgreSQL 15 from Debian in a throwaway cluster (fsync off, as in the tests) on the same 2 cores as the servers and the load generator. The benchmark's SQLite file is copied into it; each route is then measured on Geobrief over SQLite, over PostgreSQL with one instance, and with two instances loaded at once (${run.connections / 2} connections each, req/s summed), each after /health on the same servers; the cache is off everywhere, ${run.connections} connections, ${run.duration} s per measurement after a ${run.warmup} s warm-up.`,
    table,
    scaling,
    `Writers: ${WRITERS} clients posting synthetic briefs over the two instances (4 each) while the readers (cold briefs and article pages, cache off) load both; "stored" counts the articles the database gained, "duplicate actors" the live actors sharing a kind and normalised name or a slug with another.`,
    writerTable,
  ].join('\n\n')
  console.log(`\n${section}\n`)
  if (write) {
    const doc = readFileSync('docs/benchmarks.md', 'utf8')
    const at = doc.indexOf('\n## PostgreSQL')
    const next = at < 0 ? -1 : doc.indexOf('\n## ', at + 1)
    const before = at < 0 ? doc.trimEnd() : doc.slice(0, at).trimEnd()
    const after = next < 0 ? '' : doc.slice(next)
    writeFileSync('docs/benchmarks.md', `${before}\n\n${section}\n${after}`)
    console.log('wrote the PostgreSQL section of docs/benchmarks.md')
  }
}
