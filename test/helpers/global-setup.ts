// Migrates one template database per test run; each test file copies it (test/helpers/app.ts).
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { migrate } from '../../src/db/migrate.js'

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string
  }
}

let dir: string

export async function setup(project: TestProject): Promise<void> {
  dir = mkdtempSync(path.join(os.tmpdir(), 'geobrief-test-'))
  const file = path.join(dir, 'template.db')
  await migrate(`file:${file}`)
  project.provide('templateDb', file)
}

export async function teardown(): Promise<void> {
  rmSync(dir, { recursive: true, force: true })
}
