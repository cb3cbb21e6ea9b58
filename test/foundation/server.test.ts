// The real entry point (src/server.ts) as a child process on a loopback port.
import { type ChildProcess, spawn } from 'node:child_process'
import http from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '../..')
const TSX = path.join(ROOT, 'node_modules/.bin/tsx')
const SECRET = 'secret-token-123'

const tmp = mkdtempSync(path.join(os.tmpdir(), 'geobrief-server-'))

interface Server {
  child: ChildProcess
  stdout(): string
  stderr(): string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const started: ChildProcess[] = []

function startServer(env: Record<string, string>): Server {
  const base = { ...process.env }
  for (const k of Object.keys(base))
    if (/^(PORT|HOST|DATABASE_URL|LOG_|CORS_|SEED_|DOCS_|.*_MS$|.*_LIMIT)/.test(k)) delete base[k]
  const child = spawn(TSX, ['src/server.ts'], {
    cwd: ROOT,
    env: { ...base, HOST: '127.0.0.1', LOG_LEVEL: 'info', LOG_PRETTY: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  started.push(child)
  let out = ''
  let err = ''
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out += d
  })
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    err += d
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }))
  })
  return { child, stdout: () => out, stderr: () => err, exited }
}

function logLines(s: Server): Array<Record<string, unknown>> {
  return s
    .stdout()
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
}

async function waitFor<T>(what: string, ms: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms)
    }),
  ])
}

interface Res {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
  socket: import('node:net').Socket
}

function get(port: number, urlPath: string, opts: { headers?: http.OutgoingHttpHeaders; agent?: http.Agent } = {}) {
  return new Promise<Res>((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: urlPath, headers: opts.headers, agent: opts.agent ?? false, timeout: 5000 },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (d: string) => {
          body += d
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, socket: req.socket! }))
        res.on('error', reject)
      },
    )
    req.on('timeout', () => req.destroy(new Error(`GET ${urlPath} timed out`)))
    req.on('error', reject)
  })
}

afterAll(() => {
  for (const c of started) if (c.exitCode === null && c.signalCode === null && c.pid) process.kill(c.pid, 'SIGKILL')
  rmSync(tmp, { recursive: true, force: true })
})

describe('src/server.ts', () => {
  let server: Server
  let port: number

  beforeAll(async () => {
    server = startServer({
      PORT: '0',
      DATABASE_URL: `file:${path.join(tmp, 'data', 'server.db')}`,
      // Longer than the test's shutdown bound: an idle keep-alive socket must not hold the exit.
      KEEP_ALIVE_TIMEOUT_MS: '60000',
      SHUTDOWN_GRACE_MS: '10000',
    })
    port = await waitFor('the listening log line', 15_000, () => {
      if (server.child.exitCode !== null) throw new Error(`server exited early: ${server.stderr()}`)
      const m = server.stdout().match(/Server listening at http:\/\/127\.0\.0\.1:(\d+)/)
      return m ? Number(m[1]) : undefined
    })
    await waitFor('/ready', 15_000, async () => {
      const res = await get(port, '/ready').catch(() => undefined)
      return res?.status === 200 ? res : undefined
    })
  }, 40_000)

  it('migrates and seeds an empty database at start: /ready reports one article', async () => {
    const res = await get(port, '/ready')
    expect(res.status).toBe(200)
    const body = JSON.parse(res.body)
    expect(body.status).toBe('ready')
    expect(body.articles).toBe(1)
    expect(body.migrations).toBeGreaterThanOrEqual(1)
    const msgs = logLines(server).map((l) => l.msg)
    expect(msgs).toContain('migrations applied')
    expect(msgs).toContain('empty database: seed briefs loaded')
    expect(msgs).toContain('ready')
  })

  it('serves Swagger UI at /docs and OpenAPI 3.1.0 at /docs/json', async () => {
    const ui = await get(port, '/docs')
    expect(ui.status).toBe(200)
    expect(ui.headers['content-type']).toMatch(/^text\/html/)
    const doc = await get(port, '/docs/json')
    expect(doc.status).toBe(200)
    expect(doc.headers['content-type']).toMatch(/^application\/json/)
    const json = JSON.parse(doc.body)
    expect(json.openapi).toBe('3.1.0')
    expect(Object.keys(json.paths)).toContain('/v1/articles')
  })

  it('logs JSON lines with a request id and never the Authorization header', async () => {
    const headers = { authorization: `Bearer ${SECRET}`, cookie: `session=${SECRET}` }
    const responses = await Promise.all([
      get(port, '/health', { headers }),
      get(port, '/v1/articles', { headers }),
      get(port, '/no-such-route', { headers }),
    ])
    expect(responses.map((r) => r.status)).toEqual([200, 200, 404])
    const ids = responses.map((r) => r.headers['x-request-id'])
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/)
    await waitFor('the request log lines', 5_000, () => {
      const done = logLines(server).filter((l) => l.msg === 'request completed')
      return ids.every((id) => done.some((l) => l.reqId === id)) ? true : undefined
    })

    expect(server.stdout()).not.toContain(SECRET)
    expect(server.stderr()).not.toContain(SECRET)
    const lines = logLines(server)
    const requestLines = lines.filter((l) => 'req' in l || 'res' in l)
    expect(requestLines.length).toBeGreaterThanOrEqual(6)
    for (const l of requestLines) expect(typeof l.reqId).toBe('string')
    for (const id of ids) {
      const mine = lines.filter((l) => l.reqId === id).map((l) => l.msg)
      expect(mine).toContain('incoming request')
      expect(mine).toContain('request completed')
    }
  })

  it('exits 0 on SIGTERM within 5 s despite an idle keep-alive connection', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    try {
      const res = await get(port, '/health', { agent })
      expect(res.status).toBe(200)
      expect(res.headers.connection).toBe('keep-alive')
      const socket = res.socket
      const socketClosed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
      await waitFor('the socket back in the agent pool', 2_000, () =>
        Object.values(agent.freeSockets).flat().length === 1 ? true : undefined,
      )
      expect(socket.destroyed).toBe(false)

      const t0 = Date.now()
      expect(server.child.kill('SIGTERM')).toBe(true)
      const { code, signal } = await withTimeout(server.exited, 5_000, 'shutdown')
      expect(signal).toBeNull()
      expect(code).toBe(0)
      expect(Date.now() - t0).toBeLessThan(5_000)
      await withTimeout(socketClosed, 1_000, 'closing the idle socket')
      const shutdown = logLines(server).find((l) => l.msg === 'shutting down')
      expect(shutdown?.signal).toBe('SIGTERM')
      expect(server.stderr()).toBe('')
    } finally {
      agent.destroy()
    }
  })
})

describe('src/server.ts with a bad configuration', () => {
  it('PORT=abc exits non-zero naming PORT', async () => {
    const s = startServer({ PORT: 'abc', DATABASE_URL: `file:${path.join(tmp, 'bad', 'x.db')}` })
    const { code } = await withTimeout(s.exited, 15_000, 'exit on a bad PORT')
    expect(code).not.toBe(0)
    expect(code).not.toBeNull()
    expect(s.stderr()).toMatch(/\bPORT="abc"/)
    expect(s.stdout()).not.toMatch(/Server listening/)
  })
})
