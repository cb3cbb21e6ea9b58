// A throwaway PostgreSQL cluster for tests and benchmarks: initdb into a temporary folder, pg_ctl
// start on a free loopback port with durability off (fsync, synchronous_commit, full_page_writes),
// and stop-and-remove when done. Run as root, the server binaries run as the postgres user, which
// PostgreSQL requires. The binaries come from Debian's postgresql package (.ci/run installs it when
// it is missing); PG_BIN points elsewhere.
//   tsx scripts/pg-cluster.ts   starts one, prints its DATABASE_URL and stops it on Ctrl-C.
import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export interface Cluster {
  /** postgresql://postgres@127.0.0.1:PORT/postgres */
  url: string
  stop(): void
}

/** The newest PostgreSQL server binaries on this machine, or null. */
export function postgresBin(): string | null {
  if (process.env.PG_BIN) return process.env.PG_BIN
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] ? path.join(root, versions[0], 'bin') : null
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export async function startCluster(): Promise<Cluster> {
  const bin = postgresBin()
  if (!bin) throw new Error('PostgreSQL server binaries not found: install Debian package postgresql, or set PG_BIN')
  const dir = mkdtempSync(path.join(os.tmpdir(), 'geobrief-pg-'))
  const asRoot = process.getuid?.() === 0
  const owner = asRoot ? Number(execFileSync('id', ['-u', 'postgres']).toString().trim()) : undefined
  if (owner !== undefined) chownSync(dir, owner, owner)
  const run = (tool: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args], { stdio: 'pipe' })
      : execFileSync(path.join(bin, tool), args, { stdio: 'pipe' })
  const data = path.join(dir, 'data')
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'])
  const port = await freePort()
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ')
  run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '30', '-o', options, 'start'])
  let stopped = false
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      if (stopped) return
      stopped = true
      try {
        run('pg_ctl', ['-D', data, '-w', '-t', '30', '-m', 'immediate', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const cluster = await startCluster()
  console.log(`DATABASE_URL=${cluster.url}`)
  const stop = () => {
    cluster.stop()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  setInterval(() => {}, 1 << 30)
}
