// POST /v1/extract: raw article text in, a draft brief out, for an editor to review and post to
// /v1/briefs. Nothing is stored. Every actor stored (with its aliases) is offered to the extractor,
// so what editors have stored teaches it.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { EXTRACTOR, ExtractError, type KnownActor, extract } from '../../extract/index.js'
import { BriefSchema } from '../../domain/brief.schema.js'
import { ProblemError, ProblemSchema } from '../../lib/problems.js'
import { BEARER_SECURITY } from '../../lib/responses.js'
import { ExtractBodySchema, ExtractQuery, ExtractResultSchema } from './extract.schemas.js'

const errors = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  413: ProblemSchema,
  415: ProblemSchema,
  422: ProblemSchema,
  429: ProblemSchema,
  500: ProblemSchema,
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** The request body as text: refused when it is not UTF-8 or holds control bytes a text never has. */
function textOf(raw: Buffer): string {
  let text: string
  try {
    text = utf8.decode(raw)
  } catch {
    throw new ProblemError('unsupported-media-type', 'The body is not UTF-8 text')
  }
  // NUL and the C0 controls other than tab, line feed, form feed and carriage return mark binary data.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d)
      throw new ProblemError('unsupported-media-type', 'The body holds binary data, not text')
  }
  return text
}

export const extractRoutes: FastifyPluginAsyncZod = async (app) => {
  // Raw text is accepted here only (encapsulated): every other route refuses text/plain.
  app.addContentTypeParser('text/plain', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, { text: textOf(body as Buffer) })
    } catch (err) {
      done(err as Error, undefined)
    }
  })

  // The store's actors, read once per data version: every committed write may add aliases.
  let known: Promise<KnownActor[]> | null = null
  app.db.addCommitListener(() => {
    known = null
  })
  const knownActors = () => {
    // A failed read is not kept: the next request reads again.
    known ??= app.repos.actors.known().catch((err) => {
      known = null
      throw err
    })
    return known
  }

  app.post(
    '/extract',
    {
      config: { scope: 'write' },
      schema: {
        tags: ['briefs'],
        operationId: 'extractBrief',
        summary: 'Turn raw article text into a draft brief (nothing is stored)',
        description: `Send the text as text/plain, or JSON with optional published, publisher and url. The extractor (${EXTRACTOR}) is a rule and lexicon pipeline: it removes page chrome, finds quotes and reported speech and their speakers, actors, PLOVER-typed events and dates, each with its exact passage. Every claim and event is marked automatic and unreviewed, with a confidence; warnings name what it could not settle (an unattributed quote, an ambiguous actor, an unresolved date). Correct the draft, then POST it to /v1/briefs.`,
        security: BEARER_SECURITY,
        querystring: ExtractQuery,
        body: ExtractBodySchema,
        response: { 200: ExtractResultSchema, ...errors },
      },
    },
    async (request) => {
      const { text, published, publisher, url } = request.body
      try {
        const x = extract(text, {
          ...((published ?? request.query.published) ? { published: published ?? request.query.published } : {}),
          ...(publisher ? { publisher } : {}),
          ...(url ? { url } : {}),
          actors: await knownActors(),
        })
        // The draft in the brief's normal form (defaults filled in), exactly what POST /v1/briefs reads.
        return { brief: BriefSchema.parse(x.brief), warnings: x.warnings }
      } catch (err) {
        if (err instanceof ExtractError)
          throw new ProblemError(
            err.code === 'empty' ? 'validation' : 'unprocessable-text',
            err.code === 'empty' ? 'The text is empty' : 'No sentence was found in the text',
            { errors: [{ pointer: '/body/text', message: err.message }] },
          )
        throw err
      }
    },
  )
}
