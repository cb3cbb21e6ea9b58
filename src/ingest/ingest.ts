// The one path into the database for briefs: POST/PUT /v1/briefs and `npm run seed` both call
// ingestBrief. One brief = one transaction: all of it is stored or none of it.
import { briefReader } from '../db/brief-sql.js'
import type { Database, Tx } from '../db/database.js'
import type { Prisma } from '../generated/prisma/client.js'
import { dayRange } from '../domain/dates.js'
import { newId } from '../lib/ids.js'
import { ProblemError } from '../lib/problems.js'
import { type Brief, BriefSchema } from '../domain/brief.schema.js'
import { briefHash, completeBrief } from './canonical.js'
import { validateBrief } from '../domain/brief.validate.js'
import { type ChangeRow, followMerges, upsertActors } from './ingest-actors.js'
import { quadClassOf } from '../domain/vocabulary.js'

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

function dateColumns(prefix: string, d: Brief['article']['published']) {
  return {
    [`${prefix}Date`]: d?.date ?? null,
    [`${prefix}Precision`]: d?.precision ?? null,
    [`${prefix}Approx`]: d?.approximate ?? false,
    [`${prefix}Text`]: d?.text ?? null,
  }
}

function range(d: Brief['article']['published']) {
  return d ? dayRange(d.date, d.precision) : null
}

async function storedActorSlug(tx: Tx, slug: string): Promise<boolean> {
  const row = await tx.actor.findUnique({ where: { slug }, select: { id: true, deletedAt: true } })
  return row !== null && row.deletedAt === null
}

function overlaps(a: { from: string; to: string } | null, b: { from: string | null; to: string | null }): boolean {
  if (!a || !b.from || !b.to) return false
  return a.from <= b.to && b.from <= a.to
}

function sameSet(a: string[], b: string[]): boolean {
  const sa = new Set(a)
  const sb = new Set(b)
  return sa.size === sb.size && [...sa].every((x) => sb.has(x))
}

/** An event already stored that this brief's event reports: explicit id, or same type, overlapping dates and same participants. */
async function findSameEvent(
  tx: Tx,
  e: Brief['events'][number],
  participantIds: string[],
  at: string,
): Promise<string | null> {
  if (e.id !== undefined) {
    const hit = await tx.event.findUnique({ where: { id: e.id }, select: { id: true, deletedAt: true } })
    if (!hit || hit.deletedAt)
      throw new ProblemError('unprocessable-brief', 'The brief names an event id that does not exist', {
        errors: [{ pointer: `${at}/id`, message: `no event with id "${e.id}"` }],
      })
    return hit.id
  }
  const span = e.start ? { from: range(e.start)?.from ?? '', to: range(e.end ?? e.start)?.to ?? '' } : null
  if (!span || participantIds.length === 0) return null
  const candidates = await tx.event.findMany({
    where: {
      type: e.type,
      extension: e.extension,
      deletedAt: null,
      dateFrom: { lte: span.to },
      dateTo: { gte: span.from },
      participants: { some: { actorId: participantIds[0] } },
    },
    select: { id: true, dateFrom: true, dateTo: true, participants: { select: { actorId: true } } },
    take: 50,
  })
  const match = candidates.find(
    (c) =>
      overlaps(span, { from: c.dateFrom, to: c.dateTo }) &&
      sameSet(
        c.participants.map((p) => p.actorId),
        participantIds,
      ),
  )
  return match?.id ?? null
}

/** The hash of the brief an article holds now (edits included), or null when it has none. */
function storedBriefHash(db: Database, articleId: string): string | null {
  const stored = briefReader(db.raw)(articleId)
  return stored && briefHash(stored)
}

async function removeArticleContent(tx: Tx, articleId: string): Promise<void> {
  await tx.claim.updateMany({ where: { articleId, deletedAt: null }, data: { deletedAt: new Date() } })
  await tx.eventReport.deleteMany({ where: { articleId } })
  await tx.articleActor.deleteMany({ where: { articleId } })
  await tx.articleTopic.deleteMany({ where: { articleId } })
}

export async function parseBrief(input: unknown): Promise<Brief> {
  const parsed = BriefSchema.safeParse(input)
  if (!parsed.success) {
    throw new ProblemError('unprocessable-brief', 'The brief does not match the Brief schema', {
      errors: parsed.error.issues.map((i) => ({ pointer: `/${i.path.map(String).join('/')}`, message: i.message })),
    })
  }
  return parsed.data
}

export async function ingestBrief(db: Database, input: Brief, opts: IngestOptions): Promise<IngestResult> {
  const brief = completeBrief(input)
  const hash = briefHash(brief)
  const keyId = opts.keyId ?? null

  return db.writeTx(async (tx) => {
    const existing = await tx.article.findUnique({
      where: { slug: brief.article.slug },
      select: { id: true, briefSha256: true, deletedAt: true },
    })
    if (existing && existing.deletedAt === null) {
      // The same brief again: as first posted, or as GET /v1/articles/{slug}/brief returns it now.
      // The stored brief is read on the read-only connection, not through tx. It sees what tx
      // sees: writeTx runs one write transaction at a time in this process and takes the SQLite
      // write lock with its first statement, so no other process can commit meanwhile, and tx has
      // written nothing yet; the read opens a fresh snapshot, which is the last committed state.
      const same = existing.briefSha256 === hash || storedBriefHash(db, existing.id) === hash
      if (same) return { status: 'unchanged' as const, ...(await storedIds(tx, existing.id, brief)) }
    }
    if (existing && opts.mode === 'create') {
      throw new ProblemError(
        'conflict',
        existing.deletedAt
          ? `Article "${brief.article.slug}" (${existing.id}) was deleted; PUT /v1/briefs/${brief.article.slug} restores it`
          : `Article "${brief.article.slug}" (${existing.id}) exists with different content; PUT /v1/briefs/${brief.article.slug} replaces it`,
        { extra: { articleId: existing.id, slug: brief.article.slug } },
      )
    }

    const problems = await validateBrief(input, (slug) => storedActorSlug(tx, slug))
    if (problems.length > 0)
      throw new ProblemError('unprocessable-brief', `The brief has ${problems.length} problem(s)`, { errors: problems })

    const changes: ChangeRow[] = []
    const actorIds = await upsertActors(tx, brief.actors, keyId, changes)
    const actorId = async (slug: string): Promise<string> => {
      const known = actorIds.get(slug)
      if (known) return known
      const row = await tx.actor.findUniqueOrThrow({ where: { slug }, select: { id: true } })
      const id = await followMerges(tx, row.id)
      actorIds.set(slug, id)
      return id
    }

    for (const a of brief.actors) {
      const from = await actorId(a.slug)
      for (const f of a.affiliations) {
        const to = await actorId(f.actor)
        const data = {
          title: f.title,
          fromDate: f.from?.date ?? null,
          fromPrecision: f.from?.precision ?? null,
          fromText: f.from?.text ?? null,
          toDate: f.to?.date ?? null,
          toPrecision: f.to?.precision ?? null,
          toText: f.to?.text ?? null,
        }
        await tx.actorAffiliation.upsert({
          where: { actorId_targetId_relation: { actorId: from, targetId: to, relation: f.relation } },
          create: { id: newId('affiliation'), actorId: from, targetId: to, relation: f.relation, ...data },
          update: {},
        })
      }
    }

    const art = brief.article
    const published = range(art.published)
    const articleData = {
      slug: art.slug,
      title: art.title,
      summary: art.summary,
      keyPoints: art.keyPoints,
      section: art.section,
      publisher: art.publisher,
      byline: art.byline,
      url: art.url,
      language: art.language,
      ...dateColumns('published', art.published),
      publishedFrom: published?.from ?? null,
      publishedTo: published?.to ?? null,
      body: art.body,
      relatedHeadlines: art.relatedHeadlines,
      sourceText: art.source.text,
      sourceSha256: art.source.sha256 ?? '',
      sourceMediaType: art.source.mediaType,
      briefSha256: hash,
      updatedByKeyId: keyId,
      deletedAt: null,
    }
    let articleId: string
    let status: IngestResult['status']
    const previousEvents: string[] = []
    if (existing) {
      articleId = existing.id
      status = 'replaced'
      const oldClaims = await tx.claim.findMany({ where: { articleId, deletedAt: null }, select: { id: true } })
      for (const c of oldClaims) changes.push({ entity: 'claim', entityId: c.id, action: 'deleted', keyId })
      previousEvents.push(
        ...(await tx.eventReport.findMany({ where: { articleId }, select: { eventId: true } })).map((r) => r.eventId),
      )
      await removeArticleContent(tx, articleId)
      await tx.article.update({ where: { id: articleId }, data: articleData })
      changes.push({ entity: 'article', entityId: articleId, action: 'updated', keyId })
    } else {
      articleId = newId('article')
      status = 'created'
      await tx.article.create({ data: { id: articleId, ...articleData, createdByKeyId: keyId } })
      changes.push({ entity: 'article', entityId: articleId, action: 'created', keyId })
    }
    await tx.articleTopic.createMany({
      data: [...new Set(art.topics)].map((topic) => ({ articleId, topic })),
    })
    await tx.articleActor.createMany({
      data: brief.actors.map((a, position) => ({
        articleId,
        actorId: actorIds.get(a.slug) as string,
        role: a.role,
        surfaceForms: a.surfaceForms,
        position,
      })),
    })

    const claimIds = new Map<string, string>()
    const claimRows = []
    const claimActors: Array<{ claimId: string; actorId: string; role: string; position: number }> = []
    for (const [position, c] of brief.claims.entries()) {
      const id = newId('claim')
      claimIds.set(c.key, id)
      const stated = range(c.stated)
      claimRows.push({
        id,
        articleId,
        position,
        kind: c.kind,
        summary: c.summary,
        modality: c.modality,
        quoteText: c.quote?.text ?? null,
        quoteStart: c.quote?.start ?? null,
        quoteEnd: c.quote?.end ?? null,
        evidenceStart: c.evidence.start,
        evidenceEnd: c.evidence.end,
        evidenceExact: c.evidence.exact,
        evidencePrefix: c.evidence.prefix ?? '',
        evidenceSuffix: c.evidence.suffix ?? '',
        ...dateColumns('stated', c.stated),
        statedFrom: stated?.from ?? null,
        statedTo: stated?.to ?? null,
        extractionMethod: c.extraction.method,
        extractor: c.extraction.extractor,
        confidence: c.extraction.confidence,
        reviewed: c.extraction.reviewed,
        createdByKeyId: keyId,
        updatedByKeyId: keyId,
      })
      const seen = new Set<string>()
      const add = (slugs: string[], role: string) => {
        for (const [i, s] of slugs.entries()) {
          const actor = actorIds.get(s) as string
          if (seen.has(`${actor}/${role}`)) continue
          seen.add(`${actor}/${role}`)
          claimActors.push({ claimId: id, actorId: actor, role, position: i })
        }
      }
      for (const s of [...c.claimants, ...c.about]) await actorId(s)
      add(c.claimants, 'claimant')
      add(c.about, 'subject')
      changes.push({ entity: 'claim', entityId: id, action: 'created', keyId })
    }
    if (claimRows.length > 0) await tx.claim.createMany({ data: claimRows as never })
    if (claimActors.length > 0) await tx.claimActor.createMany({ data: claimActors })

    const eventIds = new Map<string, string>()
    const eventRows = []
    const participantRows: Array<{ eventId: string; actorId: string; role: string; position: number }> = []
    const reportRows: Prisma.EventReportCreateManyInput[] = []
    for (const [position, e] of brief.events.entries()) {
      const participants: Array<{ actorId: string; role: string }> = []
      for (const p of e.participants) participants.push({ actorId: await actorId(p.actor), role: p.role })
      const same = await findSameEvent(tx, e, [...new Set(participants.map((p) => p.actorId))], `/events/${position}`)
      const id = same ?? newId('event')
      if (same) changes.push({ entity: 'event', entityId: id, action: 'updated', keyId })
      else {
        const start = range(e.start)
        const end = range(e.end)
        eventRows.push({
          id,
          title: e.title,
          description: e.description,
          type: e.type,
          extension: e.extension,
          subtype: e.subtype,
          mode: e.mode,
          contexts: e.contexts,
          quadClass: quadClassOf(e.type),
          status: e.status,
          modality: e.modality,
          ...dateColumns('start', e.start),
          ...dateColumns('end', e.end),
          dateFrom: start?.from ?? null,
          dateTo: (end ?? start)?.to ?? null,
          locationName: e.location?.name ?? null,
          locationCountry: e.location?.country ?? null,
          latitude: e.location?.latitude ?? null,
          longitude: e.location?.longitude ?? null,
          extractionMethod: e.extraction.method,
          extractor: e.extraction.extractor,
          confidence: e.extraction.confidence,
          reviewed: e.extraction.reviewed,
          createdByKeyId: keyId,
          updatedByKeyId: keyId,
        })
        const seen = new Set<string>()
        participants
          .filter((p) => !seen.has(`${p.actorId}/${p.role}`) && seen.add(`${p.actorId}/${p.role}`))
          .forEach((p, i) => {
            participantRows.push({ eventId: id, ...p, position: i })
          })
        changes.push({ entity: 'event', entityId: id, action: 'created', keyId })
      }
      eventIds.set(e.key, id)
      // Two events of one brief may denote the same stored event: one report per article.
      if (reportRows.some((r) => r.eventId === id)) continue
      reportRows.push({
        eventId: id,
        articleId,
        position,
        evidenceStart: e.evidence.start,
        evidenceEnd: e.evidence.end,
        evidenceExact: e.evidence.exact,
        evidencePrefix: e.evidence.prefix ?? '',
        evidenceSuffix: e.evidence.suffix ?? '',
      })
    }
    if (eventRows.length > 0) await tx.event.createMany({ data: eventRows as never })
    if (participantRows.length > 0) await tx.eventParticipant.createMany({ data: participantRows })
    if (reportRows.length > 0) await tx.eventReport.createMany({ data: reportRows })

    const links = brief.claims.flatMap((c) =>
      c.links.map((l) => ({
        id: newId('link'),
        fromClaimId: claimIds.get(c.key) as string,
        type: l.type,
        toClaimId: l.claim !== undefined ? (claimIds.get(l.claim) ?? null) : null,
        toEventId: l.event !== undefined ? (eventIds.get(l.event) ?? null) : null,
      })),
    )
    if (links.length > 0) await tx.claimLink.createMany({ data: links })
    const orphans = await tx.event.findMany({
      where: { id: { in: previousEvents }, deletedAt: null, reports: { none: { article: { deletedAt: null } } } },
      select: { id: true },
    })
    if (orphans.length > 0) {
      await tx.event.updateMany({ where: { id: { in: orphans.map((o) => o.id) } }, data: { deletedAt: new Date() } })
      for (const o of orphans) changes.push({ entity: 'event', entityId: o.id, action: 'deleted', keyId })
    }
    if (changes.length > 0) await tx.change.createMany({ data: changes })

    return {
      status,
      articleId,
      slug: art.slug,
      actors: Object.fromEntries(brief.actors.map((a) => [a.slug, actorIds.get(a.slug) as string])),
      claims: Object.fromEntries(claimIds),
      events: Object.fromEntries(eventIds),
    }
  })
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
