// Loads the briefs in seeds/ through the ingest path, in file-name order, one transaction each.
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Database } from '../db/database.js'
import { ROOT } from '../lib/paths.js'
import { ProblemError } from '../lib/problems.js'
import { type IngestResult, ingestBrief, parseBrief } from './ingest.js'

export const SEEDS_DIR = path.join(ROOT, 'seeds')
export const SEED_LOADER = 'seed-loader'

interface Log {
  info(obj: object, msg: string): void
}

export class SeedError extends Error {}

export async function seedFiles(dir = SEEDS_DIR): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.brief.json')).sort()
  return names.map((n) => path.join(dir, n))
}

export async function loadSeedFile(db: Database, file: string): Promise<IngestResult> {
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
    return await ingestBrief(db, brief, { mode: 'replace', keyId: null })
  } catch (err) {
    if (err instanceof ProblemError) {
      const fields = (err.errors ?? []).map((e) => `\n  ${e.pointer}: ${e.message}`).join('')
      throw new SeedError(`${name}: ${err.message}${fields}`)
    }
    throw err
  }
}

export async function loadSeeds(db: Database, log?: Log, dir = SEEDS_DIR): Promise<IngestResult[]> {
  const results: IngestResult[] = []
  for (const file of await seedFiles(dir)) {
    const result = await loadSeedFile(db, file)
    log?.info({ file: path.basename(file), status: result.status, articleId: result.articleId }, 'seed brief')
    results.push(result)
  }
  return results
}

/** Seeds only a database that holds no article at all; returns the number of briefs loaded. */
export async function seedIfEmpty(db: Database, log?: Log, dir = SEEDS_DIR): Promise<number> {
  if ((await db.read.article.count()) > 0) return 0
  return (await loadSeeds(db, log, dir)).length
}
