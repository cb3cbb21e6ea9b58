// Statement wording that sets a claim's kind when the verb does not, and its modality.

/** Tested in order on the statement; the first match gives the kind. */
export const CONTENT_KINDS: ReadonlyArray<{
  kind: 'recommendation' | 'warning' | 'prediction' | 'position' | 'pledge'
  pattern: RegExp
}> = [
  {
    kind: 'recommendation',
    pattern:
      /\b(?:we|I) (?:advise|urge|recommend|call on|ask|encourage)\b|\b(?:should|must|ought to|need to|needs to|have to|has to|had better)\b|\bneeds?\s+(?:a|an|more|better|urgent)\b|\b(?:[Dd]on['’]t|[Dd]o not)\s+(?!know|think|believe|want|mean|have|see)\p{Ll}+/iu,
  },
  // The speaker's own future acts: "he would speak", "we will not give up".
  {
    kind: 'pledge',
    pattern:
      /^(?:he|she|I|we)\s+(?:would|will|['’]ll|is going to|was going to)\s+(?:not\s+|never\s+|always\s+|continue\s+to\s+)?(?!be\b|have\b)\p{Ll}+/iu,
  },
  {
    kind: 'warning',
    pattern:
      /\b(?:could|might|may) (?:lead to|cause|trigger|spark|result in|damage|destroy|harm|crush|kill)\b|\b(?:danger|dangers|dangerous|risk|risks|threat|threatens)\b/i,
  },
  {
    kind: 'prediction',
    pattern:
      /\b(?:will|won['’]t|would|is going to|are going to|is likely to|are likely to|expects?|on track to|set to|forecast)\b|['’]ll\b/i,
  },
  {
    kind: 'position',
    pattern:
      /\b(?:we|I) (?:(?:do not|don['’]t|strongly|firmly|fully)\s+)?(?:oppose|support|reject|welcome|stand|want|believe|refuse|disagree|agree)\b|\bnot a fan\b|\b(?:we|I) (?:are|am) (?:not\s+)?(?:against|for|opposed|committed)\b/i,
  },
]

/**
 * Evaluative wording: a statement that judges rather than reports. Quantities ("more than 300",
 * "most of the debris") report.
 */
export const EVALUATIVE =
  /\b(?:good|bad|better|worse|best|worst|great|important|legitimate|illegitimate|difficult|hard|easy|likely|unlikely|clear|clearly|wrong|right|fair|unfair|serious|significant|huge|major|key|crucial|vital|worrying|concerning|shocking|positive|negative|effective|ineffective|successful|failure|mistake|tolerant|diverse|confident|impression|matters?|deserves?|unprecedented|heartbreaking|emotional|shock|appropriate|necessary|unacceptable|ridiculous|false|true|untrue|lies|lying|fake|problem|problems|believe|think|seems?|appears?|probably|perhaps|maybe|certainly|surely|so much|entirely|quite|rather|really|extremely|convincing|unconvincing|sounds?|remarkably|distressing|troubling|alarming|improved|improving|worsened|worsening|greed|greedy|insecurity|amnesia|transcendent|painstaking|dismal|disastrous|(?:much|far|a lot|significantly)\s+(?:less|more)|(?:less|more)\s+(?!than\b)\p{L}+(?:\s+than\b)|(?:more|most|less|least)\s+(?!of\b)\p{Ll}+(?:ed|ing|ful|ous|ive|able|ible|al|ic|ant|ent)\b)\b/iu

/** Statements of fact: figures, counts, dates, or an event reported in the past. */
export const FACTUAL =
  /\d|\b(?:percent|per cent|million|billion|trillion|dozens?|hundreds?|thousands?)\b|\b(?:was|were|had|did)\b|\b\p{Ll}+ed\b/iu

export const MODALITY_PATTERNS = {
  // Case-sensitive: "May" is a month.
  hypothetical: /\b(?:[Cc]ould|[Ww]ould|[Mm]ight|may|[Cc]an|[Ii]f|[Uu]nless)\b/,
  future: /\b(?:will|shall|going to|plans? to|'ll|’ll)\b/i,
  negated: /\b(?:not|never|no longer|n't|n’t|neither|nor)\b/i,
  /** Deontic modals carry their own negation ("should not"): the statement stays asserted. */
  deontic: /\b(?:should|must|ought|have to|has to|need to)\b/i,
}
