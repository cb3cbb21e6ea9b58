// OpenAPI document generated from the routes' zod schemas, and Swagger UI at /docs with a CSP
// of its own (the API's strict CSP would block the UI's scripts and styles).
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod'

export interface DocsPluginOptions {
  version: string
  serveUi: boolean
}

export const API_DESCRIPTION = `Structured geopolitics briefs: news and analysis articles decomposed into the **actors** involved,
the **claims** they make (with the verbatim quote) and the **events** reported, each traceable to the exact words of the article
through character offsets into the article body (\`body.slice(start, end) === exact\`).

* Reads are public; writes need \`Authorization: Bearer <key>\`.
* Every error is RFC 9457 \`application/problem+json\` with a stable \`code\`.
* Lists are cursor-paginated: \`{ data, page: { limit, nextCursor } }\` plus an RFC 8288 \`Link: rel="next"\` header.
* Every GET carries a strong \`ETag\`; send it back in \`If-None-Match\` for a \`304\`.
* Partial dates carry their precision (day, month, year) and the article's wording; unknown stays null.`

type OpenApiDoc = {
  paths?: Record<
    string,
    Record<
      string,
      {
        operationId?: string
        responses?: Record<string, { content?: Record<string, unknown>; headers?: unknown; description?: string }>
      }
    >
  >
}

const LIST_TYPES = {
  'text/csv': {
    schema: { type: 'string', description: 'RFC 4180 CSV with a header row, UTF-8; every page, streamed' },
  },
  'application/x-ndjson': { schema: { type: 'string', description: 'One JSON item per line; every page, streamed' } },
}
const BRIEF_TYPES = {
  'text/markdown': {
    schema: { type: 'string', description: 'A readable brief: key points, who said what, timeline, sources' },
  },
  'application/ld+json': {
    schema: { type: 'object', description: 'schema.org NewsArticle with Claims, Events and mentioned actors' },
  },
}

/** A browser's request for the brief is sent to its page (src/modules/pages/), which the document leaves out. */
const BRIEF_PAGE_REDIRECT = {
  description:
    'A browser (Accept preferring text/html over every JSON type) is sent to the readable brief page, /briefs/{idOrSlug}',
  headers: { Location: { description: 'The brief page', schema: { type: 'string' } } },
}

type Node = Record<string, unknown>

/**
 * Finishes the generated document: export media types (chosen by Accept or ?format=) on the 200
 * responses, explicit `security: []` on public operations, a server entry.
 */
function documentFormats(doc: OpenApiDoc): OpenApiDoc {
  const full = doc as OpenApiDoc & { components?: { schemas?: Record<string, Node> }; servers?: unknown[] }
  full.servers = [{ url: '/', description: 'This server' }]
  for (const methods of Object.values(doc.paths ?? {}))
    for (const op of Object.values(methods) as Array<Node>) if (op && !('security' in op)) op.security = []
  // Errors are sent as RFC 9457 application/problem+json.
  for (const methods of Object.values(doc.paths ?? {}))
    for (const op of Object.values(methods))
      for (const [status, res] of Object.entries(op?.responses ?? {}))
        if (Number(status) >= 400 && res.content?.['application/json']) {
          res.content = { 'application/problem+json': res.content['application/json'] }
        }
  for (const methods of Object.values(doc.paths ?? {})) {
    const op = methods.get
    const ok = op?.responses?.['200']
    if (!op?.operationId || !ok?.content) continue
    if (['listArticles', 'listActors', 'listClaims', 'listEvents'].includes(op.operationId))
      Object.assign(ok.content, LIST_TYPES)
    if (op.operationId === 'getBrief') {
      Object.assign(ok.content, BRIEF_TYPES)
      if (op.responses) op.responses['303'] = BRIEF_PAGE_REDIRECT
    }
  }
  // Redirects carry their target in Location.
  for (const methods of Object.values(doc.paths ?? {}))
    for (const op of Object.values(methods))
      for (const [status, res] of Object.entries(op?.responses ?? {}))
        if (Number(status) >= 300 && Number(status) < 400)
          res.headers ??= { Location: { description: 'Where the resource is', schema: { type: 'string' } } }
  pruneComponents(full)
  return doc
}

/** The `$ref`s under a node. */
function refsIn(node: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const n of node) refsIn(n, out)
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.add(v.replace('#/components/schemas/', ''))
      else refsIn(v, out)
    }
  return out
}

/**
 * Drops the component schemas no operation reaches: zod's registry also emits the input variant
 * of every named schema ("ActorInput") and schemas only ever used inline, which linters flag.
 */
function pruneComponents(doc: OpenApiDoc & { components?: { schemas?: Record<string, Node> } }): void {
  const schemas = doc.components?.schemas
  if (!schemas) return
  const reached = refsIn(doc.paths, new Set())
  for (const name of reached) refsIn(schemas[name], reached) // the set grows while it is iterated
  for (const name of Object.keys(schemas)) if (!reached.has(name)) delete schemas[name]
}

export default fp(
  async function docs(app: FastifyInstance, opts: DocsPluginOptions) {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: 'Geobrief API', version: opts.version, description: API_DESCRIPTION },
        tags: [
          { name: 'articles', description: 'Articles and their whole briefs' },
          { name: 'actors', description: 'States, bodies, militaries, people and institutions' },
          { name: 'claims', description: 'Who said what about whom, with the verbatim quote' },
          { name: 'events', description: 'Reported events, PLOVER-typed, with participants and sources' },
          { name: 'briefs', description: 'Ingest of whole briefs (needs a write key)' },
          { name: 'search', description: 'Ranked full-text search' },
          { name: 'analysis', description: 'Timeline, relations, positions, related claims' },
          { name: 'changes', description: 'Feed of changes for incremental mirroring' },
          { name: 'system', description: 'Liveness and readiness' },
        ],
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'API key' } },
        },
      },
      transform: jsonSchemaTransform,
      // The provider's transform is typed for its own document type; ours adds formats to the same object.
      transformObject: (input) => documentFormats(jsonSchemaTransformObject(input) as OpenApiDoc) as never,
    })
    if (!opts.serveUi) return
    await app.register(async (scope) => {
      await scope.register(swaggerUi, {
        routePrefix: '/docs',
        staticCSP: true,
        // upgrade-insecure-requests breaks the UI when served over plain http on a non-local host.
        // Swagger UI sets inline styles at run time; scripts stay limited to 'self' and hashes.
        transformStaticCSP: (header) =>
          header
            .replace(/\s*upgrade-insecure-requests;?/, '')
            .replace("style-src 'self' https:", "style-src 'self' https: 'unsafe-inline'"),
        uiConfig: { docExpansion: 'list', deepLinking: true, tryItOutEnabled: true },
      })
    })
  },
  { name: 'docs' },
)
