// The messages between the main thread and the writer thread (src/plugins/writer-thread.ts and
// writer-thread.worker.ts), and how an error crosses between them: structured clone keeps an
// Error's message but not its class or its own fields, so an error travels as its class name,
// name, message, stack and own enumerable fields, and is rebuilt on the main thread with its
// prototype. src/plugins/errors.ts then maps it exactly as in inline mode (ProblemError,
// RecordStateError and SearchSyntaxError by class; Prisma and SQLite errors by code and meta).
import { RecordStateError } from '../db/resolve.js'
import { SearchSyntaxError } from '../db/search.js'
import { ProblemError } from '../lib/problems.js'

export interface WriterData {
  url: string
  busyTimeoutMs: number
}

export type ToWriter = { type: 'call'; id: number; group: string; method: string; args: unknown[] } | { type: 'close' }

export type FromWriter =
  | { type: 'ready' }
  | { type: 'failed'; error: SerializedError }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; error: SerializedError }

export interface SerializedError {
  /** The class to rebuild it as: one of CLASSES, or 'Error' for any other. */
  class: string
  name: string
  message: string
  stack?: string
  /** Own enumerable fields: code, meta, status, errors, extra, headers, kind, reason, token … */
  fields: Record<string, unknown>
}

const CLASSES: Record<string, { prototype: Error }> = { ProblemError, RecordStateError, SearchSyntaxError }

function className(err: Error): string {
  // Each entry is an Error subclass; the record's value type only names its prototype.
  for (const [name, cls] of Object.entries(CLASSES)) if (err instanceof (cls as unknown as typeof Error)) return name
  return 'Error'
}

/** A field that cannot be structured-cloned (a function, a class with native state) crosses as its string form. */
function cloneable(value: unknown): unknown {
  try {
    structuredClone(value)
    return value
  } catch {
    return String(value)
  }
}

export function serializeError(err: unknown): SerializedError {
  if (!(err instanceof Error)) return { class: 'Error', name: 'Error', message: String(err), fields: {} }
  const fields: Record<string, unknown> = {}
  // An error's own enumerable fields (code, status, extra …), read by name.
  for (const key of Object.keys(err)) fields[key] = cloneable((err as unknown as Record<string, unknown>)[key])
  return {
    class: className(err),
    name: err.name,
    message: err.message,
    ...(err.stack !== undefined ? { stack: err.stack } : {}),
    fields,
  }
}

export function reviveError(s: SerializedError): Error {
  const proto = CLASSES[s.class]?.prototype ?? Error.prototype
  const err = Object.create(proto) as Error
  const hidden = (key: string, value: unknown) =>
    Object.defineProperty(err, key, { value, writable: true, configurable: true, enumerable: false })
  hidden('message', s.message)
  if (s.stack !== undefined) hidden('stack', s.stack)
  if (err.name !== s.name && !('name' in s.fields)) hidden('name', s.name)
  Object.assign(err, s.fields)
  return err
}
