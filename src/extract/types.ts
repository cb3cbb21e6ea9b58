// Shared shapes of the extraction steps. All offsets are UTF-16 offsets into the cleaned body.
import type { ACTOR_KINDS } from '../domain/vocabulary.js'

export type ActorKind = (typeof ACTOR_KINDS)[number]

export interface Span {
  start: number
  end: number
}

export interface Paragraph extends Span {
  index: number
}

export interface Sentence extends Span {
  para: number
  index: number
}

export class ExtractError extends Error {
  constructor(
    readonly code: 'empty' | 'no-sentence',
    message: string,
  ) {
    super(message)
    this.name = 'ExtractError'
  }
}
