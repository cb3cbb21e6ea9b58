import type { Tx } from '../db/database.js'

/**
 * Which of these events no live article reports any more: they lose their last source when an
 * article is deleted or its brief replaced, and are tombstoned with it.
 */
export async function orphanedEvents(tx: Tx, eventIds: string[]): Promise<string[]> {
  // A new article had no events before: no round trip for an empty list.
  if (eventIds.length === 0) return []
  const rows = await tx.event.findMany({
    where: { id: { in: eventIds }, deletedAt: null, reports: { none: { article: { deletedAt: null } } } },
    select: { id: true },
  })
  return rows.map((r) => r.id)
}
