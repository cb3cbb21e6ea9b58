// The project's root folder (where package.json is), found from this module's location, so paths
// to prisma/, seeds/ and package.json hold both when run from src/ (tsx, tests) and from the
// bundled dist/server.mjs that `npm start` runs.
import { existsSync } from 'node:fs'
import path from 'node:path'

function findRoot(from: string): string {
  let dir = from
  for (let i = 0; i < 8; i++) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'prisma'))) return dir
    const up = path.dirname(dir)
    if (up === dir) break
    dir = up
  }
  throw new Error(`cannot find the project root above ${from}`)
}

export const ROOT = findRoot(import.meta.dirname)
