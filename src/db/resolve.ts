// "Id or slug" to a record, in one place, with an explicit policy for merged and deleted records.
// The outcome is data or a typed RecordStateError; plugins/errors.ts turns that into 404, 410 or 409.
import type { PrismaClient } from '../generated/prisma/client.js'
import type { Tx } from './database.js'
import type { Sql } from './sql.js'

export type RecordKind = 'article' | 'actor' | 'claim' | 'event'

/** What an id or slug names, before any policy: its id, whether it is tombstoned, its merge survivor. */
export interface Found {
  id: string
  deleted: boolean
  mergedInto: string | null
}

/** The record named cannot be acted on: missing (404), deleted (410) or merged into another actor (409). */
export class RecordStateError extends Error {
  constructor(
    readonly reason: 'missing' | 'deleted' | 'merged',
    readonly kind: RecordKind,
    readonly token: string,
    readonly mergedInto: string | null = null,
  ) {
    super(`${kind} "${token}" is ${reason}`)
    this.name = 'RecordStateError'
  }
}

export interface Policy {
  /**
   * A merged actor: `follow` gives its survivor, `report` gives the merged actor itself with
   * `mergedInto` set (a read answers 308), `refuse` is a RecordStateError('merged') (an edit answers 409).
   */
  merged: 'follow' | 'report' | 'refuse'
  /** A tombstoned record: `refuse` is RecordStateError('deleted'); `allow` returns it. */
  deleted: 'refuse' | 'allow'
  /** An unknown id or slug: `refuse` is RecordStateError('missing'); `none` returns null. */
  missing: 'refuse' | 'none'
}

/** A read or an edit of the record itself: 404 if unknown, 410 if deleted, 409 if merged. */
export const LIVE = { merged: 'refuse', deleted: 'refuse', missing: 'refuse' } as const satisfies Policy
/** A filter value (?actor=, ?article=): merges followed, tombstones kept, unknown matches nothing. */
export const FILTER: Policy = { merged: 'follow', deleted: 'allow', missing: 'none' }

export interface Resolved {
  id: string
  /** Set only with `merged: 'report'`: the survivor the record was merged into. */
  mergedInto: string | null
}

/** Looks a record up by id, or by slug where the kind has one (and, for actors, by a state's ISO alpha-3 code). */
export type Finder = (kind: RecordKind, token: string) => Promise<Found | null> | Found | null

type Client = PrismaClient | Tx

const ISO3 = /^[A-Za-z]{3}$/

/** A finder on a Prisma client or transaction (writes resolve inside their transaction). */
export function prismaFinder(db: Client, opts: { iso3?: boolean } = {}): Finder {
  return async (kind, token) => {
    const byIdOrSlug = { OR: [{ id: token }, { slug: token }] }
    switch (kind) {
      case 'article': {
        const r = await db.article.findFirst({ where: byIdOrSlug, select: { id: true, deletedAt: true } })
        return r && { id: r.id, deleted: r.deletedAt !== null, mergedInto: null }
      }
      case 'actor': {
        const select = { id: true, deletedAt: true, mergedIntoId: true }
        let r = await db.actor.findFirst({ where: byIdOrSlug, select })
        if (!r && opts.iso3 && ISO3.test(token))
          r = await db.actor.findFirst({
            where: { kind: 'state', country: token.toUpperCase(), deletedAt: null, mergedIntoId: null },
            select,
            orderBy: { id: 'asc' },
          })
        return r && { id: r.id, deleted: r.deletedAt !== null, mergedInto: r.mergedIntoId }
      }
      case 'claim': {
        const r = await db.claim.findUnique({ where: { id: token }, select: { id: true, deletedAt: true } })
        return r && { id: r.id, deleted: r.deletedAt !== null, mergedInto: null }
      }
      case 'event': {
        const r = await db.event.findUnique({ where: { id: token }, select: { id: true, deletedAt: true } })
        return r && { id: r.id, deleted: r.deletedAt !== null, mergedInto: null }
      }
    }
  }
}

/** A finder on the readers' connection: one prepared, indexed lookup per call (hot read paths). */
export function rawFinder(sql: Sql): Finder {
  // By id, then by slug: two primary-key probes cost 2 µs where `id = ? OR slug = ?` cost 9 µs (SQLite).
  const by = (table: string, merged: string, column: string) =>
    `SELECT id, "deletedAt", ${merged} AS "mergedIntoId" FROM "${table}" WHERE ${column} = ?`
  const statements = {
    article: [by('Article', 'NULL', 'id'), by('Article', 'NULL', 'slug')],
    actor: [by('Actor', '"mergedIntoId"', 'id'), by('Actor', '"mergedIntoId"', 'slug')],
    claim: [by('Claim', 'NULL', 'id')],
    event: [by('Event', 'NULL', 'id')],
  }
  return async (kind, token) => {
    for (const statement of statements[kind]) {
      const r = await sql.get<{ id: string; deletedAt: unknown; mergedIntoId: string | null }>(statement, [token])
      if (r) return { id: r.id, deleted: r.deletedAt !== null, mergedInto: r.mergedIntoId }
    }
    return null
  }
}

/** Resolves an id or slug with a policy; null only with `missing: 'none'`. */
export async function resolveRecord(
  find: Finder,
  kind: RecordKind,
  token: string,
  policy: Policy & { missing: 'refuse' },
): Promise<Resolved>
export async function resolveRecord(
  find: Finder,
  kind: RecordKind,
  token: string,
  policy: Policy,
): Promise<Resolved | null>
export async function resolveRecord(
  find: Finder,
  kind: RecordKind,
  token: string,
  policy: Policy,
): Promise<Resolved | null> {
  let found = await find(kind, token)
  if (!found) {
    if (policy.missing === 'none') return null
    throw new RecordStateError('missing', kind, token)
  }
  if (found.mergedInto) {
    if (policy.merged === 'refuse') throw new RecordStateError('merged', kind, token, found.mergedInto)
    if (policy.merged === 'report') return { id: found.id, mergedInto: found.mergedInto }
    // follow: the survivor stands for the merged record (merges are never chained: the merge re-points them)
    const survivor = policy.deleted === 'refuse' ? await find(kind, found.mergedInto) : null
    found = survivor ?? { id: found.mergedInto, deleted: false, mergedInto: null }
  }
  if (found.deleted && policy.deleted === 'refuse') throw new RecordStateError('deleted', kind, token)
  return { id: found.id, mergedInto: null }
}

/** The id a filter matches: unknown ids and slugs match nothing (an id no row has). */
export async function filterId(find: Finder, kind: RecordKind, token: string): Promise<string> {
  return (await resolveRecord(find, kind, token, FILTER))?.id ?? ''
}

/**
 * A row read by id, held to the LIVE policy without a second lookup: the row itself, or a
 * RecordStateError when it is missing (404) or tombstoned (410).
 */
export function liveRow<T extends { deletedAt: Date | null }>(kind: RecordKind, id: string, row: T | null): T {
  if (!row) throw new RecordStateError('missing', kind, id)
  if (row.deletedAt) throw new RecordStateError('deleted', kind, id)
  return row
}
