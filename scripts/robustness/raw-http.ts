// HTTP/1.1 over a plain TCP socket, byte for byte: what the fuzzer sends when it must reach Node's
// own HTTP parser (app.inject skips it), including requests no HTTP client library would write.
import net from 'node:net'

export interface RawResponse {
  status: number
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>
  body: string
}

/** A request's bytes: the request line, `host` and `connection: close`, the headers, the body. */
export function requestBytes(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
): Buffer {
  const lines = [`${method} ${url} HTTP/1.1`, 'host: 127.0.0.1', 'connection: close']
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`)
  const payload = body === undefined ? Buffer.alloc(0) : Buffer.from(body, 'utf8')
  if (body !== undefined) lines.push(`content-length: ${payload.length}`)
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload])
}

/**
 * Sends bytes on a new connection and reads the answer: until its length is complete or the server
 * closes. The socket is never half-closed first: Node's server aborts a request whose client has.
 */
export function rawExchange(port: number, bytes: Buffer, timeoutMs: number): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port })
    const chunks: Buffer[] = []
    let done = false
    const finish = (fn: () => void) => {
      if (done) return
      done = true
      clearTimeout(timer)
      socket.destroy()
      fn()
    }
    const timer = setTimeout(
      () => finish(() => reject(new Error(`no complete answer within ${timeoutMs} ms`))),
      timeoutMs,
    )
    socket.on('data', (c) => {
      chunks.push(c)
      const data = Buffer.concat(chunks)
      if (isComplete(data)) finish(() => resolve(parseResponse(data)))
    })
    // A server that answers before reading the whole request may reset the connection: what it
    // sent before the reset is the answer.
    socket.on('error', (err) => {
      if (chunks.length === 0) finish(() => reject(err))
    })
    socket.on('close', () => {
      finish(() => {
        try {
          resolve(parseResponse(Buffer.concat(chunks)))
        } catch (err) {
          reject(err)
        }
      })
    })
    socket.write(bytes)
  })
}

/** Whether `data` holds a whole response: its head, and a body of the length it announces. */
function isComplete(data: Buffer): boolean {
  const end = data.indexOf('\r\n\r\n')
  if (end < 0) return false
  const head = data.subarray(0, end).toString('latin1')
  if (/^HTTP\/1\.[01] (1\d\d|204|304)/.test(head)) return true
  const length = /\r\ncontent-length: *(\d+)/i.exec(head)
  if (length) return data.length - end - 4 >= Number(length[1])
  if (/\r\ntransfer-encoding: *chunked/i.test(head))
    return data.subarray(end + 4).includes('\r\n0\r\n\r\n') || data.subarray(end + 4).indexOf('0\r\n\r\n') === 0
  return false
}

/** The first response in `data` (status line, headers, a body by content-length, chunks or close). */
export function parseResponse(data: Buffer): RawResponse {
  const end = data.indexOf('\r\n\r\n')
  if (end < 0) throw new Error(`no response head in ${data.length} bytes`)
  const [statusLine = '', ...lines] = data.subarray(0, end).toString('latin1').split('\r\n')
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)
  if (!m) throw new Error(`not an HTTP status line: ${statusLine.slice(0, 80)}`)
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const i = line.indexOf(':')
    if (i <= 0) continue
    const k = line.slice(0, i).trim().toLowerCase()
    const v = line.slice(i + 1).trim()
    headers[k] = headers[k] === undefined ? v : `${headers[k]}, ${v}`
  }
  let body = data.subarray(end + 4)
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body)
  else if (headers['content-length'] !== undefined) body = body.subarray(0, Number(headers['content-length']))
  return { status: Number(m[1]), headers, body: body.toString('utf8') }
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = []
  let at = 0
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at)
    if (lineEnd < 0) break
    const size = Number.parseInt(data.subarray(at, lineEnd).toString('latin1'), 16)
    if (!Number.isFinite(size) || size === 0) break
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size))
    at = lineEnd + 2 + size + 2
  }
  return Buffer.concat(parts)
}
