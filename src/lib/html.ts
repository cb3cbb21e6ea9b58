// HTML escaping, written once: the search snippets (src/db/search.ts) and the brief pages
// (src/modules/pages/) escape every piece of data with it.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text made safe for HTML element content and for quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] as string)
}

const DECODE: Record<string, string> = Object.fromEntries(Object.entries(ENTITIES).map(([c, e]) => [e, c]))

/** The inverse of escapeHtml, for text it escaped (other entities are left as they are). */
export function unescapeHtml(value: string): string {
  return value.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => DECODE[e] as string)
}
