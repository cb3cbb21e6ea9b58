// Counts the event loop's turns while a request runs: the measure of "a write does not hold the
// loop", independent of machine speed.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { robustnessBrief } from './briefs.js'

export interface Turns<T> {
  result: T
  turns: number
  ms: number
  /** The longest time the loop was held, in ms */
  longestBlockMs: number
}

/** Runs `start` and counts the loop's turns (setImmediate callbacks) until its promise settles. */
export async function turnsDuring<T>(start: () => Promise<T>): Promise<Turns<T>> {
  let turns = 0
  let running = true
  const spin = () => {
    turns++
    if (running) setImmediate(spin)
  }
  const h = monitorEventLoopDelay({ resolution: 5 })
  h.enable()
  const started = performance.now()
  const p = start()
  setImmediate(spin)
  try {
    const result = await p
    return { result, turns, ms: performance.now() - started, longestBlockMs: h.max / 1e6 }
  } finally {
    running = false
    h.disable()
  }
}

/**
 * Posts a brief of `claims` claims under `slug` through inject with a write token, counting the
 * loop's turns until it is answered, and logs the figures under `label`.
 */
export async function ingestTurns(
  app: FastifyInstance,
  token: string,
  slug: string,
  claims: number,
  label: string,
): Promise<Turns<LightMyRequestResponse>> {
  const payload = robustnessBrief(slug, { claims })
  const out = await turnsDuring(() =>
    app.inject({ method: 'POST', url: '/v1/briefs', payload, headers: { authorization: `Bearer ${token}` } }),
  )
  console.log(
    `${label}: ${Math.round(out.ms)} ms, ${out.turns} event-loop turns, longest block ${Math.round(out.longestBlockMs)} ms`,
  )
  return out
}
