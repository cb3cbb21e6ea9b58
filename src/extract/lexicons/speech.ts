// Speech and reporting verbs. `kind` is the claim kind the verb implies; null means the kind
// follows from the statement itself (modals, wording) rather than from the verb.
import type { CLAIM_KINDS } from '../../domain/vocabulary.js'

type ClaimKind = (typeof CLAIM_KINDS)[number]

export interface SpeechVerb {
  lemma: string
  kind: ClaimKind | null
}

export const SPEECH_VERBS: readonly SpeechVerb[] = [
  { lemma: 'say', kind: null },
  { lemma: 'tell', kind: null },
  { lemma: 'add', kind: null },
  { lemma: 'note', kind: null },
  { lemma: 'write', kind: null },
  { lemma: 'state', kind: null },
  { lemma: 'explain', kind: null },
  { lemma: 'comment', kind: null },
  { lemma: 'remark', kind: null },
  { lemma: 'reply', kind: null },
  { lemma: 'respond', kind: null },
  { lemma: 'answer', kind: null },
  { lemma: 'ask', kind: null },
  { lemma: 'announce', kind: 'description' },
  { lemma: 'report', kind: 'description' },
  { lemma: 'describe', kind: 'description' },
  { lemma: 'confirm', kind: 'description' },
  { lemma: 'reveal', kind: 'description' },
  { lemma: 'disclose', kind: 'description' },
  { lemma: 'recall', kind: 'description' },
  { lemma: 'admit', kind: 'assessment' },
  { lemma: 'acknowledge', kind: 'assessment' },
  { lemma: 'argue', kind: 'assessment' },
  { lemma: 'suggest', kind: 'assessment' },
  { lemma: 'believe', kind: 'assessment' },
  { lemma: 'think', kind: 'assessment' },
  { lemma: 'conclude', kind: 'assessment' },
  { lemma: 'find', kind: 'assessment' },
  { lemma: 'estimate', kind: 'assessment' },
  { lemma: 'observe', kind: 'assessment' },
  { lemma: 'point out', kind: 'assessment' },
  { lemma: 'call', kind: 'assessment' },
  { lemma: 'insist', kind: 'position' },
  { lemma: 'maintain', kind: 'position' },
  { lemma: 'stress', kind: 'position' },
  { lemma: 'emphasise', kind: 'position' },
  { lemma: 'emphasize', kind: 'position' },
  { lemma: 'reiterate', kind: 'position' },
  { lemma: 'declare', kind: 'position' },
  { lemma: 'claim', kind: 'position' },
  { lemma: 'assert', kind: 'position' },
  { lemma: 'oppose', kind: 'position' },
  { lemma: 'welcome', kind: 'position' },
  { lemma: 'criticise', kind: 'accusation' },
  { lemma: 'criticize', kind: 'accusation' },
  { lemma: 'warn', kind: 'warning' },
  { lemma: 'caution', kind: 'warning' },
  { lemma: 'urge', kind: 'recommendation' },
  { lemma: 'call on', kind: 'recommendation' },
  { lemma: 'call for', kind: 'recommendation' },
  { lemma: 'recommend', kind: 'recommendation' },
  { lemma: 'advise', kind: 'recommendation' },
  { lemma: 'appeal', kind: 'recommendation' },
  { lemma: 'demand', kind: 'recommendation' },
  { lemma: 'pledge', kind: 'pledge' },
  { lemma: 'vow', kind: 'pledge' },
  { lemma: 'promise', kind: 'pledge' },
  { lemma: 'commit', kind: 'pledge' },
  { lemma: 'accuse', kind: 'accusation' },
  { lemma: 'blame', kind: 'accusation' },
  { lemma: 'condemn', kind: 'accusation' },
  { lemma: 'allege', kind: 'accusation' },
  { lemma: 'deny', kind: 'denial' },
  { lemma: 'reject', kind: 'denial' },
  { lemma: 'dismiss', kind: 'denial' },
  { lemma: 'predict', kind: 'prediction' },
  { lemma: 'expect', kind: 'prediction' },
  { lemma: 'forecast', kind: 'prediction' },
  { lemma: 'project', kind: 'prediction' },
  { lemma: 'anticipate', kind: 'prediction' },
]

/** Verbs that report speech only with a clause or a quote after them, not alone ("found", "called"). */
export const WEAK_SPEECH_VERBS: ReadonlySet<string> = new Set([
  'find',
  'call',
  'note',
  'state',
  'think',
  'believe',
  'project',
  'maintain',
  'commit',
  'report',
  'answer',
  'observe',
  'expect',
  'welcome',
  'oppose',
  'reject',
  'dismiss',
  'describe',
  'respond',
  'reply',
  'add',
  'ask',
  'write',
])

/** Phrases that introduce a source after the statement or before it: "according to X". */
export const SOURCE_PHRASES: readonly string[] = ['according to', 'citing', 'in the words of', 'as reported by']

/** Nouns that stand for a statement ("in a statement", "the report states"). */
export const STATEMENT_NOUNS: readonly string[] = ['statement', 'report', 'study', 'survey', 'letter', 'interview']
