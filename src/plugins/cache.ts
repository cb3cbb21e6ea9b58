// Response cache for every GET under /v1 (on when CACHE_MAX_BYTES > 0). An entry is served only
// while the database is unchanged: every request compares the current data version (see db/data-version.ts)
// with the one the cache was filled at, and a response is stored only if no write committed while
// it was being computed. So a reader never gets data older than the last committed write.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { DataVersion } from '../db/data-version.js'
import { etagMatches } from '../lib/http.js'

declare module 'fastify' {
  interface FastifyRequest {
    cacheVersion?: string
    cachedEtag?: string
  }
  interface FastifyInstance {
    dataVersion: DataVersion
  }
}

interface Entry {
  /** UTF-8 bytes, off the V8 heap: counted exactly against maxBytes and not grown by GC headroom. */
  body: Buffer
  type: string
  etag: string
  /** RFC 8288 Link header (next page), part of the response */
  link?: string
}

export interface CachePluginOptions {
  url: string
  maxBytes: number
}

export default fp(
  async function cache(app: FastifyInstance, opts: CachePluginOptions) {
    const version = new DataVersion(opts.url)
    app.decorate('dataVersion', version)
    app.db.addCommitListener(() => version.bump())
    app.addHook('onClose', async () => version.close())
    const entries = new Map<string, Entry>()
    let bytes = 0
    let filledAt = version.current()

    const keyOf = (url: string, accept: string | undefined) => `${url}\n${accept ?? ''}`

    app.addHook('onRequest', async (request, reply) => {
      // Every GET under /v1 depends only on the database, so it is cacheable under this scheme.
      if (request.method !== 'GET' || !request.routeOptions.url?.startsWith('/v1/')) return
      const now = version.current()
      if (now !== filledAt) {
        entries.clear()
        bytes = 0
        filledAt = now
      }
      request.cacheVersion = now
      const hit = entries.get(keyOf(request.url, request.headers.accept))
      if (!hit) return
      // Refresh recency (Map keeps insertion order: oldest first).
      entries.delete(keyOf(request.url, request.headers.accept))
      entries.set(keyOf(request.url, request.headers.accept), hit)
      request.cachedEtag = hit.etag
      reply
        .header('etag', hit.etag)
        .header('cache-control', 'public, max-age=0, must-revalidate')
        .header('x-cache', 'hit')
      if (hit.link) reply.header('link', hit.link)
      const inm = request.headers['if-none-match']
      if (typeof inm === 'string' && etagMatches(inm, hit.etag)) return reply.code(304).send()
      return reply.type(hit.type).send(hit.body)
    })

    app.addHook('onSend', async (request, reply, payload) => {
      if (request.cacheVersion === undefined || request.cachedEtag !== undefined) return payload
      // Bodies are text, or bytes sent as stored (brief documents).
      if (reply.statusCode !== 200 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload
      if (version.current() !== request.cacheVersion) return payload // a write committed meanwhile
      const etag = reply.getHeader('etag')
      if (typeof etag !== 'string') return payload
      const link = reply.getHeader('link')
      const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload
      if (body.length > opts.maxBytes / 8) return payload
      const entry: Entry = {
        body,
        type: String(reply.getHeader('content-type') ?? 'application/json'),
        etag,
        ...(typeof link === 'string' ? { link } : {}),
      }
      const key = keyOf(request.url, request.headers.accept)
      entries.set(key, entry)
      bytes += entry.body.length
      while (bytes > opts.maxBytes) {
        const oldest = entries.keys().next()
        if (oldest.done) break
        bytes -= entries.get(oldest.value)?.body.length ?? 0
        entries.delete(oldest.value)
      }
      reply.header('x-cache', 'miss')
      return payload
    })
  },
  { name: 'cache', dependencies: ['http', 'database'] },
)
