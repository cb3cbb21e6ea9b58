// The brief page: the article with every claim's and event's evidence highlighted in its speaker's
// or actor's colour, a timeline strip, a note per claim and per event, and the actors. Pure
// functions: a Brief in, an HTML string out; every value from the brief goes through `html`.
import type { Brief, BriefActor, BriefClaim, BriefEvent } from '../../domain/brief.schema.js'
import { humanDate } from '../../domain/brief.render.js'
import type { PartialDate } from '../../domain/dates.js'
import { PALETTE } from './pages.css.js'
import { type Html, html, httpUrl, type Part } from './pages.html.js'
import { join, page } from './pages.layout.js'
import { highlightBody, type Span } from './pages.highlight.js'
import { timeline, whenOf } from './pages.timeline.js'

/** What the page's parts share: the brief, its actors by slug and each actor's colour. */
interface Context {
  brief: Brief
  actors: Map<string, BriefActor>
  colours: Map<string, number>
  briefJson: string
}

const path = (...segments: string[]) => `/${segments.map(encodeURIComponent).join('/')}`

/** Speakers (first claimant of each claim), then actors (first participant of each event), in order of appearance. */
export function colourActors(b: Brief): Map<string, number> {
  const keys = [...b.claims.map((c) => c.claimants[0]), ...b.events.map((e) => e.participants[0]?.actor)]
  const slugs = [...new Set(keys.filter((s): s is string => s !== undefined))]
  return new Map(slugs.map((s, i) => [s, i % PALETTE.length]))
}

const colourOf = (ctx: Context, slug: string | undefined) =>
  (slug === undefined ? undefined : ctx.colours.get(slug)) ?? PALETTE.length - 1

function actorName(ctx: Context, slug: string): string {
  return ctx.actors.get(slug)?.name ?? slug
}

/** An actor's name, linked to its resource when the brief gives its id. */
function actorLink(ctx: Context, slug: string): Html {
  const id = ctx.actors.get(slug)?.id
  return id ? html`<a href="${path('v1', 'actors', id)}">${actorName(ctx, slug)}</a>` : html`${actorName(ctx, slug)}`
}

const names = (ctx: Context, slugs: string[]) =>
  join(
    slugs.map((s) => actorLink(ctx, s)),
    ', ',
  )

function dated(d: PartialDate | null): Html {
  return d ? html`${humanDate(d)}<span class="precision">${d.precision}</span>` : html`not stated`
}

/**
 * How a claim or event was extracted, as the note states it: an automatic draft says so, with its
 * confidence, until a person has reviewed it.
 */
function extracted(x: BriefClaim['extraction']): Html {
  const confidence = x.confidence === null ? null : `confidence ${x.confidence.toFixed(2)}`
  const by = x.extractor ? `by ${x.extractor}` : null
  if (x.method === 'automatic' && !x.reviewed)
    return html`<span class="auto">Automatic draft, not reviewed</span> ${[confidence, by].filter(Boolean).join(', ')}`
  const how = x.method === 'automatic' ? 'Automatic' : 'By hand'
  return html`${[how, by, confidence, x.reviewed ? 'reviewed by a person' : 'not reviewed'].filter(Boolean).join(', ')}`
}

function claimSpan(ctx: Context, c: BriefClaim, n: number): Span {
  const who = c.claimants.map((s) => actorName(ctx, s)).join(', ')
  return {
    id: `claim-${n}`,
    kind: 'claim',
    label: `C${n}`,
    title: `Claim ${n} · ${who} · ${c.kind}`,
    start: c.evidence.start,
    end: c.evidence.end,
    colour: colourOf(ctx, c.claimants[0]),
  }
}

function eventSpan(ctx: Context, e: BriefEvent, n: number): Span {
  return {
    id: `event-${n}`,
    kind: 'event',
    label: `E${n}`,
    title: `Event ${n} · ${e.title}`,
    start: e.evidence.start,
    end: e.evidence.end,
    colour: colourOf(ctx, e.participants[0]?.actor),
  }
}

function header(ctx: Context): Html {
  const a = ctx.brief.article
  const url = httpUrl(a.url)
  return html`<header class="article-head">
<p class="meta">${join(
    [
      a.publisher ? html`<span>${a.publisher}</span>` : null,
      a.section ? html`<span>${a.section}</span>` : null,
      html`<span>${a.byline ? `By ${a.byline}` : 'Author not named'}</span>`,
      html`<span>${a.published ? html`Published ${dated(a.published)}` : 'Publication date not stated'}</span>`,
    ],
    '',
  )}</p>
<h1>${a.title}</h1>
${a.summary ? html`<p class="standfirst">${a.summary}</p>` : null}
${a.keyPoints.length > 0 ? html`<ul class="keypoints">${a.keyPoints.map((k) => html`<li>${k}</li>`)}</ul>` : null}
<p class="meta">${
    url
      ? html`Original: <a href="${url}" rel="noopener noreferrer nofollow">${a.url}</a>`
      : a.url
        ? html`Original address (not a web link): ${a.url}`
        : 'The source gives no address.'
  }</p>
</header>`
}

function legend(ctx: Context): Html {
  const { claims, events } = ctx.brief
  const role = (slug: string) =>
    join(
      [
        claims.some((c) => c.claimants[0] === slug) ? 'speaker' : null,
        events.some((e) => e.participants[0]?.actor === slug) ? 'actor of events' : null,
      ],
      ', ',
    )
  return html`<aside class="legend-box" aria-labelledby="legend-h"><h2 id="legend-h">Who is highlighted</h2>
<ul class="legend">${[...ctx.colours].map(
    ([slug, c]) =>
      html`<li><span class="sw p${c}" aria-hidden="true"></span><span>${actorName(ctx, slug)} <small>(${role(slug)})</small></span></li>`,
  )}</ul>
<ul class="legend"><li><span class="sw p9" aria-hidden="true"></span><span>Solid underline: a claim (C<i>n</i>)</span></li>
<li><span class="sw event p9" aria-hidden="true"></span><span>Dashed underline: an event (E<i>n</i>)</span></li></ul>
<p>Select a highlight or a reference mark to open its note. ${ctx.brief.claims.length} claims, ${ctx.brief.events.length} events.</p>
</aside>`
}

function links(...items: Array<[string, string] | null>): Html {
  return html`<p class="links">${items.map((x) => (x ? html`<a href="${x[1]}">${x[0]}</a>` : null))}</p>`
}

function claimNote(ctx: Context, c: BriefClaim, n: number): Html {
  return html`<li id="claim-${n}" class="note p${colourOf(ctx, c.claimants[0])}" tabindex="-1">
<h3><span class="tag">C${n}</span><span class="kind">${c.kind}</span> <span class="sub">· ${c.modality}</span></h3>
<p><strong>${names(ctx, c.claimants)}</strong>${c.about.length > 0 ? html` about ${names(ctx, c.about)}` : null}</p>
<p>${c.summary}</p>
${
  c.quote
    ? html`<blockquote class="quote">${c.quote.text}</blockquote>`
    : html`<p class="sub">Reported speech: no direct quotation.</p>`
}
<dl><dt>Stated</dt><dd>${dated(c.stated)}</dd><dt>Passage</dt><dd>characters ${c.evidence.start}–${c.evidence.end}</dd>
<dt>Extracted</dt><dd>${extracted(c.extraction)}</dd></dl>
${links(['Show in the text', `#at-claim-${n}`], c.id ? ['Claim (JSON)', path('v1', 'claims', c.id)] : null, ['Brief (JSON)', ctx.briefJson])}
</li>`
}

function eventNote(ctx: Context, e: BriefEvent, n: number): Html {
  const type = [e.type, e.extension, e.subtype].filter(Boolean).join(' / ')
  const loc = e.location ? [e.location.name, e.location.country].filter(Boolean).join(', ') : null
  return html`<li id="event-${n}" class="note p${colourOf(ctx, e.participants[0]?.actor)}" tabindex="-1">
<h3><span class="tag">E${n}</span>${e.title}</h3>
<dl><dt>Type</dt><dd>${type}</dd><dt>Status</dt><dd>${e.status}${e.modality === 'asserted' ? null : ` (${e.modality})`}</dd>
<dt>When</dt><dd>${whenOf(e)}</dd>
<dt>Participants</dt><dd>${
    e.participants.length > 0
      ? join(
          e.participants.map((p) => html`${actorLink(ctx, p.actor)} (${p.role})`),
          ', ',
        )
      : 'none named'
  }</dd>
${loc ? html`<dt>Location</dt><dd>${loc}</dd>` : null}
<dt>Passage</dt><dd>characters ${e.evidence.start}–${e.evidence.end}</dd>
<dt>Extracted</dt><dd>${extracted(e.extraction)}</dd></dl>
${e.description ? html`<p>${e.description}</p>` : null}
${links(['Show in the text', `#at-event-${n}`], e.id ? ['Event (JSON)', path('v1', 'events', e.id)] : null, ['Brief (JSON)', ctx.briefJson])}
</li>`
}

function actorsTable(ctx: Context): Html {
  return html`<section aria-labelledby="actors-h"><h2 id="actors-h">Actors</h2>
<table class="actors"><thead><tr><th scope="col">Actor</th><th scope="col">Kind</th><th scope="col">Country</th><th scope="col">Role in the article</th><th scope="col">Also called</th></tr></thead>
<tbody>${ctx.brief.actors.map(
    (
      a,
    ) => html`<tr><th scope="row">${ctx.colours.has(a.slug) ? html`<span class="sw p${ctx.colours.get(a.slug)}" aria-hidden="true"></span> ` : null}${actorLink(ctx, a.slug)}${a.title ? html`<small>${a.title}</small>` : null}</th>
<td>${a.kind.replaceAll('_', ' ')}</td><td>${a.country ?? '—'}</td><td>${a.role}</td><td>${a.aliases.join(', ') || '—'}</td></tr>`,
  )}</tbody></table></section>`
}

function section(id: string, title: string, items: Part): Html {
  return html`<section aria-labelledby="${id}-h"><h2 id="${id}-h">${title}</h2><ol class="notes">${items}</ol></section>`
}

/** The whole brief page. */
export function briefPage(brief: Brief): string {
  const a = brief.article
  const ctx: Context = {
    brief,
    actors: new Map(brief.actors.map((x) => [x.slug, x])),
    colours: colourActors(brief),
    briefJson: `${path('v1', 'articles', a.id ?? a.slug, 'brief')}?format=json`,
  }
  const spans = [
    ...brief.claims.map((c, i) => claimSpan(ctx, c, i + 1)),
    ...brief.events.map((e, i) => eventSpan(ctx, e, i + 1)),
  ]
  const events = brief.events.map((event, i) => ({
    event,
    n: i + 1,
    colour: colourOf(ctx, event.participants[0]?.actor),
  }))
  return page(
    { title: a.title, canonical: path('briefs', a.slug) },
    html`<article>
${header(ctx)}
${timeline(events)}
<div class="reading">
<section aria-labelledby="text-h"><h2 id="text-h">The article</h2><div class="body" lang="${a.language}">${highlightBody(a.body, spans)}</div></section>
${legend(ctx)}
</div>
<div class="notes-grid">
${section(
  'claims',
  `Claims (${brief.claims.length})`,
  brief.claims.map((c, i) => claimNote(ctx, c, i + 1)),
)}
${section(
  'events',
  `Events (${brief.events.length})`,
  brief.events.map((e, i) => eventNote(ctx, e, i + 1)),
)}
</div>
${actorsTable(ctx)}
<p class="links">${join(
      [
        html`<a href="${ctx.briefJson}">Brief (JSON)</a>`,
        html`<a href="${ctx.briefJson.replace('format=json', 'format=markdown')}">Markdown</a>`,
        html`<a href="${ctx.briefJson.replace('format=json', 'format=jsonld')}">JSON-LD</a>`,
      ],
      '',
    )}</p>
</article>`,
  )
}
