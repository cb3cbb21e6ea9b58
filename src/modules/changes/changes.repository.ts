// The change feed, oldest first, by position (seq) or time.
import type { z } from 'zod'
import type { PrismaClient } from '../../generated/prisma/client.js'
import type { ChangeSchema } from './changes.schemas.js'

type Change = z.output<typeof ChangeSchema>

export function changesRepository(db: PrismaClient) {
  return {
    /** Up to `take` changes after a position, oldest first. */
    async after(
      pos: { seq?: number; at?: Date },
      entity: Change['entity'] | undefined,
      take: number,
    ): Promise<Change[]> {
      const rows = await db.change.findMany({
        where: {
          ...(pos.seq !== undefined ? { seq: { gt: pos.seq } } : {}),
          ...(pos.at !== undefined ? { at: { gt: pos.at } } : {}),
          ...(entity ? { entity } : {}),
        },
        orderBy: { seq: 'asc' },
        take,
      })
      return rows.map((c) => ({
        seq: c.seq,
        entity: c.entity as Change['entity'], // written only by recordChange with these values
        id: c.entityId,
        action: c.action as Change['action'], // likewise
        mergedInto: c.mergedInto,
        keyId: c.keyId,
        at: c.at.toISOString(),
      }))
    },
  }
}
