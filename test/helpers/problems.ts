// The RFC 9457 problem+json assertion every suite uses.
import { expect } from 'vitest'
import { PROBLEM_BASE, PROBLEMS, type ProblemCode } from '../../src/lib/problems.js'

interface Res {
  status: number
  headers: Record<string, string>
  body: unknown
}

export interface ExpectedProblem {
  status: number
  code: ProblemCode
  /** The request path the problem names; any string when not given. */
  instance?: string
  /** Requires a matching entry in `errors`. */
  pointer?: string
}

// biome-ignore lint/suspicious/noExplicitAny: an asymmetric matcher is typed any by vitest
const matcher = (members: Record<string, unknown>, exact: boolean): any =>
  exact ? members : expect.objectContaining(members)

/**
 * Asserts an RFC 9457 problem: status, media type, the members type, title, status, detail,
 * instance and code, and an `errors` entry for `pointer` when one is given. The object form allows
 * no other member (but `errors`); the short form (status, code, pointer) allows extension members
 * such as a conflict's `articleId`. Returns the body.
 */
export function expectProblem(res: Res, expected: ExpectedProblem): Record<string, unknown>
export function expectProblem(res: Res, status: number, code: ProblemCode, pointer?: string): Record<string, unknown>
export function expectProblem(
  res: Res,
  statusOrExpected: number | ExpectedProblem,
  code?: ProblemCode,
  pointer?: string,
): Record<string, unknown> {
  const exact = typeof statusOrExpected !== 'number'
  const expected: ExpectedProblem = exact
    ? statusOrExpected
    : { status: statusOrExpected, code: code as ProblemCode, pointer }
  const body = res.body as Record<string, unknown>
  expect({ status: res.status, code: body.code }).toEqual({ status: expected.status, code: expected.code })
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  const base = {
    type: `${PROBLEM_BASE}${expected.code}`,
    title: PROBLEMS[expected.code].title,
    status: expected.status,
    detail: expect.any(String),
    instance: expected.instance ?? expect.any(String),
    code: expected.code,
  }
  if (expected.pointer !== undefined) {
    expect(body).toEqual(
      matcher(
        { ...base, errors: expect.arrayContaining([{ pointer: expected.pointer, message: expect.any(String) }]) },
        exact,
      ),
    )
  } else if ('errors' in body) {
    expect(body).toEqual(matcher({ ...base, errors: expect.any(Array) }, exact))
  } else {
    expect(body).toEqual(matcher(base, exact))
  }
  return body
}
