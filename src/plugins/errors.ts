// One error handler and one not-found handler: every error leaves as RFC 9457 problem+json.
// 5xx are masked (no stack, no SQL) and carry the request id that the log line also carries.
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import { RecordStateError } from '../db/resolve.js'
import { SearchSyntaxError } from '../db/search.js'
import { API_CSP } from '../lib/http.js'
import { type FieldError, PROBLEMS, type ProblemCode, ProblemError, problemBody } from '../lib/problems.js'

const BY_STATUS: Record<number, ProblemCode> = Object.fromEntries(
  (Object.entries(PROBLEMS) as Array<[ProblemCode, { status: number }]>)
    .filter(([code]) => code !== 'validation' && code !== 'invalid-cursor')
    .map(([code, p]) => [p.status, code]),
)

const FASTIFY_CODES: Record<string, ProblemCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad-request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad-request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad-request',
  FST_ERR_BAD_URL: 'bad-request',
  FST_ERR_ASYNC_CONSTRAINT: 'bad-request',
}

interface PrismaLike {
  code?: string
  name?: string
  meta?: Record<string, unknown>
}

/** A PostgreSQL SQLSTATE: from node-postgres (src/db/sql.ts's statements) or inside a Prisma error. */
function sqlState(err: PrismaLike): string | null {
  const direct = err.code ?? ''
  if (/^[0-9A-Z]{5}$/.test(direct) && 'severity' in err) return direct
  const meta = err.meta as { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown } } } | undefined
  for (const c of [meta?.code, meta?.driverAdapterError?.cause?.originalCode])
    if (typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c)) return c
  return null
}

/** PostgreSQL's constraint violations, as the Prisma codes that name them. */
const AS_PRISMA: Record<string, string> = { '23505': 'P2002', '23503': 'P2003' }

/**
 * PostgreSQL states that are transient: a deadlock, a serialisation failure, a lock or statement
 * timeout, too many connections, a lost connection (class 08).
 */
const transient = (state: string) =>
  ['40P01', '40001', '55P03', '57014', '53300'].includes(state) || state.startsWith('08')

/** Text PostgreSQL cannot store (a NUL character) or a malformed value. */
const UNSTORABLE = new Set(['22021', '22P05', '22P02'])

/** Prisma, SQLite and PostgreSQL errors mapped in one place (house style). */
function fromDatabase(err: PrismaLike): ProblemError | null {
  const state = sqlState(err)
  if (state && UNSTORABLE.has(state))
    return new ProblemError(
      'bad-request',
      'The request holds a value the database cannot store (such as a NUL character)',
    )
  const code = (state && AS_PRISMA[state]) || (err.code ?? '')
  const original = String((err.meta as { originalCode?: string } | undefined)?.originalCode ?? '')
  const busy =
    (state !== null && transient(state)) ||
    code.startsWith('SQLITE_BUSY') ||
    original.startsWith('SQLITE_BUSY') ||
    /database is locked/i.test(String((err as { message?: string }).message ?? ''))
  // P1001: the database server cannot be reached (PostgreSQL).
  if (code === 'P1008' || code === 'P2028' || code === 'P1001' || busy)
    return new ProblemError('unavailable', 'The database is busy; retry shortly', { headers: { 'retry-after': '2' } })
  if (code === 'P2002') return new ProblemError('conflict', 'A record with the same unique value already exists')
  if (code === 'P2025') return new ProblemError('not-found', 'The record does not exist')
  if (code === 'P2003') return new ProblemError('conflict', 'The change would break a reference between records')
  return null
}

/** The typed errors of src/db/ (which knows no HTTP), mapped once. */
function fromRecordState(err: RecordStateError): ProblemError {
  const Kind = err.kind[0]?.toUpperCase() + err.kind.slice(1)
  if (err.reason === 'missing') return new ProblemError('not-found', `No ${err.kind} "${err.token}"`)
  if (err.reason === 'deleted') return new ProblemError('gone', `${Kind} "${err.token}" was deleted`)
  return new ProblemError('conflict', `${Kind} "${err.token}" was merged into ${err.mergedInto}; edit that one`, {
    extra: { mergedInto: err.mergedInto },
  })
}

const SEARCH_SYNTAX = new ProblemError('validation', 'The search query could not be understood', {
  errors: [{ pointer: '/query/q', message: 'check quotes, parentheses and AND/OR/NOT' }],
})

function validationErrors(err: FastifyError): FieldError[] {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const context = (err as FastifyError & { validationContext?: string }).validationContext ?? 'request'
    const where = context === 'querystring' ? 'query' : context
    return err.validation.flatMap((v) => {
      const keys = (v.params as { keys?: unknown } | undefined)?.keys
      // Unknown keys are reported at the object; point at each key instead.
      if (v.keyword === 'unrecognized_keys' && Array.isArray(keys))
        return keys.map((k) => ({
          pointer: `${`/${where}${v.instancePath}`.replace(/\/$/, '')}/${k}`,
          message: `unknown parameter "${k}"`,
        }))
      return [{ pointer: `/${where}${v.instancePath}`.replace(/\/$/, ''), message: v.message ?? 'invalid' }]
    })
  }
  return []
}

/**
 * Errors of Node's HTTP parser, before Fastify sees a request (Fastify's clientErrorHandler): a
 * malformed request line or header (400), headers over the size limit (431), a request not received
 * within the timeout (408). Answered as problem+json on the raw socket, then closed; nothing is
 * written to a socket that is already gone. The request was never parsed, so the problem names no
 * instance.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }
  const code: ProblemCode =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? 'headers-too-large'
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'request-timeout'
        : 'bad-request'
  const detail =
    code === 'headers-too-large'
      ? 'The request line and headers are larger than the server accepts'
      : code === 'request-timeout'
        ? 'The request was not received in time'
        : 'The request could not be parsed as HTTP'
  const body = JSON.stringify(problemBody(code, detail, ''))
  const { status } = PROBLEMS[code]
  socket.end(
    [
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
      'content-type: application/problem+json; charset=utf-8',
      `content-length: ${Buffer.byteLength(body)}`,
      'x-content-type-options: nosniff',
      `content-security-policy: ${API_CSP}`,
      'referrer-policy: no-referrer',
      'connection: close',
      '',
      body,
    ].join('\r\n'),
  )
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: ProblemError): FastifyReply {
  const path = request.url.split('?')[0] ?? request.url
  const body = problemBody(problem.code, problem.message, path.length > 500 ? `${path.slice(0, 500)}…` : path, {
    ...(problem.errors ? { errors: problem.errors } : {}),
    ...problem.extra,
    ...(problem.status >= 500 ? { requestId: String(request.id) } : {}),
  })
  return reply
    .code(problem.status)
    .headers(problem.headers)
    .type('application/problem+json; charset=utf-8')
    .serializer(JSON.stringify)
    .send(body)
}

function toProblem(err: FastifyError & PrismaLike, request: FastifyRequest): ProblemError {
  if (err instanceof ProblemError) return err
  if (err instanceof RecordStateError) return fromRecordState(err)
  if (err instanceof SearchSyntaxError) return SEARCH_SYNTAX
  if (hasZodFastifySchemaValidationErrors(err)) {
    const errors = validationErrors(err)
    return new ProblemError('validation', errors.map((e) => `${e.pointer}: ${e.message}`).join('; '), { errors })
  }
  const db = fromDatabase(err)
  if (db) return db
  const mapped = err.code ? FASTIFY_CODES[err.code] : undefined
  if (mapped) return new ProblemError(mapped, err.message)
  if (isResponseSerializationError(err)) {
    request.log.error({ err, issues: err.cause?.issues }, 'response did not match its schema')
    return new ProblemError('internal', 'Internal server error')
  }
  const status = typeof err.statusCode === 'number' ? err.statusCode : 500
  if (status >= 400 && status < 500) {
    const code = BY_STATUS[status] ?? 'bad-request'
    return new ProblemError(code, err.message || PROBLEMS[code].title)
  }
  return new ProblemError('internal', 'Internal server error')
}

/**
 * The problem an error is answered with, logged once: 5xx as errors, the rest as rejected requests.
 * The error handler sends it as problem+json; the brief pages' handler as an HTML page to browsers.
 */
export function problemOf(err: FastifyError & PrismaLike, request: FastifyRequest): ProblemError {
  const problem = toProblem(err, request)
  if (problem.status >= 500) request.log.error({ err, code: problem.code }, 'request failed')
  else request.log.info({ code: problem.code, detail: problem.message }, 'request rejected')
  return problem
}

/**
 * The first string (or key) of a body that the databases cannot store as sent, and why: a lone
 * UTF-16 surrogate (it would come back as U+FFFD), or U+0000 (PostgreSQL refuses it in text; SQLite
 * would keep it, so both refuse it here alike). Bodies are walked 64 levels deep: no schema nests
 * further, and a body nested 100,000 levels must not exhaust the stack.
 */
function unstorable(value: unknown, at: string, depth = 0): { pointer: string; nul: boolean } | null {
  if (typeof value === 'string') {
    if (!value.isWellFormed()) return { pointer: at, nul: false }
    return value.includes('\u0000') ? { pointer: at, nul: true } : null
  }
  if (depth > 64 || value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return null
  for (const [k, v] of Object.entries(value)) {
    const here = `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`
    const hit = unstorable(k, here, depth) ?? unstorable(v, here, depth + 1)
    if (hit !== null) return hit
  }
  return null
}

export default fp(
  async function errors(app: FastifyInstance) {
    app.setErrorHandler((err: FastifyError & PrismaLike, request, reply) =>
      sendProblem(reply, request, problemOf(err, request)),
    )
    // Text the databases cannot store as sent is refused with a pointer, before any validation or
    // write: a lone UTF-16 surrogate (stored as UTF-8 it would come back as U+FFFD and shift every
    // offset after it), or U+0000 (refused the same way on SQLite and PostgreSQL).
    app.addHook('preValidation', async (request) => {
      const bad = unstorable(request.body, '')
      if (bad?.nul)
        throw new ProblemError('bad-request', 'Text may not contain the NUL character (U+0000)', {
          errors: [{ pointer: bad.pointer, message: 'contains U+0000' }],
        })
      if (bad)
        throw new ProblemError('validation', 'The body contains a lone UTF-16 surrogate (not valid Unicode text)', {
          errors: [{ pointer: `/body${bad.pointer}`, message: 'lone surrogate' }],
        })
    })
    app.setNotFoundHandler((request, reply) =>
      sendProblem(
        reply,
        request,
        new ProblemError('not-found', `No route ${request.method} ${request.url.split('?')[0]}`),
      ),
    )
  },
  { name: 'errors' },
)
