import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.js'

/** The ConfigError thrown by loadConfig(env); fails the test when nothing is thrown. */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env)
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return err as ConfigError
  }
  throw new Error(`loadConfig(${JSON.stringify(env)}) did not throw`)
}

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const c = loadConfig({})
    expect(c.PORT).toBe(3000)
    expect(c.HOST).toBe('0.0.0.0')
    expect(c.DATABASE_URL).toBe('file:./data/geobrief.db')
    expect(c.LOG_LEVEL).toBe('info')
    expect(c.LOG_PRETTY).toBeUndefined()
    expect(c.CORS_ORIGINS).toEqual([])
    expect(c.SEED_ON_START).toBe(true)
    expect(c.DOCS_ENABLED).toBe(true)
    expect(c.REQUEST_TIMEOUT_MS).toBe(30000)
    expect(c.KEEP_ALIVE_TIMEOUT_MS).toBe(5000)
    expect(c.SHUTDOWN_GRACE_MS).toBe(10000)
    expect(c.BUSY_TIMEOUT_MS).toBe(2000)
    expect(c.READ_RATE_LIMIT).toBe(6000)
    expect(c.WRITE_RATE_LIMIT).toBe(60)
    expect(c.BODY_LIMIT_BYTES).toBe(2097152)
  })

  it('reads given values with their types', () => {
    const c = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'file:/tmp/x.db',
      LOG_LEVEL: 'warn',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      REQUEST_TIMEOUT_MS: '5000',
    })
    expect(c.PORT).toBe(8080)
    expect(c.HOST).toBe('127.0.0.1')
    expect(c.DATABASE_URL).toBe('file:/tmp/x.db')
    expect(c.LOG_LEVEL).toBe('warn')
    expect(c.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example'])
    expect(c.REQUEST_TIMEOUT_MS).toBe(5000)
  })

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['LOG_LEVEL', 'loud'],
    ['DATABASE_URL', 'mysql://x'],
    ['TRUST_PROXY', 'yes please'],
    ['DATABASE_URL', 'postgresql://'],
    ['DATABASE_URL', 'file:'],
    ['CORS_ORIGINS', 'not-a-url'],
    ['CORS_ORIGINS', 'https://ok.example,not-a-url'],
    ['SEED_ON_START', 'maybe'],
    ['DOCS_ENABLED', 'nope'],
    ['LOG_PRETTY', 'sometimes'],
    ['REQUEST_TIMEOUT_MS', '10'],
    ['BODY_LIMIT_BYTES', 'lots'],
  ])('%s=%s throws a ConfigError naming the variable', (name, value) => {
    const err = configError({ [name]: value })
    expect(err.message).toContain(`${name}=${JSON.stringify(value)}`)
    // Only the bad variable is named.
    const named = [...err.message.matchAll(/^\s+([A-Z_]+)=/gm)].map((m) => m[1])
    expect(named).toEqual([name])
  })

  it('names every bad variable at once', () => {
    const err = configError({ PORT: 'abc', LOG_LEVEL: 'loud' })
    expect(err.message).toMatch(/\bPORT="abc"/)
    expect(err.message).toMatch(/\bLOG_LEVEL="loud"/)
  })

  it.each([
    ['false', false],
    ['0', false],
    ['no', false],
    ['off', false],
    ['true', true],
    ['1', true],
    ['yes', true],
    ['on', true],
  ])('SEED_ON_START=%s is %s (not coerced by truthiness)', (value, expected) => {
    expect(loadConfig({ SEED_ON_START: value }).SEED_ON_START).toBe(expected)
    expect(loadConfig({ DOCS_ENABLED: value }).DOCS_ENABLED).toBe(expected)
    expect(loadConfig({ LOG_PRETTY: value }).LOG_PRETTY).toBe(expected)
  })
})
