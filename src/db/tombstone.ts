// Deletion of a claim or an event: a tombstone (deletedAt), never a row removed, with its entry in
// the change feed. The record is found by id like every edit (merged and deleted ones refused).
import { recordChange } from './changes.js'
import type { Database } from './database.js'
import { LIVE, prismaFinder, resolveRecord } from './resolve.js'

export function tombstone(db: Database, entity: 'claim' | 'event', token: string, keyId: string | null): Promise<void> {
  return db.writeTx(async (tx) => {
    const { id } = await resolveRecord(prismaFinder(tx), entity, token, LIVE)
    const data = { deletedAt: new Date(), updatedByKeyId: keyId }
    if (entity === 'claim') await tx.claim.update({ where: { id }, data })
    else await tx.event.update({ where: { id }, data })
    await recordChange(tx, entity, id, 'deleted', keyId)
  })
}
