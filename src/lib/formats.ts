// Content negotiation for alternative representations (exports), and CSV/NDJSON streaming of
// every page of a list without holding the whole list in memory.
import { Readable } from 'node:stream'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'

export const LIST_FORMATS = ['json', 'csv', 'ndjson'] as const
export const BRIEF_FORMATS = ['json', 'markdown', 'jsonld'] as const
export type ListFormat = (typeof LIST_FORMATS)[number]
export type BriefFormat = (typeof BRIEF_FORMATS)[number]

export const MEDIA = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  ndjson: 'application/x-ndjson; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
  jsonld: 'application/ld+json; charset=utf-8',
  html: 'text/html; charset=utf-8',
} as const

const ACCEPT: Record<string, string> = {
  'application/json': 'json',
  'text/csv': 'csv',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'text/markdown': 'markdown',
  'application/ld+json': 'jsonld',
  // Only the routes that list 'html' among their formats answer it (the brief pages).
  'text/html': 'html',
  'application/xhtml+xml': 'html',
}

export const ListFormatSchema = z
  .enum(LIST_FORMATS)
  .optional()
  .describe('Representation: json (default, one page), csv or ndjson (every page, streamed). Also chosen by Accept.')

/** The format asked for: the `format` parameter, else the Accept header's most preferred known type, else json. */
export function negotiate<F extends string>(request: FastifyRequest, allowed: readonly F[], param?: F): F {
  if (param) return param
  const accept = request.headers.accept
  if (typeof accept !== 'string') return 'json' as F
  const ranked = accept
    .split(',')
    .map((part, i) => {
      const [type, ...params] = part.trim().split(';')
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      return { type: (type ?? '').trim().toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, i }
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
  for (const { type } of ranked) {
    const f = ACCEPT[type]
    if (f && (allowed as readonly string[]).includes(f)) return f as F
  }
  return 'json' as F
}

/** RFC 4180: CRLF line ends, fields with comma, quote or line break are quoted, quotes doubled. */
export function csvLine(values: unknown[]): string {
  return `${values
    .map((v) => {
      const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
    })
    .join(',')}\r\n`
}

export interface Columns<T> {
  [name: string]: (item: T) => unknown
}

/** The CSV columns of a partial date: `name` (the reduced ISO date), `namePrecision`, `nameText`. */
export function dateCsvColumns<T>(
  name: string,
  get: (item: T) => { date: string; precision: string; text: string | null } | null,
): Columns<T> {
  return {
    [name]: (item) => get(item)?.date,
    [`${name}Precision`]: (item) => get(item)?.precision,
    [`${name}Text`]: (item) => get(item)?.text,
  }
}

/** CSV columns that are an item's own fields, under their names, in the order given. */
export function fieldColumns<T>(...names: Array<keyof T & string>): Columns<T> {
  return Object.fromEntries(names.map((n) => [n, (item: T) => item[n]]))
}

/**
 * Streams every page of a list as CSV or NDJSON. `page(cursor)` returns one page; pages are
 * fetched one at a time as the client reads, so memory stays flat whatever the list's size. The
 * first page is fetched before anything is sent, so that a query the list refuses (a bad search
 * expression, an unknown cursor) is answered with its problem, not with a stream cut short.
 */
export async function streamList<T>(
  reply: FastifyReply,
  format: 'csv' | 'ndjson',
  columns: Columns<T>,
  page: (cursor?: string) => Promise<{ rows: T[]; page: { nextCursor: string | null } }>,
  filename: string,
): Promise<FastifyReply> {
  const names = Object.keys(columns)
  const first = await page()
  async function* lines() {
    if (format === 'csv') yield csvLine(names)
    let p = first
    for (;;) {
      let chunk = ''
      for (const row of p.rows) {
        // CSV rows are flat (columns); NDJSON lines are the full JSON items, one per line.
        chunk += format === 'csv' ? csvLine(names.map((n) => columns[n]?.(row))) : `${JSON.stringify(row)}\n`
      }
      if (chunk) yield chunk
      if (!p.page.nextCursor) return
      p = await page(p.page.nextCursor)
    }
  }
  reply
    .type(MEDIA[format])
    .header('content-disposition', `attachment; filename="${filename}.${format === 'csv' ? 'csv' : 'ndjson'}"`)
    .header('cache-control', 'no-cache')
  return reply.send(Readable.from(lines()))
}
