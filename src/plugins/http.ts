// Cross-cutting HTTP behaviour: security headers, CORS, rate limits, strong ETags with 304s,
// and Cache-Control. The strict CSP is set here for every route except the docs scope,
// which sets its own (see plugins/docs.ts): API_CSP for data, PAGE_CSP for the HTML brief pages.
import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { cspFor, etagMatches, etagOf, SAFE_METHODS } from '../lib/http.js'
import { ProblemError } from '../lib/problems.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by the docs scope: its responses carry Swagger UI's own CSP. */
    docs?: boolean
  }
}

export interface HttpPluginOptions {
  corsOrigins: string[]
  readRateLimit: number
  writeRateLimit: number
}

export default fp(
  async function http(app: FastifyInstance, opts: HttpPluginOptions) {
    await app.register(helmet, {
      contentSecurityPolicy: false,
      crossOriginEmbedderPolicy: false,
      hsts: false, // plain http on loopback and behind TLS-terminating proxies; the proxy sets HSTS
    })
    app.addHook('onSend', async (request, reply, payload) => {
      if (!request.routeOptions.config?.docs)
        reply.header('content-security-policy', cspFor(reply.getHeader('content-type')))
      return payload
    })
    await app.register(cors, {
      origin: opts.corsOrigins.length > 0 ? opts.corsOrigins : false,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'If-None-Match', 'Idempotency-Key'],
      exposedHeaders: ['ETag', 'Link', 'Location', 'Retry-After', 'X-Request-Id'],
      maxAge: 600,
    })
    // One app-wide onRequest hook, registered before auth and the response cache, so that
    // failed authentication and cache hits count against the limit too.
    await app.register(rateLimit, {
      global: false,
      max: (request) => (SAFE_METHODS.has(request.method) ? opts.readRateLimit : opts.writeRateLimit),
      timeWindow: 60_000,
      keyGenerator: (request) => `${SAFE_METHODS.has(request.method) ? 'r' : 'w'}:${request.ip}`,
      errorResponseBuilder: (_request, context) =>
        new ProblemError(
          'rate-limited',
          `Rate limit of ${context.max} requests per minute exceeded; retry in ${Math.ceil(context.ttl / 1000)} s`,
          {
            headers: { 'retry-after': String(Math.ceil(context.ttl / 1000)) },
          },
        ),
    })
    app.addHook('onRequest', app.rateLimit())

    // PostgreSQL cannot store U+0000 in text and no article holds one: a body with it is refused the
    // same way on both databases, before any validation or write, pointing at the first such string.
    app.addHook('preValidation', async (request) => {
      const pointer = nulPointer(request.body, '')
      if (pointer !== null)
        throw new ProblemError('bad-request', 'Text may not contain the NUL character (U+0000)', {
          errors: [{ pointer, message: 'contains U+0000' }],
        })
    })

    // Strong ETag over the exact bytes sent; If-None-Match -> 304 without a body.
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return payload
      reply.header('x-request-id', String(request.id))
      if (reply.statusCode !== 200) return payload
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload
      // A route that sends a stored document sets its stored ETag (the digest of the same bytes).
      const known = reply.getHeader('etag')
      const etag = request.cachedEtag ?? (typeof known === 'string' ? known : etagOf(payload))
      reply.header('etag', etag)
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'public, max-age=0, must-revalidate')
      const inm = request.headers['if-none-match']
      if (typeof inm === 'string' && etagMatches(inm, etag)) {
        reply.code(304)
        reply.removeHeader('content-length')
        reply.removeHeader('content-type')
        return ''
      }
      return payload
    })
  },
  { name: 'http', dependencies: ['errors'] },
)

/**
 * The JSON Pointer of a string (or key) under `value` that holds U+0000, or null. Iterative, with
 * the path kept as parent links: bodies may nest 100,000 levels deep (the JSON parser allows it),
 * which a recursive walk or eagerly built pointers could not survive.
 */
export function nulPointer(value: unknown, at: string): string | null {
  interface Node {
    value: unknown
    key: string | null
    parent: Node | null
  }
  const pointer = (node: Node) => {
    const keys: string[] = []
    for (let n: Node | null = node; n?.key != null; n = n.parent) keys.push(n.key)
    return (
      at +
      keys
        .reverse()
        .map((k) => `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`)
        .join('')
    )
  }
  const stack: Node[] = [{ value, key: null, parent: null }]
  for (let node = stack.pop(); node; node = stack.pop()) {
    const v = node.value
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return pointer(node)
      continue
    }
    if (!v || typeof v !== 'object' || ArrayBuffer.isView(v)) continue
    const entries = Object.entries(v)
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, child] = entries[i] as [string, unknown]
      const here: Node = { value: child, key: k, parent: node }
      if (k.includes('\u0000')) return pointer(here)
      stack.push(here)
    }
  }
  return null
}
