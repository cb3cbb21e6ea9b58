// Canonical form of a brief: derived fields filled in, read-only ids dropped. Its hash decides
// whether a posted brief is the one already stored (idempotent ingest).
import type { Brief } from './brief.schema.js'
import { prefixOf, sha256, suffixOf } from './brief.validate.js'

export function completeBrief(brief: Brief): Brief {
  const body = brief.article.body
  const anchor = <T extends { start: number; end: number }>(e: T) => ({
    ...e,
    prefix: prefixOf(body, e.start),
    suffix: suffixOf(body, e.end),
  })
  const { id: _articleId, ...article } = brief.article
  return {
    ...brief,
    article: { ...article, source: { ...article.source, sha256: sha256(article.source.text) } },
    actors: brief.actors.map(({ id: _id, ...a }) => a),
    claims: brief.claims.map(({ id: _id, ...c }) => ({ ...c, evidence: anchor(c.evidence) })),
    events: brief.events.map(({ id: _id, ...e }) => ({ ...e, evidence: anchor(e.evidence) })),
  }
}

/** Key-order independent JSON. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

export function briefHash(brief: Brief): string {
  return sha256(stableStringify(completeBrief(brief)))
}
