// Closed vocabularies of the brief model. Stored as strings (schema.prisma), enforced here.

export const ACTOR_KINDS = [
  'state',
  'government_body',
  'military',
  'law_enforcement',
  'person',
  'organisation',
  'academic_institution',
  'international_organisation',
  'grouping',
  'media',
  'other',
] as const

export const ARTICLE_ACTOR_ROLES = ['subject', 'source', 'mentioned'] as const

export const AFFILIATION_RELATIONS = [
  'member_of',
  'part_of',
  'employed_by',
  'leads',
  'spokesperson_for',
  'formerly_at',
  'publication_of',
] as const

export const CLAIM_KINDS = [
  'assessment',
  'recommendation',
  'warning',
  'prediction',
  'position',
  'pledge',
  'accusation',
  'denial',
  'description',
] as const

/** PLOVER auxiliary modes used as modality, plus "asserted" for a plain statement of fact. */
export const MODALITIES = ['asserted', 'future', 'hypothetical', 'negated', 'historical'] as const

export const CLAIM_LINK_TYPES = ['supports', 'contradicts', 'repeats', 'responds_to', 'refers_to_event'] as const

/** PLOVER v2 event types with their quad class (1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict). */
export const PLOVER_QUAD = {
  AGREE: 1,
  CONSULT: 1,
  SUPPORT: 1,
  CONCEDE: 1,
  COOPERATE: 2,
  AID: 2,
  RETREAT: 2,
  REQUEST: 3,
  ACCUSE: 3,
  REJECT: 3,
  THREATEN: 3,
  PROTEST: 4,
  SANCTION: 4,
  MOBILIZE: 4,
  COERCE: 4,
  ASSAULT: 4,
} as const

export const EVENT_TYPES = [...(Object.keys(PLOVER_QUAD) as Array<keyof typeof PLOVER_QUAD>), 'OTHER'] as const
export type EventType = (typeof EVENT_TYPES)[number]

export const COOPERATIVE_TYPES = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT'] as const
export const CONFLICTUAL_TYPES = [
  'ACCUSE',
  'REJECT',
  'THREATEN',
  'PROTEST',
  'SANCTION',
  'MOBILIZE',
  'COERCE',
  'ASSAULT',
] as const

/**
 * Local extension types, used with type OTHER where PLOVER has no category because the
 * happening is not an interaction between two actors (PLOVER recommends such extensions).
 */
export const EVENT_EXTENSIONS = [
  'BUDGET_APPROVAL',
  'LEGISLATION',
  'AGREEMENT_IN_FORCE',
  'PUBLICATION',
  'POLICY_ANNOUNCEMENT',
  'MILITARY_DEVELOPMENT',
] as const

/** PLOVER contexts (multi-valued). */
export const EVENT_CONTEXTS = [
  'military',
  'intelligence',
  'executive',
  'legislative',
  'election',
  'political_institutions',
  'economic',
  'legal',
  'human_rights',
  'rights_freedoms',
  'repression',
  'human_security',
  'diplomatic',
  'territory',
  'peacekeeping',
  'health',
  'migration',
  'disasters',
  'natural_resource',
  'environment',
  'technology',
  'terrorism',
  'cbrn',
  'cyber',
  'misinformation',
  'crime',
  'corruption',
] as const

export const EVENT_STATUSES = ['occurred', 'planned', 'ongoing'] as const
export const PARTICIPANT_ROLES = ['initiator', 'target', 'participant'] as const
export const DATE_PRECISIONS = ['day', 'month', 'year'] as const
export const EXTRACTION_METHODS = ['manual', 'automatic'] as const

export function quadClassOf(type: string): number | null {
  return (PLOVER_QUAD as Record<string, number>)[type] ?? null
}
