// Response cache for every GET under /v1 and the brief pages (on when CACHE_MAX_BYTES > 0). Every request reads the
// current data version (see db/data-version.ts), and a response is stored only if no write committed
// while it was being computed. An entry is served while the version it was stored or last checked at
// is current; after a write, entries are dropped when next asked for, except a brief's: it carries
// its document's ETag (src/db/brief-docs.ts) and is served again if that ETag is still the stored one
// (a covering-index probe), since every change to a row a brief shows clears it in the same
// transaction. So a reader never gets data older than the last committed write, and a write to one
// article leaves the other articles' cached briefs in place (docs/decisions.md, "Cache invalidation
// by what changed").
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { type DataVersion, openDataVersion } from '../db/data-version.js'
import { etagMatches } from '../lib/http.js'

declare module 'fastify' {
  interface FastifyRequest {
    cacheVersion?: string
    cachedEtag?: string
    /** Set by a route whose response stays valid while a brief document keeps this ETag */
    cacheValidator?: { articleId: string; etag: string }
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
  /** The data version the entry was stored or last revalidated at */
  version: string
  /** A brief's document and its ETag when stored: the entry outlives writes that leave it alone */
  validator?: { articleId: string; etag: string }
}

/** The routes cached: the API (/v1/…) and the brief pages (/briefs, /briefs/{slug}). */
const CACHED = /^\/(v1\/|briefs(\/|$))/

export interface CachePluginOptions {
  url: string
  maxBytes: number
}

export default fp(
  async function cache(app: FastifyInstance, opts: CachePluginOptions) {
    const version = await openDataVersion(opts.url, app.db.sql, (pid) => app.db.isOwnWriter(pid))
    app.decorate('dataVersion', version)
    app.db.addCommitListener(() => version.bump())
    app.addHook('onClose', async () => version.close())
    const entries = new Map<string, Entry>()
    let bytes = 0
    // Another instance wrote (or this one may have missed it): every entry would be revalidated when
    // next asked for; drop them now instead (a brief's would pass if its document is unchanged, but
    // it is rebuilt from the stored document at the cost of one read).
    version.onExternalChange(() => {
      entries.clear()
      bytes = 0
    })

    const keyOf = (url: string, accept: string | undefined) => `${url}\n${accept ?? ''}`
    const drop = (key: string, entry: Entry) => {
      entries.delete(key)
      bytes -= entry.body.length
    }
    /** The entry is still what the route would answer at data version `now`. */
    const current = async (entry: Entry, now: string) => {
      if (entry.version === now) return true
      if (!entry.validator || (await app.repos.briefs.etag(entry.validator.articleId)) !== entry.validator.etag)
        return false
      entry.version = now
      return true
    }

    app.addHook('onRequest', async (request, reply) => {
      // Every GET under /v1, and every brief page, depends only on the database, so it is cacheable under this scheme.
      if (request.method !== 'GET' || !CACHED.test(request.routeOptions.url ?? '')) return
      const now = await version.current()
      request.cacheVersion = now
      const key = keyOf(request.url, request.headers.accept)
      const hit = entries.get(key)
      if (!hit) return
      if (!(await current(hit, now))) {
        drop(key, hit)
        return
      }
      // Refresh recency (Map keeps insertion order: oldest first).
      entries.delete(key)
      entries.set(key, hit)
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
      if ((await version.current()) !== request.cacheVersion) return payload // a write committed meanwhile
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
        version: request.cacheVersion,
        ...(request.cacheValidator ? { validator: request.cacheValidator } : {}),
      }
      const key = keyOf(request.url, request.headers.accept)
      const old = entries.get(key)
      if (old) drop(key, old)
      entries.set(key, entry)
      bytes += entry.body.length
      while (bytes > opts.maxBytes) {
        const oldest = entries.entries().next()
        if (oldest.done) break
        drop(oldest.value[0], oldest.value[1])
      }
      reply.header('x-cache', 'miss')
      return payload
    })
  },
  { name: 'cache', dependencies: ['http', 'database', 'repositories'] },
)
