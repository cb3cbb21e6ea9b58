// The contract suite's requests on the seeded database: every operation's documented success, the
// export formats, and the errors a client meets most (bad parameters, unknown ids, a missing key,
// an invalid brief). test/contract/openapi.test.ts checks their answers against the OpenAPI
// document with Ajv; scripts/prism-check.ts sends the same requests through Stoplight Prism's
// validating proxy.
import { seedBriefJson } from './briefs.js'

export interface ContractRequest {
  label: string
  method: 'GET' | 'POST' | 'PATCH'
  url: string
  /** Sent as JSON. */
  body?: unknown
  accept?: string
  /** Sent with a key of this scope. */
  auth?: 'write' | 'admin'
  /**
   * Why Prism cannot judge this exchange, when it cannot: Prism 5 matches a response's media type
   * by its structured-syntax suffix (application/ld+json as application/json), so it checks the
   * JSON-LD brief against the JSON brief's schema, and its proxy follows redirects. Ajv, in
   * test/contract/openapi.test.ts, checks both exchanges.
   */
  notForPrism?: string
  expectedStatus: number
}

/** A short article for the extraction route: a dated, attributed quote and an event. */
const EXTRACT_TEXT = `Japan and China agree to open defence hotline

TOKYO, March 3 (Reuters) - Japan and China agreed on Friday to open a defence hotline, the Japanese defence ministry said.
"Communication between our forces is essential to avoid accidents," Defence Minister Nobuo Kishi told reporters.`

/**
 * The requests, with ids taken from the seeded database through `get` (a JSON GET that must
 * answer 200).
 */
export async function contractRequests(get: (url: string) => Promise<unknown>): Promise<ContractRequest[]> {
  const list = async <T>(url: string) => ((await get(url)) as { data: T[] }).data
  const article = (await list<{ id: string; slug: string }>('/v1/articles'))[0]
  const claims = await list<{ id: string; quote: unknown }>('/v1/claims?limit=100')
  const events = await list<{ id: string; location: unknown }>('/v1/events?limit=100')
  const quoted = claims.find((c) => c.quote !== null)
  const located = events.find((e) => e.location !== null)
  const actorId = (await list<{ id: string }>('/v1/actors?q=Beijing'))[0]?.id
  const cursor = ((await get('/v1/actors?limit=2')) as { page: { nextCursor: string } }).page.nextCursor
  if (!article || !claims[0] || !events[0] || !quoted || !located || !actorId)
    throw new Error('the seeded database lacks an article, claim, quoted claim, event, located event or actor')
  const brief = `/v1/articles/${article.slug}/brief`
  const get200 = (label: string, url: string, accept?: string): ContractRequest => ({
    label,
    method: 'GET',
    url,
    ...(accept ? { accept } : {}),
    expectedStatus: 200,
  })
  const getError = (label: string, url: string, expectedStatus: number): ContractRequest => ({
    label,
    method: 'GET',
    url,
    expectedStatus,
  })
  return [
    get200('health', '/health'),
    get200('ready', '/ready'),
    get200('articles', '/v1/articles'),
    get200('articles, counted, one per page', '/v1/articles?count=true&limit=1&sort=-published'),
    get200('articles, filtered to nothing', '/v1/articles?topic=nothing'),
    get200('articles as CSV', '/v1/articles?format=csv'),
    get200('article by slug', `/v1/articles/${article.slug}`),
    get200('article by id', `/v1/articles/${article.id}`),
    get200('brief', brief),
    get200('brief as Markdown', brief, 'text/markdown'),
    {
      ...get200('brief as JSON-LD', brief, 'application/ld+json'),
      notForPrism: 'Prism takes application/ld+json for application/json',
    },
    get200('actors', '/v1/actors?limit=100&count=true'),
    get200('actors, second page', `/v1/actors?limit=2&cursor=${cursor}`),
    get200('actor by slug', '/v1/actors/china'),
    get200('actor by id', `/v1/actors/${actorId}`),
    get200('actor with affiliations', '/v1/actors/zhang-tuosheng'),
    get200('actor relations', '/v1/actors/china/relations'),
    get200('actor positions', '/v1/actors/china/positions'),
    get200('claims', '/v1/claims?limit=100&sort=stated'),
    get200('claims as NDJSON', '/v1/claims?limit=5', 'application/x-ndjson'),
    get200('claim', `/v1/claims/${claims[0].id}`),
    get200('claim with quote', `/v1/claims/${quoted.id}`),
    get200('related claims', `/v1/claims/${claims[0].id}/related`),
    get200('events', '/v1/events?limit=100&count=true'),
    get200('event', `/v1/events/${events[0].id}`),
    get200('event with location', `/v1/events/${located.id}`),
    get200('timeline', '/v1/timeline?actor=china'),
    get200('relation of two states', '/v1/relations?actors=CHN,JPN'),
    get200('search', '/v1/search?q=hotline'),
    get200('changes', '/v1/changes?limit=5'),
    getError('articles: unknown sort', '/v1/articles?sort=nope', 400),
    getError('articles: bad date', '/v1/articles?publishedFrom=2021-02-30', 400),
    getError('actors: limit=0', '/v1/actors?limit=0', 400),
    getError('actors: unknown parameter', '/v1/actors?foo=1', 400),
    getError('claims: malformed cursor', '/v1/claims?cursor=bad', 400),
    getError('claims: foreign cursor', `/v1/claims?cursor=${cursor}`, 400),
    getError('events: bad type', '/v1/events?type=nope', 400),
    getError('events: limit=101', '/v1/events?limit=101', 400),
    getError('search: no query', '/v1/search', 400),
    getError('relations: one actor', '/v1/relations?actors=CHN', 400),
    getError('unknown article', '/v1/articles/no-such-article', 404),
    getError('unknown brief', '/v1/articles/no-such-article/brief', 404),
    getError('unknown actor', '/v1/actors/atlantis', 404),
    getError('unknown claim', '/v1/claims/clm_01ARZ3NDEKTSV4RRFFQ69G5FAV', 404),
    getError('unknown event', '/v1/events/evt_01ARZ3NDEKTSV4RRFFQ69G5FAV', 404),
    getError('timeline of an unknown actor', '/v1/timeline?actor=atlantis', 404),
    {
      label: 'brief posted again',
      method: 'POST',
      url: '/v1/briefs',
      body: seedBriefJson(),
      auth: 'write',
      expectedStatus: 200,
    },
    { label: 'brief without a key', method: 'POST', url: '/v1/briefs', body: seedBriefJson(), expectedStatus: 401 },
    {
      label: 'brief that is not one',
      method: 'POST',
      url: '/v1/briefs',
      body: { article: {} },
      auth: 'write',
      expectedStatus: 422,
    },
    {
      label: 'extraction draft',
      method: 'POST',
      url: '/v1/extract',
      body: { text: EXTRACT_TEXT },
      auth: 'write',
      expectedStatus: 200,
    },
    {
      label: 'article patched',
      method: 'PATCH',
      url: `/v1/articles/${article.slug}`,
      body: { section: 'Asia' },
      auth: 'write',
      expectedStatus: 200,
    },
    // Last, since it changes the data: a merge, after which the duplicate answers 308.
    {
      label: 'actors merged',
      method: 'POST',
      url: '/v1/actors/china/merge',
      body: { duplicate: 'wang-yiwei' },
      auth: 'admin',
      expectedStatus: 200,
    },
    {
      ...getError('merged actor', '/v1/actors/wang-yiwei', 308),
      notForPrism: "Prism's proxy follows the redirect upstream and answers the survivor's 200",
    },
  ]
}
