// The brief pages: HTML rendered on the server for people reading briefs in a browser. GET /briefs
// lists the articles (or searches them), GET /briefs/{slug} shows one brief, and the stylesheet is
// served beside them. No script anywhere (PAGE_CSP, src/lib/http.ts). Hidden from the OpenAPI
// document: these are pages, not API. Errors are HTML pages for browsers and problem+json for
// every other client, as on the API.
import type { FastifyError } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { searchAll } from '../../db/search.js'
import { MEDIA, negotiate } from '../../lib/formats.js'
import { ProblemError } from '../../lib/problems.js'
import { parseSearch } from '../../lib/search-query.js'
import { problemOf, sendProblem } from '../../plugins/errors.js'
import { ArticleListQuery } from '../articles/articles.schemas.js'
import { briefPage } from './pages.brief.js'
import { ICON, ICON_PATH, STYLESHEET, STYLESHEET_PATH } from './pages.css.js'
import { indexPage, searchPage } from './pages.index.js'
import { errorPage } from './pages.layout.js'
import { BriefPageParams, IndexQuery } from './pages.schemas.js'

const PAGE_SIZE = 20
/** Static files, named by their digest: cached for good. */
const ASSETS = [
  [STYLESHEET_PATH, 'text/css; charset=utf-8', STYLESHEET],
  [ICON_PATH, 'image/svg+xml', ICON],
] as const
const ERROR_FORMATS = ['json', 'html'] as const
/** A search page's cursor: the offset of its first hit, as /v1/search writes it. */
const SEARCH_CURSOR = /^o(\d{1,6})$/

function searchOffset(cursor: string | undefined): number {
  if (cursor === undefined) return 0
  const m = SEARCH_CURSOR.exec(cursor)
  if (!m) throw new ProblemError('invalid-cursor', 'The cursor is malformed; follow the next-page link as given')
  return Number(m[1])
}

export const pageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const problem = problemOf(err, request)
    if (negotiate(request, ERROR_FORMATS) !== 'html') return sendProblem(reply, request, problem)
    // A search that failed is shown again in the search box, to be corrected.
    const q = (request.query as { q?: unknown } | undefined)?.q
    return reply
      .code(problem.status)
      .headers(problem.headers)
      .type(MEDIA.html)
      .send(errorPage(problem, typeof q === 'string' ? q : undefined))
  })

  for (const [path, type, body] of ASSETS)
    app.get(path, { schema: { hide: true } }, async (_request, reply) =>
      reply.type(type).header('cache-control', 'public, max-age=31536000, immutable').send(body),
    )

  app.get('/briefs', { schema: { hide: true, querystring: IndexQuery } }, async (request, reply) => {
    const q = request.query.q?.trim()
    reply.type(MEDIA.html)
    if (q) {
      const offset = searchOffset(request.query.cursor)
      const hits = await searchAll(app.db.sql, parseSearch(q), ['article'], PAGE_SIZE + 1, offset)
      const next = hits.length > PAGE_SIZE ? `o${offset + PAGE_SIZE}` : null
      return reply.send(searchPage(q, hits.slice(0, PAGE_SIZE), next))
    }
    const list = await app.repos.articles.list(
      ArticleListQuery.parse({ sort: '-published', limit: PAGE_SIZE, cursor: request.query.cursor }),
    )
    return reply.send(indexPage(list.rows, list.page.nextCursor))
  })

  // Deeper paths are not pages either, but a browser that asks gets an HTML 404 like any other.
  app.get('/briefs/*', { schema: { hide: true } }, async () => {
    throw new ProblemError('not-found', 'No such page')
  })

  app.get('/briefs/:slug', { schema: { hide: true, params: BriefPageParams } }, async (request, reply) => {
    const { slug } = request.params
    const id = await app.repos.articles.resolve(slug)
    // The page shows the brief and nothing else: cached while its document keeps this ETag (plugins/cache.ts).
    const etag = await app.repos.briefs.etag(id)
    if (etag) request.cacheValidator = { articleId: id, etag }
    const brief = await app.repos.briefs.read(id)
    if (!brief) throw new ProblemError('not-found', `No brief "${slug}"`)
    if (brief.article.slug !== slug) return reply.redirect(`/briefs/${brief.article.slug}`, 308)
    return reply.type(MEDIA.html).send(briefPage(brief))
  })
}
