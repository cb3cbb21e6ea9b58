// Exports: CSV and NDJSON for every list route (chosen by ?format= or Accept), streamed across
// internal pages with flat memory; the brief as Markdown and as schema.org JSON-LD; and the
// OpenAPI document naming those media types.
//
// CSV is read back with csv-parse in strict mode (test/helpers/csv.ts).
import http from 'node:http'
import { describe, expect, it } from 'vitest'
import type { BriefInput } from '../../src/domain/brief.schema.js'
import type { IngestResult } from '../../src/ingest/ingest.js'
import { newId } from '../../src/lib/ids.js'
import { normalizeName } from '../../src/lib/text.js'
import { SEED_SLUG, type TestApp, fileTestApp } from '../helpers/app.js'
import { csvObjects, parseCsv } from '../helpers/csv.js'
import { actor, ingest, miniBrief, quote, type SeedBrief, seedBrief, span } from '../helpers/briefs.js'
import { get, getJson, listen, walkList, withQuery } from '../helpers/http.js'

// biome-ignore lint/suspicious/noExplicitAny: list items are inspected structurally
type Item = any

let t: TestApp
let base: string
let seed: SeedBrief
let awkward: BriefInput
let awkwardIds: IngestResult
let bulkIds: IngestResult
const BULK = 250

const AWKWARD_SUMMARY = 'Talks failed, officials said: "no deal"\nuntil next year.'
const AWKWARD_BODY = [
  'The Doe, "Junior" Institute reported on the talks.',
  '',
  'Officials said "no deal, not now", and left.\nThe next round is set for June.',
].join('\n')

fileTestApp({ seed: true }, async (app) => {
  t = app
  base = await listen(t)
  seed = seedBrief()
  awkward = miniBrief('awkward-fields', AWKWARD_BODY, {
    title: 'Talks, "deadlock" and a newline',
    actors: [
      actor('doe-junior-institute', 'Doe, "Junior" Institute', {
        kind: 'organisation',
        role: 'source',
        surfaceForms: ['Doe, "Junior" Institute'],
        aliases: ['Doe; Junior'],
      }),
    ],
    claims: [
      {
        key: 'c1',
        kind: 'assessment',
        summary: AWKWARD_SUMMARY,
        evidence: span(AWKWARD_BODY, 'Officials said "no deal, not now", and left.\nThe next round is set for June.'),
        quote: quote(AWKWARD_BODY, 'no deal, not now'),
        claimants: ['doe-junior-institute'],
        stated: { date: '2024-05', precision: 'month', text: 'last "week", roughly' },
      },
    ],
    events: [
      {
        key: 'e1',
        title: 'Round of talks, "final" one',
        description: 'Line one,\nline "two".',
        type: 'CONSULT',
        status: 'occurred',
        participants: [{ actor: 'doe-junior-institute', role: 'participant' }],
        evidence: span(AWKWARD_BODY, 'The Doe, "Junior" Institute reported on the talks.'),
      },
    ],
  })
  awkwardIds = await ingest(t, awkward)

  // One brief with 250 claims: every export of claims spans several internal pages of 100.
  const sentences = Array.from({ length: BULK }, (_, i) => `Speaker ${i} said that item ${i} matters.`)
  const body = sentences.join(' ')
  bulkIds = await ingest(
    t,
    miniBrief('bulk-claims', body, {
      actors: [actor('bulk-speaker', 'Bulk Speaker', { kind: 'person', role: 'source', surfaceForms: ['Speaker'] })],
      claims: sentences.map((s, i) => ({
        key: `c${i}`,
        kind: 'assessment',
        summary: `Item ${i} matters.`,
        evidence: span(body, s),
        claimants: ['bulk-speaker'],
      })),
    }),
  )
})

const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v))
const slugs = (xs: Array<{ slug: string }>) => xs.map((x) => x.slug).join(';')

/** For each list route: columns whose CSV text follows from the JSON item. */
const ROUTES: Array<{ path: string; columns: Record<string, (x: Item) => string> }> = [
  {
    path: '/v1/articles',
    columns: {
      id: (a) => a.id,
      slug: (a) => a.slug,
      title: (a) => a.title,
      language: (a) => a.language,
      topics: (a) => a.topics.join(';'),
    },
  },
  {
    path: '/v1/actors',
    columns: {
      id: (a) => a.id,
      slug: (a) => a.slug,
      name: (a) => a.name,
      kind: (a) => a.kind,
      country: (a) => cell(a.country),
      aliases: (a) => a.aliases.join(';'),
    },
  },
  {
    path: '/v1/claims',
    columns: {
      id: (c) => c.id,
      articleSlug: (c) => c.article.slug,
      kind: (c) => c.kind,
      summary: (c) => c.summary,
      quote: (c) => cell(c.quote?.text),
      claimants: (c) => slugs(c.claimants),
      about: (c) => slugs(c.about),
      stated: (c) => cell(c.stated?.date),
      statedText: (c) => cell(c.stated?.text),
      evidence: (c) => c.evidence.exact,
    },
  },
  {
    path: '/v1/events',
    columns: {
      id: (e) => e.id,
      title: (e) => e.title,
      type: (e) => e.type,
      status: (e) => e.status,
      start: (e) => cell(e.start?.date),
      description: (e) => cell(e.description),
    },
  },
]

describe('the strict CSV reading used here', () => {
  it('reads quoted commas, doubled quotes and line breaks, and rejects malformed input', () => {
    expect(parseCsv('a,"b,c","d""e"\r\n"x\r\ny",,z\r\n')).toEqual([
      ['a', 'b,c', 'd"e'],
      ['x\r\ny', '', 'z'],
    ])
    expect(parseCsv('h\r\n""\r\n')).toEqual([['h'], ['']])
    expect(() => parseCsv('a,b"c\r\n')).toThrow()
    expect(() => parseCsv('"a"b\r\n')).toThrow()
    expect(() => parseCsv('"unterminated\r\n')).toThrow()
    expect(() => parseCsv('a,b\r\nc\r\n')).toThrow()
  })
})

describe.each(ROUTES)('exports of $path', ({ path, columns }) => {
  it.each([
    ['?format=csv', { format: 'csv' }, {}],
    ['Accept: text/csv', {}, { accept: 'text/csv' }],
  ])('CSV via %s: a header row, then one record per item in list order', async (_how, query, headers) => {
    const res = await get(t, withQuery(path, query), headers)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/csv/)
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[a-z]+\.csv"$/)
    expect(res.text.endsWith('\r\n')).toBe(true)
    const { header, rows } = csvObjects(res.text)
    expect(header[0]).toBe('id')
    expect(new Set(header).size).toBe(header.length)
    for (const c of Object.keys(columns)) expect(header).toContain(c)
    const items = await walkList(t, path)
    expect(rows.map((r) => r.id)).toEqual(items.map((x) => x.id))
    rows.forEach((row, i) => {
      for (const [c, of] of Object.entries(columns))
        expect({ id: row.id, column: c, value: row[c] }).toEqual({ id: row.id, column: c, value: of(items[i]) })
    })
  })

  it.each([
    ['?format=ndjson', { format: 'ndjson' }, {}],
    ['Accept: application/x-ndjson', {}, { accept: 'application/x-ndjson' }],
  ])('NDJSON via %s: one JSON object per line, equal to the JSON items', async (_how, query, headers) => {
    const res = await get(t, withQuery(path, query), headers)
      .buffer(true)
      .parse((r, done) => {
        let text = ''
        r.setEncoding('utf8')
        r.on('data', (chunk: string) => {
          text += chunk
        })
        r.on('end', () => done(null, text))
      })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/)
    const text = res.body as string
    expect(text.endsWith('\n')).toBe(true)
    const lines = text.slice(0, -1).split('\n')
    const items = await walkList(t, path)
    expect(lines).toHaveLength(items.length)
    expect(lines.map((l) => JSON.parse(l))).toEqual(items)
  })
})

describe('CSV and NDJSON details', () => {
  it('fields with commas, quotes and line breaks round-trip through CSV', async () => {
    const claims = csvObjects((await get(t, '/v1/claims?format=csv&article=awkward-fields')).text).rows
    expect(claims).toHaveLength(1)
    expect(claims[0]).toMatchObject({
      id: awkwardIds.claims.c1,
      summary: AWKWARD_SUMMARY,
      quote: 'no deal, not now',
      evidence: 'Officials said "no deal, not now", and left.\nThe next round is set for June.',
      statedText: 'last "week", roughly',
    })
    const events = csvObjects((await get(t, '/v1/events?format=csv&article=awkward-fields')).text).rows
    expect(events.map((e) => [e.id, e.title, e.description])).toEqual([
      [awkwardIds.events.e1, awkward.events[0]?.title, awkward.events[0]?.description],
    ])
    const actors = csvObjects((await get(t, '/v1/actors?format=csv&article=awkward-fields')).text).rows
    expect(actors.map((a) => [a.slug, a.name])).toEqual([['doe-junior-institute', 'Doe, "Junior" Institute']])
    expect(actors[0]?.aliases).toBe('Doe; Junior')
    const articles = csvObjects((await get(t, '/v1/articles?format=csv')).text).rows
    expect(articles.find((a) => a.slug === 'awkward-fields')?.title).toBe('Talks, "deadlock" and a newline')
    // The raw text quotes and doubles as RFC 4180 says.
    const raw = (await get(t, '/v1/claims?format=csv&article=awkward-fields')).text
    expect(raw).toContain('"Talks failed, officials said: ""no deal""\nuntil next year."')
  })

  it('filters and sort carry into the export', async () => {
    const queries: Array<Record<string, string>> = [
      { kind: 'assessment', sort: '-id' },
      { claimant: 'xing-yuqing' },
      { q: 'Japan', sort: 'stated' },
    ]
    for (const query of queries) {
      const rows = csvObjects((await get(t, withQuery('/v1/claims', { ...query, format: 'csv' }))).text).rows
      const items = await walkList(t, withQuery('/v1/claims', query))
      expect(items.length).toBeGreaterThan(0)
      expect(rows.map((r) => r.id)).toEqual(items.map((x) => x.id))
    }
  })

  it('exports span internal pages: 250 claims give 251 CSV lines; every claim once', async () => {
    const inBulk = await t.app.db.read.claim.count({ where: { articleId: bulkIds.articleId, deletedAt: null } })
    expect(inBulk).toBe(BULK)
    const text = (await get(t, '/v1/claims?format=csv&article=bulk-claims')).text
    const lines = text.split('\r\n')
    expect(lines.pop()).toBe('')
    expect(lines).toHaveLength(inBulk + 1)
    const { rows } = csvObjects(text)
    expect(new Set(rows.map((r) => r.id)).size).toBe(inBulk)
    expect(rows.map((r) => r.id)).toEqual(Object.values(bulkIds.claims))

    const live = await t.app.db.read.claim.count({ where: { deletedAt: null, article: { deletedAt: null } } })
    expect(live).toBeGreaterThan(2 * 100)
    const all = csvObjects((await get(t, '/v1/claims', { accept: 'text/csv' })).text).rows
    expect(all).toHaveLength(live)
    expect(new Set(all.map((r) => r.id)).size).toBe(live)
    const nd = (await get(t, '/v1/claims?format=ndjson')).text.trimEnd().split('\n')
    expect(nd).toHaveLength(live)
    expect(nd.map((l) => JSON.parse(l).id)).toEqual(all.map((r) => r.id))
  })

  it('Accept is negotiated by preference; ?format= wins over Accept', async () => {
    const cases: Array<[Record<string, string>, Record<string, string>, RegExp]> = [
      [{}, { accept: 'application/json;q=0.5, text/csv' }, /^text\/csv/],
      [{}, { accept: 'text/csv;q=0.2, application/x-ndjson;q=0.9' }, /^application\/x-ndjson/],
      [{}, { accept: 'text/html, */*;q=0.1' }, /^application\/json/],
      [{ format: 'json' }, { accept: 'text/csv' }, /^application\/json/],
      [{ format: 'csv' }, { accept: 'application/x-ndjson' }, /^text\/csv/],
    ]
    for (const [query, headers, type] of cases) {
      const res = await get(t, withQuery('/v1/events', query), headers)
      expect(res.status).toBe(200)
      expect({ headers, type: res.headers['content-type'] }).toEqual({ headers, type: expect.stringMatching(type) })
    }
  })
})

describe('GET /v1/articles/{slug}/brief in other formats', () => {
  const unescapeMd = (s: string) => s.replace(/\\([\\`*_[\]<>|])/g, '$1')
  const MONTHS = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ]

  it.each([
    ['Accept: text/markdown', '', { accept: 'text/markdown' }],
    ['?format=markdown', '?format=markdown', {}],
  ])(
    'Markdown via %s: title, key points, every claim and quote, wording kept, no made-up days',
    async (_h, qs, headers) => {
      const res = await get(t, `/v1/articles/${SEED_SLUG}/brief${qs}`, headers)
      expect(res.status).toBe(200)
      expect(res.headers['content-type']).toMatch(/^text\/markdown/)
      const md = unescapeMd(res.text)
      expect(md.startsWith(`# ${seed.article.title}\n`)).toBe(true)
      expect(md).toContain('Key points')
      for (const k of seed.article.keyPoints ?? []) expect(md).toContain(k)
      for (const c of seed.claims) {
        expect(md).toContain(c.summary)
        if (c.quote) expect(md).toContain(c.quote.text)
      }
      for (const e of seed.events) expect(md).toContain(e.title)
      expect(md).toContain('late December')
      // Month-precision dates read as the month; only day-precision dates may name a day.
      const days = new Set<string>()
      const months = new Set<string>()
      const note = (d?: { date: string; precision: string } | null) => {
        if (!d) return
        const [y, m, day] = d.date.split('-')
        if (d.precision === 'day') days.add(`${Number(day)} ${MONTHS[Number(m) - 1]} ${y}`)
        if (d.precision === 'month') months.add(`${MONTHS[Number(m) - 1]} ${y}`)
      }
      for (const c of seed.claims) note(c.stated)
      for (const e of seed.events) {
        note(e.start)
        note(e.end)
      }
      expect(days.size).toBeGreaterThan(0)
      for (const m of months) expect(md).toContain(m)
      const named = [...md.matchAll(new RegExp(`\\b(\\d{1,2}) (${MONTHS.join('|')}) (\\d{4})\\b`, 'g'))].map(
        (m) => m[0],
      )
      for (const d of named) expect(days).toContain(d)
      expect(md).not.toMatch(/2021-12-\d\d/)
    },
  )

  it('JSON-LD by ?format=jsonld or Accept: application/ld+json: the same document', async () => {
    const byParam = await get(t, `/v1/articles/${SEED_SLUG}/brief?format=jsonld`)
    const byAccept = await get(t, `/v1/articles/${SEED_SLUG}/brief`, { accept: 'application/ld+json' })
    for (const res of [byParam, byAccept]) {
      expect(res.status).toBe(200)
      expect(res.headers['content-type']).toMatch(/^application\/ld\+json/)
    }
    expect(JSON.parse(byAccept.text)).toEqual(JSON.parse(byParam.text))
  })

  it('JSON-LD: a schema.org NewsArticle with its claims, events and mentioned actors', async () => {
    const res = await get(t, `/v1/articles/${SEED_SLUG}/brief?format=jsonld`)
    const doc = JSON.parse(res.text)
    expect(doc['@context']).toBe('https://schema.org')
    expect(doc['@type']).toBe('NewsArticle')
    expect(doc.headline).toBe(seed.article.title)
    expect(doc.articleBody).toBe(seed.article.body)
    const claims = (doc.hasPart as Item[]).filter((p) => p['@type'] === 'Claim')
    const events = (doc.about as Item[]).filter((p) => p['@type'] === 'Event')
    expect(claims).toHaveLength(seed.claims.length)
    expect(events).toHaveLength(seed.events.length)
    expect(doc.mentions).toHaveLength(seed.actors.length)
    expect(claims.map((c) => c.text)).toEqual(seed.claims.map((c) => c.summary))
    // Dates stay at their precision.
    expect(events.map((e) => e.startDate ?? null)).toEqual(seed.events.map((e) => e.start?.date ?? null))
    const china = (doc.mentions as Item[]).find((m) => m.name === 'China')
    expect(china?.sameAs).toMatch(/^https?:\/\/www\.wikidata\.org\/(entity|wiki)\/Q148$/)
    for (const a of seed.actors) {
      const m = (doc.mentions as Item[]).find((x) => x.name === a.name)
      if (a.wikidataId) expect(m?.sameAs).toMatch(new RegExp(`/${a.wikidataId}$`))
      else expect(m?.sameAs).toBeUndefined()
    }
    // Every @id names a resource of this API that answers.
    const refs = [doc['@id'], ...claims.map((c) => c['@id']), ...events.map((e) => e['@id'])]
    refs.push(...(doc.mentions as Item[]).map((m) => m['@id']))
    const statuses = await Promise.all(refs.map(async (ref) => (await get(t, new URL(ref).pathname)).status))
    expect(statuses.every((s) => s === 200)).toBe(true)
  })

  it('/docs/json documents the export media types', async () => {
    const doc = await getJson(t, '/docs/json')
    for (const p of ['/v1/articles', '/v1/actors', '/v1/claims', '/v1/events']) {
      const content = doc.paths[p]?.get?.responses?.['200']?.content ?? {}
      expect({ p, types: Object.keys(content).sort() }).toEqual({
        p,
        types: expect.arrayContaining(['application/json', 'application/x-ndjson', 'text/csv']),
      })
      const format = (doc.paths[p].get.parameters as Item[]).find((x) => x.name === 'format' && x.in === 'query')
      expect(format?.schema?.enum).toEqual(['json', 'csv', 'ndjson'])
    }
    const brief = doc.paths['/v1/articles/{idOrSlug}/brief']?.get?.responses?.['200']?.content ?? {}
    expect(Object.keys(brief)).toEqual(
      expect.arrayContaining(['application/json', 'text/markdown', 'application/ld+json']),
    )
  })
})

describe('streaming a large export', () => {
  it('10,000 actors stream as NDJSON over HTTP with flat memory', async () => {
    const N = 10_000
    const db = t.app.db.read
    const rows = Array.from({ length: N }, (_, i) => ({
      id: newId('actor'),
      slug: `synthetic-grouping-${i}`,
      name: `Synthetic grouping ${i}`,
      kind: 'grouping',
      description: `Synthetic actor ${i}, made for the export memory test`,
    }))
    // Straight into the tables in two statements (the search triggers still run); Prisma's
    // createMany took about 15 s for these 20,000 rows. Timestamps copy a stored actor's format.
    const json = JSON.stringify(
      rows.map((r) => ({ ...r, alias: `SG-${r.slug}`, normalized: normalizeName(`SG-${r.slug}`) })),
    )
    if (t.app.db.sql.dialect === 'sqlite') {
      await db.$executeRaw`
        INSERT INTO "Actor" ("id", "slug", "name", "kind", "description", "createdAt", "updatedAt")
        SELECT json_extract(value, '$.id'), json_extract(value, '$.slug'), json_extract(value, '$.name'),
               json_extract(value, '$.kind'), json_extract(value, '$.description'),
               (SELECT "createdAt" FROM "Actor" ORDER BY "id" LIMIT 1), (SELECT "updatedAt" FROM "Actor" ORDER BY "id" LIMIT 1)
        FROM json_each(${json})`
      await db.$executeRaw`
        INSERT INTO "ActorAlias" ("id", "actorId", "alias", "normalized")
        SELECT 'als_' || substr(json_extract(value, '$.id'), 5), json_extract(value, '$.id'),
               json_extract(value, '$.alias'), json_extract(value, '$.normalized')
        FROM json_each(${json})`
    } else {
      await db.$executeRaw`
        INSERT INTO "Actor" ("id", "slug", "name", "kind", "description", "createdAt", "updatedAt")
        SELECT value->>'id', value->>'slug', value->>'name', value->>'kind', value->>'description',
               (SELECT "createdAt" FROM "Actor" ORDER BY "id" LIMIT 1), (SELECT "updatedAt" FROM "Actor" ORDER BY "id" LIMIT 1)
        FROM json_array_elements(${json}::json) AS value`
      await db.$executeRaw`
        INSERT INTO "ActorAlias" ("id", "actorId", "alias", "normalized")
        SELECT 'als_' || substr(value->>'id', 5), value->>'id', value->>'alias', value->>'normalized'
        FROM json_array_elements(${json}::json) AS value`
    }
    const expected = await db.actor.count({ where: { kind: 'grouping', deletedAt: null, mergedIntoId: null } })
    expect(expected).toBe(N)

    const stream = (path: string) =>
      new Promise<{ lines: number; ids: Set<string>; bytes: number; peak: number; status: number; type: string }>(
        (resolve, reject) => {
          http
            .get(`${base}${path}`, { headers: { accept: 'application/x-ndjson' } }, (res) => {
              let partial = ''
              let lines = 0
              let bytes = 0
              let peak = process.memoryUsage().rss
              const ids = new Set<string>()
              res.setEncoding('utf8')
              res.on('data', (chunk: string) => {
                bytes += Buffer.byteLength(chunk)
                const parts = (partial + chunk).split('\n')
                partial = parts.pop() ?? ''
                for (const line of parts) {
                  lines++
                  ids.add((JSON.parse(line) as { id: string }).id)
                }
                peak = Math.max(peak, process.memoryUsage().rss)
              })
              res.on('end', () => {
                if (partial !== '') reject(new Error('the stream did not end with a newline'))
                resolve({
                  lines,
                  ids,
                  bytes,
                  peak,
                  status: res.statusCode ?? 0,
                  type: String(res.headers['content-type']),
                })
              })
              res.on('error', reject)
            })
            .on('error', reject)
        },
      )

    await stream('/v1/actors?kind=state') // warm-up: the same code path, a few lines
    const before = process.memoryUsage().rss
    const out = await stream('/v1/actors?kind=grouping')
    const growthMb = (out.peak - before) / 2 ** 20
    console.log(
      `NDJSON export of ${out.lines} actors (${(out.bytes / 2 ** 20).toFixed(1)} MB): RSS growth ${growthMb.toFixed(1)} MB (from ${(before / 2 ** 20).toFixed(0)} MB to a peak of ${(out.peak / 2 ** 20).toFixed(0)} MB)`,
    )
    expect(out.status).toBe(200)
    expect(out.type).toMatch(/^application\/x-ndjson/)
    expect(out.lines).toBe(expected)
    expect(out.ids.size).toBe(expected)
    expect(out.ids).toEqual(new Set(rows.map((r) => r.id)))
    expect(growthMb).toBeLessThan(150)
  })
})
