// Every write the API makes, grouped by resource: the modules' writers and whole-brief ingest, built
// on a Database that has its write side. In inline mode (WRITER=inline) the repositories plugin
// builds them on the main thread; in thread mode the writer thread builds them
// (src/plugins/writer-thread.worker.ts) and the main thread's app.writers posts each call to it
// (src/plugins/writer-thread.ts), with the same type.
import type { Database } from '../db/database.js'
import { type IngestOptions, ingestBrief } from '../ingest/ingest.js'
import type { Brief } from '../domain/brief.schema.js'
import { actorWrites } from '../modules/actors/actors.writes.js'
import { articleWrites } from '../modules/articles/articles.writes.js'
import { claimWrites } from '../modules/claims/claims.writes.js'
import { eventWrites } from '../modules/events/events.writes.js'

export function buildWriters(db: Database) {
  return {
    articles: articleWrites(db),
    actors: actorWrites(db),
    claims: claimWrites(db),
    events: eventWrites(db),
    briefs: { ingest: (brief: Brief, opts: IngestOptions) => ingestBrief(db, brief, opts) },
  }
}

export type Writers = ReturnType<typeof buildWriters>
