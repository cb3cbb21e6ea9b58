// Counts the event loop's turns while a request runs: the measure of "a write does not hold the
// loop", independent of machine speed.
import { monitorEventLoopDelay } from 'node:perf_hooks'

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
