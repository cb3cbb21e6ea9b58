import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IngestResult } from '../../src/ingest/ingest.js'
import { loadSeeds, SeedError } from '../../src/ingest/seed.js'
import { Database } from '../../src/db/database.js'
import { normalizeName } from '../../src/lib/text.js'
import { freshDatabase, removeDatabases, SEED_SLUG, seedBriefJson, tableCounts } from '../helpers/app.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const SEED_FILE_NAME = 'china-japan-relations.brief.json'
const SOURCE_FILE = path.join(ROOT, 'seeds/000_2ab07fa545a6f5e6.txt')

const tmp = mkdtempSync(path.join(os.tmpdir(), 'geobrief-seed-'))
const opened: Database[] = []

async function openFresh(): Promise<Database> {
  const db = await Database.open({ url: freshDatabase(), busyTimeoutMs: 2000 })
  opened.push(db)
  return db
}

const CONTEXT = 32
const textBefore = (body: string, start: number) => body.slice(Math.max(0, start - CONTEXT), start)
const textAfter = (body: string, end: number) => body.slice(end, end + CONTEXT)

afterAll(async () => {
  for (const db of opened.splice(0)) await db.close()
  removeDatabases()
  rmSync(tmp, { recursive: true, force: true })
})

describe('loadSeeds on a fresh database', () => {
  let db: Database
  let first: IngestResult[]
  let second: IngestResult[]
  let countsAfterFirst: Record<string, number>

  beforeAll(async () => {
    db = await openFresh()
    first = await loadSeeds(db)
    countsAfterFirst = await tableCounts(db)
    second = await loadSeeds(db)
  })

  it('creates the seed brief, then reports it unchanged with the same ids', async () => {
    expect(first).toHaveLength(1)
    expect(second).toHaveLength(1)
    const [a, b] = [first[0]!, second[0]!]
    expect(a.status).toBe('created')
    expect(b.status).toBe('unchanged')
    expect(a.slug).toBe(SEED_SLUG)
    expect(b.articleId).toBe(a.articleId)
    expect(b.actors).toEqual(a.actors)
    expect(b.claims).toEqual(a.claims)
    expect(b.events).toEqual(a.events)
    expect(Object.values(a.actors).every((id) => id.startsWith('act_'))).toBe(true)
    expect(Object.values(a.claims).every((id) => id.startsWith('clm_'))).toBe(true)
    expect(Object.values(a.events).every((id) => id.startsWith('evt_'))).toBe(true)
  })

  it('changes no row count in any table the second time', async () => {
    const counts = await tableCounts(db)
    expect(counts).toEqual(countsAfterFirst)
    for (const [table, n] of Object.entries(counts)) expect(n, table).toBeGreaterThan(0)
  })

  it('stores at least 12 actors, 10 claims and 8 events', async () => {
    const counts = await tableCounts(db)
    expect(counts.article).toBe(1)
    expect(counts.actor).toBeGreaterThanOrEqual(12)
    expect(counts.claim).toBeGreaterThanOrEqual(10)
    expect(counts.event).toBeGreaterThanOrEqual(8)
    expect(Object.keys(first[0]!.actors).length).toBe(counts.actor)
    expect(Object.keys(first[0]!.claims).length).toBe(counts.claim)
    expect(Object.keys(first[0]!.events).length).toBe(counts.event)
  })

  it('every stored claim selects its evidence and quote in the stored body', async () => {
    const article = await db.read.article.findUniqueOrThrow({ where: { slug: SEED_SLUG } })
    const body = article.body
    const claims = await db.read.claim.findMany({ where: { articleId: article.id }, orderBy: { position: 'asc' } })
    expect(claims.length).toBeGreaterThanOrEqual(10)
    let quotes = 0
    for (const c of claims) {
      const where = `claim ${c.position}`
      expect(c.evidenceEnd, where).toBeGreaterThan(c.evidenceStart)
      expect(body.slice(c.evidenceStart, c.evidenceEnd), where).toBe(c.evidenceExact)
      expect(c.evidencePrefix, where).toBe(textBefore(body, c.evidenceStart))
      expect(c.evidenceSuffix, where).toBe(textAfter(body, c.evidenceEnd))
      if (c.evidenceStart >= CONTEXT) expect(c.evidencePrefix.length, where).toBe(CONTEXT)
      if (c.evidenceEnd + CONTEXT <= body.length) expect(c.evidenceSuffix.length, where).toBe(CONTEXT)
      if (c.quoteText !== null) {
        quotes++
        expect(c.quoteStart, where).not.toBeNull()
        expect(c.quoteEnd, where).not.toBeNull()
        expect(body.slice(c.quoteStart!, c.quoteEnd!), where).toBe(c.quoteText)
        expect(c.quoteStart!, where).toBeGreaterThanOrEqual(c.evidenceStart)
        expect(c.quoteEnd!, where).toBeLessThanOrEqual(c.evidenceEnd)
      } else {
        expect(c.quoteStart, where).toBeNull()
        expect(c.quoteEnd, where).toBeNull()
      }
    }
    expect(quotes).toBeGreaterThan(0)
  })

  it('every stored event report selects its evidence in the stored body', async () => {
    const article = await db.read.article.findUniqueOrThrow({ where: { slug: SEED_SLUG } })
    const body = article.body
    const reports = await db.read.eventReport.findMany({ where: { articleId: article.id } })
    expect(reports.length).toBeGreaterThanOrEqual(8)
    for (const r of reports) {
      const where = `event report ${r.position}`
      expect(r.evidenceEnd, where).toBeGreaterThan(r.evidenceStart)
      expect(body.slice(r.evidenceStart, r.evidenceEnd), where).toBe(r.evidenceExact)
      expect(r.evidencePrefix, where).toBe(textBefore(body, r.evidenceStart))
      expect(r.evidenceSuffix, where).toBe(textAfter(body, r.evidenceEnd))
    }
  })

  it("every name the article uses for an actor occurs in the body and is stored as the actor's alias", async () => {
    const article = await db.read.article.findUniqueOrThrow({ where: { slug: SEED_SLUG } })
    const links = await db.read.articleActor.findMany({
      where: { articleId: article.id },
      include: { actor: { include: { aliases: true } } },
    })
    expect(links.length).toBeGreaterThanOrEqual(12)
    let forms = 0
    for (const link of links) {
      const surfaceForms = link.surfaceForms as string[]
      expect(Array.isArray(surfaceForms)).toBe(true)
      const aliases = new Set(link.actor.aliases.map((a) => a.normalized))
      for (const form of surfaceForms) {
        forms++
        expect(article.body, `${link.actor.slug}: "${form}"`).toContain(form)
        expect(aliases.has(normalizeName(form)), `${link.actor.slug}: alias for "${form}"`).toBe(true)
      }
      for (const alias of link.actor.aliases) expect(alias.normalized).toBe(normalizeName(alias.alias))
    }
    expect(forms).toBeGreaterThanOrEqual(links.length)
  })

  it('the stored body holds no page chrome and no related-story teaser', async () => {
    const article = await db.read.article.findUniqueOrThrow({ where: { slug: SEED_SLUG } })
    for (const chrome of ['Get more with myNEWS', 'A personalised news feed', 'Learn more', 'Photo: Shutterstock']) {
      expect(article.sourceText).toContain(chrome)
      expect(article.body).not.toContain(chrome)
    }
    const headlines = article.relatedHeadlines as string[]
    expect(Array.isArray(headlines)).toBe(true)
    expect(headlines.length).toBeGreaterThan(0)
    for (const h of headlines) {
      expect(article.sourceText).toContain(h)
      expect(article.body).not.toContain(h)
    }
  })

  it('stores the source text byte for byte, with its sha256', async () => {
    const article = await db.read.article.findUniqueOrThrow({ where: { slug: SEED_SLUG } })
    const file = readFileSync(SOURCE_FILE)
    expect(Buffer.from(article.sourceText, 'utf8').equals(file)).toBe(true)
    expect(article.sourceSha256).toBe(createHash('sha256').update(article.sourceText, 'utf8').digest('hex'))
    expect(article.sourceSha256).toBe(createHash('sha256').update(file).digest('hex'))
  })
})

describe('an invalid seed brief', () => {
  // biome-ignore lint/suspicious/noExplicitAny: the brief is edited as plain JSON
  type Json = any

  function seedDir(files: Record<string, Json>): string {
    const dir = mkdtempSync(path.join(tmp, 'seeds-'))
    for (const [name, json] of Object.entries(files)) writeFileSync(path.join(dir, name), JSON.stringify(json))
    return dir
  }

  function broken(edit: (brief: Json) => void): Json {
    const brief = seedBriefJson() as Json
    edit(brief)
    return brief
  }

  /** Expects a SeedError naming the file and the JSON pointer (or, with `under`, a pointer below it). */
  async function expectSeedError(
    db: Database,
    dir: string,
    file: string,
    pointer: string,
    under = false,
  ): Promise<SeedError> {
    let caught: unknown
    try {
      await loadSeeds(db, undefined, dir)
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(SeedError)
    const message = (caught as SeedError).message
    expect(message).toContain(file)
    if (under) expect(message).toMatch(new RegExp(`${pointer}(/[\\w/]+)?:`))
    else expect(message).toContain(`${pointer}:`)
    return caught as SeedError
  }

  async function expectEmpty(db: Database): Promise<void> {
    const counts = await tableCounts(db)
    expect(counts.article).toBe(0)
    expect(counts.claim).toBe(0)
    expect(counts.actor).toBe(0)
    expect(counts.event).toBe(0)
    expect(counts.change).toBe(0)
  }

  it('a wrong evidence offset names the file and /claims/2/evidence/start and stores nothing', async () => {
    const dir = seedDir({
      [SEED_FILE_NAME]: broken((b) => {
        b.claims[2].evidence.start += 1
      }),
    })
    const db = await openFresh()
    await expectSeedError(db, dir, SEED_FILE_NAME, '/claims/2/evidence/start')
    await expectEmpty(db)
  })

  it('an unknown claimant slug names /claims/2/claimants/0 and stores nothing', async () => {
    const dir = seedDir({
      [SEED_FILE_NAME]: broken((b) => {
        b.claims[2].claimants[0] = 'no-such-actor'
      }),
    })
    const db = await openFresh()
    const err = await expectSeedError(db, dir, SEED_FILE_NAME, '/claims/2/claimants/0')
    expect(err.message).toContain('no-such-actor')
    await expectEmpty(db)
  })

  it('a value outside the schema names its pointer and stores nothing', async () => {
    const dir = seedDir({
      [SEED_FILE_NAME]: broken((b) => {
        b.claims[2].kind = 'gossip'
      }),
    })
    const db = await openFresh()
    await expectSeedError(db, dir, SEED_FILE_NAME, '/claims/2/kind')
    await expectEmpty(db)
  })

  it('an event id that names no stored event names /events/0/id and stores nothing', async () => {
    // BriefEvent.id: "Id of an existing event this article also reports".
    const dir = seedDir({
      [SEED_FILE_NAME]: broken((b) => {
        b.events[0].id = 'evt_00000000000000000000000000'
      }),
    })
    const db = await openFresh()
    await expectSeedError(db, dir, SEED_FILE_NAME, '/events/0/id')
    await expectEmpty(db)
  })

  it('a failure found midway through the write rolls the whole brief back', async () => {
    // A second actor with China's Wikidata id resolves to the actor created moments before in
    // the same transaction; storing the article's actors then fails on (articleId, actorId).
    const dir = seedDir({
      [SEED_FILE_NAME]: broken((b) => {
        b.actors.push({ ...b.actors[0], slug: 'china-again', surfaceForms: [] })
      }),
    })
    const db = await openFresh()
    await expect(loadSeeds(db, undefined, dir)).rejects.toThrow()
    const counts = await tableCounts(db)
    expect(counts).toEqual(Object.fromEntries(Object.keys(counts).map((k) => [k, 0])))
  })

  it('two actors of one brief that denote the same actor are a SeedError naming the field', async () => {
    const dir = seedDir({
      [SEED_FILE_NAME]: broken((b) => {
        b.actors.push({ ...b.actors[0], slug: 'china-again', surfaceForms: [] })
      }),
    })
    const db = await openFresh()
    const index = (seedBriefJson() as Json).actors.length
    await expectSeedError(db, dir, SEED_FILE_NAME, `/actors/${index}`, true)
    await expectEmpty(db)
  })

  it('keeps the valid briefs before it and stores nothing of the invalid one', async () => {
    const other = broken((b) => {
      b.article.slug = 'a-second-brief'
      b.actors[0].slug = 'china-renamed'
      b.claims[2].claimants[0] = 'no-such-actor'
    })
    const dir = seedDir({ 'a.brief.json': seedBriefJson(), 'b.brief.json': other })
    const db = await openFresh()
    const err = await expectSeedError(db, dir, 'b.brief.json', '/claims/2/claimants/0')
    expect(err.message).not.toContain('a.brief.json')
    const articles = await db.read.article.findMany({ select: { slug: true } })
    expect(articles).toEqual([{ slug: SEED_SLUG }])
    expect(await db.read.actor.count({ where: { slug: 'china-renamed' } })).toBe(0)
    const brief = seedBriefJson() as Json
    const counts = await tableCounts(db)
    expect(counts.actor).toBe(brief.actors.length)
    expect(counts.claim).toBe(brief.claims.length)
    expect(counts.event).toBe(brief.events.length)
  })

  it('a file that is not JSON names the file', async () => {
    const dir = seedDir({})
    writeFileSync(path.join(dir, 'c.brief.json'), '{ "article": ')
    const db = await openFresh()
    let caught: unknown
    await loadSeeds(db, undefined, dir).catch((err) => {
      caught = err
    })
    expect(caught).toBeInstanceOf(SeedError)
    expect((caught as Error).message).toContain('c.brief.json')
    await expectEmpty(db)
  })
})
