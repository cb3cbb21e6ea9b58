import { defineConfig } from 'vitest/config'

/**
 * Files that spawn processes (the server, tsx, npm), build the bundle, fuzz, load or hold slow
 * sockets for seconds. They form the `robustness` project (`npm run test:robustness`); everything
 * else, in-process through inject or supertest, is the `unit` project (`npm test`).
 */
const ROBUSTNESS = [
  'test/robustness/fuzz.test.ts',
  'test/robustness/crash.test.ts',
  'test/robustness/hazards.test.ts',
  'test/robustness/load.test.ts',
  'test/robustness/shutdown.test.ts',
  'test/robustness/slow-clients.test.ts',
  'test/foundation/server.test.ts',
  'test/foundation/seed-cli.test.ts',
]

/**
 * Files that run on PostgreSQL only (a throwaway cluster, or TEST_DATABASE_URL).
 */
const POSTGRES = ['test/postgres/**/*.test.ts']
/**
 * Files that need programs from Debian which .ci/run installs when missing: headless Chromium
 * (through playwright-core) for the brief pages, python3 with requests and pandas for the README's
 * Python snippets. They form the `external` project (`npm run test:external`), kept out of `npm test`.
 */
const EXTERNAL = ['test/browser/**/*.test.ts', 'test/external/**/*.test.ts']
/**
 * The API, contract, ingest and search tests, run on PostgreSQL too by the `postgres` project
 * (`npm run test:postgres`), through the same test apps (test/helpers/app.ts). The files left out
 * test SQLite itself (its file, WAL, writer thread, query plans) or spawn processes.
 */
const ON_BOTH = [
  'test/modules/{actors,articles,claims,events,list-contract,pages}.test.ts',
  'test/clients/typed-client.test.ts',
  'test/analysis/{exports,facets,relations,search,timeline}.test.ts',
  'test/contract/openapi.test.ts',
  'test/app/system.test.ts',
  'test/editor/{admin,anchor,auth,concurrency,edits,ingest,review,validation}.test.ts',
]

export default defineConfig({
  test: {
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    // Vitest's default is one worker fewer than the cores (one on a 2-core machine). The in-process
    // files run two at a time; the robustness files, which measure latencies and spawn servers,
    // one at a time.
    maxWorkers: 2,
    projects: [
      // Test apps write inline in `unit` (a writer thread costs about a second per app from
      // TypeScript) and through the writer thread in `robustness`, as the server does by default.
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...ROBUSTNESS, ...POSTGRES, ...EXTERNAL],
          provide: { writer: 'inline' },
        },
      },
      {
        extends: true,
        test: { name: 'robustness', include: ROBUSTNESS, maxWorkers: 1, provide: { writer: 'thread' } },
      },
      {
        extends: true,
        test: { name: 'external', include: EXTERNAL, provide: { writer: 'inline' } },
      },
      {
        extends: true,
        test: { name: 'postgres', include: [...POSTGRES, ...ON_BOTH], provide: { writer: 'inline' } },
      },
    ],
  },
})
