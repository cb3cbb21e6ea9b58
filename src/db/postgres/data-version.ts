// The response cache's data version on PostgreSQL (migration 20261206100300_data_version): a row
// whose counter every writing transaction bumps, in the transaction, so that it changes exactly when
// a write commits, whichever instance made it, and never for a rolled-back one. Each cached GET
// reads it (one indexed row), so a client writing through instance A and reading through B at once
// never gets B's stale entry. LISTEN on the trigger's channel tells this instance of another's
// commit at once, so that entries are dropped early rather than when next asked for. A notification
// sent while the listening connection is down is lost (PostgreSQL keeps none), so on losing it the
// instance drops its entries, reconnects with backoff, listens again and drops them once more.
import pg from 'pg'
import type { DataVersion } from '../data-version.js'
import type { Sql } from '../sql.js'
import { pgConfig } from './connection.js'

export const CHANNEL = 'geobrief_data'
const RETRY_MIN_MS = 100
const RETRY_MAX_MS = 5000

export class PostgresDataVersion implements DataVersion {
  readonly #url: string
  readonly #sql: Sql
  readonly #own: (pid: number) => boolean
  readonly #listeners: Array<() => void> = []
  #local = 0
  #client: pg.Client | undefined
  #closed = false
  #retryMs = RETRY_MIN_MS
  #retryTimer: NodeJS.Timeout | undefined
  /** Connections made by the listener (1 at start; more after each loss). */
  connections = 0

  private constructor(url: string, sql: Sql, own: (pid: number) => boolean) {
    this.#url = url
    this.#sql = sql
    this.#own = own
  }

  static async open(url: string, sql: Sql, own: (pid: number) => boolean): Promise<PostgresDataVersion> {
    const v = new PostgresDataVersion(url, sql, own)
    await v.#listen()
    return v
  }

  async current(): Promise<string> {
    const row = await this.#sql.get<{ v: number }>('SELECT v FROM data_version WHERE id = 1')
    return `${row?.v ?? 0}:${this.#local}`
  }

  bump(): void {
    this.#local++
  }

  onExternalChange(fn: () => void): void {
    this.#listeners.push(fn)
  }

  #changed(): void {
    for (const fn of this.#listeners) fn()
  }

  /** The listening connection's process id (tests end it with pg_terminate_backend). */
  get listenerPid(): number | undefined {
    return (this.#client as unknown as { processID?: number } | undefined)?.processID // a pg.Client field its types omit
  }

  async #listen(): Promise<void> {
    const client = new pg.Client(pgConfig(this.#url))
    const lost = () => {
      if (this.#client !== client) return
      this.#client = undefined
      client.removeAllListeners()
      client.on('error', () => undefined)
      client.end().catch(() => undefined)
      this.#changed()
      this.#reconnect()
    }
    client.on('error', lost)
    client.on('end', lost)
    client.on('notification', (msg) => {
      if (!this.#own(msg.processId)) this.#changed()
    })
    this.#client = client
    try {
      await client.connect()
      await client.query(`LISTEN ${CHANNEL}`)
    } catch (error) {
      lost()
      if (this.connections === 0) throw error // at start: the database is unreachable
      return
    }
    this.connections++
    this.#retryMs = RETRY_MIN_MS
    // Anything committed between the loss and now was not heard of.
    if (this.connections > 1) this.#changed()
  }

  #reconnect(): void {
    if (this.#closed || this.#retryTimer) return
    const wait = this.#retryMs
    this.#retryMs = Math.min(this.#retryMs * 2, RETRY_MAX_MS)
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined
      if (!this.#closed) void this.#listen()
    }, wait)
    this.#retryTimer.unref()
  }

  async close(): Promise<void> {
    this.#closed = true
    clearTimeout(this.#retryTimer)
    const client = this.#client
    this.#client = undefined
    if (client) {
      client.removeAllListeners()
      client.on('error', () => undefined)
      await client.end().catch(() => undefined)
    }
  }
}
