// Checks the PATCH writers of claims and events share: actor slugs that must name live actors,
// and the 422 their problems add up to.
import type { Tx } from '../db/database.js'
import type { FieldProblem } from '../domain/brief.validate.js'
import { ProblemError } from '../lib/problems.js'

/** Actor ids for slugs (a merged actor stands for its survivor), or 422 problems pointing at each unknown one. */
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
