// Actor resolution for ingest, set-based: a handful of queries per brief whatever its size.
// A brief actor denotes a stored actor with the same Wikidata id, else the same slug, else the
// same name or alias and kind (only when exactly one stored actor matches: ambiguous names such
// as "Wang" resolve to nothing rather than to the wrong actor).
import type { ChangeRow } from '../db/changes.js'
import { affiliationDateColumns } from '../db/columns.js'
import type { Tx } from '../db/database.js'
import { insertRows } from '../db/rows.js'
import type { Sql } from '../db/sql.js'
import type { BriefActor } from '../domain/brief.schema.js'
import type { Prisma } from '../generated/prisma/client.js'
import { newId } from '../lib/ids.js'
import { ProblemError } from '../lib/problems.js'
import { normalizeName } from '../lib/text.js'
import type { IngestContext } from './context.js'

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

function aliasRows(actorId: string, forms: string[], have: Set<string>): Prisma.ActorAliasCreateManyInput[] {
  const rows: Prisma.ActorAliasCreateManyInput[] = []
  for (const alias of forms) {
    const normalized = normalizeName(alias)
    if (normalized && !have.has(normalized)) {
      have.add(normalized)
      rows.push({ id: newId('alias'), actorId, alias, normalized })
    }
  }
  return rows
}

function sameActorTwice(pointer: string, message: string): ProblemError {
  return new ProblemError('unprocessable-brief', 'Two actors of the brief denote the same actor', {
    errors: [{ pointer, message }],
  })
}

/** Within the brief: one actor per Wikidata id and per (name, kind). */
function refuseDuplicates(actors: BriefActor[]): void {
  const seen = new Map<string, number>()
  for (const [i, a] of actors.entries()) {
    for (const [key, field] of [
      [a.wikidataId ? `q:${a.wikidataId}` : null, 'wikidataId'],
      [`n:${a.kind}:${normalizeName(a.name)}`, 'name'],
    ] as const) {
      if (key === null) continue
      const j = seen.get(key)
      if (j !== undefined)
        throw sameActorTwice(`/actors/${i}/${field}`, `same ${field} as /actors/${j}; list the actor once`)
      seen.set(key, i)
    }
  }
}

/** The stored actors the brief's actors may denote, by Wikidata id, slug, and name or alias. */
async function findCandidates(sql: Sql, actors: BriefActor[]) {
  const qids = actors.map((a) => a.wikidataId).filter((q): q is string => q !== null)
  const norms = [...new Set(actors.flatMap(namesOf))]
  const byQid = qids.length
    ? await sql.all<{ id: string; wikidataId: string; mergedIntoId: string | null }>(
        `SELECT id, "wikidataId", "mergedIntoId" FROM "Actor" WHERE "wikidataId" IN ${JSON_LIST}`,
        [JSON.stringify(qids)],
      )
    : []
  const bySlug = await sql.all<{ id: string; slug: string; mergedIntoId: string | null; deletedAt: string | null }>(
    `SELECT id, slug, "mergedIntoId", "deletedAt" FROM "Actor" WHERE slug IN ${JSON_LIST}`,
    [JSON.stringify(actors.map((a) => a.slug))],
  )
  const byAlias = (
    await sql.all<{ actorId: string; normalized: string; kind: string }>(
      `SELECT x."actorId", x.normalized, a.kind FROM "ActorAlias" x JOIN "Actor" a ON a.id = x."actorId"
     WHERE x.normalized IN ${JSON_LIST} AND a."deletedAt" IS NULL AND a."mergedIntoId" IS NULL`,
      [JSON.stringify(norms)],
    )
  ).map((r) => ({ actorId: r.actorId, normalized: r.normalized, actor: { kind: r.kind } }))
  return {
    qidMap: new Map(byQid.map((r) => [r.wikidataId, r])),
    slugMap: new Map(bySlug.map((r) => [r.slug, r])),
    byAlias,
  }
}

/** A JSON array parameter as an IN list. */
const JSON_LIST = '(SELECT value FROM json_each(?))'

type Candidates = Awaited<ReturnType<typeof findCandidates>>

/** Brief slug -> stored actor id (new ids for actors to create), and the actors to create. */
async function matchActors(tx: Tx, actors: BriefActor[], { qidMap, slugMap, byAlias }: Candidates) {
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
      if (ids.size === 1) id = [...ids][0] ?? null
    }
    if (id === null) {
      id = newId('actor')
      created.push(a)
    }
    const j = firstIndex.get(id)
    if (j !== undefined)
      throw sameActorTwice(`/actors/${i}`, `resolves to the same actor (${id}) as /actors/${j}; list it once`)
    firstIndex.set(id, i)
    resolved.set(a.slug, id)
  }
  return { resolved, created }
}

async function createActors(
  sql: Sql,
  created: BriefActor[],
  idOf: (slug: string) => string,
  keyId: string | null,
  changes: ChangeRow[],
): Promise<void> {
  if (created.length === 0) return
  await insertRows(
    sql,
    'Actor',
    created.map((a) => ({
      id: idOf(a.slug),
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
  )
  for (const a of created) changes.push({ entity: 'actor', entityId: idOf(a.slug), action: 'created', keyId })
}

/** Known actors: add what is new (aliases, empty fields); never overwrite what an editor set. New actors get their aliases. */
async function enrichActors(
  tx: Tx,
  sql: Sql,
  actors: BriefActor[],
  idOf: (slug: string) => string,
  created: Set<string>,
  qidMap: Candidates['qidMap'],
  keyId: string | null,
  changes: ChangeRow[],
): Promise<void> {
  const knownIds = actors.filter((a) => !created.has(a.slug)).map((a) => idOf(a.slug))
  const list = JSON.stringify(knownIds)
  const aliasesOf = new Map<string, Array<{ normalized: string }>>()
  if (knownIds.length)
    for (const r of await sql.all<{ actorId: string; normalized: string }>(
      `SELECT "actorId", normalized FROM "ActorAlias" WHERE "actorId" IN ${JSON_LIST}`,
      [list],
    ))
      aliasesOf.set(r.actorId, [...(aliasesOf.get(r.actorId) ?? []), { normalized: r.normalized }])
  const stored = knownIds.length
    ? (
        await sql.all<{
          id: string
          country: string | null
          title: string | null
          description: string | null
          wikidataId: string | null
        }>(`SELECT id, country, title, description, "wikidataId" FROM "Actor" WHERE id IN ${JSON_LIST}`, [list])
      ).map((r) => ({ ...r, aliases: aliasesOf.get(r.id) ?? [] }))
    : []
  const storedById = new Map(stored.map((s) => [s.id, s]))
  const aliases: Prisma.ActorAliasCreateManyInput[] = []
  for (const a of actors) {
    const id = idOf(a.slug)
    const s = storedById.get(id)
    const have = new Set(s ? s.aliases.map((x) => x.normalized) : [])
    const fresh = aliasRows(id, [a.name, ...a.aliases, ...a.surfaceForms], have)
    aliases.push(...fresh)
    if (!s) continue
    const fill: Prisma.ActorUpdateInput = {}
    if (s.country === null && a.country) fill.country = a.country
    if (s.title === null && a.title) fill.title = a.title
    if (s.description === null && a.description) fill.description = a.description
    if (s.wikidataId === null && a.wikidataId && !qidMap.has(a.wikidataId)) fill.wikidataId = a.wikidataId
    if (fresh.length > 0 || Object.keys(fill).length > 0) {
      await tx.actor.update({ where: { id }, data: { ...fill, updatedByKeyId: keyId } })
      changes.push({ entity: 'actor', entityId: id, action: 'updated', keyId })
    }
  }
  await insertRows(sql, 'ActorAlias', aliases)
}

/** Resolves or creates every actor of a brief; returns brief slug -> stored actor id. */
export async function upsertActors(
  tx: Tx,
  sql: Sql,
  actors: BriefActor[],
  keyId: string | null,
  changes: ChangeRow[],
): Promise<Map<string, string>> {
  refuseDuplicates(actors)
  const candidates = await findCandidates(sql, actors)
  const { resolved, created } = await matchActors(tx, actors, candidates)
  const idOf = (slug: string) => mustGet(resolved, slug)
  await createActors(sql, created, idOf, keyId, changes)
  await enrichActors(tx, sql, actors, idOf, new Set(created.map((a) => a.slug)), candidates.qidMap, keyId, changes)
  return resolved
}

function mustGet(map: Map<string, string>, slug: string): string {
  const id = map.get(slug)
  if (id === undefined) throw new Error(`actor "${slug}" was not resolved`)
  return id
}

/**
 * Actor slugs to stored ids for one ingest. The brief's own actors are resolved up front; claims,
 * events and affiliations may also name stored actors the brief does not list (validateBrief
 * checked they exist), looked up on first use with merges followed.
 */
export class ActorIds {
  constructor(
    private readonly tx: Tx,
    private readonly ids: Map<string, string>,
  ) {}

  /** The id of one of the brief's own actors. */
  of(slug: string): string {
    return mustGet(this.ids, slug)
  }

  async resolve(slug: string): Promise<string> {
    const known = this.ids.get(slug)
    if (known) return known
    const row = await this.tx.actor.findUniqueOrThrow({ where: { slug }, select: { id: true } })
    const id = await followMerges(this.tx, row.id)
    this.ids.set(slug, id)
    return id
  }

  /** Resolves in order, one at a time (each may query). */
  async resolveAll(slugs: string[]): Promise<string[]> {
    const out: string[] = []
    for (const s of slugs) out.push(await this.resolve(s))
    return out
  }
}

/** The brief's actors resolved or created, then their affiliations (existing ones are kept as they are). */
export async function resolveActors(ctx: IngestContext): Promise<ActorIds> {
  const { tx, sql, brief, keyId, changes } = ctx
  const actors = new ActorIds(tx, await upsertActors(tx, sql, brief.actors, keyId, changes))
  const rows: Prisma.ActorAffiliationCreateManyInput[] = []
  for (const a of brief.actors) {
    const from = await actors.resolve(a.slug)
    for (const f of a.affiliations) {
      const to = await actors.resolve(f.actor)
      const data = { title: f.title, ...affiliationDateColumns(f.from, f.to) }
      rows.push({ id: newId('affiliation'), actorId: from, targetId: to, relation: f.relation, ...data })
    }
  }
  await insertRows(sql, 'ActorAffiliation', rows, { skipConflictOn: ['actorId', 'targetId', 'relation'] })
  return actors
}
