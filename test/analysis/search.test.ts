// GET /v1/search: ranking, snippets, query language, robustness against syntax abuse,
// pagination, agreement with the list routes' `q`, and an index that follows writes.
import { describe, expect, it } from 'vitest'
import { articleWrites } from '../../src/modules/articles/articles.writes.js'
import { type TestApp, fileTestApp } from '../helpers/app.js'
import { actor, ingest, miniBrief, quote, type SeedBrief, seedBrief, seedIds, span } from '../helpers/briefs.js'
import { expectProblem } from '../helpers/problems.js'
import { get, getJson, listen, walkList, withQuery } from '../helpers/http.js'
import { rng } from '../../scripts/robustness/report-lib.js'

type Hit = { type: string; id: string; title: string; snippet: string; score: number; url: string }

let t: TestApp
let seed: SeedBrief
let ids: Awaited<ReturnType<typeof seedIds>>

fileTestApp({ seed: true }, async (app) => {
  t = app
  await listen(t)
  seed = seedBrief()
  ids = await seedIds(t)
})

/** Every hit for q (one page of 100, asserting it holds them all). */
async function search(q: string, types?: string): Promise<Hit[]> {
  const body = await getJson(t, withQuery('/v1/search', { q, limit: '100', ...(types ? { types } : {}) }))
  expect(body.page.nextCursor).toBeNull()
  return body.data as Hit[]
}

const key = (h: { type: string; id: string }) => `${h.type}:${h.id}`
const keys = (hs: Hit[]) => new Set(hs.map(key))
const sorted = (s: Iterable<string>) => [...s].sort()

/** The text the index holds for each seed record (as the search_index migration builds it). */
function seedDocs(): Array<{ key: string; text: string }> {
  const a = seed.article
  const docs = [
    { key: `article:${ids.article}`, text: [a.title, a.summary ?? '', ...(a.keyPoints ?? []), a.body].join(' ') },
  ]
  for (const [i, c] of seed.claims.entries())
    docs.push({ key: `claim:${ids.claims[i]}`, text: [c.summary, c.quote?.text ?? '', c.evidence.exact].join(' ') })
  for (const [i, e] of seed.events.entries())
    docs.push({
      key: `event:${ids.events[i]}`,
      text: [e.title, e.description ?? '', e.subtype ?? '', e.location?.name ?? ''].join(' '),
    })
  for (const x of seed.actors)
    docs.push({
      key: `actor:${ids.actors.get(x.slug)}`,
      text: [x.name, ...(x.aliases ?? []), ...(x.surfaceForms ?? []), x.title ?? '', x.description ?? ''].join(' '),
    })
  return docs
}

/** Seed records whose indexed text matches `pattern` (a whole-word regex source). */
function seedMatching(pattern: string): Set<string> {
  const re = new RegExp(`(^|[^\\p{L}\\p{N}])${pattern}([^\\p{L}\\p{N}]|$)`, 'iu')
  return new Set(
    seedDocs()
      .filter((d) => re.test(d.text))
      .map((d) => d.key),
  )
}

function expectSafeSnippet(h: Hit): void {
  // Only <mark> and </mark> are markup; everything else is escaped text.
  expect(h.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/)
  expect(h.snippet).toMatch(/<mark>[^<]+<\/mark>/)
}

describe('GET /v1/search on the seed', () => {
  it('"hotline": the two hotline events rank first, then the article; snippets mark the word; urls answer 200', async () => {
    const hits = await search('hotline')
    const hotlineEvents = seed.events
      .map((e, i) => ({ e, id: ids.events[i] }))
      .filter(({ e }) => /hotline/i.test(`${e.title} ${e.description}`))
      .map(({ id }) => `event:${id}`)
    expect(hotlineEvents).toHaveLength(2)
    expect(keys(hits)).toEqual(seedMatching('hotline'))
    expect(sorted(hits.slice(0, 2).map(key))).toEqual(sorted(hotlineEvents))
    expect(hits.slice(0, 2).every((h) => h.type === 'event')).toBe(true)
    const articleAt = hits.findIndex((h) => h.type === 'article')
    expect(hits[articleAt]?.id).toBe(ids.article)
    expect(articleAt).toBeGreaterThanOrEqual(2)
    for (let i = 1; i < hits.length; i++)
      expect(hits[i]?.score as number).toBeLessThanOrEqual(hits[i - 1]?.score as number)
    for (const h of hits) {
      expect(h.snippet).toMatch(/<mark>hotline<\/mark>/i)
      expectSafeSnippet(h)
      expect(h.url).toBe(`/v1/${h.type}s/${h.id}`)
      const res = await get(t, h.url)
      expect(res.status).toBe(200)
      expect(res.body.id).toBe(h.id)
    }
  })

  it('"Taiwan" finds the Taiwan actor, the ADIZ sorties event, Xing\'s claim and the article', async () => {
    const hits = await search('Taiwan')
    const got = keys(hits)
    const adiz = seed.events.findIndex((e) => /air defence/i.test(e.title))
    const xing = seed.claims.findIndex((c) => c.claimants.includes('xing-yuqing') && /Taiwan/.test(c.summary))
    expect(got).toContain(`actor:${ids.actors.get('taiwan')}`)
    expect(got).toContain(`event:${ids.events[adiz]}`)
    expect(got).toContain(`claim:${ids.claims[xing]}`)
    expect(got).toContain(`article:${ids.article}`)
    expect(got).toEqual(seedMatching('taiwan'))
    for (const h of hits) expect(h.snippet).toMatch(/<mark>taiwan<\/mark>/i)
  })

  it('a quoted phrase matches the words in order: "rules-based order" finds the claim', async () => {
    const hits = await search('"rules-based order"')
    const claim = seed.claims.findIndex((c) => c.quote?.text.includes('rules-based order'))
    expect(keys(hits)).toContain(`claim:${ids.claims[claim]}`)
    expect(keys(hits)).toEqual(seedMatching('rules-based order'))
    // The words apart ("order ... rules") is a wider query than the phrase.
    const loose = keys(await search('rules based order'))
    for (const k of keys(hits)) expect(loose).toContain(k)
    for (const h of hits) expect(h.snippet).toMatch(/<mark>rules-based order<\/mark>/i)
  })

  it('a prefix query hyper* finds the hypersonic passage', async () => {
    const hits = await search('hyper*')
    const event = seed.events.findIndex((e) => /hypersonic/.test(`${e.description}`))
    expect(keys(hits)).toContain(`event:${ids.events[event]}`)
    expect(keys(hits)).toEqual(seedMatching('hyper\\p{L}*'))
    for (const h of hits) expect(h.snippet).toMatch(/<mark>hypersonic<\/mark>/i)
    // Without the star, "hyper" is a word of its own and matches nothing in the seed.
    expect(await search('hyper')).toEqual([])
  })

  it('AND narrows, OR widens and NOT subtracts, as set algebra over the separate queries', async () => {
    const [japan, australia, taiwan, coast, air] = await Promise.all(
      ['Japan', 'Australia', 'Taiwan', 'coast', 'air'].map(async (q) => keys(await search(q))),
    )
    const inter = (a: Set<string>, b: Set<string>) => new Set([...a].filter((x) => b.has(x)))
    const union = (a: Set<string>, b: Set<string>) => new Set([...a, ...b])
    const minus = (a: Set<string>, b: Set<string>) => new Set([...a].filter((x) => !b.has(x)))
    const J = japan as Set<string>
    const A = australia as Set<string>
    const T = taiwan as Set<string>
    const C = coast as Set<string>
    const R = air as Set<string>

    const and = keys(await search('Japan AND Australia'))
    expect(sorted(and)).toEqual(sorted(inter(J, A)))
    expect(sorted(keys(await search('Japan Australia')))).toEqual(sorted(and))
    expect(and.size).toBeLessThan(J.size)
    expect(and.size).toBeGreaterThan(0)

    const or = keys(await search('Taiwan OR Australia'))
    expect(sorted(or)).toEqual(sorted(union(T, A)))
    expect(or.size).toBeGreaterThan(Math.max(T.size, A.size))

    const not = keys(await search('Japan NOT Australia'))
    expect(sorted(not)).toEqual(sorted(minus(J, A)))
    expect(not.size).toBeLessThan(J.size)

    const nested = keys(await search('Taiwan AND (coast OR air)'))
    expect(sorted(nested)).toEqual(sorted(inter(T, union(C, R))))
    expect(nested.size).toBeGreaterThan(0)
  })

  it('types restricts the hits to the named resource types', async () => {
    const all = await search('Japan')
    const events = await search('Japan', 'event')
    expect(events.length).toBeGreaterThan(0)
    expect(events.every((h) => h.type === 'event')).toBe(true)
    expect(sorted(keys(events))).toEqual(sorted(keys(all.filter((h) => h.type === 'event'))))
    const mixed = await search('Japan', 'claim,actor')
    expect(sorted(keys(mixed))).toEqual(sorted(keys(all.filter((h) => h.type === 'claim' || h.type === 'actor'))))
    expectProblem(await get(t, '/v1/search?q=Japan&types=event,tweet'), 400, 'validation', '/query/types')
  })

  it('limit=1 and the cursor walk every hit exactly once, in rank order', async () => {
    for (const q of ['Japan', 'hotline']) {
      const all = await search(q)
      expect(all.length).toBeGreaterThan(1)
      const walked: Hit[] = []
      let url: string | null = withQuery('/v1/search', { q, limit: '1' })
      while (url !== null) {
        const res = await get(t, url)
        expect(res.status).toBe(200)
        expect(res.body.data.length).toBeLessThanOrEqual(1)
        walked.push(...res.body.data)
        const next = res.body.page.nextCursor as string | null
        if (next === null) {
          expect(res.headers.link).toBeUndefined()
          url = null
        } else {
          const link = /^<([^>]+)>; rel="next"$/.exec(res.headers.link ?? '')
          expect(link).not.toBeNull()
          expect(new URL(link?.[1] ?? '', 'http://x').searchParams.get('cursor')).toBe(next)
          url = withQuery('/v1/search', { q, limit: '1', cursor: next })
        }
        if (walked.length > all.length + 1) throw new Error('the walk does not end')
      }
      expect(walked.map(key)).toEqual(all.map(key))
      expect(new Set(walked.map(key)).size).toBe(walked.length)
    }
  })

  it('list routes filter with the same index: q on /v1/events, /v1/claims, /v1/articles equals /v1/search', async () => {
    const queries = ['hotline', 'Japan', 'Taiwan', '"rules-based order"', 'hyper*', 'China NOT Japan', 'coast OR air']
    const routes = [
      ['event', '/v1/events'],
      ['claim', '/v1/claims'],
      ['article', '/v1/articles'],
    ] as const
    let nonEmpty = 0
    for (const q of queries)
      for (const [type, path] of routes) {
        const fromSearch = (await search(q, type)).map((h) => h.id)
        const fromList = (await walkList(t, withQuery(path, { q }))).map((x: { id: string }) => x.id)
        expect({ q, type, ids: sorted(fromList) }).toEqual({ q, type, ids: sorted(fromSearch) })
        if (fromSearch.length > 0) nonEmpty++
      }
    expect(nonEmpty).toBeGreaterThan(10)
    // Actors: q also matches alias substrings, so the search hits are a subset of the list.
    for (const q of ['Taiwan', 'Japan', 'hotline']) {
      const listed = new Set((await walkList(t, withQuery('/v1/actors', { q }))).map((x: { id: string }) => x.id))
      for (const h of await search(q, 'actor')) expect(listed).toContain(h.id)
    }
  })
})

describe('search syntax abuse never gives a 5xx', () => {
  const MALFORMED = ['"', '*', '(', ')', 'AND', 'NOT x', 'x OR', 'a"b']
  const ODD = ['col:x', 'NEAR(a b)', '^x', "'; DROP TABLE Article; --"]

  type Res = { status: number; headers: Record<string, string>; body: unknown }

  /** Checks each answer is 200 JSON or a 400 validation problem; lists every other outcome at once. */
  function expectHandled(answers: Array<{ what: string; res: Res }>): void {
    const wrong = answers.filter(({ res }) => res.status !== 200 && res.status !== 400)
    expect(wrong.map(({ what, res }) => `${res.status} ${what}`)).toEqual([])
    for (const { res } of answers) {
      if (res.status === 400) expectProblem(res, 400, 'validation', '/query/q')
      else expect(res.headers['content-type']).toMatch(/^application\/json/)
    }
  }

  it('malformed queries are 400 validation problems that point at q', async () => {
    for (const q of MALFORMED)
      expectProblem(await get(t, withQuery('/v1/search', { q })), 400, 'validation', '/query/q')
  })

  it('odd but parseable queries are answered (200 or 400), and the database survives them', async () => {
    const answers = []
    for (const q of ODD) answers.push({ what: q, res: await get(t, withQuery('/v1/search', { q })) })
    expectHandled(answers)
    const articles = await getJson(t, '/v1/articles?count=true')
    expect(articles.page.total).toBe(await t.app.db.read.article.count({ where: { deletedAt: null } }))
  })

  it('500 random strings of operators, quotes, parentheses and punctuation: always 200 or 400', async () => {
    const rand = rng(20240229)
    const PIECES = [
      'AND',
      'OR',
      'NOT',
      'NEAR',
      'NEAR/2',
      '(',
      ')',
      '"',
      '""',
      '*',
      '^',
      ':',
      '-',
      '+',
      ',',
      '.',
      "'",
      ';',
      '{',
      '}',
      '[',
      ']',
      '\\',
      '/',
      '%',
      '&',
      '#',
      '|',
      '~',
      '!',
      '?',
      '=',
      '<',
      '>',
      '\t',
      ' ',
      ' ',
      ' ',
      'a',
      'b',
      'x',
      'hotline',
      'Japan',
      'tai*',
      'col:',
      'title:',
      'rowid',
      'é',
      '中国',
      '🙂',
      '\u0000',
      '0',
      '42',
    ]
    const strings: string[] = []
    for (let i = 0; i < 500; i++) {
      let s = ''
      const n = 1 + Math.floor(rand() * 24)
      for (let j = 0; j < n; j++) s += PIECES[Math.floor(rand() * PIECES.length)]
      strings.push(s.slice(0, 500))
    }
    expect(new Set(strings).size).toBeGreaterThan(450)
    const answers: Array<{ what: string; res: Res }> = []
    for (let i = 0; i < strings.length; i += 25) {
      const batch = strings.slice(i, i + 25)
      const results = await Promise.all(batch.map((q) => get(t, withQuery('/v1/search', { q }))))
      results.forEach((res, j) => {
        answers.push({ what: JSON.stringify(batch[j]), res })
      })
    }
    expectHandled(answers)
    const statuses = new Map<number, number>()
    for (const { res } of answers) statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
    // The generator exercises both outcomes.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0)
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0)
  })

  it('deeply nested parentheses are a 400, not a 500', async () => {
    const deep = [`${'('.repeat(99)}a${')'.repeat(99)}`, `${'a OR ('.repeat(60)}b${')'.repeat(60)}`]
    const answers = []
    for (const q of deep)
      answers.push({ what: `${q.slice(0, 8)}… (${q.length} chars)`, res: await get(t, withQuery('/v1/search', { q })) })
    expectHandled(answers)
  })

  it('the q filter of every list route answers 200 or 400 for the same abuse, never 500', async () => {
    const deep = `${'('.repeat(99)}a${')'.repeat(99)}` // 199 characters: within the lists' 200
    const answers = []
    for (const path of ['/v1/events', '/v1/claims', '/v1/articles', '/v1/actors'])
      for (const q of [...MALFORMED, ...ODD, deep])
        answers.push({
          what: `${path}?q=${q.length > 20 ? `${q.slice(0, 8)}… (${q.length} chars)` : q}`,
          res: await get(t, withQuery(path, { q })),
        })
    expectHandled(answers)
  })
})

describe('the index follows writes', () => {
  it('snippets are HTML-escaped: a body with <script> comes back as &lt;script&gt;', async () => {
    const body =
      'Inspectors found <script>alert(1)</script> hotline notes & "drafts" in the xylotheque archive of Example State.'
    const b = miniBrief('script-in-body', body, {
      actors: [actor('example-state', 'Example State', { surfaceForms: ['Example State'] })],
      claims: [
        {
          key: 'c1',
          kind: 'assessment',
          summary: 'Notes <b>about</b> a hotline were <script>found</script> in the xylotheque.',
          evidence: span(body, body),
          quote: quote(body, '<script>alert(1)</script> hotline notes'),
          claimants: ['example-state'],
        },
      ],
    })
    const r = await ingest(t, b)
    const hits = await search('xylotheque')
    expect(sorted(keys(hits))).toEqual(sorted([`article:${r.articleId}`, `claim:${r.claims.c1}`]))
    const article = (await search('hotline', 'article')).find((h) => h.id === r.articleId)
    expect(article?.snippet).toContain('&lt;script&gt;alert(1)&lt;/script&gt; <mark>hotline</mark>')
    expect(article?.snippet).toContain('&amp;')
    for (const h of [...hits, ...(await search('hotline'))]) {
      expect(h.snippet).not.toContain('<script>')
      expect(h.snippet).not.toContain('<b>')
      expectSafeSnippet(h)
    }
  })

  it('a newly ingested brief is findable; once its article is deleted, it and its claims and events are not', async () => {
    const body = 'The quokkafication accord was signed by Northland and Southland after long talks.'
    const r = await ingest(
      t,
      miniBrief('quokkafication-accord', body, {
        actors: [
          actor('northland', 'Northland', { surfaceForms: ['Northland'] }),
          actor('southland', 'Southland', { surfaceForms: ['Southland'] }),
        ],
        claims: [
          {
            key: 'c1',
            kind: 'description',
            summary: 'Northland and Southland signed the quokkafication accord.',
            evidence: span(body, body),
            claimants: ['northland'],
            about: ['southland'],
          },
        ],
        events: [
          {
            key: 'e1',
            title: 'Quokkafication accord signed',
            type: 'AGREE',
            status: 'occurred',
            participants: [
              { actor: 'northland', role: 'participant' },
              { actor: 'southland', role: 'participant' },
            ],
            evidence: span(body, body),
          },
        ],
      }),
    )
    const expected = [`article:${r.articleId}`, `claim:${r.claims.c1}`, `event:${r.events.e1}`]
    expect(sorted(keys(await search('quokkafication')))).toEqual(sorted(expected))
    expect((await walkList(t, '/v1/articles?q=quokkafication')).map((a: { id: string }) => a.id)).toEqual([r.articleId])

    await articleWrites(t.app.db).remove('quokkafication-accord', null)
    expect(await search('quokkafication')).toEqual([])
    for (const path of ['/v1/articles', '/v1/claims', '/v1/events'])
      expect(await walkList(t, withQuery(path, { q: 'quokkafication' }))).toEqual([])
    // The actors stay, and stay findable.
    expect(keys(await search('Northland'))).toContain(`actor:${r.actors.northland}`)
  })

  it('search_doc holds exactly one row per live article, claim, event and actor', async () => {
    const db = t.app.db.read
    const rows = await db.$queryRaw<Array<{ entity: string; n: bigint | number }>>`
      SELECT "entity" AS entity, count(*) AS n FROM "search_doc" GROUP BY "entity"`
    const indexed = Object.fromEntries(rows.map((r) => [r.entity, Number(r.n)]))
    const live = {
      article: await db.article.count({ where: { deletedAt: null } }),
      claim: await db.claim.count({ where: { deletedAt: null } }),
      event: await db.event.count({ where: { deletedAt: null } }),
      actor: await db.actor.count({ where: { deletedAt: null, mergedIntoId: null } }),
    }
    expect(live.article).toBeGreaterThan(1)
    expect(await db.article.count({ where: { deletedAt: { not: null } } })).toBeGreaterThan(0)
    expect(indexed).toEqual(live)
    if (t.app.db.sql.dialect === 'sqlite') {
      // FTS5's own table: one row per search_doc row (PostgreSQL keeps the tsvector in search_doc).
      const [fts] = await db.$queryRaw<Array<{ n: bigint | number }>>`SELECT count(*) AS n FROM "search_fts"`
      expect(Number(fts?.n)).toBe(live.article + live.claim + live.event + live.actor)
    }
  })
})
