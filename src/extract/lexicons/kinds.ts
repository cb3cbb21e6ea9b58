// Statement wording that sets a claim's kind when the verb does not, and its modality.

/** Tested in order on the statement; the first match gives the kind. */
export const CONTENT_KINDS: ReadonlyArray<{
  kind: 'recommendation' | 'warning' | 'prediction' | 'position'
  pattern: RegExp
}> = [
  { kind: 'recommendation', pattern: /\b(?:should|must|ought to|need to|needs to|have to|has to|had better)\b/i },
  {
    kind: 'warning',
    pattern:
      /\b(?:could|might|may) (?:lead to|cause|trigger|spark|result in|damage|destroy|harm)\b|\b(?:danger|risk|threat)\b/i,
  },
  { kind: 'prediction', pattern: /\b(?:will|is going to|are going to|is likely to|are likely to|expects?)\b/i },
  { kind: 'position', pattern: /\b(?:we|I) (?:oppose|support|reject|welcome|stand)\b/i },
]

export const MODALITY_PATTERNS = {
  // Case-sensitive: "May" is a month.
  hypothetical: /\b(?:[Cc]ould|[Ww]ould|[Mm]ight|may|[Cc]an|[Ii]f|[Uu]nless)\b/,
  future: /\b(?:will|shall|going to|plans? to|'ll|’ll)\b/i,
  negated: /\b(?:not|never|no longer|n't|n’t|neither|nor)\b/i,
  /** Deontic modals carry their own negation ("should not"): the statement stays asserted. */
  deontic: /\b(?:should|must|ought|have to|has to|need to)\b/i,
}
