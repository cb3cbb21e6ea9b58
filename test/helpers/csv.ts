// Reads CSV back with csv-parse in its strict mode, as RFC 4180 writes it: fields separated by
// commas, records ended by CRLF (a bare LF is accepted too), fields holding a comma, quote or line
// break enclosed in double quotes with embedded quotes doubled. Malformed quoting or a record of
// another width than the first throws.
import { parse } from 'csv-parse/sync'

export function parseCsv(text: string): string[][] {
  return parse(text, { record_delimiter: ['\r\n', '\n'] }) as string[][]
}

/** CSV text -> header and one object per record. */
export function csvObjects(text: string): { header: string[]; rows: Array<Record<string, string>> } {
  const [header, ...records] = parseCsv(text)
  if (!header) throw new Error('CSV: no header row')
  return { header, rows: records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))) }
}
