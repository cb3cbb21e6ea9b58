import { z } from 'zod'
import { LimitSchema, textParam } from '../../lib/pagination.js'

export const CHANGE_ENTITIES = ['article', 'actor', 'claim', 'event'] as const
export const CHANGE_ACTIONS = ['created', 'updated', 'deleted', 'merged'] as const

export const ChangesQuery = z
  .object({
    since: textParam(
      'An ISO 8601 timestamp (changes after it) or a cursor from a previous page (page.nextCursor or page.resume)',
    ),
    entity: z.enum(CHANGE_ENTITIES).optional(),
    limit: LimitSchema,
  })
  .strict()

export const ChangeSchema = z
  .object({
    seq: z.int().describe('Position in the feed'),
    entity: z.enum(CHANGE_ENTITIES),
    id: z.string(),
    action: z.enum(CHANGE_ACTIONS),
    mergedInto: z.string().nullable().describe('For merged actors: the survivor'),
    keyId: z
      .string()
      .nullable()
      .describe('Id (not the secret) of the API key that made the change; null for the seed loader'),
    at: z.string(),
  })
  .meta({ id: 'Change' })

export const ChangeListSchema = z
  .object({
    data: z.array(ChangeSchema),
    page: z.object({
      limit: z.int(),
      nextCursor: z.string().nullable().describe('Next page, null when this page reaches the end of the feed'),
      resume: z.string().describe('Pass as since= later to get only what changed after this page'),
    }),
  })
  .meta({ id: 'ChangeList' })
