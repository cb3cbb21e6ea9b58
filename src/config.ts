// Configuration from the environment, validated once at startup. Nothing else reads process.env.
import { z } from 'zod'

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/** An empty variable counts as unset, so PORT= does not become port 0. */
const unsetIfEmpty = (v: unknown) => (v === '' ? undefined : v)

const bool = z.stringbool({ truthy: ['true', '1', 'yes', 'on'], falsy: ['false', '0', 'no', 'off'] })

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('TCP port to listen on'),
  HOST: z.string().min(1).default('0.0.0.0').describe('Interface to bind'),
  DATABASE_URL: z
    .string()
    .refine(
      (v) => /^file:.+/.test(v) || (/^postgres(ql)?:\/\//.test(v) && URL.canParse(v) && new URL(v).hostname !== ''),
      'a SQLite URL such as file:./data/geobrief.db, or a PostgreSQL URL such as postgresql://user@host:5432/geobrief',
    )
    .default('file:./data/geobrief.db')
    .describe('file:… for SQLite (the default), postgresql://… for PostgreSQL'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info').describe('pino log level'),
  LOG_PRETTY: bool.optional().describe('Pretty logs; default: when stdout is a terminal'),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url()))
    .describe('Comma-separated origins allowed by CORS (none by default)'),
  SEED_ON_START: bool.default(true).describe('Load the briefs in seeds/ when the database has no article'),
  DOCS_ENABLED: bool.default(true).describe('Serve Swagger UI at /docs and the OpenAPI document at /docs/json'),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600000).default(30000).describe('Whole-request timeout'),
  KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120000).default(5000).describe('Idle keep-alive timeout'),
  SHUTDOWN_GRACE_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(60000)
    .default(10000)
    .describe('Drain time on SIGTERM/SIGINT'),
  WRITER: z
    .enum(['thread', 'inline'])
    .default('thread')
    .describe('Where SQLite writes run: a worker thread (thread) or the main thread (inline)'),
  BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(60000).default(2000).describe('SQLite busy timeout'),
  WRITE_RATE_LIMIT: z.coerce.number().int().min(1).default(60).describe('Write requests per minute per client'),
  READ_RATE_LIMIT: z.coerce.number().int().min(1).default(6000).describe('Read requests per minute per client'),
  CACHE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(64 * 1024 * 1024)
    .describe(
      'Response cache size in bytes (0 disables); after any database change entries are dropped, except briefs whose stored document is unchanged',
    ),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2_097_152)
    .describe('Maximum request body (ingest route)'),
  TRUST_PROXY: z
    .string()
    .default('')
    .refine(
      (v) =>
        v === '' ||
        v === 'true' ||
        /^\d+$/.test(v) ||
        v.split(',').every((a) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(a.trim())),
      'empty, true, a number of proxy hops, or comma-separated proxy addresses or CIDR ranges',
    )
    .transform((v): boolean | number | string =>
      v === '' ? false : v === 'true' ? true : /^\d+$/.test(v) ? Number(v) : v,
    )
    .describe(
      'Proxies whose X-Forwarded-For names the client (rate limits, logs): none by default; true, a hop count, or addresses/CIDRs',
    ),
})

export const ConfigSchema = z.preprocess(
  (env) => Object.fromEntries(Object.entries(env as Record<string, unknown>).map(([k, v]) => [k, unsetIfEmpty(v)])),
  EnvSchema,
)

export type Config = z.output<typeof EnvSchema>

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(env)
  if (!result.success) {
    const lines = result.error.issues.map((i) => {
      const name = String(i.path[0] ?? '?')
      const got = env[name]
      return `  ${name}=${JSON.stringify(got)}: ${i.message}`
    })
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  return result.data
}

/**
 * Config for tests and tools: defaults plus overrides, without reading process.env. Writes run
 * inline unless overridden: a writer thread costs about a second to start from TypeScript, once
 * per app (docs/decisions.md, "The writer thread").
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...ConfigSchema.parse({}), LOG_LEVEL: 'silent', SEED_ON_START: false, WRITER: 'inline', ...overrides }
}
