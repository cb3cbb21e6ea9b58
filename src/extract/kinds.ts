// Claim kind and modality from the reporting verb and the statement's modals.
import type { CLAIM_KINDS, MODALITIES } from '../domain/vocabulary.js'
import { CONTENT_KINDS, EVALUATIVE, FACTUAL, MODALITY_PATTERNS } from './lexicons/kinds.js'
import { SPEECH_VERBS, STANCE_ADJECTIVES } from './lexicons/speech.js'

export type ClaimKind = (typeof CLAIM_KINDS)[number]
export type Modality = (typeof MODALITIES)[number]

const VERB_KIND = new Map([
  ...SPEECH_VERBS.map((v) => [v.lemma, v.kind] as const),
  ...STANCE_ADJECTIVES.map((a) => [`be ${a.word}`, a.kind] as const),
])

export function claimKind(verb: string | null, statement: string): ClaimKind {
  const byVerb = verb ? VERB_KIND.get(verb) : null
  if (byVerb) return byVerb
  for (const { kind, pattern } of CONTENT_KINDS) if (pattern.test(statement)) return kind
  // A question put by the speaker judges; a report of facts is a description; anything that
  // judges is an assessment.
  if (/\?\s*["”’]?\s*$/.test(statement)) return 'assessment'
  // A report of facts is a description; anything that judges is an assessment.
  if (!EVALUATIVE.test(statement) && FACTUAL.test(statement)) return 'description'
  return 'assessment'
}

export function modalityOf(statement: string): Modality {
  if (MODALITY_PATTERNS.deontic.test(statement)) return 'asserted'
  if (MODALITY_PATTERNS.hypothetical.test(statement)) return 'hypothetical'
  if (MODALITY_PATTERNS.future.test(statement)) return 'future'
  if (MODALITY_PATTERNS.negated.test(statement)) return 'negated'
  return 'asserted'
}
