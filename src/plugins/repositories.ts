// The repositories of every module, built once per app on its database and decorated on the
// instance (fastify/demo's pattern): routes take `app.repos.claims`, never construct or import
// another module's repository. Writers take the Database (they need its write transaction): built
// here in inline mode, in the writer thread in thread mode (src/plugins/writers.ts).
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { briefDocuments, briefEtags } from '../db/brief-docs.js'
import { briefReader } from '../db/brief-sql.js'
import { type Finder, rawFinder } from '../db/resolve.js'
import { actorsRepository } from '../modules/actors/actors.repository.js'
import { analysisRepository } from '../modules/analysis/analysis.repository.js'
import { articlesRepository } from '../modules/articles/articles.repository.js'
import { changesRepository } from '../modules/changes/changes.repository.js'
import { claimsRepository } from '../modules/claims/claims.repository.js'
import { eventsRepository } from '../modules/events/events.repository.js'
import { buildWriters, type Writers } from './writers.js'

function build(app: FastifyInstance) {
  const { db } = app
  /** Id-or-slug lookups on the read-only connection, shared by every reader. */
  const find: Finder = rawFinder(db.sql)
  const repos = {
    find,
    briefs: { read: briefReader(db.sql), document: briefDocuments(db.sql), etag: briefEtags(db.sql) },
    articles: articlesRepository(db.read, db.sql, find),
    actors: actorsRepository(db.read, db.sql, find),
    claims: claimsRepository(db.read, db.sql, find),
    events: eventsRepository(db.sql, find),
    changes: changesRepository(db.read),
    analysis: analysisRepository(db.read, db.sql, find),
  }
  const writers: Writers = app.writerThread?.writers ?? buildWriters(db)
  return { repos, writers }
}

export type Repositories = ReturnType<typeof build>['repos']
export type { Writers }

declare module 'fastify' {
  interface FastifyInstance {
    repos: Repositories
    writers: Writers
  }
}

export default fp(
  async function repositories(app: FastifyInstance) {
    const { repos, writers } = build(app)
    app.decorate('repos', repos)
    app.decorate('writers', writers)
  },
  { name: 'repositories', dependencies: ['database'] },
)
