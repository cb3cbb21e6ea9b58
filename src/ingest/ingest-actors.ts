// Actor resolution for ingest, set-based: a handful of queries per brief whatever its size.
// A brief actor denotes a stored actor with the same Wikidata id, else the same slug, else the
// same name or alias and kind (only when exactly one stored actor matches: ambiguous names such
// as "Wang" resolve to nothing rather than to the wrong actor).
import type { Tx } from '../db/database.js'
import { newId } from '../lib/ids.js'
import { ProblemError } from '../lib/problems.js'
import { normalizeName } from '../lib/text.js'
import type { BriefActor } from '../domain/brief.schema.js'

export type ChangeRow = { entity: string; entityId: string; action: string; keyId: string | null }

export async function followMerges(tx: Tx, id: string): Promise<string> {
  let current = id
  for (let i = 0; i < 20; i++) {
    const row = await tx.actor.findUnique({ where: { id: current }, select: { mergedIntoId: true } })
    if (!row?.mergedIntoId) return current
    current = row.mergedIntoId
  }
  return current
}

const namesOf = (a: BriefActor) => [...new Set([a.name, ...a.aliases].map(normalizeName).filter(Boolean))]

function aliasRows(actorId: string, forms: string[], have: Set<string>) {
  const rows: Array<{ id: string; actorId: string; alias: string; normalized: string }> = []
  for (const alias of forms) {
    const normalized = normalizeName(alias)
    if (normalized && !have.has(normalized)) {
      have.add(normalized)
      rows.push({ id: newId('alias'), actorId, alias, normalized })
    }
  }
  return rows
}

/** Resolves or creates every actor of a brief; returns brief slug -> stored actor id. */
export async function upsertActors(
  tx: Tx,
  actors: BriefActor[],
  keyId: string | null,
  changes: ChangeRow[],
): Promise<Map<string, string>> {
  // Within the brief: one actor per Wikidata id and per (name, kind).
  const seen = new Map<string, number>()
  for (const [i, a] of actors.entries()) {
    for (const [key, field] of [
      [a.wikidataId ? `q:${a.wikidataId}` : null, 'wikidataId'],
      [`n:${a.kind}:${normalizeName(a.name)}`, 'name'],
    ] as const) {
      if (key === null) continue
      const j = seen.get(key)
      if (j !== undefined)
        throw new ProblemError('unprocessable-brief', 'Two actors of the brief denote the same actor', {
          errors: [{ pointer: `/actors/${i}/${field}`, message: `same ${field} as /actors/${j}; list the actor once` }],
        })
      seen.set(key, i)
    }
  }
  const qids = actors.map((a) => a.wikidataId).filter((q): q is string => q !== null)
  const norms = [...new Set(actors.flatMap(namesOf))]
  const [byQid, bySlug, byAlias] = await Promise.all([
    qids.length
      ? tx.actor.findMany({
          where: { wikidataId: { in: qids } },
          select: { id: true, wikidataId: true, mergedIntoId: true },
        })
      : [],
    tx.actor.findMany({
      where: { slug: { in: actors.map((a) => a.slug) } },
      select: { id: true, slug: true, mergedIntoId: true, deletedAt: true },
    }),
    tx.actorAlias.findMany({
      where: { normalized: { in: norms }, actor: { deletedAt: null, mergedIntoId: null } },
      select: { actorId: true, normalized: true, actor: { select: { kind: true } } },
    }),
  ])
  const qidMap = new Map(byQid.map((r) => [r.wikidataId, r]))
  const slugMap = new Map(bySlug.map((r) => [r.slug, r]))

  const resolved = new Map<string, string>()
  const firstIndex = new Map<string, number>()
  const created: BriefActor[] = []
  for (const [i, a] of actors.entries()) {
    let id: string | null = null
    const bySlugHit = slugMap.get(a.slug)
    if (bySlugHit?.deletedAt)
      throw new ProblemError('unprocessable-brief', 'The brief reuses the slug of a deleted actor', {
        errors: [{ pointer: `/actors/${i}/slug`, message: `actor "${a.slug}" was deleted` }],
      })
    const hit = (a.wikidataId && qidMap.get(a.wikidataId)) || bySlugHit
    if (hit) id = hit.mergedIntoId ? await followMerges(tx, hit.mergedIntoId) : hit.id
    else {
      const names = new Set(namesOf(a))
      const ids = new Set(
        byAlias.filter((x) => names.has(x.normalized) && x.actor.kind === a.kind).map((x) => x.actorId),
      )
      if (ids.size === 1) id = [...ids][0] as string
    }
    if (id === null) {
      id = newId('actor')
      created.push(a)
    }
    const j = firstIndex.get(id)
    if (j !== undefined)
      throw new ProblemError('unprocessable-brief', 'Two actors of the brief denote the same actor', {
        errors: [
          { pointer: `/actors/${i}`, message: `resolves to the same actor (${id}) as /actors/${j}; list it once` },
        ],
      })
    firstIndex.set(id, i)
    resolved.set(a.slug, id)
  }

  const createdSlugs = new Set(created.map((a) => a.slug))
  if (created.length > 0) {
    await tx.actor.createMany({
      data: created.map((a) => ({
        id: resolved.get(a.slug) as string,
        slug: a.slug,
        name: a.name,
        kind: a.kind,
        country: a.country,
        title: a.title,
        description: a.description,
        wikidataId: a.wikidataId,
        createdByKeyId: keyId,
        updatedByKeyId: keyId,
      })),
    })
    for (const a of created)
      changes.push({ entity: 'actor', entityId: resolved.get(a.slug) as string, action: 'created', keyId })
  }

  // Known actors: add what is new (aliases, empty fields); never overwrite what an editor set.
  const knownIds = actors.filter((a) => !createdSlugs.has(a.slug)).map((a) => resolved.get(a.slug) as string)
  const stored = knownIds.length
    ? await tx.actor.findMany({
        where: { id: { in: knownIds } },
        select: {
          id: true,
          country: true,
          title: true,
          description: true,
          wikidataId: true,
          aliases: { select: { normalized: true } },
        },
      })
    : []
  const storedById = new Map(stored.map((s) => [s.id, s]))
  const aliases: Array<{ id: string; actorId: string; alias: string; normalized: string }> = []
  for (const a of actors) {
    const id = resolved.get(a.slug) as string
    const s = storedById.get(id)
    const have = new Set(s ? s.aliases.map((x) => x.normalized) : [])
    const fresh = aliasRows(id, [a.name, ...a.aliases, ...a.surfaceForms], have)
    aliases.push(...fresh)
    if (!s) continue
    const fill: Record<string, string> = {}
    if (s.country === null && a.country) fill.country = a.country
    if (s.title === null && a.title) fill.title = a.title
    if (s.description === null && a.description) fill.description = a.description
    if (s.wikidataId === null && a.wikidataId && !qidMap.has(a.wikidataId)) fill.wikidataId = a.wikidataId
    if (fresh.length > 0 || Object.keys(fill).length > 0) {
      await tx.actor.update({ where: { id }, data: { ...fill, updatedByKeyId: keyId } })
      changes.push({ entity: 'actor', entityId: id, action: 'updated', keyId })
    }
  }
  if (aliases.length > 0) await tx.actorAlias.createMany({ data: aliases })
  return resolved
}
