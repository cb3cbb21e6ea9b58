// PLOVER event triggers. `verbs` are lemmas (all their forms match); `nouns` match as written
// and carry lower confidence, because a noun reports an event less directly than a verb.
import type { EVENT_EXTENSIONS, EVENT_TYPES } from '../../domain/vocabulary.js'

export interface Trigger {
  type: (typeof EVENT_TYPES)[number]
  extension?: (typeof EVENT_EXTENSIONS)[number]
  verbs: string[]
  nouns?: string[]
  /** Participants take part jointly ("X and Y agreed"): nobody is initiator or target. */
  joint?: boolean
}

export const TRIGGERS: readonly Trigger[] = [
  {
    type: 'AGREE',
    verbs: ['agree', 'sign', 'reach a deal', 'reach an agreement', 'strike a deal', 'settle', 'ratify'],
    nouns: ['agreement', 'accord', 'ceasefire', 'truce', 'treaty', 'pact'],
    joint: true,
  },
  {
    type: 'CONSULT',
    verbs: [
      'meet',
      'hold talks',
      'visit',
      'host',
      'negotiate',
      'discuss',
      'phone',
      'mediate',
      'consult',
      'speak to',
      'speak with',
    ],
    nouns: ['talks', 'summit', 'meeting', 'negotiations', 'dialogue', 'mediation'],
    joint: true,
  },
  { type: 'SUPPORT', verbs: ['back', 'endorse', 'support', 'praise', 'defend', 'stand by'] },
  {
    type: 'MOBILIZE',
    verbs: ['deploy', 'mobilise', 'mobilize', 'patrol', 'station', 'scramble', 'mass troops'],
    nouns: ['drills', 'exercises', 'patrols', 'sorties', 'deployment'],
  },
  { type: 'ACCUSE', verbs: ['accuse', 'blame', 'condemn', 'denounce', 'criticise', 'criticize'] },
  { type: 'REQUEST', verbs: ['urge', 'call on', 'call for', 'demand', 'request', 'appeal', 'plead', 'ask'] },
  { type: 'REJECT', verbs: ['reject', 'refuse', 'veto', 'rebuff', 'resist', 'boycott', 'oppose'] },
  { type: 'THREATEN', verbs: ['threaten', 'warn of', 'issue an ultimatum'], nouns: ['threat', 'ultimatum'] },
  {
    type: 'PROTEST',
    verbs: ['protest', 'demonstrate', 'rally', 'riot', 'strike against', 'march against'],
    nouns: ['protests', 'demonstrations', 'protesters', 'rally'],
  },
  {
    type: 'SANCTION',
    verbs: ['sanction', 'impose sanctions', 'impose tariffs', 'embargo', 'ban', 'expel', 'suspend', 'sever ties'],
    nouns: ['sanctions', 'tariffs', 'embargo'],
  },
  {
    type: 'COERCE',
    verbs: [
      'arrest',
      'detain',
      'seize',
      'jail',
      'imprison',
      'deport',
      'raid',
      'confine',
      'prosecute',
      'charge',
      'censor',
    ],
    nouns: ['house arrest', 'arrests', 'crackdown', 'coup', 'takeover'],
  },
  {
    type: 'ASSAULT',
    verbs: [
      'attack',
      'kill',
      'strike',
      'bomb',
      'shell',
      'shoot',
      'invade',
      'assassinate',
      'wound',
      'injure',
      'fire on',
      'murder',
    ],
    nouns: ['attack', 'attacks', 'airstrike', 'airstrikes', 'bombing', 'shelling', 'massacre', 'siege', 'invasion'],
  },
  { type: 'AID', verbs: ['aid', 'donate', 'send aid', 'provide aid', 'rescue'], nouns: ['aid', 'assistance'] },
  {
    type: 'COOPERATE',
    verbs: ['cooperate', 'co-operate', 'work with', 'work together', 'partner', 'join forces', 'collaborate', 'set up'],
    nouns: ['partnership', 'hotline'],
    joint: true,
  },
  {
    type: 'CONCEDE',
    verbs: [
      'concede',
      'release',
      'free',
      'ease',
      'lift',
      'pardon',
      'apologise',
      'apologize',
      'resign',
      'step down',
      'surrender',
    ],
  },
  { type: 'RETREAT', verbs: ['withdraw', 'retreat', 'pull out', 'pull back', 'flee', 'evacuate'] },
  { type: 'OTHER', extension: 'PUBLICATION', verbs: ['publish', 'release a report', 'issue a report'] },
  {
    type: 'OTHER',
    extension: 'LEGISLATION',
    verbs: ['pass a law', 'pass a bill', 'enact', 'legislate', 'introduce a bill'],
    nouns: ['legislation', 'bill'],
  },
  { type: 'OTHER', extension: 'BUDGET_APPROVAL', verbs: ['approve a budget', 'approve a record', 'pass a budget'] },
  {
    type: 'OTHER',
    extension: 'AGREEMENT_IN_FORCE',
    verbs: ['come into effect', 'come into force', 'take effect', 'enter into force'],
  },
  { type: 'OTHER', extension: 'POLICY_ANNOUNCEMENT', verbs: ['announce', 'launch', 'unveil', 'introduce'] },
  { type: 'OTHER', extension: 'MILITARY_DEVELOPMENT', verbs: ['test-fire', 'test a missile'] },
  {
    type: 'OTHER',
    verbs: ['die', 'crash', 'explode', 'collapse', 'break up', 'burn', 'malfunction', 'catch fire', 'sink', 'evacuate'],
    nouns: ['explosion', 'fire', 'fires', 'crash', 'death', 'accident', 'stranding', 'strandings', 'outage'],
  },
]

/** Words before a trigger that cancel it or make it hypothetical. */
export const NEGATORS = ['not', 'never', "n't", 'no longer', 'refused to', 'failed to']
export const CONDITIONALS = ['if', 'unless', 'could', 'would', 'might', 'may', 'whether', 'should']
export const FUTURE_MARKERS = [
  'will',
  'shall',
  'going to',
  'plans to',
  'plan to',
  'planned to',
  'set to',
  'expected to',
  'to be',
  "'ll",
  'would',
]
