// The brief document: one article decomposed into actors, claims and events.
// The same shape is used by the seed files (seeds/*.brief.json), by POST /v1/briefs and by
// GET /v1/articles/{idOrSlug}/brief, so a brief read from the API can be sent back unchanged.
// Offsets are UTF-16 code-unit offsets into article.body (JavaScript string indices).
import { z } from 'zod'
import { PartialDateSchema } from './dates.js'
import {
  ACTOR_KINDS,
  AFFILIATION_RELATIONS,
  ARTICLE_ACTOR_ROLES,
  CLAIM_KINDS,
  CLAIM_LINK_TYPES,
  EVENT_CONTEXTS,
  EVENT_EXTENSIONS,
  EVENT_STATUSES,
  EVENT_TYPES,
  EXTRACTION_METHODS,
  MODALITIES,
  PARTICIPANT_ROLES,
} from './vocabulary.js'

export const LIMITS = {
  body: 200_000,
  source: 400_000,
  text: 2_000,
  actors: 500,
  claims: 1_000,
  events: 500,
  list: 100,
} as const

export const SlugSchema = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters and digits separated by single hyphens')
  .describe('URL-safe unique name, e.g. "china" or "zhang-tuosheng"')

const KeySchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . -')

const Text = (max: number = LIMITS.text) => z.string().max(max)

export const Iso3Schema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'ISO 3166-1 alpha-3 code in upper case, e.g. "JPN"')
  .describe('ISO 3166-1 alpha-3 country code')

export const EvidenceSchema = z
  .object({
    start: z.int().min(0).describe('Offset of the first character of the passage in article.body'),
    end: z.int().min(0).describe('Offset just past the last character: body.slice(start, end) === exact'),
    exact: Text(LIMITS.text).min(1).describe('The passage, verbatim'),
    prefix: Text(64)
      .optional()
      .describe('Up to 32 characters before the passage (W3C TextQuoteSelector); filled in on ingest'),
    suffix: Text(64).optional().describe('Up to 32 characters after the passage; filled in on ingest'),
  })
  .strict()
  .meta({
    id: 'Evidence',
    description:
      'Where in the article body the supporting passage is (W3C Web Annotation anchor). In a brief sent to POST or PUT /v1/briefs (or a seed file), start and end may be left out: exact is then found in the body, where it must occur once or be picked out by prefix/suffix or by an "occurrence" number (1 = first); a missing or ambiguous passage is a 422 that lists the candidate offsets.',
  })

export const QuoteSchema = z
  .object({
    text: Text().min(1).describe("The article's exact words as quoted"),
    start: z.int().min(0),
    end: z.int().min(0),
  })
  .strict()
  .meta({ id: 'Quote', description: 'A verbatim quotation: body.slice(start, end) === text' })

export const ExtractionSchema = z
  .object({
    method: z.enum(EXTRACTION_METHODS).default('manual'),
    extractor: Text(200).nullable().default(null).describe('Who or what extracted it: an analyst, a loader, a model'),
    confidence: z.number().min(0).max(1).nullable().default(null),
    reviewed: z.boolean().default(false).describe('Checked by a person'),
  })
  .strict()
  .meta({ id: 'Extraction', description: 'How a claim or event was extracted' })

/** Extraction as the claim and event resources show it: with the key that marked it reviewed. */
export const ExtractionStateSchema = ExtractionSchema.extend({
  reviewedBy: z
    .string()
    .nullable()
    .describe('Id (not the secret) of the API key that marked it reviewed; null until a person has'),
}).meta({ id: 'ExtractionState', description: 'How a claim or event was extracted, and who reviewed it' })

/** The review fields a claim or event PATCH takes: its extraction record, and whether a person has checked it. */
export const REVIEW_PATCH = {
  extraction: ExtractionSchema,
  reviewed: z
    .boolean()
    .describe('true: a person has checked it (records the key that says so); false: back to unreviewed'),
}

const ExtractionDefault = () => ({ method: 'manual' as const, extractor: null, confidence: null, reviewed: false })

export const AffiliationSchema = z
  .object({
    actor: SlugSchema.describe('Slug of the organisation, state or body this actor belongs to'),
    relation: z.enum(AFFILIATION_RELATIONS),
    title: Text(300).nullable().default(null).describe('Post held, e.g. "Director"'),
    from: PartialDateSchema.nullable().default(null),
    to: PartialDateSchema.nullable().default(null),
  })
  .strict()
  .meta({ id: 'Affiliation' })

export const BriefActorSchema = z
  .object({
    id: z.string().max(64).optional().describe('Read-only: the stored actor id (ignored on ingest; slugs link)'),
    slug: SlugSchema,
    name: Text(300).min(1),
    kind: z.enum(ACTOR_KINDS),
    country: Iso3Schema.nullable().default(null),
    title: Text(300).nullable().default(null).describe('Title or role line for people'),
    description: Text().nullable().default(null),
    wikidataId: z
      .string()
      .regex(/^Q[1-9]\d*$/, 'a Wikidata QID such as "Q148"')
      .nullable()
      .default(null),
    aliases: z.array(Text(300).min(1)).max(LIMITS.list).default([]).describe('Other names: "PLA", "PRC", "Beijing"'),
    affiliations: z.array(AffiliationSchema).max(LIMITS.list).default([]),
    role: z.enum(ARTICLE_ACTOR_ROLES).default('mentioned').describe('How this article involves the actor'),
    surfaceForms: z
      .array(Text(300).min(1))
      .max(LIMITS.list)
      .default([])
      .describe('The exact names this article uses for the actor; each occurs verbatim in the body'),
  })
  .strict()
  .meta({ id: 'BriefActor' })

export const ClaimLinkSchema = z
  .object({
    type: z.enum(CLAIM_LINK_TYPES),
    claim: KeySchema.optional().describe('Key of the linked claim in this brief'),
    event: KeySchema.optional().describe('Key of the linked event in this brief'),
  })
  .strict()
  .meta({ id: 'ClaimLink' })

export const BriefClaimSchema = z
  .object({
    id: z.string().max(64).optional().describe('Read-only: the stored claim id (ignored on ingest)'),
    key: KeySchema.describe('Reference of the claim within this brief'),
    kind: z.enum(CLAIM_KINDS),
    summary: Text().min(1).describe('The claim in one plain sentence'),
    modality: z.enum(MODALITIES).default('asserted'),
    quote: QuoteSchema.nullable().default(null).describe('Verbatim quote; null for reported speech'),
    evidence: EvidenceSchema,
    claimants: z
      .array(SlugSchema)
      .min(1)
      .max(LIMITS.list)
      .describe('Who made the claim (several for a joint statement)'),
    about: z.array(SlugSchema).max(LIMITS.list).default([]).describe('The actors the claim is about'),
    stated: PartialDateSchema.nullable().default(null).describe('When it was stated, as far as known'),
    extraction: ExtractionSchema.default(ExtractionDefault),
    links: z.array(ClaimLinkSchema).max(LIMITS.list).default([]),
  })
  .strict()
  .meta({ id: 'BriefClaim' })

export const ParticipantSchema = z
  .object({
    actor: SlugSchema,
    role: z.enum(PARTICIPANT_ROLES),
  })
  .strict()
  .meta({ id: 'Participant' })

export const LocationSchema = z
  .object({
    name: Text(300).min(1),
    country: Iso3Schema.nullable().default(null),
    latitude: z.number().min(-90).max(90).nullable().default(null),
    longitude: z.number().min(-180).max(180).nullable().default(null),
  })
  .strict()
  .meta({ id: 'Location' })

export const BriefEventSchema = z
  .object({
    id: z
      .string()
      .max(64)
      .optional()
      .describe('Id of an existing event this article also reports: the article is added as a reporting source'),
    key: KeySchema.describe('Reference of the event within this brief'),
    title: Text(500).min(1),
    description: Text().nullable().default(null),
    type: z.enum(EVENT_TYPES).describe('PLOVER event type; OTHER with an extension where PLOVER has none'),
    extension: z.enum(EVENT_EXTENSIONS).nullable().default(null).describe('Local extension type (with type OTHER)'),
    subtype: Text(200).nullable().default(null).describe('Free-text subtype'),
    mode: Text(100).nullable().default(null).describe('PLOVER mode, e.g. "phone", "troops"'),
    contexts: z.array(z.enum(EVENT_CONTEXTS)).max(20).default([]),
    status: z.enum(EVENT_STATUSES),
    modality: z.enum(MODALITIES).default('asserted'),
    start: PartialDateSchema.nullable().default(null),
    end: PartialDateSchema.nullable().default(null),
    location: LocationSchema.nullable().default(null),
    participants: z.array(ParticipantSchema).max(LIMITS.list).default([]),
    evidence: EvidenceSchema.describe('The passage of this article that reports the event'),
    extraction: ExtractionSchema.default(ExtractionDefault),
  })
  .strict()
  .meta({ id: 'BriefEvent' })

export const SourceSchema = z
  .object({
    text: Text(LIMITS.source).min(1).describe('The raw source document, verbatim (page chrome included)'),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional()
      .describe('sha256 of text; computed on ingest, checked when given'),
    mediaType: z.string().max(100).default('text/plain'),
  })
  .strict()
  .meta({ id: 'Source' })

export const BriefArticleSchema = z
  .object({
    id: z.string().max(64).optional().describe('Read-only: the stored article id (ignored on ingest)'),
    slug: SlugSchema,
    title: Text(500).min(1),
    summary: Text().nullable().default(null).describe('Standfirst or summary'),
    keyPoints: z.array(Text().min(1)).max(50).default([]),
    section: Text(200).nullable().default(null),
    publisher: Text(200).nullable().default(null),
    byline: Text(300).nullable().default(null).describe('Null when the source does not name the author'),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullable()
      .default(null)
      .describe('Canonical URL; null when the source does not give one. Never fetched.'),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 tag such as "en"')
      .default('en'),
    published: PartialDateSchema.nullable()
      .default(null)
      .describe('Publication date; null when the source does not state it'),
    topics: z.array(z.string().min(1).max(100)).max(50).default([]),
    relatedHeadlines: z
      .array(Text(500).min(1))
      .max(50)
      .default([])
      .describe('Related-story teasers found in the source; not article text'),
    body: Text(LIMITS.body).min(1).describe('The cleaned article text that every offset points into'),
    source: SourceSchema,
  })
  .strict()
  .meta({ id: 'BriefArticle' })

export const BriefSchema = z
  .object({
    schemaVersion: z.literal(1).default(1),
    article: BriefArticleSchema,
    actors: z.array(BriefActorSchema).max(LIMITS.actors),
    claims: z.array(BriefClaimSchema).max(LIMITS.claims),
    events: z.array(BriefEventSchema).max(LIMITS.events),
  })
  .strict()
  .meta({ id: 'Brief', description: 'A whole structured brief: article, actors, claims and events' })

export type BriefInput = z.input<typeof BriefSchema>
export type Brief = z.output<typeof BriefSchema>
export type BriefActor = Brief['actors'][number]
export type BriefClaim = Brief['claims'][number]
export type BriefEvent = Brief['events'][number]
