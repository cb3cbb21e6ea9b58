// npm run robustness: the robustness suite at full size, then docs/robustness.md.
//   fuzz over TCP (seed 20261129, 20 000 requests) · writers under load (32 readers, 8 writers, 1 000 briefs) ·
//   crash safety (20 SIGKILLs) · graceful shutdown · adapter hazards (cross-process write lock:
//   100 writes; rollback interleaving: 100 repetitions) · slow clients (100 per kind).
// Prints progress; exits 1 if any pass criterion fails. Scenario code: scripts/robustness/*-lib.ts.
import { execSync, spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type CrashResult, runCrash } from './robustness/crash-lib.js'
import { type HazardResult, runHazards } from './robustness/hazards-lib.js'
import { type LoadResult, runLoad } from './robustness/load-lib.js'
import { type Figure, killAllServers, markdownReport, removeTempDirs, ROOT, round } from './robustness/report-lib.js'
import { runShutdown, type ShutdownResult } from './robustness/shutdown-lib.js'

const FUZZ_SEED = 20261129
const FUZZ_COUNT = 20_000

const started = performance.now()
const stamp = () => `${String(Math.round((performance.now() - started) / 1000)).padStart(4)} s`
const log = (line: string) => console.log(`[${stamp()}] ${line}`)

const figures: Figure[] = []
const failures: string[] = []
const notes: string[] = []
const fig = (area: string, figure: string, value: string | number, pass?: boolean) =>
  figures.push({ area, figure, value: String(value), pass })

const loadBefore = os.loadavg().map((n) => round(n, 2))

async function section<T>(name: string, run: () => Promise<T>): Promise<T | null> {
  log(`── ${name}`)
  const t = performance.now()
  try {
    const r = await run()
    log(`── ${name} done in ${round((performance.now() - t) / 1000)} s`)
    return r
  } catch (err) {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err)
    log(`── ${name} FAILED: ${message}`)
    failures.push(`${name}: the scenario did not complete: ${message.split('\n')[0]}`)
    fig(name, 'scenario completed', 'no (threw; see failures)', false)
    await killAllServers()
    return null
  }
}

interface FuzzLike {
  requests: number
  byStatus: Record<string, number>
  byKind: Record<string, number>
  fiveXX: number
  contractViolations: number
  failures: Array<{ seed: number; index: number; status: number; reason: string }>
  integrity: string
  serverUp: boolean
  ms: number
}

// 1. Fuzz (scripts/robustness/fuzz-lib.ts).
const fuzz = await section('Fuzz', async (): Promise<FuzzLike | null> => {
  let mod: {
    runFuzz(opts: {
      seed: number
      count: number
      shrink?: boolean
      socket?: boolean
      log?: (l: string) => void
    }): Promise<FuzzLike>
  }
  try {
    mod = await import('./robustness/fuzz-lib.js')
  } catch (err) {
    failures.push(`fuzz: scripts/robustness/fuzz-lib.ts could not be loaded: ${(err as Error).message}`)
    fig('Fuzz', 'requests fuzzed', 'not run: fuzz-lib unavailable', false)
    return null
  }
  // No shrinking here: it is unbounded in time; every failure is logged with the seed that replays it.
  // Over TCP, so that Node's HTTP parser sees every request and malformed or oversized ones are added.
  return mod.runFuzz({
    seed: FUZZ_SEED,
    count: FUZZ_COUNT,
    shrink: false,
    socket: true,
    log: (l) => log(`fuzz: ${l}`),
  })
})
if (fuzz) {
  const ok5 = fuzz.fiveXX === 0
  const okC = fuzz.contractViolations === 0
  fig(
    'Fuzz',
    `requests fuzzed over TCP (seed ${FUZZ_SEED})`,
    `${fuzz.requests} in ${round(fuzz.ms / 1000)} s`,
    fuzz.requests >= FUZZ_COUNT,
  )
  fig(
    'Fuzz',
    'of them for the HTTP parser (oversized or malformed) / answered 431',
    `${fuzz.byKind.parser ?? 0} / ${fuzz.byStatus['431'] ?? 0}`,
  )
  fig('Fuzz', '5xx found', fuzz.fiveXX, ok5)
  fig('Fuzz', 'contract violations', fuzz.contractViolations, okC)
  fig(
    'Fuzz',
    'integrity_check after / server up',
    `${fuzz.integrity} / ${fuzz.serverUp ? 'yes' : 'no'}`,
    fuzz.integrity === 'ok' && fuzz.serverUp,
  )
  fig(
    'Fuzz',
    'answers by status',
    Object.entries(fuzz.byStatus)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', '),
  )
  if (fuzz.requests < FUZZ_COUNT) failures.push(`fuzz: only ${fuzz.requests} of ${FUZZ_COUNT} requests ran`)
  if (!ok5 || !okC)
    failures.push(
      `fuzz: ${fuzz.fiveXX} 5xx and ${fuzz.contractViolations} contract violations; first: ${fuzz.failures
        .slice(0, 3)
        .map((f) => `[seed ${f.seed} #${f.index}] ${f.status} ${f.reason}`)
        .join(' | ')}`,
    )
  if (fuzz.integrity !== 'ok') failures.push(`fuzz: integrity_check after the run: ${fuzz.integrity}`)
  if (!fuzz.serverUp) failures.push('fuzz: the server was not up after the run')
}

// 2. Writers under load.
const load: LoadResult | null = await section('Writers under load', () =>
  runLoad({ readers: 32, writers: 8, briefs: 1000, timeLimitMs: 25 * 60_000, log }),
)
if (load) {
  const A = 'Writers under load'
  fig(A, 'readers / writers / briefs planned', `32 / 8 / ${load.briefsPlanned}`)
  fig(
    A,
    'writes acknowledged / found afterwards',
    `${load.acknowledged} / ${load.foundAfter} (of ${load.briefsPosted} posted)`,
    load.acknowledged === load.foundAfter && load.acknowledged === load.briefsPlanned,
  )
  fig(
    A,
    'lost briefs (2xx not readable, or error but stored)',
    load.lost + load.phantom,
    load.lost + load.phantom === 0,
  )
  fig(
    A,
    'duplicate actors',
    `${load.duplicateActors} (shared new actor stored ${load.sharedActors}×, linked to ${load.sharedActorLinks} articles)`,
    load.duplicateActors === 0 && load.sharedActors === 1,
  )
  fig(A, '5xx', load.fiveXX, load.fiveXX === 0)
  fig(A, 'torn reads (partial brief seen)', load.tornReads, load.tornReads === 0)
  fig(
    A,
    "readers' p50 / p99 / max under write load",
    `${load.readP50} / ${load.readP99} / ${load.readMax} ms (${load.readRequests} reads, ${load.readErrors} failed)`,
  )
  fig(
    A,
    'writes/s (acknowledged briefs per second)',
    `${load.writesPerSec} (${load.writeSeconds} s; write p50 ${load.writeP50} ms, p99 ${load.writeP99} ms)`,
  )
  fig(
    A,
    'integrity_check / foreign keys',
    `${load.integrity} / ${load.foreignKeyViolations} violations`,
    load.integrity === 'ok' && load.foreignKeyViolations === 0,
  )
  failures.push(...load.failures)
}

// 3. Crash safety.
const crash: CrashResult | null = await section('Crash safety', () =>
  runCrash({ cycles: 20, seed: 20261129, timeLimitMs: 5 * 60_000, log }),
)
if (crash) {
  const C = 'Crash safety'
  fig(
    C,
    'kills survived / integrity ok',
    `${crash.cyclesOk}/${crash.cycles} / ${crash.integrityOk}/${crash.kills}`,
    crash.cyclesOk === crash.cycles && crash.integrityOk === crash.kills,
  )
  fig(C, 'acknowledged briefs lost', `${crash.acknowledgedLost} of ${crash.acknowledged}`, crash.acknowledgedLost === 0)
  fig(
    C,
    'partial briefs / foreign key violations',
    `${crash.partialArticles} / ${crash.foreignKeyViolations}`,
    crash.partialArticles === 0 && crash.foreignKeyViolations === 0,
  )
  fig(C, 'ingests in flight at the kill (stored whole)', `${crash.inFlightAtKill} (${crash.inFlightStored})`)
  fig(
    C,
    'restart after the last kill serves every acknowledged brief',
    crash.restartedOk ? 'yes' : 'no',
    crash.restartedOk,
  )
  failures.push(...crash.failures)
}

// 4. Graceful shutdown: the bundle as the Docker image runs it, then through `npm start` as the README says.
for (const launcher of ['bundle', 'npm'] as const) {
  const how = launcher === 'bundle' ? 'node dist/server.mjs' : 'npm start'
  const S = `Graceful shutdown, ${how}`
  const shutdown: ShutdownResult | null = await section(S, () =>
    // A 1,000-claim ingest and SIGTERM 30 ms after the last request is written: with the writer
    // thread a 300-claim ingest could finish before a SIGTERM sent 250 ms later, leaving nothing
    // in flight to test.
    runShutdown({ inFlight: 40, ingests: 6, bigClaims: 1000, sigtermAfterMs: 30, launcher, log }),
  )
  if (!shutdown) continue
  fig(
    S,
    'requests in flight at SIGTERM (begun, not answered) completed 2xx',
    `${shutdown.inFlightCompleted2xx}/${shutdown.inFlightAtSigterm} (${shutdown.begunBeforeSigterm} begun by the server before SIGTERM)`,
    shutdown.inFlightAtSigterm > 0 && shutdown.inFlightCompleted2xx === shutdown.inFlightAtSigterm,
  )
  fig(
    S,
    'requests written: 2xx / refused 503 (not yet read at SIGTERM) / reset or other',
    `${shutdown.completed2xx} / ${shutdown.refused503} / ${shutdown.failedInFlight.length} of ${shutdown.inFlight}`,
    shutdown.failedInFlight.length === 0 && shutdown.completed2xx + shutdown.refused503 === shutdown.inFlight,
  )
  fig(
    S,
    'ingests acknowledged / stored whole',
    `${shutdown.ingestsAcknowledged} / ${shutdown.ingestsStoredWhole}`,
    shutdown.ingestsAcknowledged === shutdown.ingestsStoredWhole,
  )
  fig(S, 'requests after SIGTERM', shutdown.newRequests.join(', '), shutdown.newRequestsRejectedOk)
  fig(S, 'idle keep-alive socket closed', shutdown.idleSocketClosed ? 'yes' : 'no', shutdown.idleSocketClosed)
  fig(
    S,
    'exit code and time after SIGTERM',
    `${shutdown.exitCode ?? shutdown.exitSignal} in ${shutdown.exitMs} ms`,
    shutdown.exitCode === 0 && shutdown.exitMs <= 5000,
  )
  fig(
    S,
    '-wal file after exit / integrity_check',
    `${shutdown.walBytes === null ? 'absent (checkpointed)' : `${shutdown.walBytes} bytes`} / ${shutdown.integrity}`,
    (shutdown.walBytes ?? 0) === 0 && shutdown.integrity === 'ok',
  )
  failures.push(...shutdown.failures)
}

// 5. Adapter hazards.
const hz: HazardResult | null = await section('Adapter hazards (write lock, interleaving)', () =>
  runHazards({ writesAfter: 100, interleavings: 100, seed: 20261129, log }),
)
if (hz) {
  const H = 'Adapter hazards (write lock, interleaving)'
  fig(
    H,
    `PATCH and ingest during a ${hz.shortHold.holdMs} ms foreign write lock (busy timeout 2000 ms)`,
    `PATCH ${hz.shortHold.patchStatus} after ${hz.shortHold.patchMs} ms, ingest ${hz.shortHold.status} after ${hz.shortHold.ms} ms`,
    hz.shortHold.patchStatus === 200 && hz.shortHold.status === 201,
  )
  fig(
    H,
    'slowest /health while the lock was held (event loop stall)',
    `${hz.shortHold.healthMaxMs} ms (${hz.longHold.healthMaxMs} ms under the long lock)`,
  )
  fig(
    H,
    `busy-lock 503: ${hz.longHold.holdMs} ms lock, busy timeout ${hz.longHold.busyTimeoutMs} ms`,
    `ingest ${hz.longHold.ingestStatus} after ${hz.longHold.ingestMs} ms (Retry-After ${hz.longHold.ingestRetryAfter}, ${hz.longHold.bodyCode}), PATCH ${hz.longHold.patchStatus} (Retry-After ${hz.longHold.patchRetryAfter})`,
    hz.longHold.ingestStatus === 503 &&
      hz.longHold.patchStatus === 503 &&
      !!hz.longHold.ingestRetryAfter &&
      !!hz.longHold.patchRetryAfter,
  )
  fig(
    H,
    'subsequent writes ok / present after restart',
    `${hz.after.ok}/${hz.after.writes} / ${hz.after.survivedRestart ? 'yes' : 'no'} (${hz.after.changeRows} change rows)`,
    hz.after.ok === hz.after.writes && hz.after.survivedRestart,
  )
  fig(
    H,
    "interleaving: B's change present after A's rollback",
    `${hz.interleave.bPresent}/${hz.interleave.repetitions} (A rejected ${hz.interleave.aRejected}, A leftovers ${hz.interleave.aLeftovers}, B finished first ${hz.interleave.bOvertookA}×)`,
    hz.interleave.bPresent === hz.interleave.repetitions &&
      hz.interleave.aLeftovers === 0 &&
      hz.interleave.aRejected === hz.interleave.repetitions,
  )
  failures.push(...hz.failures)
}

// 6. Slow clients: the test file at 100 slow clients per kind.
await section('Slow clients', async () => {
  const S = 'Slow clients'
  const run = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--project',
      'robustness',
      'test/robustness/slow-clients.test.ts',
    ],
    { cwd: ROOT, env: { ...process.env, SLOW_CLIENTS: '100', NO_COLOR: '1', FORCE_COLOR: '0' }, encoding: 'utf8' },
  )
  const line = /slow clients: [^\n]*/.exec(run.stdout)?.[0] ?? 'no summary line (see the vitest output)'
  fig(
    S,
    '100 header + 100 body tricklers, 100 silent sockets (REQUEST_TIMEOUT_MS 1000)',
    line.replace('slow clients: ', ''),
  )
  fig(S, 'vitest run of test/robustness/slow-clients.test.ts', run.status === 0 ? 'passed' : 'FAILED', run.status === 0)
  if (run.status !== 0) failures.push(`slow clients: ${run.stdout.slice(-1500)}`)
})

await killAllServers()
removeTempDirs()

const totalMs = performance.now() - started
const loadAfter = os.loadavg().map((n) => round(n, 2))
notes.push(
  `Load average (1/5/15 min) at start ${loadBefore.join(' / ')}, at end ${loadAfter.join(' / ')}: latencies and rates depend on what else the machine runs.`,
)
notes.push(
  `Fuzz ran without shrinking (unbounded in time); each failure above names the seed that regenerates its request (scripts/robustness/fuzz-lib.ts).`,
)
notes.push(
  'Readers and writers share one Node process with the server under test on the same cores. The load, crash and hazard scenarios start the server with tsx (src/server.ts); the shutdown scenarios run the built bundle, directly and through `npm start`.',
)
let date: string
try {
  date = execSync('date -u', { encoding: 'utf8' }).trim()
} catch {
  date = new Date().toUTCString()
}
const cpus = os.cpus()
const md = markdownReport({
  date,
  cores: cpus.length,
  cpuModel: cpus[0]?.model.trim() ?? 'unknown CPU',
  node: process.version,
  totalMs,
  figures,
  failures,
  notes,
})
const out = path.join(ROOT, 'docs/robustness.md')
writeFileSync(out, md)
log(
  `wrote ${path.relative(ROOT, out)}; ${failures.length === 0 ? 'all pass criteria met' : `${failures.length} failure(s):`}`,
)
for (const f of failures) console.log(`  - ${f}`)
process.exit(failures.length === 0 ? 0 : 1)
