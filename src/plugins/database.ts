// Opens the database for this app instance and closes it last. In thread mode (WRITER=thread) the
// main thread opens only the read side and the writes run in the writer thread
// (src/plugins/writer-thread.ts), started here; in inline mode the Database has both sides.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Database } from '../db/database.js'
import { isPostgresUrl } from '../db/postgres/connection.js'
import { WriterThread } from './writer-thread.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Database
    /** The writer thread in thread mode; undefined in inline mode. */
    writerThread: WriterThread | undefined
  }
}

export interface DatabasePluginOptions {
  url: string
  busyTimeoutMs: number
  writer: 'thread' | 'inline'
}

export default fp(
  async function database(app: FastifyInstance, opts: DatabasePluginOptions) {
    // The writer thread exists for SQLite, whose statements run synchronously; PostgreSQL's writes
    // wait on the network and leave the event loop free, so they run inline.
    const thread = opts.writer === 'thread' && !isPostgresUrl(opts.url)
    const db = await Database.open({ url: opts.url, busyTimeoutMs: opts.busyTimeoutMs, write: !thread })
    // The worker opens its connections while the rest of the app is built; app.ready() waits for
    // it and fails if it cannot open the database.
    const writerThread = thread
      ? WriterThread.launch(
          { url: opts.url, busyTimeoutMs: opts.busyTimeoutMs, onCommit: () => db.notifyCommitted(), log: app.log },
          db,
        )
      : undefined
    if (writerThread)
      app.addHook('onReady', async () => {
        await writerThread.started
        app.log.info({ ms: Math.round(writerThread.startMs) }, 'writer thread started')
      })
    app.decorate('db', db)
    app.decorate('writerThread', writerThread)
    app.addHook('onClose', async () => {
      // Writes in flight finish first; then the read connections close, and the writer thread
      // checkpoints the WAL and closes last, so no -wal file is left behind.
      await writerThread?.drain()
      await db.close()
      await writerThread?.close()
    })
  },
  { name: 'database' },
)
