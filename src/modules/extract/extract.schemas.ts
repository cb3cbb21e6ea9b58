import { z } from 'zod'
import { BriefSchema } from '../../domain/brief.schema.js'

const DaySchema = z.iso
  .date()
  .describe('Publication date, YYYY-MM-DD: relative dates ("on Thursday") resolve against it')

export const ExtractQuery = z.object({ published: DaySchema.optional() }).strict()

export const ExtractBodySchema = z
  .object({
    text: z.string().min(1).describe('The raw article text as a reader copies it from the page, chrome included'),
    published: DaySchema.optional(),
    publisher: z.string().min(1).max(200).optional(),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
  })
  .strict()
  .meta({
    id: 'ExtractRequest',
    example: {
      text: 'Talks resume\n\nShare this article\n\nRuritania and Freedonia agreed on Monday to resume border talks. "We are ready to listen," Foreign Minister Ana Lopes said.\n\nSign up for our newsletter',
      published: '2026-03-04',
    },
  })

export const ExtractWarningSchema = z
  .object({
    code: z.string().describe('unattributed-quote, ambiguous-actor, unresolved-date, no-publication-date, …'),
    message: z.string(),
    pointer: z.string().optional().describe('JSON Pointer into the draft brief, e.g. /claims/3'),
  })
  .meta({ id: 'ExtractWarning' })

export const ExtractResultSchema = z
  .object({
    brief: BriefSchema.describe(
      'The draft: every claim and event marked extraction.method "automatic" and reviewed false, with offsets into brief.article.body. POST /v1/briefs accepts it as it is or corrected.',
    ),
    warnings: z.array(ExtractWarningSchema),
  })
  .meta({ id: 'ExtractResult' })
