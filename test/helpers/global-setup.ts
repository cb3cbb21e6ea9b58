// Migrates one template database per test run; each test file copies it (test/helpers/app.ts).
// Both vitest projects use this setup: when they run together the template is migrated once
// (the Prisma schema engine does not take two migrations at once in one process) and removed after
// the last project ends.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { migrate } from '../../src/db/migrate.js'

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string
    /** Where test apps run their writes (vitest.config.ts: inline for unit, thread for robustness). */
    writer: 'thread' | 'inline'
  }
}

interface Template {
  dir: string
  ready: Promise<string>
  users: number
}

const shared = globalThis as typeof globalThis & { __geobriefTemplate?: Template }

function template(): Template {
  if (!shared.__geobriefTemplate) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'geobrief-test-'))
    const file = path.join(dir, 'template.db')
    shared.__geobriefTemplate = { dir, ready: migrate(`file:${file}`).then(() => file), users: 0 }
  }
  return shared.__geobriefTemplate
}

export async function setup(project: TestProject): Promise<void> {
  const t = template()
  t.users++
  project.provide('templateDb', await t.ready)
}

export async function teardown(): Promise<void> {
  const t = shared.__geobriefTemplate
  if (!t || --t.users > 0) return
  shared.__geobriefTemplate = undefined
  rmSync(t.dir, { recursive: true, force: true })
}
