// Edits and deletion of articles. The body is not editable here: offsets point into it, so a
// changed body means a new brief (PUT /v1/briefs/{slug}).
import { z } from 'zod'
import type { Database } from '../../db/database.js'
import { dayRange, PartialDateSchema } from '../../domain/dates.js'
import { recordChange } from '../../db/changes.js'
import { ProblemError } from '../../lib/problems.js'

export const ArticlePatchSchema = z
  .object({
    title: z.string().min(1).max(500),
    summary: z.string().max(2000).nullable(),
    keyPoints: z.array(z.string().min(1).max(2000)).max(50),
    section: z.string().max(200).nullable(),
    publisher: z.string().max(200).nullable(),
    byline: z.string().max(300).nullable(),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullable(),
    language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/),
    published: PartialDateSchema.nullable(),
    topics: z.array(z.string().min(1).max(100)).max(50),
  })
  .partial()
  .strict()
  .meta({ id: 'ArticlePatch', description: 'Fields to change; absent fields stay as they are' })

export type ArticlePatch = z.output<typeof ArticlePatchSchema>

async function liveArticle(db: Database['read'] | Parameters<Parameters<Database['writeTx']>[0]>[0], idOrSlug: string) {
  const row = await db.article.findFirst({
    where: { OR: [{ id: idOrSlug }, { slug: idOrSlug }] },
    select: { id: true, deletedAt: true },
  })
  if (!row) throw new ProblemError('not-found', `No article "${idOrSlug}"`)
  if (row.deletedAt) throw new ProblemError('gone', `Article "${idOrSlug}" was deleted`)
  return row.id
}

export function articleWrites(db: Database) {
  return {
    async patch(idOrSlug: string, patch: ArticlePatch, keyId: string | null): Promise<string> {
      return db.writeTx(async (tx) => {
        const id = await liveArticle(tx, idOrSlug)
        const { published, topics, ...rest } = patch
        const data: Record<string, unknown> = { ...rest, updatedByKeyId: keyId }
        if (published !== undefined) {
          const r = published ? dayRange(published.date, published.precision) : null
          Object.assign(data, {
            publishedDate: published?.date ?? null,
            publishedPrecision: published?.precision ?? null,
            publishedApprox: published?.approximate ?? false,
            publishedText: published?.text ?? null,
            publishedFrom: r?.from ?? null,
            publishedTo: r?.to ?? null,
          })
        }
        await tx.article.update({ where: { id }, data })
        if (topics !== undefined) {
          await tx.articleTopic.deleteMany({ where: { articleId: id } })
          await tx.articleTopic.createMany({ data: [...new Set(topics)].map((topic) => ({ articleId: id, topic })) })
        }
        await recordChange(tx, 'article', id, 'updated', keyId)
        return id
      })
    },

    /**
     * Tombstones the article and its claims (they answer 410 from then on), removes its event
     * reports, and tombstones the events no other live article reports. Actors stay.
     */
    async remove(idOrSlug: string, keyId: string | null): Promise<void> {
      await db.writeTx(async (tx) => {
        const id = await liveArticle(tx, idOrSlug)
        const now = new Date()
        const claims = await tx.claim.findMany({ where: { articleId: id, deletedAt: null }, select: { id: true } })
        const reports = await tx.eventReport.findMany({ where: { articleId: id }, select: { eventId: true } })
        await tx.claim.updateMany({ where: { articleId: id }, data: { deletedAt: now, updatedByKeyId: keyId } })
        await tx.eventReport.deleteMany({ where: { articleId: id } })
        await tx.articleActor.deleteMany({ where: { articleId: id } })
        await tx.articleTopic.deleteMany({ where: { articleId: id } })
        await tx.article.update({
          where: { id },
          data: { deletedAt: now, updatedByKeyId: keyId, briefSha256: '' },
        })
        const orphans = await tx.event.findMany({
          where: {
            id: { in: reports.map((r) => r.eventId) },
            deletedAt: null,
            reports: { none: { article: { deletedAt: null } } },
          },
          select: { id: true },
        })
        await tx.event.updateMany({
          where: { id: { in: orphans.map((e) => e.id) } },
          data: { deletedAt: now, updatedByKeyId: keyId },
        })
        await recordChange(tx, 'article', id, 'deleted', keyId)
        for (const c of claims) await recordChange(tx, 'claim', c.id, 'deleted', keyId)
        for (const e of orphans) await recordChange(tx, 'event', e.id, 'deleted', keyId)
      })
    },
  }
}
