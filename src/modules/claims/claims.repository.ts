import type BetterSqlite3 from 'better-sqlite3'
import type { z } from 'zod'
import {
  dateFrom,
  dateSelect,
  evidence,
  evidenceSelect,
  extraction,
  extractionSelect,
  quote,
  quoteSelect,
  columnsOf,
} from '../../db/columns.js'
import { type ClaimRow, claimRows } from '../../db/item-rows.js'
import { type Finder, filterId, liveRow } from '../../db/resolve.js'
import { searchIds } from '../../db/search.js'
import { boundRange } from '../../domain/dates.js'
import { actorRef, actorRefSelect, articleRefSelect } from '../../domain/refs.js'
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js'
import { type ListPage, runList } from '../../lib/list.js'
import { parseSearch } from '../../lib/search-query.js'
import type { ClaimListQuery, ClaimSchema } from './claims.schemas.js'

type Claim = z.output<typeof ClaimSchema>

type Row = ClaimRow

function toClaim(r: Row): Claim {
  const role = (name: string) => r.actors.filter((a) => a.role === name).map((a) => actorRef(a.actor))
  return {
    id: r.id,
    article: r.article,
    // Vocabulary columns are written only through the zod enums of the brief and patch schemas.
    kind: r.kind as Claim['kind'],
    summary: r.summary,
    modality: r.modality as Claim['modality'],
    quote: quote(r),
    evidence: evidence(r),
    claimants: role('claimant'),
    about: role('subject'),
    stated: dateFrom(r, 'stated'),
    extraction: { ...extraction(r), reviewedBy: r.reviewedByKeyId },
    links: [
      ...r.linksFrom.map((l) => ({
        type: l.type as Claim['links'][number]['type'],
        direction: 'outgoing' as const,
        claim: l.toClaim ?? null,
        event: l.toEvent ?? null,
      })),
      ...r.linksTo.map((l) => ({
        type: l.type as Claim['links'][number]['type'],
        direction: 'incoming' as const,
        claim: l.fromClaim,
        event: null,
      })),
    ],
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }
}

/** The claims list, whatever the query. */
const LIST = {
  resource: 'claims',
  sorts: { id: { field: 'id' }, stated: { field: 'statedFrom', nullable: true } },
  // The page's ids and sort columns; its rows are read by claimRows (src/db/item-rows.ts).
  select: { id: true, statedFrom: true },
  map: toClaim,
  facetColumns: { kind: 'kind', modality: 'modality', year: 'statedFrom' },
} as const

export function claimsRepository(db: PrismaClient, raw: BetterSqlite3.Database, find: Finder) {
  const rows = claimRows(raw)
  const list = { ...LIST, rows }
  return {
    async list(q: z.output<typeof ClaimListQuery>): Promise<ListPage<Claim>> {
      const where: Prisma.ClaimWhereInput[] = [{ deletedAt: null, article: { deletedAt: null } }]
      if (q.claimant !== undefined)
        where.push({ actors: { some: { role: 'claimant', actorId: await filterId(find, 'actor', q.claimant) } } })
      if (q.about !== undefined)
        where.push({ actors: { some: { role: 'subject', actorId: await filterId(find, 'actor', q.about) } } })
      if (q.article !== undefined) where.push({ articleId: await filterId(find, 'article', q.article) })
      if (q.kind !== undefined) where.push({ kind: q.kind })
      if (q.modality !== undefined) where.push({ modality: q.modality })
      if (q.statedFrom !== undefined) where.push({ statedTo: { gte: boundRange(q.statedFrom).from } })
      if (q.statedTo !== undefined) where.push({ statedFrom: { lte: boundRange(q.statedTo).to } })
      if (q.reviewed !== undefined) where.push({ reviewed: q.reviewed })
      if (q.q !== undefined) where.push({ id: { in: await searchIds(db, parseSearch(q.q), 'claim') } })
      return runList(db.claim, list, q, { AND: where })
    },

    /** The body of a claim's article and its evidence span (null for an unknown claim). */
    async passage(id: string): Promise<{ body: string; evidence: { start: number; end: number } } | null> {
      const r = await db.claim.findUnique({
        where: { id },
        select: { evidenceStart: true, evidenceEnd: true, article: { select: { body: true } } },
      })
      return r && { body: r.article.body, evidence: { start: r.evidenceStart, end: r.evidenceEnd } }
    },

    async get(id: string): Promise<Claim> {
      return toClaim(liveRow('claim', id, rows([id])[0] ?? null))
    },
  }
}
