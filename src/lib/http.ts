// Small HTTP facts shared by the plugins and the app factory, written once.
import { createHash } from 'node:crypto'

/** The Content-Security-Policy of every API response (the docs scope sets Swagger UI's own). */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

/**
 * The Content-Security-Policy of every HTML page (the brief pages; the docs scope sets Swagger UI's
 * own): same-origin stylesheets and images, forms posted back to the service, and no script at all.
 */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

/** The policy for a response of this media type: HTML is a page, everything else API data. */
export function cspFor(contentType: unknown): string {
  return typeof contentType === 'string' && contentType.startsWith('text/html') ? PAGE_CSP : API_CSP
}

/** Methods that never change data: public, read-rate-limited, cacheable. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * The strong ETag of a response body: a digest of its exact bytes. Computed once per response, or
 * once per document where a stored document carries it (src/db/brief-docs.ts).
 */
export function etagOf(payload: string | Buffer): string {
  return `"${createHash('sha256').update(payload).digest('base64url').slice(0, 32)}"`
}

/** RFC 9110 If-None-Match against a strong ETag (weak comparison, `*` matches anything). */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  return ifNoneMatch
    .split(',')
    .map((s) => s.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag)
}

/** The id of the API key that authenticated a request, for audit columns (null when anonymous). */
export function keyIdOf(request: { apiKey?: { id: string } | null }): string | null {
  return request.apiKey?.id ?? null
}
