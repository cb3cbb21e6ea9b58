// The frame every brief page shares: document head, site header with the search form, footer, and
// the error page. Pure functions: data in, Html out.
import type { ProblemError } from '../../lib/problems.js'
import { PROBLEMS } from '../../lib/problems.js'
import { ICON_PATH, STYLESHEET_PATH } from './pages.css.js'
import { type Html, html, type Part } from './pages.html.js'

export interface PageFrame {
  title: string
  /** The page's own path when it is the canonical address of what it shows */
  canonical?: string
  /** The search box's current query */
  q?: string
}

function siteHeader(q: string | undefined): Html {
  return html`<header class="site">
<a class="brand" href="/briefs">Geobrief</a>
<nav aria-label="Site"><ul><li><a href="/briefs">All briefs</a></li><li><a href="/v1/articles">API</a></li></ul></nav>
<form class="search" role="search" action="/briefs" method="get">
<label class="sr-only" for="q">Search the briefs</label>
<input id="q" name="q" type="search" maxlength="500" placeholder="Search the briefs" value="${q ?? ''}">
<button type="submit">Search</button>
</form>
</header>`
}

/** A whole HTML document around `main`'s content. */
export function page(frame: PageFrame, content: Part): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${frame.title} · Geobrief</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
<link rel="icon" href="${ICON_PATH}" type="image/svg+xml">
${frame.canonical ? html`<link rel="canonical" href="${frame.canonical}">` : null}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
${siteHeader(frame.q)}
<main id="main" tabindex="-1">
${content}
</main>
<footer class="site-foot"><p>Geobrief: structured geopolitics briefs. Every claim and event points at the article's exact words. Data: <a href="/v1/articles">/v1/articles</a>.</p></footer>
</body>
</html>
`.value
}

/** The page a browser gets for an error (API clients get problem+json). */
export function errorPage(problem: ProblemError, q?: string): string {
  const title = PROBLEMS[problem.code].title
  return page(
    { title, q },
    html`<h1>${title}</h1>
<p>${problem.message}</p>
<p>Error ${problem.status} (<code>${problem.code}</code>). <a href="/briefs">All briefs</a></p>`,
  )
}

/** Unused parts of a list are dropped: `join([a, null, b], ' · ')`. */
export function join(parts: Part[], separator: Part): Html {
  const kept = parts.filter((p) => p !== null && p !== undefined && p !== false && p !== '')
  return html`${kept.flatMap((p, i) => (i === 0 ? [p] : [separator, p]))}`
}
