// The one path into the database for briefs: POST/PUT /v1/briefs and `npm run seed` both call
// ingestBrief. One brief = one transaction: all of it is stored or none of it.
import { rebuildDocuments } from '../db/brief-docs.js'
import { briefReader } from '../db/brief-sql.js'
import { recordChanges } from '../db/changes.js'
import { dateColumnsWithWindow, evidenceColumns, extractionColumns, quoteColumns } from '../db/columns.js'
import type { Database, Tx } from '../db/database.js'
import { insertRows } from '../db/rows.js'
import type { Sql } from '../db/sql.js'
import { anchorPassages } from '../domain/anchor.js'
import { type Brief, BriefSchema } from '../domain/brief.schema.js'
import { validateBrief } from '../domain/brief.validate.js'
import type { Prisma } from '../generated/prisma/client.js'
import { newId } from '../lib/ids.js'
import { type FieldError, ProblemError } from '../lib/problems.js'
import { briefHash, completeBrief } from './canonical.js'
import type { IngestContext } from './context.js'
import { orphanedEvents } from './event-orphans.js'
import { type ActorIds, resolveActors } from './ingest-actors.js'
import { writeEvents } from './ingest-events.js'

export type IngestMode = 'create' | 'replace'

export interface IngestResult {
  status: 'created' | 'unchanged' | 'replaced'
  articleId: string
  slug: string
  actors: Record<string, string>
  claims: Record<string, string>
  events: Record<string, string>
}

export interface IngestOptions {
  mode: IngestMode
  keyId?: string | null
}

/** A brief that fails BriefSchema: a 422 pointing into it (/claims/3/evidence/start). */
export function briefSchemaProblem(errors: FieldError[]): ProblemError {
  return new ProblemError(
    'unprocessable-brief',
    `The brief does not match the Brief schema (${errors.length} problem(s))`,
    { errors },
  )
}

/**
 * A brief from untrusted JSON (a request body, a seed file), or briefSchemaProblem. Passages given
 * by their text alone are first found in the body and their offsets written into the input
 * (src/domain/anchor.ts); the input is not copied, since a hostile one may be nested too deep to copy.
 */
export function parseBrief(input: unknown): Brief {
  const unanchored = anchorPassages(input)
  if (unanchored.length > 0) throw briefSchemaProblem(unanchored)
  const parsed = BriefSchema.safeParse(input)
  if (!parsed.success)
    throw briefSchemaProblem(
      parsed.error.issues.map((i) => ({ pointer: `/${i.path.map(String).join('/')}`, message: i.message })),
    )
  return parsed.data
}

export async function ingestBrief(db: Database, input: Brief, opts: IngestOptions): Promise<IngestResult> {
  const brief = completeBrief(input)
  const hash = briefHash(brief)
  return db.writeTx(async (tx, sql) => {
    const existing =
      (await sql.get<NonNullable<Existing>>('SELECT id, "briefSha256", "deletedAt" FROM "Article" WHERE slug = ?', [
        brief.article.slug,
      ])) ?? null
    const unchanged = await checkIdempotent(sql, tx, existing, brief, hash)
    if (unchanged) return unchanged
    refuseConflict(existing, brief, opts.mode)
    await checkBrief(tx, input)
    const ctx: IngestContext = { tx, sql, brief, keyId: opts.keyId ?? null, changes: [] }
    const actors = await resolveActors(ctx)
    const { articleId, status, previousEvents } = await writeArticle(ctx, existing, hash, actors)
    const claimIds = await writeClaims(ctx, articleId, actors)
    const eventIds = await writeEvents(ctx, articleId, actors)
    await writeLinks(ctx, claimIds, eventIds)
    await tombstoneOrphans(ctx, previousEvents)
    await recordChanges(sql, ctx.changes)
    // The article's own document, before commit: read at once, the brief is served as stored.
    await rebuildDocuments(sql, [articleId])
    return {
      status,
      articleId,
      slug: brief.article.slug,
      actors: Object.fromEntries(brief.actors.map((a) => [a.slug, actors.of(a.slug)])),
      claims: Object.fromEntries(claimIds),
      events: Object.fromEntries(eventIds),
    }
  })
}

/** The article that holds the slug (deletedAt as stored text). */
type Existing = { id: string; briefSha256: string; deletedAt: string | null } | null

/** The result of posting a brief the live article already holds (as first posted, or as its brief reads now), else null. */
async function checkIdempotent(
  sql: Sql,
  tx: Tx,
  existing: Existing,
  brief: Brief,
  hash: string,
): Promise<IngestResult | null> {
  if (!existing || existing.deletedAt !== null) return null
  const same = existing.briefSha256 === hash || (await storedBriefHash(sql, existing.id)) === hash
  return same ? { status: 'unchanged', ...(await storedIds(tx, existing.id, brief)) } : null
}

/**
 * The hash of the brief an article holds now, edits included (GET /v1/articles/{id}/brief), read in
 * the write transaction, which has written nothing yet.
 */
async function storedBriefHash(sql: Sql, articleId: string): Promise<string | null> {
  const stored = await briefReader(sql)(articleId)
  return stored && briefHash(stored)
}

/** The ids of an unchanged, already stored brief, in the brief's own terms. */
async function storedIds(tx: Tx, articleId: string, brief: Brief) {
  const [actors, claims, reports] = await Promise.all([
    tx.articleActor.findMany({ where: { articleId }, orderBy: { position: 'asc' }, select: { actorId: true } }),
    tx.claim.findMany({ where: { articleId }, orderBy: { position: 'asc' }, select: { id: true } }),
    tx.eventReport.findMany({ where: { articleId }, orderBy: { position: 'asc' }, select: { eventId: true } }),
  ])
  return {
    articleId,
    slug: brief.article.slug,
    actors: Object.fromEntries(brief.actors.map((a, i) => [a.slug, actors[i]?.actorId ?? ''])),
    claims: Object.fromEntries(brief.claims.map((c, i) => [c.key, claims[i]?.id ?? ''])),
    events: Object.fromEntries(brief.events.map((e, i) => [e.key, reports[i]?.eventId ?? ''])),
  }
}

/** POST does not overwrite: a slug that holds another brief (or a deleted article) is a 409 naming PUT. */
function refuseConflict(existing: Existing, brief: Brief, mode: IngestMode): void {
  if (!existing || mode !== 'create') return
  const slug = brief.article.slug
  throw new ProblemError(
    'conflict',
    existing.deletedAt
      ? `Article "${slug}" (${existing.id}) was deleted; PUT /v1/briefs/${slug} restores it`
      : `Article "${slug}" (${existing.id}) exists with different content; PUT /v1/briefs/${slug} replaces it`,
    { extra: { articleId: existing.id, slug } },
  )
}

/** Provenance and reference checks of the brief as sent; actor slugs it does not define must be stored. */
async function checkBrief(tx: Tx, input: Brief): Promise<void> {
  const problems = await validateBrief(input, async (slug) => {
    const row = await tx.actor.findUnique({ where: { slug }, select: { id: true, deletedAt: true } })
    return row !== null && row.deletedAt === null
  })
  if (problems.length > 0)
    throw new ProblemError('unprocessable-brief', `The brief has ${problems.length} problem(s)`, { errors: problems })
}

/**
 * Creates the article, or replaces the content of the one that holds the slug (its claims are
 * tombstoned, its reports and links removed: the brief brings them anew), then links its topics
 * and actors. Returns the events the article reported before, which may now be orphans.
 */
async function writeArticle(ctx: IngestContext, existing: Existing, hash: string, actors: ActorIds) {
  const { tx, brief, keyId, changes } = ctx
  const art = brief.article
  const data = {
    slug: art.slug,
    title: art.title,
    summary: art.summary,
    keyPoints: art.keyPoints,
    section: art.section,
    publisher: art.publisher,
    byline: art.byline,
    url: art.url,
    language: art.language,
    ...dateColumnsWithWindow('published', art.published),
    body: art.body,
    relatedHeadlines: art.relatedHeadlines,
    sourceText: art.source.text,
    sourceSha256: art.source.sha256 ?? '',
    sourceMediaType: art.source.mediaType,
    briefSha256: hash,
    updatedByKeyId: keyId,
    deletedAt: null,
  } satisfies Omit<Prisma.ArticleCreateInput, 'id'>
  let articleId: string
  const previousEvents: string[] = []
  if (existing) {
    articleId = existing.id
    previousEvents.push(...(await tombstoneReplaced(ctx, articleId)))
    await tx.article.update({ where: { id: articleId }, data })
    changes.push({ entity: 'article', entityId: articleId, action: 'updated', keyId })
  } else {
    articleId = newId('article')
    await insertRows(ctx.sql, 'Article', [{ id: articleId, ...data, createdByKeyId: keyId }])
    changes.push({ entity: 'article', entityId: articleId, action: 'created', keyId })
  }
  await insertRows(
    ctx.sql,
    'ArticleTopic',
    [...new Set(art.topics)].map((topic) => ({ articleId, topic })),
  )
  await insertRows(
    ctx.sql,
    'ArticleActor',
    brief.actors.map((a, position) => ({
      articleId,
      actorId: actors.of(a.slug),
      role: a.role,
      surfaceForms: a.surfaceForms,
      position,
      // The copy of the article's window the actor's article list is driven from (migration article_actor_window).
      publishedFrom: data.publishedFrom,
      publishedTo: data.publishedTo,
    })),
  )
  const status: IngestResult['status'] = existing ? 'replaced' : 'created'
  return { articleId, status, previousEvents }
}

/** Clears what a replaced brief held (claims tombstoned, reports and links removed); returns the events it reported. */
async function tombstoneReplaced(ctx: IngestContext, articleId: string): Promise<string[]> {
  const { tx, keyId, changes } = ctx
  const oldClaims = await tx.claim.findMany({ where: { articleId, deletedAt: null }, select: { id: true } })
  for (const c of oldClaims) changes.push({ entity: 'claim', entityId: c.id, action: 'deleted', keyId })
  const reports = await tx.eventReport.findMany({ where: { articleId }, select: { eventId: true } })
  await tx.claim.updateMany({ where: { articleId, deletedAt: null }, data: { deletedAt: new Date() } })
  await tx.eventReport.deleteMany({ where: { articleId } })
  await tx.articleActor.deleteMany({ where: { articleId } })
  await tx.articleTopic.deleteMany({ where: { articleId } })
  return reports.map((r) => r.eventId)
}

/** Creates the brief's claims with their claimants and subjects; returns claim key -> claim id. */
async function writeClaims(ctx: IngestContext, articleId: string, actors: ActorIds): Promise<Map<string, string>> {
  const { brief, keyId, changes } = ctx
  const claimIds = new Map<string, string>()
  const claimRows: Prisma.ClaimCreateManyInput[] = []
  const claimActors: Prisma.ClaimActorCreateManyInput[] = []
  for (const [position, c] of brief.claims.entries()) {
    const id = newId('claim')
    claimIds.set(c.key, id)
    const stated = dateColumnsWithWindow('stated', c.stated)
    claimRows.push({
      id,
      articleId,
      position,
      kind: c.kind,
      summary: c.summary,
      modality: c.modality,
      ...quoteColumns(c.quote),
      ...evidenceColumns(c.evidence),
      ...stated,
      ...extractionColumns(c.extraction),
      createdByKeyId: keyId,
      updatedByKeyId: keyId,
    })
    const claimants = await actors.resolveAll(c.claimants)
    const about = await actors.resolveAll(c.about)
    // One row per actor and role, at the position of its first mention.
    const seen = new Set<string>()
    for (const [ids, role] of [
      [claimants, 'claimant'],
      [about, 'subject'],
    ] as const) {
      for (const [i, actorId] of ids.entries()) {
        if (seen.has(`${actorId}/${role}`)) continue
        seen.add(`${actorId}/${role}`)
        // With the copy of the claim's window an actor's timeline is driven from (migration timeline_window).
        claimActors.push({
          claimId: id,
          actorId,
          role,
          position: i,
          statedFrom: stated.statedFrom,
          statedTo: stated.statedTo,
        })
      }
    }
    changes.push({ entity: 'claim', entityId: id, action: 'created', keyId })
  }
  await insertRows(ctx.sql, 'Claim', claimRows)
  await insertRows(ctx.sql, 'ClaimActor', claimActors)
  return claimIds
}

/** Links between the brief's claims, and from claims to its events (keys become ids). */
async function writeLinks(
  ctx: IngestContext,
  claimIds: Map<string, string>,
  eventIds: Map<string, string>,
): Promise<void> {
  const links: Prisma.ClaimLinkCreateManyInput[] = ctx.brief.claims.flatMap((c) =>
    c.links.map((l) => ({
      id: newId('link'),
      fromClaimId: claimIds.get(c.key) ?? '',
      type: l.type,
      toClaimId: l.claim !== undefined ? (claimIds.get(l.claim) ?? null) : null,
      toEventId: l.event !== undefined ? (eventIds.get(l.event) ?? null) : null,
    })),
  )
  await insertRows(ctx.sql, 'ClaimLink', links)
}

/** Events the replaced brief reported that no live article reports any more are tombstoned. */
async function tombstoneOrphans(ctx: IngestContext, previousEvents: string[]): Promise<void> {
  const orphans = await orphanedEvents(ctx.tx, previousEvents)
  if (orphans.length === 0) return
  await ctx.tx.event.updateMany({ where: { id: { in: orphans } }, data: { deletedAt: new Date() } })
  for (const id of orphans) ctx.changes.push({ entity: 'event', entityId: id, action: 'deleted', keyId: ctx.keyId })
}
