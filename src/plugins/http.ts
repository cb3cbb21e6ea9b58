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
