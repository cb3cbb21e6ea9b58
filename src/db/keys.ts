// API keys: "gbk_<key id>_<secret>". Only sha256(secret) is stored; the presented secret's hash is
// compared with the stored one in constant time. The key id is not secret: it names the key in
// audit columns and in the change feed.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { PrismaClient } from '../generated/prisma/client.js'
import { newId } from '../lib/ids.js'

export const SCOPES = ['write', 'admin'] as const
export type Scope = (typeof SCOPES)[number]

export interface KeyIdentity {
  id: string
  name: string
  scope: Scope
}

const TOKEN = /^gbk_(key_[0-9A-HJKMNP-TV-Z]{26})_([A-Za-z0-9_-]{43})$/

function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest()
}

export function scopeAllows(held: Scope, needed: Scope): boolean {
  return held === 'admin' || held === needed
}

export async function createKey(
  db: PrismaClient,
  scope: Scope,
  name: string,
): Promise<{ key: KeyIdentity; token: string }> {
  const id = newId('key')
  const secret = randomBytes(32).toString('base64url')
  await db.apiKey.create({ data: { id, name, scope, hash: hashSecret(secret).toString('hex') } })
  return { key: { id, name, scope }, token: `gbk_${id}_${secret}` }
}

export async function revokeKey(db: PrismaClient, name: string): Promise<boolean> {
  const res = await db.apiKey.updateMany({ where: { name, revokedAt: null }, data: { revokedAt: new Date() } })
  return res.count > 0
}

// A fixed hash to compare against when the key id is unknown, so both paths do the same work.
const DUMMY = hashSecret('not-a-key')

/** The key a bearer token belongs to, or null (unknown, malformed, wrong secret or revoked). */
export async function verifyToken(db: PrismaClient, token: string): Promise<KeyIdentity | null> {
  const m = TOKEN.exec(token)
  const presented = hashSecret(m?.[2] ?? token)
  const row = m ? await db.apiKey.findUnique({ where: { id: m[1] } }) : null
  const stored = row ? Buffer.from(row.hash, 'hex') : DUMMY
  const equal = stored.length === presented.length && timingSafeEqual(stored, presented)
  if (!row || !equal || row.revokedAt !== null) return null
  return { id: row.id, name: row.name, scope: row.scope as Scope }
}
