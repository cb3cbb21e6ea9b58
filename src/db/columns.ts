// The one mapping between stored columns and API fields, both ways: partial dates, evidence
// anchors, quotes, extraction provenance and locations. Ingest, the PATCH writers, the hand-written
// SQL readers and the Prisma repositories all go through it, so a column is named in one place.
// Rows may come from Prisma (booleans) or from better-sqlite3 (0/1 integers); both are accepted.
import { dayRange, type PartialDate } from '../domain/dates.js'

/** A boolean column as Prisma (true/false) or better-sqlite3 (1/0, 1n/0n) returns it. */
export type SqlBool = boolean | number | bigint

export const sqlBool = (v: unknown): boolean => v === true || v === 1 || v === 1n

// ---- partial dates --------------------------------------------------------------------------

export type DatePrefix = 'published' | 'stated' | 'start' | 'end'

type DateColumnsOf<P extends DatePrefix> = {
  [K in `${P}Date` | `${P}Precision` | `${P}Text`]: string | null
} & { [K in `${P}Approx`]: boolean }

/** The four columns that store a partial date under a prefix ("stated" → statedDate, statedPrecision …). */
export function dateColumns<P extends DatePrefix>(prefix: P, d: PartialDate | null | undefined): DateColumnsOf<P> {
  return {
    [`${prefix}Date`]: d?.date ?? null,
    [`${prefix}Precision`]: d?.precision ?? null,
    [`${prefix}Approx`]: d?.approximate ?? false,
    [`${prefix}Text`]: d?.text ?? null,
  } as DateColumnsOf<P> // a template-literal keyed object literal is typed as an index signature
}

export function partialDate(
  date: string | null,
  precision: string | null,
  approximate: SqlBool,
  text: string | null,
): PartialDate | null {
  if (date === null || precision === null) return null
  return { date, precision: precision as PartialDate['precision'], approximate: sqlBool(approximate), text }
}

/** The four columns of a partial date under a prefix, as a Prisma or a better-sqlite3 row holds them. */
export type StoredDate<P extends DatePrefix> = {
  [K in `${P}Date` | `${P}Precision` | `${P}Text`]: string | null
} & { [K in `${P}Approx`]: SqlBool }

/** The partial date stored under a prefix of a row (Prisma or raw). */
export function dateFrom(row: object, prefix: DatePrefix): PartialDate | null {
  // Any row type: the four columns are read by name (undefined when not selected reads as null).
  const r = row as Record<string, unknown>
  return partialDate(
    (r[`${prefix}Date`] ?? null) as string | null,
    (r[`${prefix}Precision`] ?? null) as string | null,
    (r[`${prefix}Approx`] ?? false) as SqlBool,
    (r[`${prefix}Text`] ?? null) as string | null,
  )
}

/** A Prisma select of the four columns of a partial date under a prefix. */
export function dateSelect<P extends DatePrefix>(prefix: P): { [K in keyof StoredDate<P>]: true } {
  return {
    [`${prefix}Date`]: true,
    [`${prefix}Precision`]: true,
    [`${prefix}Approx`]: true,
    [`${prefix}Text`]: true,
  } as { [K in keyof StoredDate<P>]: true } // as in dateColumns: computed keys widen to an index signature
}

// Affiliation terms are partial dates stored without an "approximate" column.

export interface AffiliationDateColumns {
  fromDate: string | null
  fromPrecision: string | null
  fromText: string | null
  toDate: string | null
  toPrecision: string | null
  toText: string | null
}

export function affiliationDateColumns(
  from: PartialDate | null | undefined,
  to: PartialDate | null | undefined,
): AffiliationDateColumns {
  return {
    fromDate: from?.date ?? null,
    fromPrecision: from?.precision ?? null,
    fromText: from?.text ?? null,
    toDate: to?.date ?? null,
    toPrecision: to?.precision ?? null,
    toText: to?.text ?? null,
  }
}

export function affiliationDates(row: AffiliationDateColumns): { from: PartialDate | null; to: PartialDate | null } {
  return {
    from: partialDate(row.fromDate, row.fromPrecision, false, row.fromText),
    to: partialDate(row.toDate, row.toPrecision, false, row.toText),
  }
}

/** First and last day a partial date may denote (null = unknown): the *From / *To columns. */
export function dateWindow(d: PartialDate | null | undefined): { from: string | null; to: string | null } {
  const r = d ? dayRange(d.date, d.precision) : null
  return { from: r?.from ?? null, to: r?.to ?? null }
}

type WindowedPrefix = 'published' | 'stated'

/** A partial date's four columns and its window (the *From / *To columns), for the prefixes that have one. */
export function dateColumnsWithWindow<P extends WindowedPrefix>(
  prefix: P,
  d: PartialDate | null | undefined,
): DateColumnsOf<P> & { [K in `${P}From` | `${P}To`]: string | null } {
  const w = dateWindow(d)
  return { ...dateColumns(prefix, d), [`${prefix}From`]: w.from, [`${prefix}To`]: w.to } as DateColumnsOf<P> & {
    [K in `${P}From` | `${P}To`]: string | null
  } // as in dateColumns: computed keys widen to an index signature
}

/** An event's window: from the first day of its start to the last day of its end (or of its start). */
export function eventWindow(start: PartialDate | null | undefined, end: PartialDate | null | undefined) {
  const s = dateWindow(start)
  const e = end ? dateWindow(end) : s
  return { dateFrom: s.from, dateTo: e.to }
}

// ---- evidence anchors and quotes --------------------------------------------------------------

export interface EvidenceColumns {
  evidenceStart: number
  evidenceEnd: number
  evidenceExact: string
  evidencePrefix: string
  evidenceSuffix: string
}

export interface Evidence {
  start: number
  end: number
  exact: string
  prefix: string
  suffix: string
}

export function evidenceColumns(e: { start: number; end: number; exact: string; prefix?: string; suffix?: string }) {
  return {
    evidenceStart: e.start,
    evidenceEnd: e.end,
    evidenceExact: e.exact,
    evidencePrefix: e.prefix ?? '',
    evidenceSuffix: e.suffix ?? '',
  } satisfies EvidenceColumns
}

export function evidence(row: EvidenceColumns): Evidence {
  return {
    start: row.evidenceStart,
    end: row.evidenceEnd,
    exact: row.evidenceExact,
    prefix: row.evidencePrefix,
    suffix: row.evidenceSuffix,
  }
}

export interface QuoteColumns {
  quoteText: string | null
  quoteStart: number | null
  quoteEnd: number | null
}

export function quoteColumns(q: { text: string; start: number; end: number } | null | undefined): QuoteColumns {
  return { quoteText: q?.text ?? null, quoteStart: q?.start ?? null, quoteEnd: q?.end ?? null }
}

export function quote(row: QuoteColumns): { text: string; start: number; end: number } | null {
  // quoteStart and quoteEnd are written together with quoteText (quoteColumns)
  return row.quoteText !== null
    ? { text: row.quoteText, start: row.quoteStart as number, end: row.quoteEnd as number }
    : null
}

// ---- extraction provenance ----------------------------------------------------------------------

export type ExtractionMethod = 'manual' | 'automatic'

export interface Extraction {
  method: ExtractionMethod
  extractor: string | null
  confidence: number | null
  reviewed: boolean
}

export interface ExtractionColumns {
  extractionMethod: string
  extractor: string | null
  confidence: number | null
  reviewed: SqlBool
}

export function extractionColumns(x: Extraction) {
  return {
    extractionMethod: x.method,
    extractor: x.extractor,
    confidence: x.confidence,
    reviewed: x.reviewed,
  }
}

/** The review state a patch sets, with the key that set it (cleared when marked unreviewed). */
export function reviewColumns(reviewed: boolean | undefined, keyId: string | null) {
  return reviewed === undefined ? {} : { reviewed, reviewedByKeyId: reviewed ? keyId : null }
}

export function extraction(row: ExtractionColumns): Extraction {
  return {
    method: row.extractionMethod as ExtractionMethod, // written only through ExtractionSchema
    extractor: row.extractor,
    confidence: row.confidence,
    reviewed: sqlBool(row.reviewed),
  }
}

// ---- locations --------------------------------------------------------------------------------

export interface Location {
  name: string
  country: string | null
  latitude: number | null
  longitude: number | null
}

export interface LocationColumns {
  locationName: string | null
  locationCountry: string | null
  latitude: number | null
  longitude: number | null
}

export function locationColumns(l: Location | null | undefined): LocationColumns {
  return {
    locationName: l?.name ?? null,
    locationCountry: l?.country ?? null,
    latitude: l?.latitude ?? null,
    longitude: l?.longitude ?? null,
  }
}

export function location(row: LocationColumns): Location | null {
  return row.locationName
    ? { name: row.locationName, country: row.locationCountry, latitude: row.latitude, longitude: row.longitude }
    : null
}

// ---- JSON columns -----------------------------------------------------------------------------

/** A JSON array-of-strings column (Prisma gives it parsed, better-sqlite3 as text). */
export function stringArray(value: unknown): string[] {
  const v = typeof value === 'string' ? JSON.parse(value) : value
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []
}

// ---- Prisma selects of the same columns ----------------------------------------------------------

export const evidenceSelect = {
  evidenceStart: true,
  evidenceEnd: true,
  evidenceExact: true,
  evidencePrefix: true,
  evidenceSuffix: true,
} as const

export const quoteSelect = { quoteText: true, quoteStart: true, quoteEnd: true } as const

export const extractionSelect = {
  extractionMethod: true,
  extractor: true,
  confidence: true,
  reviewed: true,
  reviewedByKeyId: true,
} as const

export const locationSelect = { locationName: true, locationCountry: true, latitude: true, longitude: true } as const

/** The event fields a brief and the Event row share as they are (same names, same values), in brief order. */
export const EVENT_FIELDS = ['title', 'description', 'type', 'extension', 'subtype', 'mode'] as const

/** The given fields of an object, in the order given. */
export function pick<T, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>
  for (const k of keys) out[k] = from[k]
  return out
}

/** A Prisma select of plain columns by name: `columnsOf('id', 'slug')` is `{ id: true, slug: true }`. */
export function columnsOf<const K extends string>(...names: K[]): { [P in K]: true } {
  // Built key by key from the names given; the mapped type states exactly those keys.
  return Object.fromEntries(names.map((n) => [n, true])) as { [P in K]: true }
}
