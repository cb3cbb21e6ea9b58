// The layering of src/, enforced: each folder imports only from the layers below it, and src/db/
// knows no HTTP. A forbidden import fails this test with the file and the import.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = path.resolve(import.meta.dirname, '../../src')

/** The layer of a file under src/: its top folder, or modules/<name> for a module. */
function layerOf(rel: string): string {
  const parts = rel.split('/')
  if (parts[0] === 'modules') return `modules/${parts[1]}`
  return parts.length === 1 ? 'root' : (parts[0] as string)
}

/** What each layer may import from inside src/ (besides itself); packages are checked separately. */
const ALLOWED: Record<string, (target: string, file: string) => boolean> = {
  lib: () => false,
  domain: (t) => t === 'lib',
  db: (t) => ['lib', 'domain', 'generated'].includes(t),
  // The extractor is pure: text in, a draft brief out; it knows no database and no HTTP.
  extract: (t) => ['lib', 'domain'].includes(t),
  ingest: (t) => ['lib', 'domain', 'db', 'extract', 'generated'].includes(t),
  // The repositories plugin builds each module's repository and writer: the one place a plugin
  // reaches into modules, and only for those two files.
  plugins: (t, f) =>
    ['lib', 'domain', 'db', 'ingest', 'generated', 'root'].includes(t) ||
    (t.startsWith('modules/') && /\.(repository|writes)\.[jt]s$/.test(f)),
  root: () => true,
}

/**
 * Modules may import the layers below, their own folder and another module's schemas (the public
 * contract of its responses), never another module's repository, writer or routes.
 */
function allowed(from: string, to: string, toFile: string): boolean {
  if (from.startsWith('modules/'))
    return (
      ['lib', 'domain', 'db', 'extract', 'ingest', 'plugins', 'generated', 'root'].includes(to) ||
      (to.startsWith('modules/') && /\.schemas\.[jt]s$/.test(toFile))
    )
  return ALLOWED[from]?.(to, toFile) ?? false
}

/** Packages a layer may not import: src/db/ knows no HTTP, lib/ and domain/ no database. */
const FORBIDDEN_PACKAGES: Record<string, RegExp> = {
  db: /^(fastify|@fastify\/|fastify-)/,
  extract: /^(fastify|@fastify\/|fastify-|better-sqlite3|@prisma\/)/,
  domain: /^(fastify|@fastify\/|fastify-|better-sqlite3|@prisma\/)/,
  lib: /^(better-sqlite3|@prisma\/)/,
}

function violations(files: Array<{ rel: string; imports: string[] }>): string[] {
  const out: string[] = []
  for (const { rel, imports } of files) {
    const from = layerOf(rel)
    for (const spec of imports) {
      if (spec.startsWith('.')) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec))
        if (target.startsWith('..')) {
          out.push(`${rel} imports ${spec} (outside src/)`)
          continue
        }
        const to = layerOf(target)
        if (from !== to && !allowed(from, to, target)) out.push(`${rel} imports ${spec} (${from} -> ${to})`)
      } else if (FORBIDDEN_PACKAGES[from]?.test(spec.replace(/^node:/, ''))) out.push(`${rel} imports ${spec}`)
    }
  }
  return out
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return e.name === 'generated' ? [] : sources(p)
    return e.name.endsWith('.ts') ? [p] : []
  })
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(IMPORT)].map((m) => (m[1] ?? m[2]) as string)
}

describe('layers of src/', () => {
  const files = sources(SRC).map((f) => ({
    rel: path.relative(SRC, f).split(path.sep).join('/'),
    imports: importsOf(f),
  }))

  it('reads every source file and its imports', () => {
    expect(files.length).toBeGreaterThan(60)
    expect(files.find((f) => f.rel === 'app.ts')?.imports).toContain('./plugins/repositories.js')
  })

  it('no file imports across the layering', () => {
    expect(violations(files)).toEqual([])
  })

  it('the check catches each kind of forbidden import', () => {
    expect(
      violations([
        { rel: 'lib/list.ts', imports: ['../db/database.js'] },
        { rel: 'domain/dates.ts', imports: ['../ingest/ingest.js'] },
        { rel: 'db/search.ts', imports: ['../lib/problems.js', '../plugins/errors.js', 'fastify'] },
        { rel: 'modules/claims/claims.repository.ts', imports: ['../events/events.repository.js'] },
        { rel: 'plugins/cache.ts', imports: ['../modules/claims/claims.routes.js'] },
        { rel: 'ingest/ingest.ts', imports: ['../modules/briefs/briefs.routes.js'] },
      ]),
    ).toEqual([
      'lib/list.ts imports ../db/database.js (lib -> db)',
      'domain/dates.ts imports ../ingest/ingest.js (domain -> ingest)',
      'db/search.ts imports ../plugins/errors.js (db -> plugins)',
      'db/search.ts imports fastify',
      'modules/claims/claims.repository.ts imports ../events/events.repository.js (modules/claims -> modules/events)',
      'plugins/cache.ts imports ../modules/claims/claims.routes.js (plugins -> modules/claims)',
      'ingest/ingest.ts imports ../modules/briefs/briefs.routes.js (ingest -> modules/briefs)',
    ])
  })
})
