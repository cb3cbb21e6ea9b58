// Rebuilds the whole brief of one article from the tables, in the ingest shape: a brief read
// here can be posted back unchanged. Five queries, whatever the brief's size.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js'
import { evidence, partialDate, stringArray } from '../db/columns.js'
import type { Brief } from '../domain/brief.schema.js'

type Client = PrismaClient | Prisma.TransactionClient

export async function readBrief(db: Client, articleId: string): Promise<Brief | null> {
  const article = await db.article.findUnique({
    where: { id: articleId },
    include: { topics: { select: { topic: true }, orderBy: { topic: 'asc' } } },
  })
  if (!article) return null
  const [links, claims, reports] = await Promise.all([
    db.articleActor.findMany({
      where: { articleId },
      orderBy: { position: 'asc' },
      include: {
        actor: {
          include: {
            aliases: { select: { alias: true }, orderBy: { id: 'asc' } },
            affiliations: { include: { target: { select: { slug: true } } }, orderBy: { id: 'asc' } },
          },
        },
      },
    }),
    db.claim.findMany({
      where: { articleId, deletedAt: null },
      orderBy: { position: 'asc' },
      include: {
        actors: { orderBy: { position: 'asc' }, include: { actor: { select: { slug: true } } } },
        linksFrom: { orderBy: { id: 'asc' } },
      },
    }),
    db.eventReport.findMany({
      where: { articleId, event: { deletedAt: null } },
      orderBy: { position: 'asc' },
      include: {
        event: {
          include: { participants: { orderBy: { position: 'asc' }, include: { actor: { select: { slug: true } } } } },
        },
      },
    }),
  ])
  const claimKey = new Map(claims.map((c, i) => [c.id, `c${i + 1}`]))
  const eventKey = new Map(reports.map((r, i) => [r.eventId, `e${i + 1}`]))

  return {
    schemaVersion: 1,
    article: {
      id: article.id,
      slug: article.slug,
      title: article.title,
      summary: article.summary,
      keyPoints: stringArray(article.keyPoints),
      section: article.section,
      publisher: article.publisher,
      byline: article.byline,
      url: article.url,
      language: article.language,
      published: partialDate(
        article.publishedDate,
        article.publishedPrecision,
        article.publishedApprox,
        article.publishedText,
      ),
      topics: article.topics.map((t) => t.topic),
      relatedHeadlines: stringArray(article.relatedHeadlines),
      body: article.body,
      source: { text: article.sourceText, sha256: article.sourceSha256, mediaType: article.sourceMediaType },
    },
    actors: links.map(({ actor, role, surfaceForms }) => ({
      id: actor.id,
      slug: actor.slug,
      name: actor.name,
      kind: actor.kind as Brief['actors'][number]['kind'],
      country: actor.country,
      title: actor.title,
      description: actor.description,
      wikidataId: actor.wikidataId,
      aliases: actor.aliases.map((a) => a.alias).filter((a) => a !== actor.name),
      affiliations: actor.affiliations.map((f) => ({
        actor: f.target.slug,
        relation: f.relation as Brief['actors'][number]['affiliations'][number]['relation'],
        title: f.title,
        from: partialDate(f.fromDate, f.fromPrecision, false, f.fromText),
        to: partialDate(f.toDate, f.toPrecision, false, f.toText),
      })),
      role: role as Brief['actors'][number]['role'],
      surfaceForms: stringArray(surfaceForms),
    })),
    claims: claims.map((c) => ({
      id: c.id,
      key: claimKey.get(c.id) as string,
      kind: c.kind as Brief['claims'][number]['kind'],
      summary: c.summary,
      modality: c.modality as Brief['claims'][number]['modality'],
      quote:
        c.quoteText !== null && c.quoteStart !== null && c.quoteEnd !== null
          ? { text: c.quoteText, start: c.quoteStart, end: c.quoteEnd }
          : null,
      evidence: evidence(c),
      claimants: c.actors.filter((a) => a.role === 'claimant').map((a) => a.actor.slug),
      about: c.actors.filter((a) => a.role === 'subject').map((a) => a.actor.slug),
      stated: partialDate(c.statedDate, c.statedPrecision, c.statedApprox, c.statedText),
      extraction: {
        method: c.extractionMethod as 'manual' | 'automatic',
        extractor: c.extractor,
        confidence: c.confidence,
        reviewed: c.reviewed,
      },
      links: c.linksFrom
        .map((l) => ({
          type: l.type as Brief['claims'][number]['links'][number]['type'],
          ...(l.toClaimId ? { claim: claimKey.get(l.toClaimId) } : {}),
          ...(l.toEventId ? { event: eventKey.get(l.toEventId) } : {}),
        }))
        .filter((l) => l.claim !== undefined || l.event !== undefined),
    })),
    events: reports.map(({ event: e, ...r }) => ({
      id: e.id,
      key: eventKey.get(e.id) as string,
      title: e.title,
      description: e.description,
      type: e.type as Brief['events'][number]['type'],
      extension: e.extension as Brief['events'][number]['extension'],
      subtype: e.subtype,
      mode: e.mode,
      contexts: stringArray(e.contexts) as Brief['events'][number]['contexts'],
      status: e.status as Brief['events'][number]['status'],
      modality: e.modality as Brief['events'][number]['modality'],
      start: partialDate(e.startDate, e.startPrecision, e.startApprox, e.startText),
      end: partialDate(e.endDate, e.endPrecision, e.endApprox, e.endText),
      location: e.locationName
        ? { name: e.locationName, country: e.locationCountry, latitude: e.latitude, longitude: e.longitude }
        : null,
      participants: e.participants.map((p) => ({
        actor: p.actor.slug,
        role: p.role as Brief['events'][number]['participants'][number]['role'],
      })),
      evidence: evidence(r),
      extraction: {
        method: e.extractionMethod as 'manual' | 'automatic',
        extractor: e.extractor,
        confidence: e.confidence,
        reviewed: e.reviewed,
      },
    })),
  }
}
