// The writer thread (docs/decisions.md, "The writer thread"): owns the write side of the database
// (the write Prisma client and its better-sqlite3 connection) and runs every write the API makes,
// with the same writer code as inline mode (src/plugins/writers.ts), one message per call, plus
// the background rebuild of stale brief documents. Calls are queued by Database's write mutex in
// the order they arrive. On { type: 'close' } it finishes the queued writes, checkpoints the WAL,
// closes its connections and exits.
import { parentPort, workerData } from 'node:worker_threads'
import { Database } from '../db/database.js'
import { type FromWriter, serializeError, type ToWriter, type WriterData } from './writer-protocol.js'
import { buildWriters } from './writers.js'

if (!parentPort) throw new Error('writer-thread.worker.ts runs in a worker thread')
const port = parentPort
const send = (msg: FromWriter) => port.postMessage(msg)
const data = workerData as WriterData

type Method = (...args: unknown[]) => Promise<unknown>

async function main(): Promise<void> {
  let db: Database
  try {
    db = await Database.open({ url: data.url, busyTimeoutMs: data.busyTimeoutMs, read: false })
  } catch (err) {
    send({ type: 'failed', error: serializeError(err) }) // the main thread terminates this thread
    return
  }
  const writers = buildWriters(db) as unknown as Record<string, Record<string, Method>>
  let closing = false
  port.on('message', (msg: ToWriter) => {
    if (msg.type === 'close') {
      if (closing) return
      closing = true
      // Database.close waits for every queued write, then checkpoints and closes.
      db.close().then(
        () => process.exit(0),
        () => process.exit(1),
      )
      return
    }
    const { id, group, method, args } = msg
    const fn = writers[group]?.[method]
    // Called at once, so the write is queued behind the earlier calls before the next message.
    const run = fn ? fn(...args) : Promise.reject(new Error(`no writer ${group}.${method}`))
    run.then(
      (result) => {
        try {
          send({ type: 'result', id, result })
        } catch (err) {
          send({ type: 'error', id, error: serializeError(err) })
        }
      },
      (err: unknown) => send({ type: 'error', id, error: serializeError(err) }),
    )
  })
  send({ type: 'ready' })
}

void main()
