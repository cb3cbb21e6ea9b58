import type { z } from 'zod'
import { type ActorFilter, actorFilter, given } from '../../db/item-filters.js'
import { type ActorSummaryRow, actorSummaryRows } from '../../db/item-rows.js'
import { listSqlReader, runSqlList } from '../../db/list-sql.js'
import {
  type AffiliationDateColumns,
  affiliationDates,
  columnsOf,
  dateFrom,
  dateSelect,
  pick,
} from '../../db/columns.js'
import { type Finder, filterId, type Policy, type Resolved, resolveRecord } from '../../db/resolve.js'
import { knownActors } from '../../db/known-actors.js'
import { SearchSyntaxError, searchIds } from '../../db/search.js'
import { actorRef, actorRefSelect, articleRefSelect } from '../../domain/refs.js'
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js'
import type { ListPage } from '../../lib/list.js'
import { ProblemError } from '../../lib/problems.js'
import { hasWord, parseSearch } from '../../lib/search-query.js'
import { normalizeName } from '../../lib/text.js'
import type { ActorListQuery, ActorSchema, ActorSummarySchema } from './actors.schemas.js'
import type { Sql } from '../../db/sql.js'

type Summary = z.output<typeof ActorSummarySchema>
type Detail = z.output<typeof ActorSchema>
type ActorRefRow = Parameters<typeof actorRef>[0]

const summarySelect = {
  ...columnsOf('id', 'slug', 'name', 'kind', 'country', 'title', 'description', 'wikidataId', 'createdAt', 'updatedAt'),
  aliases: { select: { alias: true }, orderBy: { id: 'asc' as const } },
} as const

/** An actor as the list reads it (src/db/item-rows.ts) and as GET selects it with Prisma. */
type SummaryRow = ActorSummaryRow

/** An actor's own columns that the API shows as they are stored, in the schema's order around `kind`. */
const NAMES = ['id', 'slug', 'name'] as const
const DETAILS = ['country', 'title', 'description', 'wikidataId'] as const

function toSummary(r: SummaryRow): Summary {
  // Fields listed one by one: the list and GET send what this returns as it is (no zod pass).
  return {
    ...pick(r, NAMES),
    kind: r.kind as Summary['kind'],
    ...pick(r, DETAILS),
    aliases: r.aliases.map((a) => a.alias).filter((a) => a !== r.name),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }
}

const claimRefSelect = {
  ...columnsOf('id', 'kind', 'summary', 'modality', 'quoteText'),
  ...dateSelect('stated'),
  article: { select: articleRefSelect },
} as const

function claimRef(c: Prisma.ClaimGetPayload<{ select: typeof claimRefSelect }>) {
  return {
    id: c.id,
    kind: c.kind,
    summary: c.summary,
    modality: c.modality,
    quote: c.quoteText,
    stated: dateFrom(c, 'stated'),
    article: c.article,
  }
}

/** Reading an actor: a merged one is reported (the route answers 308 to its survivor), a deleted one is gone. */
const READ: Policy = { merged: 'report', deleted: 'refuse', missing: 'refuse' }

/** The actors list, whatever the query. */
const LIST = {
  resource: 'actors',
  sorts: { id: { field: 'id' }, name: { field: 'name' } },
  facets: { kind: 'a.kind', country: 'a.country' },
  map: toSummary,
} as const

export function actorsRepository(db: PrismaClient, raw: Sql, find: Finder) {
  const rows = actorSummaryRows(raw)
  const sql = listSqlReader(raw)
  return {
    async list(q: z.output<typeof ActorListQuery>): Promise<ListPage<Summary>> {
      const f: ActorFilter = given(q, ['kind', 'country'])
      if (q.article !== undefined) f.articleId = await filterId(find, 'article', q.article)
      if (q.q !== undefined) {
        // Any alias containing the text ("pla", "Beijing"), or a full-text match on names, titles, descriptions.
        // Names are matched leniently: text that is not a valid search expression still matches aliases.
        const tokens = (() => {
          try {
            return hasWord(q.q) ? parseSearch(q.q) : null
          } catch (err) {
            if (err instanceof ProblemError) return null
            throw err
          }
        })()
        const ids = tokens
          ? await searchIds(raw, tokens, 'actor').catch((err) => {
              if (err instanceof SearchSyntaxError) return []
              throw err
            })
          : []
        f.text = { normalized: normalizeName(q.q), ids }
      }
      return runSqlList(sql, LIST, q, actorFilter(f), rows)
    },

    /** Every live actor with its aliases, for the extractor to recognise. */
    known: () => knownActors(db),

    /** Id of a live actor; merged actors give their survivor in `redirect`. */
    async resolve(idOrSlug: string): Promise<{ id: string; redirect?: string }> {
      const { id, mergedInto } = (await resolveRecord(find, 'actor', idOrSlug, READ)) as Resolved
      return mergedInto ? { id, redirect: mergedInto } : { id }
    },

    async get(id: string): Promise<Detail> {
      const affSelect = {
        ...columnsOf('relation', 'title', 'fromDate', 'fromPrecision', 'fromText', 'toDate', 'toPrecision', 'toText'),
      } as const
      const [actor, made, about, events, articles] = await Promise.all([
        db.actor.findUniqueOrThrow({
          where: { id },
          select: {
            ...summarySelect,
            affiliations: { select: { ...affSelect, target: { select: actorRefSelect } }, orderBy: { id: 'asc' } },
            affiliated: { select: { ...affSelect, actor: { select: actorRefSelect } }, orderBy: { id: 'asc' } },
          },
        }),
        db.claimActor.findMany({
          where: { actorId: id, role: 'claimant', claim: { deletedAt: null } },
          orderBy: { claimId: 'desc' },
          take: 100,
          select: { claim: { select: claimRefSelect } },
        }),
        db.claimActor.findMany({
          where: { actorId: id, role: 'subject', claim: { deletedAt: null } },
          orderBy: { claimId: 'desc' },
          take: 100,
          select: { claim: { select: claimRefSelect } },
        }),
        db.eventParticipant.findMany({
          where: { actorId: id, event: { deletedAt: null } },
          orderBy: [{ event: { dateFrom: { sort: 'asc', nulls: 'last' } } }, { eventId: 'asc' }],
          take: 100,
          select: {
            role: true,
            event: {
              select: {
                ...columnsOf('id', 'title', 'type', 'status'),
                ...dateSelect('start'),
                ...dateSelect('end'),
              },
            },
          },
        }),
        db.articleActor.findMany({
          where: { actorId: id, article: { deletedAt: null } },
          orderBy: { articleId: 'asc' },
          take: 100,
          select: { role: true, article: { select: articleRefSelect } },
        }),
      ])
      const aff = (f: AffiliationDateColumns & { relation: string; title: string | null }, other: ActorRefRow) => ({
        // Written only through the brief schema's AFFILIATION_RELATIONS enum.
        relation: f.relation as Detail['affiliations'][number]['relation'],
        title: f.title,
        ...affiliationDates(f),
        actor: actorRef(other),
      })
      return {
        ...toSummary(actor),
        affiliations: actor.affiliations.map((f) => aff(f, f.target)),
        members: actor.affiliated.map((f) => aff(f, f.actor)),
        claimsMade: made.map((m) => claimRef(m.claim)),
        claimsAbout: about.map((m) => claimRef(m.claim)),
        events: events.map(({ role, event: e }) => ({
          id: e.id,
          title: e.title,
          type: e.type,
          status: e.status,
          start: dateFrom(e, 'start'),
          end: dateFrom(e, 'end'),
          role,
        })),
        articles: articles.map((a) => ({ ...a.article, role: a.role })),
      }
    },
  }
}
