// buildApp: the table of contents of the service. Never listens; server.ts and tests call it.
import { randomUUID } from 'node:crypto'
import nodeHttp from 'node:http'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Config } from './config.js'
import { actorRoutes } from './modules/actors/actors.routes.js'
import { analysisRoutes } from './modules/analysis/analysis.routes.js'
import { articleRoutes } from './modules/articles/articles.routes.js'
import { briefRoutes } from './modules/briefs/briefs.routes.js'
import { changeRoutes } from './modules/changes/changes.routes.js'
import { claimRoutes } from './modules/claims/claims.routes.js'
import { searchRoutes } from './modules/search/search.routes.js'
import { pageRoutes } from './modules/pages/pages.routes.js'
import { eventRoutes } from './modules/events/events.routes.js'
import { extractRoutes } from './modules/extract/extract.routes.js'
import { systemRoutes } from './modules/system/system.routes.js'
import auth from './plugins/auth.js'
import cache from './plugins/cache.js'
import database from './plugins/database.js'
import docs from './plugins/docs.js'
import errors, { clientErrorHandler, sendProblem } from './plugins/errors.js'
import { API_CSP } from './lib/http.js'
import { ProblemError } from './lib/problems.js'
import http from './plugins/http.js'
import repositories from './plugins/repositories.js'
import shutdown from './plugins/shutdown.js'
import { VERSION } from './version.js'

export interface BuildOptions {
  /** A pino logger or logger options; defaults follow config.LOG_LEVEL. */
  logger?: FastifyServerOptions['logger'] | FastifyServerOptions['loggerInstance']
  pretty?: boolean
}

export function loggerOptions(config: Config, pretty: boolean): FastifyServerOptions['logger'] {
  if (config.LOG_LEVEL === 'silent') return false
  return {
    level: config.LOG_LEVEL,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'],
      censor: '[redacted]',
    },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:standard' } } } : {}),
  }
}

export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<FastifyInstance> {
  // Node's HTTP server only checks request deadlines every connectionsCheckingInterval (30 s by
  // default) and waits 60 s for headers: slow clients would hold sockets far past requestTimeout.
  const serverFactory = (handler: nodeHttp.RequestListener) =>
    nodeHttp.createServer(
      {
        requestTimeout: config.REQUEST_TIMEOUT_MS,
        headersTimeout: Math.min(config.REQUEST_TIMEOUT_MS, 60_000),
        connectionsCheckingInterval: Math.max(100, Math.min(1000, config.REQUEST_TIMEOUT_MS / 4)),
        keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
      },
      handler,
    )
  const app = Fastify({
    serverFactory,
    // Errors the router raises before any hook (bad URL encoding, over-long parameters) get the
    // one error shape and the security headers too; their detail never echoes the input.
    frameworkErrors: (error, request, reply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      reply
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', API_CSP)
        .header('referrer-policy', 'no-referrer')
      return sendProblem(
        reply,
        request,
        new ProblemError(
          tooLong ? 'not-found' : 'bad-request',
          tooLong ? 'No such resource (a path parameter is too long)' : 'The request URL is malformed',
        ),
      )
    },
    // The HTTP parser's own errors (400, 431, 408) in the one error shape too.
    clientErrorHandler,
    logger: (opts.logger as FastifyServerOptions['logger']) ?? loggerOptions(config, opts.pretty ?? false),
    genReqId: () => randomUUID(),
    // Behind a reverse proxy (docker-compose.yml's nginx) the client is X-Forwarded-For's, not the proxy.
    trustProxy:
      typeof config.TRUST_PROXY === 'number'
        ? (() => {
            const hops = config.TRUST_PROXY
            return (_address: string, hop: number) => hop < hops
          })()
        : config.TRUST_PROXY,
    bodyLimit: config.BODY_LIMIT_BYTES,
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    connectionTimeout: config.REQUEST_TIMEOUT_MS * 2,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
    // Graceful shutdown: close idle keep-alive sockets, let in-flight requests finish; new requests
    // on open sockets get a 503 problem from plugins/shutdown.ts (not Fastify's plain JSON 503).
    forceCloseConnections: 'idle',
    return503OnClosing: false,
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    ajv: { customOptions: { coerceTypes: false } },
  }).withTypeProvider<ZodTypeProvider>()

  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.removeContentTypeParser('text/plain')

  await app.register(errors)
  await app.register(http, {
    corsOrigins: config.CORS_ORIGINS,
    readRateLimit: config.READ_RATE_LIMIT,
    writeRateLimit: config.WRITE_RATE_LIMIT,
  })
  await app.register(shutdown, { drainMs: Math.max(100, config.SHUTDOWN_GRACE_MS - 1000) })
  await app.register(docs, { version: VERSION, serveUi: config.DOCS_ENABLED })
  await app.register(database, {
    url: config.DATABASE_URL,
    busyTimeoutMs: config.BUSY_TIMEOUT_MS,
    writer: config.WRITER,
  })
  await app.register(repositories)
  await app.register(auth)
  if (config.CACHE_MAX_BYTES > 0)
    await app.register(cache, { url: config.DATABASE_URL, maxBytes: config.CACHE_MAX_BYTES })

  await app.register(systemRoutes)
  await app.register(articleRoutes, { prefix: '/v1' })
  await app.register(actorRoutes, { prefix: '/v1' })
  await app.register(claimRoutes, { prefix: '/v1' })
  await app.register(eventRoutes, { prefix: '/v1' })
  await app.register(briefRoutes, { prefix: '/v1' })
  await app.register(extractRoutes, { prefix: '/v1' })
  await app.register(changeRoutes, { prefix: '/v1' })
  await app.register(searchRoutes, { prefix: '/v1' })
  await app.register(analysisRoutes, { prefix: '/v1' })
  await app.register(pageRoutes)
  return app
}
