// Bundles src/ and its pure-JavaScript dependencies into dist/server.mjs so that `npm start` loads
// one file instead of transpiling the TypeScript tree and resolving hundreds of modules at every
// start (docs/decisions.md), and the writer thread's code into dist/writer.mjs beside it (the
// server starts it from there: src/plugins/writer-thread.ts). External: the native addon, Prisma (generated client and its
// WebAssembly engines, loaded by path), pg (adapter-pg, external with Prisma, checks `instanceof
// pg.Pool`: a second, bundled copy of pg would fail it), pino (its transports run in worker threads by
// module name) and the docs plugins (Swagger UI serves its static files from its package folder).
import { build } from 'esbuild'

await build({
  entryPoints: { server: 'src/server.ts', writer: 'src/plugins/writer-thread.worker.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: [
    'better-sqlite3',
    '@prisma/*',
    'pg',
    './generated/prisma/*',
    'pino',
    'pino-pretty',
    'thread-stream',
    '@fastify/swagger',
    '@fastify/swagger-ui',
  ],
  sourcemap: true,
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
})
