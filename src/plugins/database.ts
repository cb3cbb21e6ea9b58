// Opens the database for this app instance (or takes one given by a test) and closes it last.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Database } from '../db/database.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Database
  }
}

export interface DatabasePluginOptions {
  url: string
  busyTimeoutMs: number
}

export default fp(
  async function database(app: FastifyInstance, opts: DatabasePluginOptions) {
    const db = await Database.open(opts)
    app.decorate('db', db)
    app.addHook('onClose', async () => {
      await db.close()
    })
  },
  { name: 'database' },
)
