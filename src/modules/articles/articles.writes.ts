// Edits and deletion of articles. The body is not editable here: offsets point into it, so a
// changed body means a new brief (PUT /v1/briefs/{slug}).
import { recordChange } from '../../db/changes.js'
import { editRecord } from '../../db/edits.js'
import { dateColumnsWithWindow } from '../../db/columns.js'
import type { Database, Tx } from '../../db/database.js'
import { LIVE, prismaFinder, resolveRecord } from '../../db/resolve.js'
import type { Prisma } from '../../generated/prisma/client.js'
import { orphanedEvents } from '../../ingest/event-orphans.js'
import type { ArticlePatch } from './articles.schemas.js'

async function liveArticle(tx: Tx, idOrSlug: string): Promise<string> {
  return (await resolveRecord(prismaFinder(tx), 'article', idOrSlug, LIVE)).id
}

export function articleWrites(db: Database) {
  return {
    patch(idOrSlug: string, patch: ArticlePatch, keyId: string | null): Promise<string> {
      return editRecord(db, 'article', idOrSlug, keyId, async (tx, id) => {
        const { published, topics, ...rest } = patch
        const data: Prisma.ArticleUpdateInput = {
          ...rest,
          updatedByKeyId: keyId,
          ...(published !== undefined ? dateColumnsWithWindow('published', published) : {}),
        }
        await tx.article.update({ where: { id }, data })
        if (topics !== undefined) {
          await tx.articleTopic.deleteMany({ where: { articleId: id } })
          await tx.articleTopic.createMany({ data: [...new Set(topics)].map((topic) => ({ articleId: id, topic })) })
        }
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
        const orphans = await orphanedEvents(
          tx,
          reports.map((r) => r.eventId),
        )
        await tx.event.updateMany({ where: { id: { in: orphans } }, data: { deletedAt: now, updatedByKeyId: keyId } })
        await recordChange(tx, 'article', id, 'deleted', keyId)
        for (const c of claims) await recordChange(tx, 'claim', c.id, 'deleted', keyId)
        for (const e of orphans) await recordChange(tx, 'event', e, 'deleted', keyId)
      })
    },
  }
}
