// Small shared shapers from stored columns to API objects.
import type { PartialDate } from '../domain/dates.js'

export function partialDate(
  date: string | null,
  precision: string | null,
  approximate: boolean,
  text: string | null,
): PartialDate | null {
  if (date === null || precision === null) return null
  return { date, precision: precision as PartialDate['precision'], approximate, text }
}

export function evidence(row: {
  evidenceStart: number
  evidenceEnd: number
  evidenceExact: string
  evidencePrefix: string
  evidenceSuffix: string
}) {
  return {
    start: row.evidenceStart,
    end: row.evidenceEnd,
    exact: row.evidenceExact,
    prefix: row.evidencePrefix,
    suffix: row.evidenceSuffix,
  }
}

export function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}
