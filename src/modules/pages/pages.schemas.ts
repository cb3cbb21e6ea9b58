import { z } from 'zod'

export const BriefPageParams = z
  .object({ slug: z.string().min(1).max(200).describe('Article slug (an article id redirects to its slug)') })
  .strict()

export const IndexQuery = z
  .object({
    q: z
      .string()
      .max(500)
      .optional()
      .describe('Search the articles (the query language of /v1/search); empty or absent lists them all'),
    cursor: z.string().min(1).max(1000).optional().describe('The next page, as the page links it'),
  })
  .strict()
