// npm run fuzz -- --seed N --count M [--socket]: OpenAPI-driven fuzzing of a fresh seeded database
// (scripts/robustness/fuzz-lib.ts). Prints a summary and every recorded failure; exits 1 on any failure.
import { parseArgs } from 'node:util'
import { runFuzz } from './robustness/fuzz-lib.js'

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(Date.now() % 1_000_000_000) },
    count: { type: 'string', default: '2000' },
    'no-shrink': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
    socket: { type: 'boolean', default: false },
  },
})
const seed = Number(values.seed)
const count = Number(values.count)
if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 1) {
  console.error('usage: npm run fuzz -- [--seed <integer>] [--count <requests>] [--socket] [--no-shrink] [--quiet]')
  process.exit(2)
}

const r = await runFuzz({
  seed,
  count,
  shrink: !values['no-shrink'],
  trace: values.trace,
  socket: values.socket,
  log: values.quiet ? undefined : (line) => console.log(line),
})

const rows: Array<[string, string]> = [
  ['seed', String(seed)],
  ['requests', String(r.requests)],
  ['time', `${(r.ms / 1000).toFixed(1)} s (${Math.round(r.requests / (r.ms / 1000))} req/s)`],
  ...Object.entries(r.byStatus)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]): [string, string] => [`  status ${status}`, String(n)]),
  ...Object.entries(r.byKind)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, n]): [string, string] => [`  kind ${kind}`, String(n)]),
  ['5xx', String(r.fiveXX)],
  ['contract violations', String(r.contractViolations)],
  ['integrity', r.integrity],
  ['server up', String(r.serverUp)],
]
const width = Math.max(...rows.map(([k]) => k.length))
console.log(`\n${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}`)

console.log('\nby operation (status: count)')
for (const [op, statuses] of Object.entries(r.byOperation).sort(([a], [b]) => a.localeCompare(b))) {
  const cells = Object.entries(statuses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([s, n]) => `${s}:${n}`)
  console.log(`  ${op.padEnd(20)} ${cells.join(' ')}`)
}

for (const f of r.failures) {
  console.log(`\nFAIL #${f.index} (request seed ${f.seed}) -> ${f.status}: ${f.reason}`)
  console.log(`  request: ${JSON.stringify(f.request)}`)
  if (f.shrunk)
    console.log(`  shrunk (${f.shrunk.shrinks} steps) -> ${f.shrunk.status}: ${JSON.stringify(f.shrunk.request)}`)
  for (const line of f.log ?? []) console.log(`  log: ${line.trim().slice(0, 500)}`)
}
const failed = r.fiveXX + r.contractViolations
if (r.failures.length < failed) console.log(`\n(${failed - r.failures.length} more failures not recorded)`)
const ok = failed === 0 && r.integrity === 'ok' && r.serverUp
console.log(ok ? '\nfuzz: ok' : '\nfuzz: FAILED')
process.exit(ok ? 0 : 1)
