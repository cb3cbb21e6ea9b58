// Edits and deletion of claims, validated like ingest: spans must select their text in the
// article body, every actor must exist.
import { z } from 'zod'
import { EvidenceSchema, ExtractionSchema, QuoteSchema, SlugSchema } from '../../domain/brief.schema.js'
import { checkEvidence, checkSpan, type FieldProblem, prefixOf, suffixOf } from '../../domain/brief.validate.js'
import { CLAIM_KINDS, MODALITIES } from '../../domain/vocabulary.js'
import type { Database, Tx } from '../../db/database.js'
import { recordChange } from '../../db/changes.js'
import { dayRange, PartialDateSchema } from '../../domain/dates.js'
import { ProblemError } from '../../lib/problems.js'

export const ClaimPatchSchema = z
  .object({
    kind: z.enum(CLAIM_KINDS),
    summary: z.string().min(1).max(2000),
    modality: z.enum(MODALITIES),
    quote: QuoteSchema.nullable(),
    evidence: EvidenceSchema,
    claimants: z.array(SlugSchema).min(1).max(100).describe('Actor slugs; replaces the claimants'),
    about: z.array(SlugSchema).max(100).describe('Actor slugs; replaces the subjects'),
    stated: PartialDateSchema.nullable(),
    extraction: ExtractionSchema,
  })
  .partial()
  .strict()
  .meta({ id: 'ClaimPatch', description: 'Fields to change; absent fields stay as they are' })

/** Actor ids for slugs, or 422 problems pointing at each unknown one. */
export async function actorIdsForSlugs(
  tx: Tx,
  slugs: string[],
  pointer: string,
  problems: FieldProblem[],
): Promise<string[]> {
  const rows = await tx.actor.findMany({
    where: { slug: { in: slugs }, deletedAt: null },
    select: { id: true, slug: true, mergedIntoId: true },
  })
  const bySlug = new Map(rows.map((r) => [r.slug, r.mergedIntoId ?? r.id]))
  return slugs.map((s, i) => {
    const id = bySlug.get(s)
    if (!id) problems.push({ pointer: `${pointer}/${i}`, message: `no actor with slug "${s}"` })
    return id ?? ''
  })
}

export function unprocessable(problems: FieldProblem[]): ProblemError {
  return new ProblemError('unprocessable-brief', `The change has ${problems.length} problem(s)`, { errors: problems })
}

export function claimWrites(db: Database) {
  return {
    async patch(id: string, patch: z.output<typeof ClaimPatchSchema>, keyId: string | null): Promise<void> {
      await db.writeTx(async (tx) => {
        const claim = await tx.claim.findUnique({
          where: { id },
          select: {
            deletedAt: true,
            evidenceStart: true,
            evidenceEnd: true,
            quoteStart: true,
            quoteEnd: true,
            article: { select: { body: true } },
          },
        })
        if (!claim) throw new ProblemError('not-found', `No claim "${id}"`)
        if (claim.deletedAt) throw new ProblemError('gone', `Claim "${id}" was deleted`)
        const body = claim.article.body
        const problems: FieldProblem[] = []
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
        const claimants = patch.claimants ? await actorIdsForSlugs(tx, patch.claimants, '/claimants', problems) : null
        const about = patch.about ? await actorIdsForSlugs(tx, patch.about, '/about', problems) : null
        if (problems.length > 0) throw unprocessable(problems)

        const data: Record<string, unknown> = { updatedByKeyId: keyId }
        if (patch.kind !== undefined) data.kind = patch.kind
        if (patch.summary !== undefined) data.summary = patch.summary
        if (patch.modality !== undefined) data.modality = patch.modality
        if (patch.quote !== undefined)
          Object.assign(data, {
            quoteText: patch.quote?.text ?? null,
            quoteStart: patch.quote?.start ?? null,
            quoteEnd: patch.quote?.end ?? null,
          })
        if (patch.evidence)
          Object.assign(data, {
            evidenceStart: patch.evidence.start,
            evidenceEnd: patch.evidence.end,
            evidenceExact: patch.evidence.exact,
            evidencePrefix: prefixOf(body, patch.evidence.start),
            evidenceSuffix: suffixOf(body, patch.evidence.end),
          })
        if (patch.stated !== undefined) {
          const r = patch.stated ? dayRange(patch.stated.date, patch.stated.precision) : null
          Object.assign(data, {
            statedDate: patch.stated?.date ?? null,
            statedPrecision: patch.stated?.precision ?? null,
            statedApprox: patch.stated?.approximate ?? false,
            statedText: patch.stated?.text ?? null,
            statedFrom: r?.from ?? null,
            statedTo: r?.to ?? null,
          })
        }
        if (patch.extraction)
          Object.assign(data, {
            extractionMethod: patch.extraction.method,
            extractor: patch.extraction.extractor,
            confidence: patch.extraction.confidence,
            reviewed: patch.extraction.reviewed,
          })
        await tx.claim.update({ where: { id }, data })
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
        await recordChange(tx, 'claim', id, 'updated', keyId)
      })
    },

    async remove(id: string, keyId: string | null): Promise<void> {
      await db.writeTx(async (tx) => {
        const claim = await tx.claim.findUnique({ where: { id }, select: { deletedAt: true } })
        if (!claim) throw new ProblemError('not-found', `No claim "${id}"`)
        if (claim.deletedAt) throw new ProblemError('gone', `Claim "${id}" was deleted`)
        await tx.claim.update({ where: { id }, data: { deletedAt: new Date(), updatedByKeyId: keyId } })
        await recordChange(tx, 'claim', id, 'deleted', keyId)
      })
    },
  }
}
