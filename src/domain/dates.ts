// Partial dates: what an article says about when, no more precise than it says it.
import { z } from 'zod'
import { DATE_PRECISIONS } from './vocabulary.js'

export type Precision = (typeof DATE_PRECISIONS)[number]

const PATTERNS: Record<Precision, RegExp> = {
  year: /^\d{4}$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  day: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
}

export function isRealDate(value: string, precision: Precision): boolean {
  if (!PATTERNS[precision].test(value)) return false
  if (precision !== 'day') return true
  const [y, m, d] = value.split('-').map(Number) as [number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/** First and last calendar day (YYYY-MM-DD) that a partial date covers. */
export function dayRange(value: string, precision: Precision): { from: string; to: string } {
  if (precision === 'day') return { from: value, to: value }
  if (precision === 'month') {
    const [y, m] = value.split('-').map(Number) as [number, number]
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
    return { from: `${value}-01`, to: `${value}-${String(last).padStart(2, '0')}` }
  }
  return { from: `${value}-01-01`, to: `${value}-12-31` }
}

export const PartialDateSchema = z
  .object({
    date: z
      .string()
      .max(10)
      .describe('ISO 8601 date reduced to the stated precision: "2021", "2021-12" or "2021-12-27"'),
    precision: z.enum(DATE_PRECISIONS).describe('Granularity the source supports: day, month or year'),
    approximate: z
      .boolean()
      .default(false)
      .describe('True when the wording is vague within that granularity ("late December", "around 2019")'),
    text: z
      .string()
      .max(200)
      .nullable()
      .default(null)
      .describe('The original wording in the article ("late December", "on Thursday"), null if none'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!isRealDate(v.date, v.precision)) {
      ctx.addIssue({
        code: 'custom',
        path: ['date'],
        message: `"${v.date}" is not a real ${v.precision}-precision date (expected ${
          v.precision === 'year' ? 'YYYY' : v.precision === 'month' ? 'YYYY-MM' : 'YYYY-MM-DD'
        })`,
      })
    }
  })
  .meta({ id: 'PartialDate' })

export type PartialDate = z.output<typeof PartialDateSchema>

/** A query-string date bound: a day, a month or a year. */
export const DateBoundSchema = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD')
  .refine((v) => isRealDate(v, v.length === 4 ? 'year' : v.length === 7 ? 'month' : 'day'), 'not a real date')

export function boundRange(value: string): { from: string; to: string } {
  return dayRange(value, value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day')
}
