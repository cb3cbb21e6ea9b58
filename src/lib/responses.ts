// The documented error responses of read and write routes, and the empty 204 body.
import { z } from 'zod'
import { ProblemSchema } from './problems.js'

export const READ_ERRORS = {
  400: ProblemSchema,
  404: ProblemSchema,
  410: ProblemSchema,
  429: ProblemSchema,
  500: ProblemSchema,
}

export const WRITE_ERRORS = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  410: ProblemSchema,
  415: ProblemSchema,
  422: ProblemSchema,
  429: ProblemSchema,
  500: ProblemSchema,
  503: ProblemSchema,
}

/** The OpenAPI security requirement of routes that need a key (the scheme is declared in plugins/docs.ts). */
export const BEARER_SECURITY = [{ bearerAuth: [] }]

export const NoContent = z.null().describe('No content')
