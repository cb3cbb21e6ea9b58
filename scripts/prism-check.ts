// npm run check:prism: the contract suite's requests (scripts/robustness/contract-requests.ts),
// sent through Stoplight Prism's validating proxy in front of a seeded server. Prism checks each
// request and response against the OpenAPI document the server serves and reports what breaks it
// in an `sl-violations` header; this prints every violation and exits 1 on any, or when a request
// does not answer the status planned. It first proves Prism is validating: the same requests
// against a copy of the document with two schemas made wrong must produce violations.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { buildApp } from '../src/app.js'
import { testConfig } from '../src/config.js'
import { createKey } from '../src/db/keys.js'
import { migrate } from '../src/db/migrate.js'
import { loadSeeds } from '../src/ingest/seed.js'
import { type ContractRequest, contractRequests } from './robustness/contract-requests.js'

const PRISM = path.resolve(import.meta.dirname, '../node_modules/.bin/prism')

interface Violation {
  location: string[]
  severity: string
  code: string | number
  message: string
}

interface Outcome {
  req: ContractRequest
  status: number
  violations: Violation[]
}

/** A port nothing listens on now: the system's choice for a listener opened and closed at once. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/** Starts `prism proxy` for a document file in front of upstream; resolves once it listens. */
async function startPrism(docFile: string, upstream: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    PRISM,
    ['proxy', docFile, upstream, '--host', '127.0.0.1', '--port', String(port), '--errors', 'false'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`prism did not start in 60 s:\n${output}`)), 60_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (/Prism is listening/.test(output)) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`prism exited (${code}) before listening:\n${output}`))
    })
  })
  child.removeAllListeners('exit')
  return child
}

type Tokens = Record<'write' | 'admin', string>

async function send(base: string, req: ContractRequest, tokens: Tokens): Promise<Outcome> {
  const headers: Record<string, string> = {}
  if (req.accept) headers.accept = req.accept
  if (req.auth) headers.authorization = `Bearer ${tokens[req.auth]}`
  if (req.body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(`${base}${req.url}`, {
    method: req.method,
    headers,
    redirect: 'manual',
    body: req.body === undefined ? undefined : JSON.stringify(req.body),
  })
  await res.arrayBuffer()
  return { req, status: res.status, violations: violationsOf(res.headers.get('sl-violations')) }
}

/** The sl-violations header: a JSON array, prefixed "Too many violations! " past Prism's own limit. */
function violationsOf(header: string | null): Violation[] {
  if (!header) return []
  const json = header.replace(/^Too many violations! /, '')
  try {
    return JSON.parse(json) as Violation[]
  } catch {
    return [{ location: ['response'], severity: 'Error', code: 'unparsed', message: header.slice(0, 300) }]
  }
}

/** Every request through a Prism proxy for `doc`. */
async function throughPrism(
  doc: unknown,
  dir: string,
  name: string,
  upstream: string,
  plan: ContractRequest[],
  tokens: Tokens,
): Promise<Outcome[]> {
  const file = path.join(dir, `${name}.json`)
  writeFileSync(file, JSON.stringify(doc))
  const port = await freePort()
  const prism = await startPrism(file, upstream, port)
  try {
    const out: Outcome[] = []
    for (const req of plan) out.push(await send(`http://127.0.0.1:${port}`, req, tokens))
    return out
  } finally {
    prism.kill()
  }
}

/** The document with the actor's slug and the problem's status given the wrong types. */
function brokenDocument(doc: { components: { schemas: Record<string, { properties: Record<string, unknown> }> } }) {
  const broken = structuredClone(doc)
  const actor = broken.components.schemas.Actor
  const problem = broken.components.schemas.Problem
  if (!actor?.properties.slug || !problem?.properties.status) throw new Error('Actor.slug or Problem.status is gone')
  actor.properties.slug = { type: 'integer' }
  problem.properties.status = { type: 'string' }
  return broken
}

const started = Date.now()
const dir = mkdtempSync(path.join(os.tmpdir(), 'geobrief-prism-'))
const url = `file:${path.join(dir, 'prism.db')}`
await migrate(url)
const app = await buildApp(testConfig({ DATABASE_URL: url, READ_RATE_LIMIT: 1_000_000, WRITE_RATE_LIMIT: 1_000_000 }))
let failed = false
try {
  await app.listen({ host: '127.0.0.1', port: 0 })
  await loadSeeds(app)
  const tokens: Tokens = {
    write: (await createKey(app.db.read, 'write', 'prism-check')).token,
    admin: (await createKey(app.db.read, 'admin', 'prism-check-admin')).token,
  }
  const address = app.server.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  const upstream = `http://127.0.0.1:${address.port}`
  const all = await contractRequests(async (u) => {
    const res = await fetch(`${upstream}${u}`)
    if (res.status !== 200) throw new Error(`${u}: ${res.status}`)
    return res.json()
  })
  const plan = all.filter((r) => !r.notForPrism)
  for (const r of all) if (r.notForPrism) console.log(`left out: ${r.label} (${r.notForPrism})`)
  const doc = app.swagger() as unknown as Parameters<typeof brokenDocument>[0]

  // Prism must see a broken document's violations, or its silence below would prove nothing. The
  // control sends the reads only: the writes (a merge) must reach the server once, in the real run.
  const reads = plan.filter((r) => r.method === 'GET')
  const control = await throughPrism(brokenDocument(doc), dir, 'broken', upstream, reads, tokens)
  const caught = control.filter((o) => o.violations.some((v) => v.location[0] === 'response')).map((o) => o.req.label)
  console.log(`control: ${caught.length} of ${reads.length} responses violate the broken document`)
  for (const label of ['actor by slug', 'unknown actor'])
    if (!caught.includes(label)) {
      console.error(`control: Prism did not flag "${label}" against the broken document`)
      failed = true
    }

  const outcomes = await throughPrism(doc, dir, 'openapi', upstream, plan, tokens)
  // Every response must conform; so must every request planned to succeed. The requests planned to
  // fail are meant to break the document's rules (an unknown sort, no key): those violations count apart.
  let violations = 0
  let refused = 0
  for (const o of outcomes) {
    const counted = o.violations.filter((v) => v.location[0] === 'response' || o.req.expectedStatus < 400)
    refused += o.violations.length > counted.length ? 1 : 0
    const wrongStatus = o.status !== o.req.expectedStatus
    if (counted.length === 0 && !wrongStatus) continue
    violations += counted.length
    failed = true
    console.error(`${o.req.method} ${o.req.url} (${o.req.label}) -> ${o.status}, planned ${o.req.expectedStatus}`)
    for (const v of counted) console.error(`  ${v.severity} ${v.location.join('.')}: ${v.message}`)
  }
  const operations = new Set(outcomes.map((o) => `${o.req.method} ${o.req.url.split('?')[0]}`)).size
  const errors = outcomes.filter((o) => o.req.expectedStatus >= 400).length
  console.log(
    `prism: ${outcomes.length} requests (${operations} distinct method and path), ${violations} violations, ` +
      `${outcomes.filter((o) => o.status !== o.req.expectedStatus).length} unplanned statuses; ` +
      `${refused} of the ${errors} requests planned to fail break the document's request rules; ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s`,
  )
} finally {
  await app.close()
  rmSync(dir, { recursive: true, force: true })
}
process.exit(failed ? 1 : 0)
