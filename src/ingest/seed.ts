// Loads the briefs in seeds/ through the ingest path, in file-name order, one transaction each;
// then every raw article text (*.txt) that no brief in seeds/ holds as its source is extracted and
// stored as an automatic, unreviewed brief.
import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Database } from '../db/database.js'
import { ROOT } from '../lib/paths.js'
import { ProblemError } from '../lib/problems.js'
import { briefReader } from '../db/brief-sql.js'
import { knownActors } from '../db/known-actors.js'
import { extract } from '../extract/index.js'
import type { Brief } from '../domain/brief.schema.js'
import { type IngestOptions, type IngestResult, ingestBrief, parseBrief } from './ingest.js'

export const SEEDS_DIR = path.join(ROOT, 'seeds')
export const SEED_LOADER = 'seed-loader'

interface Log {
  info(obj: object, msg: string): void
}

export class SeedError extends Error {}

/**
 * Where seeds are stored: a Database with its write side (ingested on this thread: `npm run seed`,
 * tests), or an app, whose writers may run in the writer thread (`app.writers.briefs.ingest`).
 */
export type SeedTarget =
  | Database
  | {
      db: Database
      writers: { briefs: { ingest(brief: Brief, opts: IngestOptions): Promise<IngestResult> } }
    }

function store(target: SeedTarget) {
  if ('writers' in target) return { db: target.db, ingest: target.writers.briefs.ingest }
  return { db: target, ingest: (brief: Brief, opts: IngestOptions) => ingestBrief(target, brief, opts) }
}

export async function seedFiles(dir = SEEDS_DIR): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.brief.json')).sort()
  return names.map((n) => path.join(dir, n))
}

export async function loadSeedFile(target: SeedTarget, file: string): Promise<IngestResult> {
  const { ingest } = store(target)
  const name = path.basename(file)
  let json: unknown
  try {
    json = JSON.parse(await readFile(file, 'utf8'))
  } catch (err) {
    // readFile and JSON.parse throw only Error instances.
    throw new SeedError(`${name}: not valid JSON: ${(err as Error).message}`)
  }
  try {
    const brief = parseBrief(json)
    // replace: an edited seed file updates its article; an unchanged one changes nothing.
    return await ingest(brief, { mode: 'replace', keyId: null })
  } catch (err) {
    if (err instanceof ProblemError) {
      const fields = (err.errors ?? []).map((e) => `\n  ${e.pointer}: ${e.message}`).join('')
      throw new SeedError(`${name}: ${err.message}${fields}`)
    }
    throw err
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/** The raw texts in seeds/ that no brief there holds as its source (by content, not by name). */
export async function rawSeedFiles(dir = SEEDS_DIR): Promise<string[]> {
  const covered = new Set<string>()
  for (const file of await seedFiles(dir)) {
    const json = JSON.parse(await readFile(file, 'utf8')) as { article?: { source?: { text?: unknown } } }
    const text = json.article?.source?.text
    if (typeof text === 'string') covered.add(sha256(text))
  }
  const raw = (await readdir(dir)).filter((n) => n.endsWith('.txt')).sort()
  const out: string[] = []
  for (const n of raw) if (!covered.has(sha256(await readFile(path.join(dir, n), 'utf8')))) out.push(path.join(dir, n))
  return out
}

/**
 * A raw text extracted to a draft and stored as it is: automatic and unreviewed, like POST
 * /v1/extract's. A text already stored (same source, by hash) is left as it is: the store's actors
 * grow with every brief, so extracting again would give another draft, and editors may have
 * reviewed the stored one since.
 */
export async function loadRawSeedFile(target: SeedTarget, file: string): Promise<IngestResult> {
  const { db, ingest } = store(target)
  const name = path.basename(file)
  const text = await readFile(file, 'utf8')
  const stored = await db.read.article.findFirst({
    where: { sourceSha256: sha256(text), deletedAt: null },
    select: { id: true, slug: true },
  })
  if (stored) {
    const brief = await briefReader(db.sql)(stored.id)
    const ids = (items: Array<{ id?: string; key?: string; slug?: string }>) =>
      Object.fromEntries(items.map((x) => [x.key ?? x.slug ?? '', x.id ?? '']))
    return {
      status: 'unchanged',
      articleId: stored.id,
      slug: stored.slug,
      actors: ids(brief?.actors ?? []),
      claims: ids(brief?.claims ?? []),
      events: ids(brief?.events ?? []),
    }
  }
  try {
    const { brief } = extract(text, { actors: await knownActors(db.read) })
    return await ingest(parseBrief(brief), { mode: 'replace', keyId: null })
  } catch (err) {
    if (err instanceof ProblemError || (err instanceof Error && err.name === 'ExtractError'))
      throw new SeedError(`${name}: could not be extracted: ${err.message}`)
    throw err
  }
}

export interface SeedResult extends IngestResult {
  file: string
  extracted: boolean
}

export async function loadSeeds(target: SeedTarget, log?: Log, dir = SEEDS_DIR): Promise<SeedResult[]> {
  const results: SeedResult[] = []
  for (const file of await seedFiles(dir)) {
    const result = await loadSeedFile(target, file)
    log?.info({ file: path.basename(file), status: result.status, articleId: result.articleId }, 'seed brief')
    results.push({ ...result, file: path.basename(file), extracted: false })
  }
  for (const file of await rawSeedFiles(dir)) {
    const result = await loadRawSeedFile(target, file)
    log?.info({ file: path.basename(file), status: result.status, articleId: result.articleId }, 'seed text extracted')
    results.push({ ...result, file: path.basename(file), extracted: true })
  }
  return results
}

/** Seeds only a database that holds no article at all; returns the number of briefs loaded. */
export async function seedIfEmpty(target: SeedTarget, log?: Log, dir = SEEDS_DIR): Promise<number> {
  if ((await store(target).db.read.article.count()) > 0) return 0
  return (await loadSeeds(target, log, dir)).length
}
