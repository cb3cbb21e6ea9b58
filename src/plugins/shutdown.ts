// Graceful shutdown (reliability.md R6). On app.close() (SIGTERM/SIGINT through close-with-grace):
// - requests already being handled run to the end and are answered, with `Connection: close`, so
//   their keep-alive sockets close as soon as they are answered instead of holding close() open;
// - a new request arriving on an open keep-alive socket gets a 503 problem with Retry-After;
// - idle keep-alive sockets are closed at once (forceCloseConnections: 'idle' in app.ts), and the
//   listening socket stops accepting connections;
// - the database closes last (its onClose hook runs after every in-flight request has finished).
// Requests are only ever in flight if the event loop can read them: the write client yields
// between statements so that a long ingest does not hold it (src/db/database.ts).
import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { ProblemError } from '../lib/problems.js'
import { sendProblem } from './errors.js'

const DRAIN_READ_MS = 2000

export default fp(
  async function shutdown(app: FastifyInstance) {
    let draining = false
    // Connections accepted whose first request has not been read yet. Node's server.close() cuts
    // every connection without a request in progress, these included, which would reset a client
    // that has already sent its request: shutdown first waits (a bounded while) until they are read.
    const unread = new Set<Socket>()
    app.server.on('connection', (socket: Socket) => {
      unread.add(socket)
      socket.once('close', () => unread.delete(socket))
    })
    app.server.on('request', (req: IncomingMessage) => {
      unread.delete(req.socket)
    })
    app.addHook('preClose', async () => {
      draining = true
      // Give the event loop turns before the listening socket closes: connections queued in the
      // kernel are accepted and requests already sent are read, so their clients get an answer (a
      // 503 problem, or the response if they had begun) instead of a reset, which would leave them
      // unsure whether a write landed. A client that connected and sent nothing is not waited for
      // longer than DRAIN_READ_MS.
      const until = performance.now() + DRAIN_READ_MS
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve))
      while (unread.size > 0 && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 5))
    })
    app.addHook('onRequest', async (request, reply) => {
      if (!draining) return
      reply.header('connection', 'close')
      return sendProblem(
        reply,
        request,
        new ProblemError('unavailable', 'The server is shutting down; retry on another instance or shortly', {
          headers: { 'retry-after': '5' },
        }),
      )
    })
    app.addHook('onSend', async (_request, reply) => {
      if (draining) reply.header('connection', 'close')
    })
  },
  { name: 'shutdown' },
)
