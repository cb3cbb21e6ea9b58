// Errors Node's HTTP parser answers before Fastify routes the request are problem+json too.
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeDatabases, type TestApp, testApp } from '../helpers/app.js'
import { listen } from '../helpers/http.js'

/** Sends raw bytes and reads the whole answer until the server closes the connection. */
function raw(base: string, bytes: string): Promise<{ status: number; headers: string; body: string }> {
  const { hostname, port } = new URL(base)
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(bytes))
    let data = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk) => {
      data += chunk
    })
    socket.on('error', reject)
    socket.on('close', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n')
      resolve({ status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body })
    })
  })
}

describe("the HTTP parser's errors", () => {
  let t: TestApp
  let base: string
  beforeAll(async () => {
    t = await testApp()
    base = await listen(t)
  })
  afterAll(async () => {
    await t.close()
    await removeDatabases()
  })

  it.each([
    {
      name: 'headers over the size limit',
      bytes: `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      status: 431,
      code: 'headers-too-large',
    },
    { name: 'a request line that is not HTTP', bytes: 'NOT HTTP AT ALL\r\n\r\n', status: 400, code: 'bad-request' },
    {
      name: 'a header without a colon',
      bytes: 'GET /health HTTP/1.1\r\nHost: x\r\nbroken header\r\n\r\n',
      status: 400,
      code: 'bad-request',
    },
  ])('$name: $status problem+json with a stable code', async ({ bytes, status, code }) => {
    const res = await raw(base, bytes)
    expect(res.status).toBe(status)
    expect(res.headers).toContain('content-type: application/problem+json')
    expect(res.headers).toContain('x-content-type-options: nosniff')
    const body = JSON.parse(res.body)
    expect(body).toMatchObject({ status, code, type: `https://geobrief.dev/problems/${code}` })
  })

  it('a request whose headers do not arrive in time: 408 problem+json', async () => {
    const slow = await testApp({ config: { REQUEST_TIMEOUT_MS: 1000 } })
    try {
      const started = performance.now()
      // Half a request, then nothing: the server's deadline closes it.
      const res = await raw(await listen(slow), 'GET /health HTTP/1.1\r\nHost: x\r\n')
      expect(res.status).toBe(408)
      expect(res.headers).toContain('content-type: application/problem+json')
      expect(JSON.parse(res.body)).toMatchObject({ status: 408, code: 'request-timeout' })
      expect(performance.now() - started).toBeLessThan(5000)
    } finally {
      await slow.close()
    }
  })

  it('still answers well-formed requests on new connections', async () => {
    const res = await raw(base, 'GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
    expect(res.status).toBe(200)
  })
})
