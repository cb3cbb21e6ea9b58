// Compact lexicon tables: one entry a line of a template string, parsed once at load, so that a
// lexicon lists its words instead of repeating object or array syntax around every entry.

/** The entries of a table: its non-blank lines, trimmed. */
export function tableLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
}

/** A table whose lines are fields separated by "|", each trimmed; missing trailing fields are absent. */
export function fieldTable(text: string): string[][] {
  return tableLines(text).map((line) => line.split('|').map((field) => field.trim()))
}

/** A comma-separated field of a table line; an empty or missing field gives []. */
export function list(field: string | undefined): string[] {
  return field
    ? field
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : []
}

/**
 * A word in a closed vocabulary (ACTOR_KINDS, CLAIM_KINDS), typed as such; a word outside it is a
 * typo in a table and fails at load rather than silently matching nothing.
 */
export function ofVocabulary<V extends string>(vocabulary: readonly V[], word: string): V {
  if (!(vocabulary as readonly string[]).includes(word)) throw new Error(`lexicon: unknown value "${word}"`)
  return word as V
}

/**
 * A table whose lines are a key and then its values, separated by spaces ("strike struck stricken"),
 * as a record in line order; with `vocabulary`, every value must belong to it.
 */
export function wordTable<V extends string = string>(text: string, vocabulary?: readonly V[]): Record<string, V[]> {
  return Object.fromEntries(
    tableLines(text).map((line) => {
      const [key, ...values] = line.split(/\s+/)
      return [key!, values.map((v) => (vocabulary ? ofVocabulary(vocabulary, v) : (v as V)))]
    }),
  )
}

/**
 * A table whose lines are a word or phrase, a colon and its kind ("warn: warning"), in line order;
 * `-` stands for no kind (null). Every kind must belong to `vocabulary`.
 */
export function kindTable<V extends string>(text: string, vocabulary: readonly V[]): Array<[string, V | null]> {
  return tableLines(text).map((line) => {
    const [word, kind] = line.split(':').map((x) => x.trim())
    return [word!, kind === '-' ? null : ofVocabulary(vocabulary, kind ?? '')]
  })
}
