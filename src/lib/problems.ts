// The one error shape: RFC 9457 problem details, built from a small catalogue of named errors (problems.json).
// Tests assert `code`, not the wording of `detail`.
import { z } from 'zod'
import CATALOGUE from './problems.json' with { type: 'json' }

export const PROBLEM_BASE = 'https://geobrief.dev/problems/'

/** The catalogue: each code's HTTP status and the title every problem of that code carries. */
export const PROBLEMS: Readonly<Record<keyof typeof CATALOGUE, { readonly status: number; readonly title: string }>> =
  CATALOGUE

export type ProblemCode = keyof typeof PROBLEMS

export const FieldErrorSchema = z
  .object({
    pointer: z.string().describe('JSON Pointer to the field (RFC 6901), e.g. /claims/3/evidence/start or /query/limit'),
    message: z.string(),
  })
  .meta({ id: 'FieldError' })

export const ProblemSchema = z
  .object({
    type: z.string().describe('URI identifying the problem type'),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string().describe('The request path'),
    code: z.string().describe('Stable machine-readable code'),
    requestId: z.string().optional().describe('Request id, as in the server log (5xx)'),
    errors: z.array(FieldErrorSchema).optional().describe('Per-field problems'),
    articleId: z.string().optional().describe('409 on ingest: the article that holds the slug'),
    slug: z.string().optional().describe('409 on ingest: the slug in conflict'),
    actorId: z.string().optional().describe('409 on actor edits: the actor that holds the Wikidata id'),
    mergedInto: z.string().optional().describe('409 on actor edits: the survivor a merged actor now points to'),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json)' })

export type Problem = z.infer<typeof ProblemSchema>
export type FieldError = z.infer<typeof FieldErrorSchema>

export class ProblemError extends Error {
  readonly code: ProblemCode
  readonly status: number
  readonly errors?: FieldError[]
  readonly headers: Record<string, string>
  readonly extra: Record<string, unknown>

  constructor(
    code: ProblemCode,
    detail: string,
    opts: { errors?: FieldError[]; headers?: Record<string, string>; extra?: Record<string, unknown> } = {},
  ) {
    super(detail)
    this.code = code
    this.status = PROBLEMS[code].status
    this.errors = opts.errors
    this.headers = opts.headers ?? {}
    this.extra = opts.extra ?? {}
  }
}

export function problemBody(
  code: ProblemCode,
  detail: string,
  instance: string,
  extra: Partial<Problem> & Record<string, unknown> = {},
): Problem {
  const { status, title } = PROBLEMS[code]
  return { type: `${PROBLEM_BASE}${code}`, title, status, detail, instance, code, ...extra }
}
