import createClient from 'openapi-fetch'
// The API's types: npx openapi-typescript http://localhost:3000/docs/json -o geobrief-api.d.ts
import type { paths } from './geobrief-api.js'

// JSON and problem+json only: lists also offer CSV and NDJSON, which would type every answer as text too.
const geobrief = createClient<paths, 'application/json' | 'application/problem+json'>({
  baseUrl: process.env.GEOBRIEF_URL ?? 'http://localhost:3000',
})

// Every warning, page after page (the cursor is also in the Link header).
let cursor: string | undefined
do {
  const { data, error } = await geobrief.GET('/v1/claims', {
    params: { query: { kind: 'warning', limit: 50, cursor } },
  })
  if (error) throw new Error(`${error.status} ${error.code}: ${error.detail}`)
  for (const claim of data.data) console.log(`${claim.claimants.map((a) => a.name).join(', ')}: ${claim.summary}`)
  cursor = data.page.nextCursor ?? undefined
} while (cursor)

// A brief, with each claim's evidence checked against the article's exact words.
const { data: brief } = await geobrief.GET('/v1/articles/{idOrSlug}/brief', {
  params: { path: { idOrSlug: 'china-urged-to-push-for-better-ties-with-japan' } },
})
const body = brief?.article.body ?? ''
const exact = brief?.claims.every((c) => body.slice(c.evidence.start, c.evidence.end) === c.evidence.exact)
console.log(`${brief?.claims.length} claims, evidence exact: ${exact}`)

// Errors are RFC 9457 problems with a stable code.
const { error } = await geobrief.GET('/v1/actors/{idOrSlug}', { params: { path: { idOrSlug: 'atlantis' } } })
console.log(`${error?.status} ${error?.code}`)
