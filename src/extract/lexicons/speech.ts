// Speech and reporting verbs. `kind` is the claim kind the verb implies; null means the kind
// follows from the statement itself (modals, wording) rather than from the verb.
import { CLAIM_KINDS } from '../../domain/vocabulary.js'
import { kindTable } from './table.js'

type ClaimKind = (typeof CLAIM_KINDS)[number]

export interface SpeechVerb {
  lemma: string
  kind: ClaimKind | null
}

/** Lines "lemma: kind" (`-`: null), in the order the lexicon lists them. */
function speechVerbs(table: string): SpeechVerb[] {
  return kindTable(table, CLAIM_KINDS).map(([lemma, kind]) => ({ lemma, kind }))
}

export const SPEECH_VERBS: readonly SpeechVerb[] = [
  ...speechVerbs(`
say: -
tell: -
add: -
note: -
write: -
state: -
explain: -
comment: -
remark: -
reply: -
respond: -
answer: -
ask: -
tweet: -
post: -
testify: -
concede: assessment
contend: position
boast: assessment
reckon: assessment
consider: assessment
want: position
hope: position
defend: position
support: position
disagree: position
agree: position
fear: warning
worry: warning
instruct: recommendation
encourage: recommendation
complain: accusation
charge: accusation
announce: description
report: description
describe: description
confirm: description
reveal: description
disclose: description
recall: description
admit: assessment
acknowledge: assessment
argue: assessment
suggest: assessment
believe: assessment
think: assessment
conclude: assessment
find: assessment
estimate: -
observe: assessment
point out: assessment
call: assessment
insist: position
maintain: position
stress: position
emphasise: position
emphasize: position
reiterate: position
declare: position
claim: -
assert: position
oppose: position
welcome: position
criticise: accusation
criticize: accusation
warn: warning
caution: warning
urge: recommendation
call on: recommendation
issue a plea: recommendation
make a plea: recommendation
issue an appeal: recommendation
make an appeal: recommendation
issue a warning: warning
call for: recommendation
`),
  // Self-presentation is a stance: "X has presented itself as an alternative to …".
  ...speechVerbs(`
present itself as: position
present himself as: position
present herself as: position
present themselves as: position
recommend: recommendation
advise: recommendation
appeal: recommendation
demand: recommendation
pledge: pledge
vow: pledge
promise: pledge
commit: pledge
accuse: accusation
blame: accusation
condemn: accusation
allege: accusation
deny: denial
reject: denial
dismiss: denial
predict: prediction
expect: prediction
forecast: prediction
project: prediction
anticipate: prediction
`),
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
  'post',
  'consider',
  'want',
  'hope',
  'defend',
  'support',
  'agree',
  'disagree',
  'fear',
  'encourage',
  'charge',
  'complain',
  'contend',
  'boast',
  'reckon',
])

/**
 * Predicate adjectives of stance that attribute the clause after them like a verb ("X is
 * concerned (that) …", "X is adamant …"), with the kind they imply (null: from the wording).
 */
export const STANCE_ADJECTIVES: ReadonlyArray<{ word: string; kind: ClaimKind | null }> = kindTable(
  `
concerned: warning
worried: warning
alarmed: warning
adamant: position
convinced: position
determined: pledge
confident: -
optimistic: -
hopeful: -
sure: -
certain: -
`,
  CLAIM_KINDS,
).map(([word, kind]) => ({ word, kind }))

/** Plural nouns for unnamed groups of sources ("economists say", "experts warn"). */
export const GENERIC_SOURCES: readonly string[] = [
  'sources',
  'officials',
  'experts',
  'economists',
  'analysts',
  'scientists',
  'researchers',
  'critics',
  'observers',
  'diplomats',
  'observers',
  'witnesses',
  'residents',
  'insiders',
  'campaigners',
  'activists',
  'elders',
  'historians',
  'doctors',
  'lawyers',
  'investors',
  'traders',
]

/** Phrases that introduce a source after the statement or before it: "according to X". */
export const SOURCE_PHRASES: readonly string[] = ['according to', 'citing', 'in the words of', 'as reported by']

/** A source named inside an "as" clause: "As the Daily Planet reports, …", "as Ivan Petrov noted". */
export const AS_SOURCE_VERBS: readonly string[] = [
  'reports',
  'reported',
  'has reported',
  'notes',
  'noted',
  'has noted',
  'writes',
  'wrote',
  'has written',
  'points out',
  'pointed out',
  'explains',
  'explained',
  'observes',
  'observed',
]

/** Nouns that stand for a statement ("in a statement", "the report states"). */
export const STATEMENT_NOUNS: readonly string[] = ['statement', 'report', 'study', 'survey', 'letter', 'interview']
