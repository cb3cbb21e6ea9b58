// completeBrief fills in derived fields (evidence prefix/suffix, source sha256); briefHash hashes
// that form without ids, so the same brief read back from the API hashes like the one posted.
import type { Brief } from '../domain/brief.schema.js'
import { prefixOf, sha256, suffixOf } from '../domain/brief.validate.js'

export function completeBrief(brief: Brief): Brief {
  const body = brief.article.body
  const anchor = <T extends { start: number; end: number }>(e: T) => ({
    ...e,
    prefix: prefixOf(body, e.start),
    suffix: suffixOf(body, e.end),
  })
  return {
    ...brief,
    article: { ...brief.article, source: { ...brief.article.source, sha256: sha256(brief.article.source.text) } },
    claims: brief.claims.map((c) => ({ ...c, evidence: anchor(c.evidence) })),
    events: brief.events.map((e) => ({ ...e, evidence: anchor(e.evidence) })),
  }
}

function withoutIds(brief: Brief): Brief {
  const { id: _articleId, ...article } = brief.article
  return {
    ...brief,
    article,
    actors: brief.actors.map(({ id: _id, ...a }) => a),
    claims: brief.claims.map(({ id: _id, ...c }) => c),
    events: brief.events.map(({ id: _id, ...e }) => e),
  }
}

/** Key-order independent JSON. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`
  if (value && typeof value === 'object') {
    // Any non-null object: its own enumerable keys are all JSON can hold.
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

export function briefHash(brief: Brief): string {
  return sha256(stableStringify(withoutIds(completeBrief(brief))))
}
