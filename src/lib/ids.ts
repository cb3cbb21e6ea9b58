// Opaque, prefixed, time-ordered ids: "<prefix>_" + 26-character ULID (Crockford base 32).
// Time order keeps inserts append-mostly in the B-trees; the prefix tells a reader what an id names.
import { randomBytes } from 'node:crypto'

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

let lastTime = -1
let lastRandom = new Uint8Array(10)

function encode(bytes: Uint8Array): string {
  // 16 bytes = 128 bits -> 26 chars (first char carries 3 bits... standard ULID layout).
  let out = ''
  let bits = 0
  let value = 0
  // prepend 2 zero bits so 130 bits split evenly into 26 groups of 5
  const all = [0, ...bytes]
  bits = -6
  for (const byte of all) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      bits -= 5
      out += ALPHABET[(value >> bits) & 31]
    }
    value &= (1 << bits) - 1
  }
  return out
}

function ulid(now = Date.now()): string {
  if (now === lastTime) {
    // monotonic within the same millisecond: increment the random part
    const next = new Uint8Array(lastRandom)
    for (let i = next.length - 1; i >= 0; i--) {
      next[i] = ((next[i] ?? 0) + 1) & 0xff
      if (next[i] !== 0) break
    }
    lastRandom = next
  } else {
    lastTime = now
    lastRandom = new Uint8Array(randomBytes(10))
  }
  const bytes = new Uint8Array(16)
  let t = now
  for (let i = 5; i >= 0; i--) {
    bytes[i] = t % 256
    t = Math.floor(t / 256)
  }
  bytes.set(lastRandom, 6)
  return encode(bytes)
}

export const ID_PREFIX = {
  article: 'art',
  actor: 'act',
  alias: 'als',
  affiliation: 'aff',
  claim: 'clm',
  link: 'lnk',
  event: 'evt',
  key: 'key',
} as const

export type IdKind = keyof typeof ID_PREFIX

export function newId(kind: IdKind): string {
  return `${ID_PREFIX[kind]}_${ulid()}`
}

export function looksLikeId(kind: IdKind, value: string): boolean {
  return new RegExp(`^${ID_PREFIX[kind]}_[0-9A-HJKMNP-TV-Z]{26}$`).test(value)
}
