// Edits and deletion of claims, validated like ingest: spans must select their text in the
// article body, every actor must exist.
import {
  columnsOf,
  dateColumnsWithWindow,
  evidenceColumns,
  extractionColumns,
  quoteColumns,
  reviewColumns,
} from '../../db/columns.js'
import type { Database, Tx } from '../../db/database.js'
import { editRecord, tombstone } from '../../db/edits.js'
import { checkEvidence, checkSpan, type FieldProblem, prefixOf, suffixOf } from '../../domain/brief.validate.js'
import type { Prisma } from '../../generated/prisma/client.js'
import { actorIdsForSlugs, unprocessable } from '../../ingest/edit-checks.js'
import type { ClaimPatch } from './claims.schemas.js'

interface StoredSpans {
  evidenceStart: number
  evidenceEnd: number
  quoteStart: number | null
  quoteEnd: number | null
}

/** The spans of a patch, checked against the body and against the spans the claim keeps. */
function checkSpans(body: string, claim: StoredSpans, patch: ClaimPatch, problems: FieldProblem[]): void {
  if (patch.evidence) checkEvidence(body, patch.evidence, '/evidence', problems)
  if (patch.quote && checkSpan(body, patch.quote, patch.quote.text, '/quote', problems)) {
    const ev = patch.evidence ?? { start: claim.evidenceStart, end: claim.evidenceEnd }
    if (patch.quote.start < ev.start || patch.quote.end > ev.end)
      problems.push({ pointer: '/quote/start', message: 'the quote must lie inside the evidence passage' })
  }
  if (patch.evidence && patch.quote === undefined && claim.quoteStart !== null && claim.quoteEnd !== null) {
    if (claim.quoteStart < patch.evidence.start || claim.quoteEnd > patch.evidence.end)
      problems.push({
        pointer: '/evidence/start',
        message: 'the stored quote must lie inside the evidence passage',
      })
  }
}

/** The columns a patch changes; the evidence anchor's prefix and suffix are taken from the body, as on ingest. */
function claimColumns(body: string, patch: ClaimPatch, keyId: string | null): Prisma.ClaimUpdateInput {
  const { evidence, quote, stated, extraction } = patch
  return {
    updatedByKeyId: keyId,
    ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
    ...(patch.summary !== undefined ? { summary: patch.summary } : {}),
    ...(patch.modality !== undefined ? { modality: patch.modality } : {}),
    ...(quote !== undefined ? quoteColumns(quote) : {}),
    ...(evidence
      ? evidenceColumns({ ...evidence, prefix: prefixOf(body, evidence.start), suffix: suffixOf(body, evidence.end) })
      : {}),
    ...(stated !== undefined ? dateColumnsWithWindow('stated', stated) : {}),
    ...(extraction ? extractionColumns(extraction) : {}),
    ...reviewColumns(patch.reviewed ?? extraction?.reviewed, keyId),
  }
}

/**
 * Checks a patch against the stored claim: its spans in the article body, its actors' slugs (every
 * problem at once, 422). Answers the body and the actors as ids (null where the patch keeps them).
 */
async function checkClaimPatch(tx: Tx, id: string, patch: ClaimPatch) {
  const claim = await tx.claim.findUniqueOrThrow({
    where: { id },
    select: {
      ...columnsOf('evidenceStart', 'evidenceEnd', 'quoteStart', 'quoteEnd'),
      article: { select: { body: true } },
    },
  })
  const body = claim.article.body
  const problems: FieldProblem[] = []
  checkSpans(body, claim, patch, problems)
  const claimants = patch.claimants ? await actorIdsForSlugs(tx, patch.claimants, '/claimants', problems) : null
  const about = patch.about ? await actorIdsForSlugs(tx, patch.about, '/about', problems) : null
  if (problems.length > 0) throw unprocessable(problems)
  return { body, claimants, about }
}

export function claimWrites(db: Database) {
  return {
    patch(token: string, patch: ClaimPatch, keyId: string | null): Promise<string> {
      return editRecord(db, 'claim', token, keyId, async (tx, id) => {
        const { body, claimants, about } = await checkClaimPatch(tx, id, patch)
        await tx.claim.update({ where: { id }, data: claimColumns(body, patch, keyId) })
        for (const [role, ids] of [
          ['claimant', claimants],
          ['subject', about],
        ] as const) {
          if (!ids) continue
          await tx.claimActor.deleteMany({ where: { claimId: id, role } })
          await tx.claimActor.createMany({
            data: [...new Set(ids)].map((actorId, position) => ({ claimId: id, actorId, role, position })),
          })
        }
      })
    },

    remove(token: string, keyId: string | null): Promise<void> {
      return tombstone(db, 'claim', token, keyId)
    },
  }
}
