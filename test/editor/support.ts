// Shared helpers for the editor (write API) suites: keys, authenticated requests, brief builders,
// problem+json assertions and table counts. Not a test file (vitest only collects *.test.ts).
import request from 'supertest'
import { expect } from 'vitest'
import type { BriefInput } from '../../src/domain/brief.schema.js'
import { createKey, type KeyIdentity } from '../../src/db/keys.js'
import { PROBLEM_BASE, PROBLEMS, type ProblemCode } from '../../src/lib/problems.js'
import { seedBriefJson, type TestApp } from '../helpers/app.js'

let counter = 0

/** A slug no other test of this process uses. */
export function uniqueSlug(base: string): string {
  counter += 1
  return `${base}-${process.pid}-${counter}`
}

export interface Key {
  key: KeyIdentity
  token: string
}

export async function makeKey(t: TestApp, scope: 'write' | 'admin'): Promise<Key> {
  return createKey(t.app.db.read, scope, uniqueSlug(`${scope}-key`))
}

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

/** A supertest request, with a bearer token when one is given and a JSON body when one is given. */
export function call(t: TestApp, method: Method, url: string, token?: string | null, body?: unknown) {
  let req = request(t.app.server)[method](url)
  if (token) req = req.set('authorization', `Bearer ${token}`)
  if (body !== undefined) req = req.send(body as object)
  return req
}

interface Res {
  status: number
  headers: Record<string, string>
  body: unknown
}

/** Asserts an RFC 9457 problem: status, media type, code, type URI, and (optionally) a pointer in errors. */
export function expectProblem(res: Res, status: number, code: ProblemCode, pointer?: string): Record<string, unknown> {
  const body = res.body as Record<string, unknown>
  expect({ status: res.status, code: body.code }).toEqual({ status, code })
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  expect(body.status).toBe(status)
  expect(body.type).toBe(`${PROBLEM_BASE}${code}`)
  expect(body.title).toBe(PROBLEMS[code].title)
  expect(typeof body.detail).toBe('string')
  if (pointer !== undefined) {
    const pointers = ((body.errors ?? []) as Array<{ pointer: string }>).map((e) => e.pointer)
    expect(pointers).toContain(pointer)
  }
  return body
}

/** The seed brief JSON as stored in seeds/, deep-copied. */
export function seedBrief(): BriefInput {
  return structuredClone(seedBriefJson()) as BriefInput
}

/** A copy of the seed brief under another slug (same body, so every offset stays valid). */
export function seedVariant(slug: string, edit?: (b: BriefInput) => void): BriefInput {
  const b = seedBrief()
  b.article.slug = slug
  edit?.(b)
  return b
}

/** A span of `body` selecting the n-th occurrence (0-based) of `text`. */
export function span(body: string, text: string, nth = 0): { start: number; end: number; exact: string } {
  let start = -1
  for (let i = 0; i <= nth; i++) {
    start = body.indexOf(text, start + 1)
    if (start < 0) throw new Error(`"${text}" does not occur ${nth + 1} time(s) in the body`)
  }
  return { start, end: start + text.length, exact: text }
}

/** A quote selecting the first occurrence of `text` in `body`. */
export function quote(body: string, text: string): { text: string; start: number; end: number } {
  const { start, end } = span(body, text)
  return { text, start, end }
}

type MiniActor = BriefInput['actors'][number]
type MiniClaim = BriefInput['claims'][number]
type MiniEvent = BriefInput['events'][number]

/** A small self-contained brief: its own body, the given actors, claims and events. */
export function miniBrief(
  slug: string,
  body: string,
  parts: { actors?: MiniActor[]; claims?: MiniClaim[]; events?: MiniEvent[]; title?: string } = {},
): BriefInput {
  return {
    schemaVersion: 1,
    article: {
      slug,
      title: parts.title ?? `Test article ${slug}`,
      body,
      topics: ['test-topic'],
      source: { text: `SOURCE\n${body}` },
    },
    actors: parts.actors ?? [],
    claims: parts.claims ?? [],
    events: parts.events ?? [],
  }
}

/** Row counts of every table the write API touches. */
export async function counts(t: TestApp): Promise<Record<string, number>> {
  const db = t.app.db.read
  const [
    article,
    articleTopic,
    articleActor,
    actor,
    actorAlias,
    actorAffiliation,
    claim,
    claimActor,
    claimLink,
    event,
    eventParticipant,
    eventReport,
    change,
  ] = await Promise.all([
    db.article.count(),
    db.articleTopic.count(),
    db.articleActor.count(),
    db.actor.count(),
    db.actorAlias.count(),
    db.actorAffiliation.count(),
    db.claim.count(),
    db.claimActor.count(),
    db.claimLink.count(),
    db.event.count(),
    db.eventParticipant.count(),
    db.eventReport.count(),
    db.change.count(),
  ])
  return {
    article,
    articleTopic,
    articleActor,
    actor,
    actorAlias,
    actorAffiliation,
    claim,
    claimActor,
    claimLink,
    event,
    eventParticipant,
    eventReport,
    change,
  }
}

export interface ChangeEntry {
  seq: number
  entity: string
  id: string
  action: string
  mergedInto: string | null
  keyId: string | null
  at: string
}

/** A feed cursor for "now": pass it to changesSince later to get only what changed after this point. */
export async function feedPosition(t: TestApp): Promise<string> {
  const max = await t.app.db.read.change.aggregate({ _max: { seq: true } })
  return `seq_${max._max.seq ?? 0}`
}

/** Every change after `since` (a feed cursor), following nextCursor to the end. */
export async function changesSince(t: TestApp, since?: string): Promise<{ items: ChangeEntry[]; resume: string }> {
  const items: ChangeEntry[] = []
  let cursor = since
  for (let i = 0; i < 500; i++) {
    const query = new URLSearchParams({ limit: '100', ...(cursor ? { since: cursor } : {}) })
    const res = await request(t.app.server).get(`/v1/changes?${query}`)
    expect(res.status).toBe(200)
    const body = res.body as { data: ChangeEntry[]; page: { nextCursor: string | null; resume: string } }
    items.push(...body.data)
    if (body.page.nextCursor === null) return { items, resume: body.page.resume }
    cursor = body.page.nextCursor
  }
  throw new Error('change feed does not end')
}
