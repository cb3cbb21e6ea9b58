import type { z } from 'zod'
import { dateFrom, evidence, extraction, quote } from '../../db/columns.js'
import { type ClaimFilter, claimFilter, dayBounds, given } from '../../db/item-filters.js'
import { type ClaimRow, claimRows } from '../../db/item-rows.js'
import { listSqlReader, runSqlList, yearSql } from '../../db/list-sql.js'
import { type Finder, filterId, liveRow } from '../../db/resolve.js'
import { searchIds } from '../../db/search.js'
import { actorRef } from '../../domain/refs.js'
import type { PrismaClient } from '../../generated/prisma/client.js'
import type { ListPage } from '../../lib/list.js'
import { parseSearch } from '../../lib/search-query.js'
import type { ClaimListQuery, ClaimSchema } from './claims.schemas.js'
import type { Sql } from '../../db/sql.js'

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

/** The claims list, whatever the query: its sorts, the expression each facet counts, the mapping. */
const LIST = {
  resource: 'claims',
  sorts: { id: { field: 'id' }, stated: { field: 'statedFrom', nullable: true } },
  facets: { kind: 'c.kind', modality: 'c.modality', year: yearSql('c."statedFrom"') },
  map: toClaim,
} as const

export function claimsRepository(db: PrismaClient, raw: Sql, find: Finder) {
  const rows = claimRows(raw)
  const sql = listSqlReader(raw)
  return {
    async list(q: z.output<typeof ClaimListQuery>): Promise<ListPage<Claim>> {
      const f: ClaimFilter = { ...given(q, ['kind', 'modality', 'reviewed']), ...dayBounds(q.statedFrom, q.statedTo) }
      if (q.claimant !== undefined) f.claimant = await filterId(find, 'actor', q.claimant)
      if (q.about !== undefined) f.about = await filterId(find, 'actor', q.about)
      if (q.article !== undefined) f.articleId = await filterId(find, 'article', q.article)
      if (q.q !== undefined) f.ids = await searchIds(raw, parseSearch(q.q), 'claim')
      return runSqlList(sql, LIST, q, claimFilter(f), rows)
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
      return toClaim(liveRow('claim', id, (await rows([id]))[0] ?? null))
    },
  }
}
