// Edits, deletion and merging of actors.
import { recordChange } from '../../db/changes.js'
import { editRecord } from '../../db/edits.js'
import { stringArray } from '../../db/columns.js'
import type { Database, Tx } from '../../db/database.js'
import { LIVE, prismaFinder, resolveRecord } from '../../db/resolve.js'
import { newId } from '../../lib/ids.js'
import { ProblemError } from '../../lib/problems.js'
import { normalizeName } from '../../lib/text.js'
import type { ActorPatch } from './actors.schemas.js'

/** An actor that can be edited: not deleted, and not merged (its survivor is edited instead: 409). */
async function liveActor(tx: Tx, idOrSlug: string): Promise<string> {
  return (await resolveRecord(prismaFinder(tx), 'actor', idOrSlug, LIVE)).id
}

async function setAliases(tx: Tx, actorId: string, name: string, aliases: string[]): Promise<void> {
  await tx.actorAlias.deleteMany({ where: { actorId } })
  const seen = new Set<string>()
  const rows = [name, ...aliases]
    .map((alias) => ({ alias, normalized: normalizeName(alias) }))
    .filter((x) => x.normalized !== '' && !seen.has(x.normalized) && seen.add(x.normalized))
  await tx.actorAlias.createMany({ data: rows.map((x) => ({ id: newId('alias'), actorId, ...x })) })
}

export function actorWrites(db: Database) {
  return {
    patch(idOrSlug: string, patch: ActorPatch, keyId: string | null): Promise<string> {
      return editRecord(db, 'actor', idOrSlug, keyId, async (tx, id) => {
        const { aliases, ...fields } = patch
        if (fields.wikidataId) {
          const other = await tx.actor.findUnique({ where: { wikidataId: fields.wikidataId }, select: { id: true } })
          if (other && other.id !== id)
            throw new ProblemError(
              'conflict',
              `Wikidata id ${fields.wikidataId} belongs to actor ${other.id}; merge them`,
              {
                extra: { actorId: other.id },
              },
            )
        }
        const updated = await tx.actor.update({ where: { id }, data: { ...fields, updatedByKeyId: keyId } })
        if (aliases !== undefined || fields.name !== undefined) {
          const current =
            aliases ??
            (await tx.actorAlias.findMany({ where: { actorId: id }, select: { alias: true } })).map((a) => a.alias)
          await setAliases(tx, id, updated.name, current)
        }
      })
    },

    /** Deletes an actor nothing refers to; one that claims or events refer to must be merged instead. */
    async remove(idOrSlug: string, keyId: string | null): Promise<void> {
      await db.writeTx(async (tx) => {
        const id = await liveActor(tx, idOrSlug)
        const [claims, events] = await Promise.all([
          tx.claimActor.count({ where: { actorId: id, claim: { deletedAt: null } } }),
          tx.eventParticipant.count({ where: { actorId: id, event: { deletedAt: null } } }),
        ])
        if (claims + events > 0)
          throw new ProblemError(
            'conflict',
            `Actor "${idOrSlug}" is referenced by ${claims} claim(s) and ${events} event(s); merge it into another actor instead`,
          )
        await tx.articleActor.deleteMany({ where: { actorId: id } })
        await tx.actor.update({
          where: { id },
          data: { deletedAt: new Date(), updatedByKeyId: keyId, wikidataId: null },
        })
        await recordChange(tx, 'actor', id, 'deleted', keyId)
      })
    },

    /** Moves every claim role, participation, article link, alias and affiliation of `duplicate` to `survivor`. */
    async merge(survivorIdOrSlug: string, duplicateIdOrSlug: string, keyId: string | null): Promise<string> {
      return db.writeTx(async (tx) => {
        const survivor = await liveActor(tx, survivorIdOrSlug)
        const dup = await liveActor(tx, duplicateIdOrSlug)
        if (survivor === dup) throw new ProblemError('unprocessable-brief', 'An actor cannot be merged into itself')
        const dupRow = await tx.actor.findUniqueOrThrow({ where: { id: dup } })
        const survRow = await tx.actor.findUniqueOrThrow({ where: { id: survivor } })

        for (const r of await tx.claimActor.findMany({ where: { actorId: dup } })) {
          const clash = await tx.claimActor.findUnique({
            where: { claimId_actorId_role: { claimId: r.claimId, actorId: survivor, role: r.role } },
          })
          if (!clash) await tx.claimActor.create({ data: { ...r, actorId: survivor } })
        }
        await tx.claimActor.deleteMany({ where: { actorId: dup } })
        for (const p of await tx.eventParticipant.findMany({ where: { actorId: dup } })) {
          const clash = await tx.eventParticipant.findUnique({
            where: { eventId_actorId_role: { eventId: p.eventId, actorId: survivor, role: p.role } },
          })
          if (!clash) await tx.eventParticipant.create({ data: { ...p, actorId: survivor } })
        }
        await tx.eventParticipant.deleteMany({ where: { actorId: dup } })
        for (const a of await tx.articleActor.findMany({ where: { actorId: dup } })) {
          const clash = await tx.articleActor.findUnique({
            where: { articleId_actorId: { articleId: a.articleId, actorId: survivor } },
          })
          if (clash) {
            const forms = [...new Set([...stringArray(clash.surfaceForms), ...stringArray(a.surfaceForms)])]
            await tx.articleActor.update({
              where: { articleId_actorId: { articleId: a.articleId, actorId: survivor } },
              data: { surfaceForms: forms },
            })
          } else await tx.articleActor.create({ data: { ...a, actorId: survivor, surfaceForms: a.surfaceForms ?? [] } })
        }
        await tx.articleActor.deleteMany({ where: { actorId: dup } })
        for (const f of await tx.actorAffiliation.findMany({ where: { OR: [{ actorId: dup }, { targetId: dup }] } })) {
          const actorId = f.actorId === dup ? survivor : f.actorId
          const targetId = f.targetId === dup ? survivor : f.targetId
          await tx.actorAffiliation.delete({ where: { id: f.id } })
          if (actorId === targetId) continue
          const clash = await tx.actorAffiliation.findUnique({
            where: { actorId_targetId_relation: { actorId, targetId, relation: f.relation } },
          })
          if (!clash) await tx.actorAffiliation.create({ data: { ...f, actorId, targetId } })
        }
        const aliases = await tx.actorAlias.findMany({
          where: { actorId: { in: [survivor, dup] } },
          orderBy: { id: 'asc' },
        })
        const merged = [...aliases.filter((a) => a.actorId === survivor), ...aliases.filter((a) => a.actorId === dup)]
        await tx.actorAlias.deleteMany({ where: { actorId: dup } })
        const have = new Set(merged.filter((a) => a.actorId === survivor).map((a) => a.normalized))
        const fresh = merged.filter((a) => a.actorId === dup && !have.has(a.normalized) && have.add(a.normalized))
        await tx.actorAlias.createMany({
          data: fresh.map((a) => ({ id: newId('alias'), actorId: survivor, alias: a.alias, normalized: a.normalized })),
        })
        await tx.actor.update({
          where: { id: dup },
          data: { mergedIntoId: survivor, wikidataId: null, updatedByKeyId: keyId },
        })
        await tx.actor.updateMany({ where: { mergedIntoId: dup }, data: { mergedIntoId: survivor } })
        await tx.actor.update({
          where: { id: survivor },
          data: {
            wikidataId: survRow.wikidataId ?? dupRow.wikidataId,
            country: survRow.country ?? dupRow.country,
            title: survRow.title ?? dupRow.title,
            description: survRow.description ?? dupRow.description,
            updatedByKeyId: keyId,
          },
        })
        await recordChange(tx, 'actor', dup, 'merged', keyId, survivor)
        await recordChange(tx, 'actor', survivor, 'updated', keyId)
        return survivor
      })
    },
  }
}
