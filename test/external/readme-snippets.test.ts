// The README's client snippets are test/clients/readme-example.ts and readme_example.py, word for
// word, and they run: against a listening seeded server, the TypeScript one through tsx (and
// `npm run typecheck` type-checks it against the generated types), the Python one with Debian's
// python3, requests and pandas (.ci/run installs them when missing).
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeDatabases, type TestApp, testApp } from '../helpers/app.js'

const run = promisify(execFile)
const ROOT = path.resolve(import.meta.dirname, '../..')
const PYTHON = process.env.GEOBRIEF_PYTHON ?? '/usr/bin/python3'

/** The first fenced block of `lang` under the README heading `title`. */
function readmeBlock(title: string, lang: string): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
  const section = readme.split(/\n## /).find((s) => s.startsWith(title))
  const block = section && new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``).exec(section)?.[1]
  if (!block) throw new Error(`README has no ${lang} block under "## ${title}"`)
  return block
}

describe('the README client snippets', () => {
  let t: TestApp
  let env: NodeJS.ProcessEnv
  let get: (url: string) => Promise<{ data: unknown[]; page: { total?: number } }>

  beforeAll(async () => {
    t = await testApp({ seed: true })
    await t.app.listen({ host: '127.0.0.1', port: 0 })
    const address = t.app.server.address()
    if (!address || typeof address === 'string') throw new Error('no port')
    const base = `http://127.0.0.1:${address.port}`
    env = { ...process.env, GEOBRIEF_URL: base }
    get = async (url) => (await fetch(`${base}${url}`)).json() as never
  })

  afterAll(async () => {
    await t.close()
    await removeDatabases()
  })

  it('Use from TypeScript: the block is test/clients/readme-example.ts and prints what the API holds', async () => {
    const file = path.join(ROOT, 'test/clients/readme-example.ts')
    expect(readmeBlock('Use from TypeScript', 'ts')).toBe(readFileSync(file, 'utf8'))
    const { stdout } = await run(path.join(ROOT, 'node_modules/.bin/tsx'), [file], { env, cwd: ROOT })
    const lines = stdout.trim().split('\n')
    const warnings = await get('/v1/claims?kind=warning&count=true&limit=1')
    expect(warnings.page.total).toBeGreaterThan(0)
    expect(lines.length).toBe((warnings.page.total ?? 0) + 2)
    const brief = (await get('/v1/articles/china-urged-to-push-for-better-ties-with-japan/brief')) as unknown as {
      claims: unknown[]
    }
    expect(lines.at(-2)).toBe(`${brief.claims.length} claims, evidence exact: true`)
    expect(lines.at(-1)).toBe('404 not-found')
  })

  it('Use from Python: the block is test/clients/readme_example.py and prints what the API holds', async () => {
    const file = path.join(ROOT, 'test/clients/readme_example.py')
    expect(readmeBlock('Use from Python', 'python')).toBe(readFileSync(file, 'utf8'))
    const { stdout } = await run(PYTHON, [file], { env, cwd: ROOT })
    const claims = (await get('/v1/claims?limit=100')).data as Array<{ kind: string }>
    const kinds = new Map<string, number>()
    for (const c of claims) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1)
    // pandas' groupby().size(): one line per kind, sorted, with its count.
    for (const [kind, n] of kinds) expect(stdout).toMatch(new RegExp(`^${kind}\\s+${n}$`, 'm'))
    const events = await get('/v1/events?count=true&limit=1')
    expect(stdout).toContain(`\n${events.page.total} events\n`)
    expect(stdout.trim().split('\n').at(-1)).toBe('404 application/problem+json not-found')
  })
})
