// Timeline, actor relations and pair views. Each answer is built from a bounded number of
// set-based queries, never one per row.
import type { z } from 'zod'
import { humanDate } from '../../domain/brief.render.js'
import { COOPERATIVE_TYPES, CONFLICTUAL_TYPES } from '../../domain/vocabulary.js'
import { eventRows, timelineClaimRows } from '../../db/item-rows.js'
import { timelineReader } from '../../db/timeline-sql.js'
import { dayBounds } from '../../db/item-filters.js'
import type { PrismaClient } from '../../generated/prisma/client.js'
import { boundRange, type PartialDate } from '../../domain/dates.js'
import { type Finder, type Policy, type Resolved, resolveRecord } from '../../db/resolve.js'
import { actorRef, actorRefSelect } from '../../domain/refs.js'
import { dateFrom, dateSelect, columnsOf } from '../../db/columns.js'
import type { ActorRelationsSchema, PairSchema, TimelineQuery, TimelineSchema } from './analysis.schemas.js'
import type { Sql } from '../../db/sql.js'

const COOP = new Set<string>(COOPERATIVE_TYPES)
const CONFLICT = new Set<string>(CONFLICTUAL_TYPES)

const eventDateSelect = { ...dateSelect('start'), ...dateSelect('end'), dateFrom: true, dateTo: true } as const

function balance(coop: number, conflict: number): number | null {
  return coop + conflict === 0 ? null : Math.round(((coop - conflict) / (coop + conflict)) * 1000) / 1000
}

/** Analysis takes a live actor by id or slug (merges followed) or, for states, by ISO alpha-3 code. */
const ANALYSED: Policy = { merged: 'follow', deleted: 'refuse', missing: 'refuse' }
const ISO3 = /^[A-Za-z]{3}$/

export function analysisRepository(db: PrismaClient, raw: Sql, find: Finder) {
  const timelineSql = timelineReader(raw)
  const eventsById = eventRows(raw, { reports: false })
  const claimsById = timelineClaimRows(raw)
  const stateByIso3 = `SELECT id FROM "Actor" WHERE kind = 'state' AND country = ? AND "deletedAt" IS NULL AND "mergedIntoId" IS NULL
     ORDER BY id LIMIT 1`
  const findOrIso3: Finder = async (kind, token) => {
    const found = await find(kind, token)
    if (found || kind !== 'actor' || !ISO3.test(token)) return found
    const state = await raw.get<{ id: string }>(stateByIso3, [token.toUpperCase()])
    return state ? { id: state.id, deleted: false, mergedInto: null } : null
  }
  async function findActor(token: string) {
    const { id } = (await resolveRecord(findOrIso3, 'actor', token, ANALYSED)) as Resolved
    return actorRef(await db.actor.findUniqueOrThrow({ where: { id }, select: actorRefSelect }))
  }
  return {
    /** The actor a token names, as analysis resolves it (merges followed, ISO alpha-3 codes for states). */
    actor: findActor,

    async timeline(q: z.output<typeof TimelineQuery>): Promise<z.output<typeof TimelineSchema>> {
      const actor = q.actor ? await findActor(q.actor) : null
      const wantEvents = q.include !== 'claims'
      const wantClaims = q.include !== 'events' && !q.type
      // The ids in order from hand-written SQL (src/db/timeline-sql.ts; one actor's are driven by
      // the actor's own rows), then the items by id.
      const found = await timelineSql.read(
        {
          ...(actor ? { actorId: actor.id } : {}),
          ...dayBounds(q.from, q.to),
          ...(q.type ? { type: q.type } : {}),
        },
        { events: wantEvents, claims: wantClaims },
        q.limit + 1,
      )
      const { events: eventIds, claims: claimIds, undatedEvents, undatedClaims } = found
      // The items by id in hand-written SQL (src/db/item-rows.ts), as the claim and event lists read them.
      const events = eventIds.length ? await eventsById(eventIds) : []
      const claims = claimIds.length ? await claimsById(claimIds) : []
      type Item = z.output<typeof TimelineSchema>['groups'][number]['items'][number] & { from: string; to: string }
      const items: Item[] = [
        ...events.map((e) => ({
          kind: 'event' as const,
          id: e.id,
          title: e.title,
          date: dateFrom(e, 'start') as PartialDate, // only dated events reach the timeline
          end: dateFrom(e, 'end'),
          type: e.type,
          status: e.status,
          modality: e.modality,
          actors: e.participants.map((p) => actorRef(p.actor)),
          quote: null,
          url: `/v1/events/${e.id}`,
          from: e.dateFrom ?? '',
          to: e.dateTo ?? '',
        })),
        ...claims.map((c) => ({
          kind: 'claim' as const,
          id: c.id,
          title: c.summary,
          date: dateFrom(c, 'stated') as PartialDate, // only dated claims reach the timeline
          end: null,
          type: c.kind,
          status: null,
          modality: c.modality,
          actors: c.claimants.map(actorRef),
          quote: c.quoteText,
          url: `/v1/claims/${c.id}`,
          from: c.statedFrom ?? '',
          to: c.statedTo ?? '',
        })),
      ].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.id.localeCompare(b.id))
      const truncated = items.length > q.limit
      const groups: z.output<typeof TimelineSchema>['groups'] = []
      for (const { from: _f, to: _t, ...item } of items.slice(0, q.limit)) {
        const key = `${item.date.precision}:${item.date.date}`
        const last = groups[groups.length - 1]
        if (last && `${last.precision}:${last.period}` === key) last.items.push(item)
        else
          groups.push({
            period: item.date.date,
            precision: item.date.precision,
            label: humanDate({ ...item.date, approximate: false, text: null }),
            items: [item],
          })
      }
      return { groups, truncated, undated: undatedEvents + undatedClaims }
    },

    async relations(idOrSlug: string): Promise<z.output<typeof ActorRelationsSchema>> {
      const actor = await findActor(idOrSlug)
      const [events, claims] = await Promise.all([
        db.event.findMany({
          where: { deletedAt: null, participants: { some: { actorId: actor.id } } },
          select: { id: true, type: true, participants: { select: { actor: { select: actorRefSelect } } } },
          orderBy: { id: 'asc' },
        }),
        db.claim.findMany({
          where: { deletedAt: null, article: { deletedAt: null }, actors: { some: { actorId: actor.id } } },
          select: {
            id: true,
            kind: true,
            actors: {
              orderBy: [{ role: 'asc' }, { position: 'asc' }],
              select: { role: true, actor: { select: actorRefSelect } },
            },
          },
          orderBy: { id: 'asc' },
        }),
      ])
      type Rel = z.output<typeof ActorRelationsSchema>['relations'][number]
      const rels = new Map<string, Rel>()
      const rel = (a: Parameters<typeof actorRef>[0]): Rel => {
        let r = rels.get(a.id)
        if (!r) {
          r = {
            actor: actorRef(a),
            events: { count: 0, types: {}, cooperative: 0, conflictual: 0, ids: [] },
            claims: { made: 0, received: 0, kinds: {}, ids: [] },
            balance: null,
          }
          rels.set(a.id, r)
        }
        return r
      }
      for (const e of events) {
        const others = new Map(e.participants.filter((p) => p.actor.id !== actor.id).map((p) => [p.actor.id, p.actor]))
        for (const other of others.values()) {
          const r = rel(other)
          r.events.count++
          r.events.types[e.type] = (r.events.types[e.type] ?? 0) + 1
          if (COOP.has(e.type)) r.events.cooperative++
          if (CONFLICT.has(e.type)) r.events.conflictual++
          r.events.ids.push(e.id)
        }
      }
      for (const c of claims) {
        // An actor can be both claimant and subject of one claim (a joint statement about themselves).
        for (const role of ['claimant', 'subject'] as const) {
          if (!c.actors.some((a) => a.actor.id === actor.id && a.role === role)) continue
          const counterpart = role === 'claimant' ? 'subject' : 'claimant'
          const others = new Map(
            c.actors.filter((a) => a.role === counterpart && a.actor.id !== actor.id).map((a) => [a.actor.id, a.actor]),
          )
          for (const other of others.values()) {
            const r = rel(other)
            if (role === 'claimant') r.claims.made++
            else r.claims.received++
            r.claims.kinds[c.kind] = (r.claims.kinds[c.kind] ?? 0) + 1
            r.claims.ids.push(c.id)
          }
        }
      }
      const relations = [...rels.values()]
        .map((r) => ({ ...r, balance: balance(r.events.cooperative, r.events.conflictual) }))
        .sort(
          (a, b) =>
            b.events.count + b.claims.made + b.claims.received - (a.events.count + a.claims.made + a.claims.received) ||
            a.actor.name.localeCompare(b.actor.name),
        )
      return { actor, relations }
    },

    async pair(tokens: [string, string], from?: string, to?: string): Promise<z.output<typeof PairSchema>> {
      const a = await findActor(tokens[0])
      const b = await findActor(tokens[1])
      const overlap = (f: string, t: string) => [
        ...(from ? [{ [t]: { gte: boundRange(from).from } }] : []),
        ...(to ? [{ [f]: { lte: boundRange(to).to } }] : []),
      ]
      const [events, claims] = await Promise.all([
        db.event.findMany({
          where: {
            AND: [
              { deletedAt: null },
              { participants: { some: { actorId: a.id } } },
              { participants: { some: { actorId: b.id } } },
              ...overlap('dateFrom', 'dateTo'),
            ],
          },
          orderBy: [{ dateFrom: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
          select: { id: true, title: true, type: true, ...eventDateSelect },
        }),
        db.claim.findMany({
          where: {
            AND: [
              { deletedAt: null, article: { deletedAt: null } },
              {
                OR: [
                  {
                    AND: [
                      { actors: { some: { actorId: a.id, role: 'claimant' } } },
                      { actors: { some: { actorId: b.id, role: 'subject' } } },
                    ],
                  },
                  {
                    AND: [
                      { actors: { some: { actorId: b.id, role: 'claimant' } } },
                      { actors: { some: { actorId: a.id, role: 'subject' } } },
                    ],
                  },
                ],
              },
              ...overlap('statedFrom', 'statedTo'),
            ],
          },
          orderBy: [{ statedFrom: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
          select: {
            ...columnsOf(
              'id',
              'summary',
              'kind',
              'statedDate',
              'statedPrecision',
              'statedApprox',
              'statedText',
              'statedFrom',
            ),
            actors: { where: { role: 'claimant', actorId: { in: [a.id, b.id] } }, select: { actorId: true } },
          },
        }),
      ])
      type Period = z.output<typeof PairSchema>['periods'][number]
      const periods = new Map<string, Period>()
      const period = (key: string): Period => {
        let p = periods.get(key)
        if (!p) {
          p = { period: key, events: [], claims: [], cooperative: 0, conflictual: 0 }
          periods.set(key, p)
        }
        return p
      }
      let coop = 0
      let conflict = 0
      for (const e of events) {
        const p = period(e.dateFrom ? e.dateFrom.slice(0, 7) : 'undated')
        p.events.push({
          id: e.id,
          title: e.title,
          type: e.type,
          date: dateFrom(e, 'start'),
        })
        if (COOP.has(e.type)) {
          p.cooperative++
          coop++
        }
        if (CONFLICT.has(e.type)) {
          p.conflictual++
          conflict++
        }
      }
      for (const c of claims) {
        const p = period(c.statedFrom ? c.statedFrom.slice(0, 7) : 'undated')
        const by = c.actors.some((x) => x.actorId === a.id) ? a.slug : b.slug
        p.claims.push({
          id: c.id,
          summary: c.summary,
          kind: c.kind,
          by,
          date: dateFrom(c, 'stated'),
        })
      }
      const ordered = [...periods.values()].sort((x, y) =>
        x.period === 'undated' ? 1 : y.period === 'undated' ? -1 : x.period.localeCompare(y.period),
      )
      return {
        actors: [a, b],
        summary: {
          events: events.length,
          cooperative: coop,
          conflictual: conflict,
          balance: balance(coop, conflict),
          claims: claims.length,
        },
        periods: ordered,
      }
    },
  }
}
