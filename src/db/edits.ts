// An edit of one live record, written once for every resource: one transaction that finds the
// record by id or slug (merged and deleted ones refused: 409 and 410), changes it, and adds its entry
// to the change feed. Deleting a claim or an event is such an edit: a tombstone (deletedAt), never
// a row removed.
import { type Action, type Entity, recordChange } from './changes.js'
import type { Database, Tx } from './database.js'
import { LIVE, prismaFinder, resolveRecord } from './resolve.js'

/** Runs `apply` on the live record `token` names inside one write transaction; answers its id. */
export function editRecord(
  db: Database,
  entity: Entity,
  token: string,
  keyId: string | null,
  apply: (tx: Tx, id: string) => Promise<void>,
  action: Action = 'updated',
): Promise<string> {
  return db.writeTx(async (tx) => {
    const { id } = await resolveRecord(prismaFinder(tx), entity, token, LIVE)
    await apply(tx, id)
    await recordChange(tx, entity, id, action, keyId)
    return id
  })
}

export async function tombstone(
  db: Database,
  entity: 'claim' | 'event',
  token: string,
  keyId: string | null,
): Promise<void> {
  await editRecord(
    db,
    entity,
    token,
    keyId,
    async (tx, id) => {
      const data = { deletedAt: new Date(), updatedByKeyId: keyId }
      if (entity === 'claim') await tx.claim.update({ where: { id }, data })
      else await tx.event.update({ where: { id }, data })
    },
    'deleted',
  )
}
