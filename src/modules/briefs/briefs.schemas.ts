import { z } from 'zod'
import { SlugSchema } from '../../domain/brief.schema.js'

export const IngestResultSchema = z
  .object({
    status: z.enum(['created', 'unchanged', 'replaced']),
    articleId: z.string(),
    slug: z.string(),
    actors: z.record(z.string(), z.string()).describe('Actor slug in the brief -> stored actor id'),
    claims: z.record(z.string(), z.string()).describe('Claim key in the brief -> claim id'),
    events: z
      .record(z.string(), z.string())
      .describe('Event key in the brief -> event id (shared events keep their id)'),
  })
  .meta({ id: 'IngestResult' })

export const SlugParams = z.object({ slug: SlugSchema })
