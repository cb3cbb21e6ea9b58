// The main thread's side of the writer thread (docs/decisions.md, "The writer thread"). `writers`
// has the type of the inline writers (src/plugins/writers.ts); each call is posted to the worker
// as one message and answered with its result or its error, rebuilt with its class so that every
// error response is the one inline mode gives. After each acknowledged write the commit listeners
// run (the response cache), before the caller sees the result. If the worker dies, the calls in
// flight fail with a 503 problem and the next call starts a new worker.
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { ProblemError } from '../lib/problems.js'
import { type FromWriter, reviveError, type ToWriter, type WriterData } from './writer-protocol.js'
import { buildWriters, type Writers } from './writers.js'
import type { Database } from '../db/database.js'

export interface WriterThreadOptions extends WriterData {
  /** Called after every write the thread acknowledged (Database.notifyCommitted). */
  onCommit: () => void
  log?: { error(obj: object, msg: string): void; warn(obj: object, msg: string): void }
  /** Longest wait for the worker to finish its writes and exit on close, before it is terminated. */
  closeTimeoutMs?: number
}

/**
 * The worker's code: next to this module's source when run from TypeScript (tests, tsx, `npm run
 * start:dev`), where the worker registers tsx before importing it; dist/writer.mjs next to
 * dist/server.mjs when run from the bundle (scripts/build.mjs).
 */
function workerSpec(): { url: URL; eval?: string } {
  const here = import.meta.url
  if (!here.endsWith('.ts')) return { url: new URL('./writer.mjs', here) }
  const entry = new URL('./writer-thread.worker.ts', here)
  // Node 20 does not apply `--import tsx` in a worker's execArgv to its entry module; registering
  // tsx's hooks from a bootstrap in the worker does.
  const tsxPackage = createRequire(here).resolve('tsx/package.json')
  const api = pathToFileURL(tsxPackage.replace(/package\.json$/, 'dist/esm/api/index.mjs')).href
  return {
    url: entry,
    eval: `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}) })`,
  }
}

const unavailable = (why: string) =>
  new ProblemError('unavailable', `The writer ${why}; retry shortly`, { headers: { 'retry-after': '2' } })

interface Pending {
  resolve(value: unknown): void
  reject(err: Error): void
}

export class WriterThread {
  readonly writers: Writers
  readonly #opts: WriterThreadOptions
  #worker: Worker | undefined
  #ready: Promise<Worker> | undefined
  readonly #pending = new Map<number, Pending>()
  readonly #inflight = new Set<Promise<unknown>>()
  #nextId = 1
  #closed = false
  /** Milliseconds from `new Worker` to its ready message, for the last worker started. */
  startMs = 0

  private constructor(opts: WriterThreadOptions, db: Database) {
    this.#opts = opts
    // The same groups and methods as the inline writers (built here only for their names).
    const shape = buildWriters(db) as unknown as Record<string, Record<string, unknown>>
    const remote: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {}
    for (const [group, methods] of Object.entries(shape)) {
      remote[group] = {}
      for (const method of Object.keys(methods))
        (remote[group] as Record<string, unknown>)[method] = (...args: unknown[]) => this.call(group, method, args)
    }
    // Every group and method of Writers, each answering the worker's result as a promise.
    this.writers = remote as unknown as Writers
  }

  /**
   * Starts the worker without waiting for it, so that it opens the database while the app
   * registers its routes; `started` settles once it is ready (or could not open the database).
   */
  static launch(opts: WriterThreadOptions, db: Database): WriterThread {
    const thread = new WriterThread(opts, db)
    thread.started = thread.#spawn().then(() => undefined)
    thread.started.catch(() => undefined) // reported by whoever awaits `started`
    return thread
  }

  /** The first worker's start: resolves when it has opened the database, rejects if it could not. */
  started: Promise<void> = Promise.resolve()

  /** The running worker, if any (tests terminate it to check recovery). */
  get worker(): Worker | undefined {
    return this.#worker
  }

  #spawn(): Promise<Worker> {
    if (this.#ready) return this.#ready
    const spec = workerSpec()
    const started = performance.now()
    const data: WriterData = { url: this.#opts.url, busyTimeoutMs: this.#opts.busyTimeoutMs }
    const worker = spec.eval
      ? new Worker(spec.eval, { eval: true, workerData: data })
      : new Worker(spec.url, { workerData: data })
    this.#worker = worker
    let lastError: unknown
    const ready = new Promise<Worker>((resolve, reject) => {
      worker.on('message', (msg: FromWriter) => {
        if (msg.type === 'ready') {
          this.startMs = performance.now() - started
          resolve(worker)
        } else if (msg.type === 'failed') {
          reject(reviveError(msg.error))
          void worker.terminate()
        } else this.#settle(msg)
      })
      worker.on('error', (err) => {
        lastError = err
        this.#opts.log?.error({ err }, 'writer thread failed')
      })
      worker.on('exit', (code) => {
        if (this.#worker === worker) {
          this.#worker = undefined
          this.#ready = undefined
        }
        reject(lastError ?? new Error(`the writer thread exited (code ${code}) before it was ready`))
        if (this.#pending.size > 0) {
          this.#opts.log?.warn({ code, inFlight: this.#pending.size }, 'writer thread exited with writes in flight')
          const err = unavailable('stopped')
          for (const p of this.#pending.values()) p.reject(err)
          this.#pending.clear()
        }
      })
    })
    this.#ready = ready
    // A worker that failed to start is forgotten, so the next call tries a new one.
    ready.catch(() => {
      if (this.#ready === ready) {
        this.#ready = undefined
        this.#worker = undefined
      }
    })
    return ready
  }

  #settle(msg: Extract<FromWriter, { id: number }>): void {
    const p = this.#pending.get(msg.id)
    if (!p) return
    this.#pending.delete(msg.id)
    if (msg.type === 'result') {
      this.#opts.onCommit()
      p.resolve(msg.result)
    } else p.reject(reviveError(msg.error))
  }

  /** Runs writers[group][method](...args) in the writer thread. */
  call(group: string, method: string, args: unknown[]): Promise<unknown> {
    const run = (async () => {
      if (this.#closed) throw unavailable('is closed')
      let worker: Worker
      try {
        worker = await this.#spawn()
      } catch (err) {
        this.#opts.log?.error({ err }, 'writer thread could not start')
        throw unavailable('could not start')
      }
      const id = this.#nextId++
      return new Promise<unknown>((resolve, reject) => {
        this.#pending.set(id, { resolve, reject })
        try {
          worker.postMessage({ type: 'call', id, group, method, args } satisfies ToWriter)
        } catch (err) {
          this.#pending.delete(id)
          reject(err)
        }
      })
    })()
    this.#inflight.add(run)
    const forget = () => this.#inflight.delete(run)
    run.then(forget, forget)
    return run
  }

  /** Waits for every call made so far to be answered. */
  async drain(): Promise<void> {
    while (this.#inflight.size > 0) await Promise.allSettled([...this.#inflight])
  }

  /**
   * Graceful close: refuses new calls, waits for the calls in flight, then has the worker finish
   * (checkpoint the WAL, close its connections) and waits for it to exit.
   */
  async close(): Promise<void> {
    this.#closed = true
    await this.drain()
    const worker = await this.#ready?.catch(() => undefined)
    if (!worker) return
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
    worker.postMessage({ type: 'close' } satisfies ToWriter)
    const timeout = this.#opts.closeTimeoutMs ?? 30_000
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), timeout)
    })
    if ((await Promise.race([exited, late])) === 'late') {
      this.#opts.log?.error({ timeoutMs: timeout }, 'writer thread did not exit; terminating it')
      await worker.terminate()
    }
    clearTimeout(timer)
  }
}
