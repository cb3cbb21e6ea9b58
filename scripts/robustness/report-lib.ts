// Shared harness of the robustness scenarios (load, crash, shutdown, hazards) and the markdown report
// that scripts/robustness.ts writes. The scenarios run the real entry point (src/server.ts through tsx)
// as a child process on 127.0.0.1 and talk to it over real sockets. Every wait here is bounded.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import Sqlite from 'better-sqlite3'
import { Database } from '../../src/db/database.js'
import { migrate } from '../../src/db/migrate.js'
import { createKey } from '../../src/db/keys.js'
import { normalizeName } from '../../src/lib/text.js'

export const ROOT = path.resolve(import.meta.dirname, '../..')
export const TSX = path.join(ROOT, 'node_modules/.bin/tsx')

export type Log = (line: string) => void

// ---------------------------------------------------------------------------------------------
// Small utilities

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** Deterministic PRNG (mulberry32): the same seed gives the same kill times and delays. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export async function waitFor<T>(
  what: string,
  ms: number,
  probe: () => Promise<T | undefined> | T | undefined,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await sleep(everyMs)
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms)
    }),
  ])
}

/** The p-th percentile (0..100, nearest rank) of a list of numbers; 0 for an empty list. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] as number
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits

const tempDirs: string[] = []

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `geobrief-${prefix}-`))
  tempDirs.push(dir)
  return dir
}

export function removeTempDirs(): void {
  for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true })
}

export function fileSize(file: string): number | null {
  try {
    return statSync(file).size
  } catch {
    return null
  }
}

// ---------------------------------------------------------------------------------------------
// Database preparation and checks

/** Migrates a new database file and creates a write key in it; returns the bearer token. */
export async function prepareDatabase(
  file: string,
  keyName = 'robustness-writer',
): Promise<{ url: string; token: string }> {
  const url = `file:${file}`
  await migrate(url)
  const db = await Database.open({ url, busyTimeoutMs: 2000 })
  try {
    const { token } = await createKey(db.read, 'write', keyName)
    return { url, token }
  } finally {
    await db.close()
  }
}

export interface DbReport {
  integrity: string
  foreignKeyViolations: number
  articles: number
  /** Live articles with their live claim, event report and actor link counts. */
  perArticle: Map<string, { claims: number; reports: number; actors: number }>
  /** Groups of live actors sharing a slug, or sharing kind + normalized name. */
  duplicateActors: Array<{ key: string; count: number }>
  actorsBySlug: Map<string, string>
}

/** Opens the file directly (recovering the WAL after a crash) and checks it. Only call when no server runs on it, or read-only while one runs. */
export function checkDatabase(file: string, opts: { readonly?: boolean } = {}): DbReport {
  const db = new Sqlite(file, { readonly: opts.readonly ?? false, fileMustExist: true, timeout: 5000 })
  try {
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>)
      .map((r) => r.integrity_check)
      .join('; ')
    const fk = (db.pragma('foreign_key_check') as unknown[]).length
    const rows = db
      .prepare(
        `SELECT a.slug AS slug,
          (SELECT count(*) FROM "Claim" c WHERE c.articleId = a.id AND c.deletedAt IS NULL) AS claims,
          (SELECT count(*) FROM "EventReport" r WHERE r.articleId = a.id) AS reports,
          (SELECT count(*) FROM "ArticleActor" x WHERE x.articleId = a.id) AS actors
         FROM "Article" a WHERE a.deletedAt IS NULL`,
      )
      .all() as Array<{ slug: string; claims: number; reports: number; actors: number }>
    const perArticle = new Map(rows.map((r) => [r.slug, { claims: r.claims, reports: r.reports, actors: r.actors }]))
    const actors = db
      .prepare(`SELECT id, slug, name, kind FROM "Actor" WHERE deletedAt IS NULL AND mergedIntoId IS NULL`)
      .all() as Array<{ id: string; slug: string; name: string; kind: string }>
    const groups = new Map<string, number>()
    for (const a of actors) {
      const bySlug = `slug:${a.slug}`
      const byName = `name:${a.kind}/${normalizeName(a.name)}`
      groups.set(bySlug, (groups.get(bySlug) ?? 0) + 1)
      groups.set(byName, (groups.get(byName) ?? 0) + 1)
    }
    const sqlDupSlugs = db
      .prepare(`SELECT slug, count(*) AS n FROM "Actor" GROUP BY slug HAVING n > 1`)
      .all() as Array<{
      slug: string
      n: number
    }>
    const duplicateActors = [
      ...[...groups].filter(([, n]) => n > 1).map(([key, count]) => ({ key, count })),
      ...sqlDupSlugs.map((r) => ({ key: `sql-slug:${r.slug}`, count: r.n })),
    ]
    return {
      integrity,
      foreignKeyViolations: fk,
      articles: rows.length,
      perArticle,
      duplicateActors,
      actorsBySlug: new Map(actors.map((a) => [a.slug, a.id])),
    }
  } finally {
    db.close()
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP

export interface HttpResult {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
  ms: number
  /** Set when no response arrived: ECONNRESET, ECONNREFUSED, socket hang up, timeout … */
  error?: string
}

export interface RequestOptions {
  body?: string
  token?: string
  agent?: http.Agent | false
  timeoutMs?: number
  headers?: http.OutgoingHttpHeaders
  /** Called once the whole request (headers and body) has been handed to the socket. */
  onSent?: () => void
}

/** One HTTP request to 127.0.0.1; never rejects (a transport error gives status 0 and `error`). */
export function request(port: number, method: string, urlPath: string, opts: RequestOptions = {}): Promise<HttpResult> {
  const started = performance.now()
  return new Promise<HttpResult>((resolve) => {
    let settled = false
    const done = (r: Omit<HttpResult, 'ms'>) => {
      if (settled) return
      settled = true
      resolve({ ...r, ms: performance.now() - started })
    }
    const headers: http.OutgoingHttpHeaders = { ...opts.headers }
    if (opts.token) headers.authorization = `Bearer ${opts.token}`
    if (opts.body !== undefined) {
      headers['content-type'] = 'application/json'
      headers['content-length'] = Buffer.byteLength(opts.body)
    }
    const req = http.request(
      { host: '127.0.0.1', port, method, path: urlPath, headers, agent: opts.agent ?? false },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (d: Buffer) => chunks.push(d))
        res.on('end', () =>
          done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        )
        res.on('error', (err: NodeJS.ErrnoException) =>
          done({ status: 0, headers: {}, body: '', error: err.code ?? err.message }),
        )
        res.on('aborted', () => done({ status: 0, headers: {}, body: '', error: 'response aborted' }))
      },
    )
    req.setTimeout(opts.timeoutMs ?? 30_000, () =>
      req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })),
    )
    req.on('error', (err: NodeJS.ErrnoException) =>
      done({ status: 0, headers: {}, body: '', error: err.code ?? err.message }),
    )
    req.on('finish', () => opts.onSent?.())
    req.end(opts.body)
  })
}

export function json<T = unknown>(r: HttpResult): T {
  return JSON.parse(r.body) as T
}

/** A free loopback port (closed again before it is returned). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port
      s.close(() => resolve(port))
    })
  })
}

// ---------------------------------------------------------------------------------------------
// The server as a child process

export interface ServerOptions {
  databaseFile: string
  /** Extra environment (overrides the defaults below). */
  env?: Record<string, string>
  /** info (default) reads the port from the listening log line; warn/error pick a free port first. */
  logLevel?: 'info' | 'warn' | 'error'
  startTimeoutMs?: number
  /**
   * `tsx` runs `node_modules/.bin/tsx src/server.ts` as `npm start` does: tsx is a parent process that
   * relays signals to the node process running the server. `node` runs `node --import tsx src/server.ts`
   * (one process), to tell the launcher's behaviour from the server's. `bundle` builds dist/server.mjs
   * (scripts/build.mjs) and runs `node dist/server.mjs`, as the Docker image does; `npm` runs `npm start`
   * (npm, then the bundle), as the README says.
   */
  launcher?: 'tsx' | 'node' | 'bundle' | 'npm'
  /** The entry script, relative to the project root (default src/server.ts). */
  entry?: string
}

export interface ServerProcess {
  child: ChildProcess
  pid: number
  port: number
  /** stdout so far (JSON log lines, capped at 8 MB). */
  stdout(): string
  stderr(): string
  /** Log lines (parsed) whose msg equals `msg`. */
  logLines(msg?: string): Array<Record<string, unknown>>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>
  /** SIGKILL to the whole process group (tsx and the node process it runs), then waits until every member is gone. */
  kill(): Promise<void>
  /** SIGTERM to the launched process (tsx forwards it to the server); resolves with the exit. */
  terminate(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>
  alive(): boolean
}

const running = new Set<ServerProcess>()

const SERVER_ENV_DEFAULTS = {
  HOST: '127.0.0.1',
  LOG_PRETTY: 'false',
  SEED_ON_START: 'true',
  WRITE_RATE_LIMIT: '1000000',
  READ_RATE_LIMIT: '1000000',
}

function processGroupMembers(pgid: number): number[] {
  const members: number[] = []
  let entries: string[]
  try {
    entries = readdirSync('/proc')
  } catch {
    try {
      process.kill(-pgid, 0)
      return [pgid]
    } catch {
      return []
    }
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8')
      // pid (comm) state ppid pgrp ...; comm may contain spaces, so split after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') members.push(Number(e))
    } catch {
      // the process ended while we looked
    }
  }
  return members
}

export async function startServer(opts: ServerOptions): Promise<ServerProcess> {
  const level = opts.logLevel ?? 'info'
  const base = { ...process.env }
  for (const k of Object.keys(base))
    if (/^(PORT|HOST|DATABASE_URL|LOG_.*|CORS_.*|SEED_.*|DOCS_.*|.*_MS|.*_LIMIT|.*_LIMIT_BYTES)$/.test(k))
      delete base[k]
  const fixedPort = level === 'info' ? 0 : await freePort()
  if (opts.launcher === 'bundle') execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'ignore' })
  const [command, args] =
    opts.launcher === 'npm'
      ? ['npm', ['start', '--silent']]
      : opts.launcher === 'bundle'
        ? [process.execPath, ['--enable-source-maps', '--max-old-space-size=128', 'dist/server.mjs']]
        : opts.launcher === 'node'
          ? [process.execPath, ['--import', 'tsx', opts.entry ?? 'src/server.ts']]
          : [TSX, [opts.entry ?? 'src/server.ts']]
  const child = spawn(command, args, {
    cwd: ROOT,
    env: {
      ...base,
      ...SERVER_ENV_DEFAULTS,
      PORT: String(fixedPort),
      LOG_LEVEL: level,
      DATABASE_URL: `file:${opts.databaseFile}`,
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  const pid = child.pid
  if (pid === undefined) throw new Error('could not spawn the server')
  const CAP = 8 * 1024 * 1024
  let out = ''
  let err = ''
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    if (out.length < CAP) out += d
  })
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    if (err.length < CAP) err += d
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, at: performance.now() }))
  })
  let exitedFlag = false
  void exited.then(() => {
    exitedFlag = true
  })

  const logLines = (msg?: string) =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => {
        try {
          return JSON.parse(l) as Record<string, unknown>
        } catch {
          return {}
        }
      })
      .filter((l) => msg === undefined || l.msg === msg)

  const proc: ServerProcess = {
    child,
    pid,
    port: 0,
    stdout: () => out,
    stderr: () => err,
    logLines,
    exited,
    alive: () => !exitedFlag,
    async kill() {
      try {
        process.kill(-pid, 'SIGKILL')
      } catch {
        // already gone
      }
      await withTimeout(exited, 10_000, 'the killed server to exit')
      await waitFor('every process of the killed group to end', 10_000, () =>
        processGroupMembers(pid).length === 0 ? true : undefined,
      )
      running.delete(proc)
    },
    async terminate(timeoutMs = 15_000) {
      const t0 = performance.now()
      child.kill('SIGTERM')
      const r = await withTimeout(exited, timeoutMs, 'the server to exit after SIGTERM')
      await waitFor('every process of the server group to end', 10_000, () =>
        processGroupMembers(pid).length === 0 ? true : undefined,
      )
      running.delete(proc)
      return { code: r.code, signal: r.signal, ms: r.at - t0 }
    },
  }
  running.add(proc)

  try {
    const timeout = opts.startTimeoutMs ?? 30_000
    proc.port =
      fixedPort ||
      (await waitFor(
        'the listening log line',
        timeout,
        () => {
          if (exitedFlag) throw new Error(`server exited early: ${err.slice(0, 2000)}`)
          const m = out.match(/Server listening at http:\/\/127\.0\.0\.1:(\d+)/)
          return m ? Number(m[1]) : undefined
        },
        25,
      ))
    await waitFor(
      '/ready',
      timeout,
      async () => {
        if (exitedFlag) throw new Error(`server exited early: ${err.slice(0, 2000)}`)
        const res = await request(proc.port, 'GET', '/ready', { timeoutMs: 2000 })
        return res.status === 200 ? res : undefined
      },
      25,
    )
  } catch (e) {
    await proc.kill().catch(() => undefined)
    throw e
  }
  return proc
}

/** SIGKILLs every server this process started that is still running (test cleanup). */
export async function killAllServers(): Promise<void> {
  await Promise.all([...running].map((s) => s.kill().catch(() => undefined)))
}

// ---------------------------------------------------------------------------------------------
// The report

export interface Figure {
  area: string
  figure: string
  value: string
  pass?: boolean
}

export function markdownReport(opts: {
  date: string
  cores: number
  node: string
  cpuModel: string
  totalMs: number
  figures: Figure[]
  failures: string[]
  notes: string[]
}): string {
  const rows = opts.figures.map(
    (f) => `| ${f.area} | ${f.figure} | ${f.value} | ${f.pass === undefined ? '' : f.pass ? 'pass' : '**FAIL**'} |`,
  )
  const ok = opts.failures.length === 0
  return [
    '# Robustness report',
    '',
    'Written by `npm run robustness` (scripts/robustness.ts). The server runs as a child process',
    '(`tsx src/server.ts`) on 127.0.0.1 and every scenario talks to it over real sockets; the scenario code',
    'and its pass criteria are in scripts/robustness/.',
    '',
    `- Date: ${opts.date}`,
    `- Machine: ${opts.cores} cores (${opts.cpuModel}), Node ${opts.node}`,
    `- Run time: ${round(opts.totalMs / 1000, 0)} s`,
    `- Result: ${ok ? 'all pass criteria met' : `**${opts.failures.length} pass criteria failed**`}`,
    '',
    '| Area | Figure | Value | Criterion |',
    '|---|---|---|---|',
    ...rows,
    '',
    ...(ok ? [] : ['## Failures', '', ...opts.failures.map((f) => `- ${f}`), '']),
    ...(opts.notes.length > 0 ? ['## Notes', '', ...opts.notes.map((n) => `- ${n}`), ''] : []),
  ].join('\n')
}
