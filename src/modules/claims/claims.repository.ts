import type { z } from 'zod'
import { searchIds } from '../../db/search.js'
import type { PrismaClient } from '../../generated/prisma/client.js'
import { parseSearch } from '../../lib/search-query.js'
import { boundRange } from '../../domain/dates.js'
import { facetValues, type GroupBy, yearOf } from '../../lib/facets.js'
import { type ListPage, runList } from '../../lib/list.js'
import { sortSpec } from '../../lib/pagination.js'
import { ProblemError } from '../../lib/problems.js'
import { actorRef, actorRefSelect, articleRefSelect } from '../../domain/refs.js'
import { evidence, partialDate } from '../../db/columns.js'
import { resolveActorId } from '../articles/articles.repository.js'
import type { ClaimListQuery, ClaimSchema } from './claims.schemas.js'

type Claim = z.output<typeof ClaimSchema>

const select = {
  id: true,
  kind: true,
  summary: true,
  modality: true,
  quoteText: true,
  quoteStart: true,
  quoteEnd: true,
  evidenceStart: true,
  evidenceEnd: true,
  evidenceExact: true,
  evidencePrefix: true,
  evidenceSuffix: true,
  statedDate: true,
  statedPrecision: true,
  statedApprox: true,
  statedText: true,
  statedFrom: true,
  extractionMethod: true,
  extractor: true,
  confidence: true,
  reviewed: true,
  createdAt: true,
  updatedAt: true,
  article: { select: articleRefSelect },
  actors: { orderBy: { position: 'asc' as const }, select: { role: true, actor: { select: actorRefSelect } } },
  linksFrom: {
    orderBy: { id: 'asc' as const },
    select: {
      type: true,
      toClaim: { select: { id: true, summary: true } },
      toEvent: { select: { id: true, title: true } },
    },
  },
  linksTo: {
    orderBy: { id: 'asc' as const },
    select: { type: true, fromClaim: { select: { id: true, summary: true } } },
  },
} as const

type Row = Awaited<ReturnType<PrismaClient['claim']['findFirstOrThrow']>> & Record<string, unknown>

// biome-ignore lint/suspicious/noExplicitAny: row shape follows `select` above
function toClaim(r: any): Claim {
  return {
    id: r.id,
    article: r.article,
    kind: r.kind,
    summary: r.summary,
    modality: r.modality,
    quote: r.quoteText !== null ? { text: r.quoteText, start: r.quoteStart, end: r.quoteEnd } : null,
    evidence: evidence(r),
    claimants: r.actors
      .filter((a: { role: string }) => a.role === 'claimant')
      .map((a: { actor: never }) => actorRef(a.actor)),
    about: r.actors
      .filter((a: { role: string }) => a.role === 'subject')
      .map((a: { actor: never }) => actorRef(a.actor)),
    stated: partialDate(r.statedDate, r.statedPrecision, r.statedApprox, r.statedText),
    extraction: { method: r.extractionMethod, extractor: r.extractor, confidence: r.confidence, reviewed: r.reviewed },
    links: [
      ...r.linksFrom.map((l: { type: string; toClaim: unknown; toEvent: unknown }) => ({
        type: l.type,
        direction: 'outgoing' as const,
        claim: l.toClaim ?? null,
        event: l.toEvent ?? null,
      })),
      ...r.linksTo.map((l: { type: string; fromClaim: unknown }) => ({
        type: l.type,
        direction: 'incoming' as const,
        claim: l.fromClaim,
        event: null,
      })),
    ],
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }
}

export function claimsRepository(db: PrismaClient) {
  return {
    async list(q: z.output<typeof ClaimListQuery>): Promise<ListPage<Claim>> {
      const where: Record<string, unknown>[] = [{ deletedAt: null, article: { deletedAt: null } }]
      if (q.claimant !== undefined)
        where.push({ actors: { some: { role: 'claimant', actorId: (await resolveActorId(db, q.claimant)) ?? '' } } })
      if (q.about !== undefined)
        where.push({ actors: { some: { role: 'subject', actorId: (await resolveActorId(db, q.about)) ?? '' } } })
      if (q.article !== undefined) {
        const art = await db.article.findFirst({
          where: { OR: [{ id: q.article }, { slug: q.article }] },
          select: { id: true },
        })
        where.push({ articleId: art?.id ?? '' })
      }
      if (q.kind !== undefined) where.push({ kind: q.kind })
      if (q.modality !== undefined) where.push({ modality: q.modality })
      if (q.statedFrom !== undefined) where.push({ statedTo: { gte: boundRange(q.statedFrom).from } })
      if (q.statedTo !== undefined) where.push({ statedFrom: { lte: boundRange(q.statedTo).to } })
      if (q.q !== undefined) where.push({ id: { in: await searchIds(db, parseSearch(q.q), 'claim') } })
      let facets: ListPage<unknown>['facets']
      if (q.facets?.length) {
        const out: Record<string, Array<{ value: string | number | null; count: number }>> = {}
        for (const f of q.facets) {
          const field = f === 'year' ? 'statedFrom' : f
          const rows = await (db.claim.groupBy as unknown as GroupBy)({
            by: [field],
            where: { AND: where },
            _count: { _all: true },
          })
          out[f] = facetValues(rows as never, field, f === 'year' ? yearOf : undefined)
        }
        facets = out
      }
      const { limit, cursor, count, sort, facets: _f, ...filters } = q
      const byDate = sort.replace('-', '') === 'stated'
      const page = await runList<Row>({
        resource: 'claims',
        sort,
        spec: sortSpec(sort, { id: { field: 'id' }, stated: { field: 'statedFrom', nullable: true } }),
        filters,
        where: { AND: where },
        limit,
        cursor,
        count,
        find: (args) => db.claim.findMany({ ...args, select }) as unknown as Promise<Row[]>,
        total: (w) => db.claim.count({ where: w }),
        sortValue: (r) => (byDate ? (r.statedFrom as string | null) : r.id),
        id: (r) => r.id,
      })
      return { rows: page.rows.map(toClaim), page: page.page, facets }
    },

    async get(id: string): Promise<Claim> {
      const r = await db.claim.findUnique({ where: { id }, select: { ...select, deletedAt: true } })
      if (!r) throw new ProblemError('not-found', `No claim "${id}"`)
      if (r.deletedAt) throw new ProblemError('gone', `Claim "${id}" was deleted`)
      return toClaim(r)
    },
  }
}
