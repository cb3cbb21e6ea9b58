// Graceful shutdown: no accepted request is reset or lost. On app.close() (SIGTERM/SIGINT through close-with-grace):
// 1. Draining: requests already being handled run to the end and are answered with
//    `Connection: close`, so their keep-alive sockets close once answered instead of holding
//    close() open; every new request (on an open socket or a new connection) gets a 503 problem
//    with Retry-After and `Connection: close`. The listener stays open meanwhile: closing a
//    listening socket makes the kernel reset every connection still queued in its backlog, and
//    while requests run the event loop accepts only between statements, so clients that had
//    connected would be reset instead of answered.
// 2. Once no request is in progress and every accepted connection has had its request read (or
//    after `drainMs`), the hook returns and Fastify closes the listener and the idle sockets
//    (forceCloseConnections: 'idle' in app.ts) on an idle event loop, where the window for a reset
//    is as small as it gets; a client connecting after that is refused (ECONNREFUSED).
// 3. The database closes last (its onClose hook runs after every connection has ended).
// Requests are only ever read if the event loop turns: the write client yields between statements
// so that a long ingest does not hold it (src/db/database.ts).
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { ProblemError } from '../lib/problems.js'
import { sendProblem } from './errors.js'

export interface ShutdownPluginOptions {
  /** Longest wait for in-flight requests and unread connections before closing anyway. */
  drainMs: number
}

export default fp(
  async function shutdown(app: FastifyInstance, opts: ShutdownPluginOptions) {
    let draining = false
    // Connections accepted whose first request has not been read yet (Node's close() would cut them).
    const unread = new Set<Socket>()
    let active = 0
    app.server.on('connection', (socket: Socket) => {
      unread.add(socket)
      socket.once('close', () => unread.delete(socket))
    })
    app.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      unread.delete(req.socket)
      active++
      res.once('close', () => {
        active--
      })
    })
    app.addHook('preClose', async () => {
      draining = true
      const until = performance.now() + opts.drainMs
      // At least a few turns, so connections queued in the kernel right now are accepted and read.
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve))
      while ((active > 0 || unread.size > 0) && performance.now() < until)
        await new Promise((resolve) => setTimeout(resolve, 5))
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
