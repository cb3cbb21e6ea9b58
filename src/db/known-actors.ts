// The store's live actors with their aliases, as the extractor takes them: every actor an editor has
// stored teaches it. One query for POST /v1/extract and for raw texts in seeds/.
import type { ACTOR_KINDS } from '../domain/vocabulary.js'
import type { PrismaClient } from '../generated/prisma/client.js'

type ActorKind = (typeof ACTOR_KINDS)[number]

export interface StoredActor {
  slug: string
  name: string
  kind: ActorKind
  country: string | null
  aliases: string[]
}

export async function knownActors(db: PrismaClient): Promise<StoredActor[]> {
  const rows = await db.actor.findMany({
    where: { deletedAt: null, mergedIntoId: null },
    select: { slug: true, name: true, kind: true, country: true, aliases: { select: { alias: true } } },
    orderBy: { id: 'asc' },
  })
  return rows.map((r) => ({
    ...r,
    kind: r.kind as ActorKind, // written only through the brief schema's ACTOR_KINDS enum
    aliases: r.aliases.map((a) => a.alias),
  }))
}
