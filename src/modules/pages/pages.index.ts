// The index page: the articles newest first, a page at a time, or the articles a search finds with
// their highlighted snippets. Pure functions.
import type { z } from 'zod'
import { humanDate } from '../../domain/brief.render.js'
import type { ArticleSummarySchema } from '../articles/articles.schemas.js'
import { type Html, html, snippetHtml } from './pages.html.js'
import { join, page } from './pages.layout.js'

type Summary = z.output<typeof ArticleSummarySchema>

export interface SearchHit {
  id: string
  title: string
  snippet: string
}

const briefPath = (idOrSlug: string) => `/briefs/${encodeURIComponent(idOrSlug)}`

function nextLink(query: Record<string, string | undefined>, cursor: string | null): Html | null {
  if (!cursor) return null
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries({ ...query, cursor })) if (v) params.set(k, v)
  return html`<p class="pager"><a href="/briefs?${params.toString()}" rel="next">Next page →</a></p>`
}

function card(a: Summary): Html {
  return html`<li><h2><a href="${briefPath(a.slug)}">${a.title}</a></h2>
<p class="meta">${join(
    [
      a.publisher ? html`<span>${a.publisher}</span>` : null,
      html`<span>${a.published ? humanDate(a.published) : 'date not stated'}</span>`,
      html`<span>${a.counts.claims} claims, ${a.counts.events} events, ${a.counts.actors} actors</span>`,
    ],
    '',
  )}</p>
${a.summary ? html`<p class="snippet">${a.summary}</p>` : null}</li>`
}

/** The list of articles, newest first. */
export function indexPage(rows: Summary[], nextCursor: string | null): string {
  return page(
    { title: 'Briefs', canonical: '/briefs' },
    html`<h1>Briefs</h1>
<p class="meta">Articles decomposed into actors, claims and events, newest first.</p>
${rows.length > 0 ? html`<ol class="cards">${rows.map(card)}</ol>` : html`<p>No briefs yet.</p>`}
${nextLink({}, nextCursor)}`,
  )
}

/** The articles a search finds, best first. */
export function searchPage(q: string, hits: SearchHit[], nextCursor: string | null): string {
  return page(
    { title: `Search: ${q}`, q },
    html`<h1>Briefs matching “${q}”</h1>
${
  hits.length > 0
    ? html`<ol class="cards">${hits.map(
        (h) =>
          html`<li><h2><a href="${briefPath(h.id)}">${h.title}</a></h2><p class="snippet">${snippetHtml(h.snippet)}</p></li>`,
      )}</ol>`
    : html`<p>No brief matches. Search takes words, "exact phrases", prefix* terms and AND / OR / NOT.</p>`
}
${nextLink({ q }, nextCursor)}
<p><a href="/briefs">All briefs</a></p>`,
  )
}
