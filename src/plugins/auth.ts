// Reads are public; every other method needs a bearer key with the route's scope.
// Routes declare `config: { scope: 'write' | 'admin' }`; a mutating route without a scope is a
// startup error, so no write can be registered unprotected by mistake.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { type KeyIdentity, type Scope, scopeAllows, verifyToken } from '../db/keys.js'
import { SAFE_METHODS } from '../lib/http.js'
import { ProblemError } from '../lib/problems.js'

export { BEARER_SECURITY } from '../lib/responses.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    scope?: Scope
  }
  interface FastifyRequest {
    apiKey: KeyIdentity | null
  }
}

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (typeof header !== 'string') return null
  const m = /^Bearer ([^\s]+)$/i.exec(header.trim())
  return m?.[1] ?? ''
}

export default fp(
  async function auth(app: FastifyInstance) {
    app.decorateRequest('apiKey', null)
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method]
      const mutating = methods.some((m) => !SAFE_METHODS.has(m))
      if (mutating && !route.config?.scope)
        throw new Error(`route ${methods.join(',')} ${route.url} changes data but declares no auth scope`)
    })
    // onRequest: refuse before reading or parsing a body, so anonymous clients cannot make the server parse 2 MB.
    app.addHook('onRequest', async (request) => {
      const scope = request.routeOptions.config?.scope
      if (!scope) return
      const token = bearer(request)
      const challenge = { 'www-authenticate': 'Bearer realm="geobrief"' }
      if (token === null)
        throw new ProblemError('unauthorized', 'This route needs Authorization: Bearer <key>', { headers: challenge })
      const key = token ? await verifyToken(app.db.read, token) : null
      if (!key)
        throw new ProblemError('unauthorized', 'The API key is malformed, unknown or revoked', { headers: challenge })
      if (!scopeAllows(key.scope, scope))
        throw new ProblemError('forbidden', `This route needs a key with scope "${scope}"; this key has "${key.scope}"`)
      request.apiKey = key
    })
  },
  { name: 'auth', dependencies: ['database'] },
)
