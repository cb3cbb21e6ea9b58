import type BetterSqlite3 from 'better-sqlite3'
import type { z } from 'zod'
import { dateFrom, evidence, extraction, quote } from '../../db/columns.js'
import { type ClaimFilter, claimFilter } from '../../db/item-filters.js'
import { type ClaimRow, claimRows } from '../../db/item-rows.js'
import { listSqlReader, runSqlList, yearSql } from '../../db/list-sql.js'
import { type Finder, filterId, liveRow } from '../../db/resolve.js'
import { searchIds } from '../../db/search.js'
import { boundRange } from '../../domain/dates.js'
import { actorRef } from '../../domain/refs.js'
import type { PrismaClient } from '../../generated/prisma/client.js'
import { topValues } from '../../lib/facets.js'
import type { ListPage } from '../../lib/list.js'
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

const SORTS = { id: { field: 'id' }, stated: { field: 'statedFrom', nullable: true } }
/** What each facet counts, over the claims the filter selects. */
const FACETS = { kind: 'c.kind', modality: 'c.modality', year: yearSql('c."statedFrom"') } as const

export function claimsRepository(db: PrismaClient, raw: BetterSqlite3.Database, find: Finder) {
  const rows = claimRows(raw)
  const sql = listSqlReader(raw)
  return {
    async list(q: z.output<typeof ClaimListQuery>): Promise<ListPage<Claim>> {
      const f: ClaimFilter = {}
      if (q.claimant !== undefined) f.claimant = await filterId(find, 'actor', q.claimant)
      if (q.about !== undefined) f.about = await filterId(find, 'actor', q.about)
      if (q.article !== undefined) f.articleId = await filterId(find, 'article', q.article)
      if (q.kind !== undefined) f.kind = q.kind
      if (q.modality !== undefined) f.modality = q.modality
      if (q.statedFrom !== undefined) f.from = boundRange(q.statedFrom).from
      if (q.statedTo !== undefined) f.to = boundRange(q.statedTo).to
      if (q.reviewed !== undefined) f.reviewed = q.reviewed
      if (q.q !== undefined) f.ids = await searchIds(db, parseSearch(q.q), 'claim')
      const filter = claimFilter(f)
      return runSqlList(sql, {
        resource: 'claims',
        query: q,
        sorts: SORTS,
        filter,
        facet: (name) => topValues(sql.facet(filter, FACETS[name])),
        rows,
        map: toClaim,
      })
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
