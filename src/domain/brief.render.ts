// Other representations of a brief: a readable Markdown brief and schema.org JSON-LD.
import type { PartialDate } from './dates.js'
import type { Brief } from './brief.schema.js'

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** "December 2021", "1 January 2022", "2022"; never more precise than the date is. */
export function humanDate(d: PartialDate | null): string {
  if (!d) return 'date unknown'
  const [y, m, day] = d.date.split('-')
  const core =
    d.precision === 'year'
      ? `${y}`
      : d.precision === 'month'
        ? `${MONTHS[Number(m) - 1]} ${y}`
        : `${Number(day)} ${MONTHS[Number(m) - 1]} ${y}`
  const approx = d.approximate ? 'about ' : ''
  return d.text ? `${approx}${core} (“${d.text}”)` : `${approx}${core}`
}

const md = (s: string) => s.replace(/([\\`*_[\]<>|])/g, '\\$1')

export function toMarkdown(b: Brief): string {
  const names = new Map(b.actors.map((a) => [a.slug, a.name]))
  const who = (slugs: string[]) => slugs.map((s) => names.get(s) ?? s).join(', ')
  const a = b.article
  const out: string[] = [`# ${md(a.title)}`, '']
  const meta = [
    a.publisher,
    a.byline ? `by ${a.byline}` : null,
    a.published ? `published ${humanDate(a.published)}` : 'publication date not stated',
    a.section,
  ]
    .filter(Boolean)
    .join(' · ')
  out.push(`*${md(meta)}*`, '')
  if (a.summary) out.push(`> ${md(a.summary)}`, '')
  if (a.keyPoints.length) out.push('## Key points', '', ...a.keyPoints.map((k) => `- ${md(k)}`), '')
  if (b.claims.length) {
    out.push('## Who said what', '')
    for (const c of b.claims) {
      const about = c.about.length ? ` About ${who(c.about)}.` : ''
      out.push(
        `- **${md(who(c.claimants))}** — ${c.kind}${c.modality !== 'asserted' ? ` (${c.modality})` : ''}, ${humanDate(c.stated)}: ${md(c.summary)}${about} [chars ${c.evidence.start}–${c.evidence.end}]`,
      )
      if (c.quote) out.push(`  > “${md(c.quote.text)}”`)
    }
    out.push('')
  }
  const dated = b.events.filter((e) => e.start)
  const undated = b.events.filter((e) => !e.start)
  if (b.events.length) {
    out.push('## Timeline', '')
    const sorted = [...dated].sort((x, y) => (x.start?.date ?? '').localeCompare(y.start?.date ?? ''))
    for (const e of [...sorted, ...undated]) {
      const parts = e.participants.map((p) => `${names.get(p.actor) ?? p.actor} (${p.role})`).join(', ')
      out.push(
        `- **${humanDate(e.start)}${e.end ? ` – ${humanDate(e.end)}` : ''}** · ${e.type}${e.extension ? `/${e.extension}` : ''} · ${e.status}: ${md(e.title)}${parts ? ` — ${md(parts)}` : ''} [chars ${e.evidence.start}–${e.evidence.end}]`,
      )
    }
    out.push('')
  }
  if (b.actors.length) {
    out.push('## Actors', '', '| Actor | Kind | Country | Role in the article |', '|---|---|---|---|')
    for (const x of b.actors)
      out.push(`| ${md(x.name)}${x.title ? ` — ${md(x.title)}` : ''} | ${x.kind} | ${x.country ?? ''} | ${x.role} |`)
    out.push('')
  }
  out.push(
    '## Sources',
    '',
    'Every claim and event above cites its passage in the article body by character offsets:',
    '',
  )
  for (const c of b.claims) out.push(`- [chars ${c.evidence.start}–${c.evidence.end}] “${md(c.evidence.exact)}”`)
  for (const e of b.events) out.push(`- [chars ${e.evidence.start}–${e.evidence.end}] “${md(e.evidence.exact)}”`)
  if (a.url) out.push('', `Original: ${a.url}`)
  out.push('', `Source document sha256: \`${a.source.sha256 ?? ''}\``, '')
  return out.join('\n')
}

const SCHEMA_TYPE: Record<string, string> = {
  state: 'Country',
  government_body: 'GovernmentOrganization',
  military: 'GovernmentOrganization',
  law_enforcement: 'GovernmentOrganization',
  person: 'Person',
  organisation: 'Organization',
  academic_institution: 'EducationalOrganization',
  international_organisation: 'Organization',
  grouping: 'Organization',
  media: 'Periodical',
  other: 'Thing',
}

function isoDate(d: PartialDate | null): string | undefined {
  return d?.date
}

export function toJsonLd(b: Brief, base: string): Record<string, unknown> {
  const a = b.article
  const actorRef = new Map(
    b.actors.map((x) => [x.slug, { '@id': `${base}/v1/actors/${x.id ?? x.slug}`, name: x.name }]),
  )
  const ref = (slug: string) => actorRef.get(slug) ?? { '@id': `${base}/v1/actors/${slug}` }
  const articleId = `${base}/v1/articles/${a.id ?? a.slug}`
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': articleId,
    headline: a.title,
    ...(a.summary ? { description: a.summary } : {}),
    ...(a.section ? { articleSection: a.section } : {}),
    ...(a.publisher ? { publisher: { '@type': 'Organization', name: a.publisher } } : {}),
    ...(a.byline ? { author: { '@type': 'Person', name: a.byline } } : {}),
    ...(a.published ? { datePublished: a.published.date } : {}),
    ...(a.url ? { url: a.url } : {}),
    inLanguage: a.language,
    keywords: a.topics,
    articleBody: a.body,
    mentions: b.actors.map((x) => ({
      '@type': SCHEMA_TYPE[x.kind] ?? 'Thing',
      ...ref(x.slug),
      ...(x.aliases.length ? { alternateName: x.aliases } : {}),
      ...(x.title ? { jobTitle: x.title } : {}),
      ...(x.description ? { description: x.description } : {}),
      ...(x.wikidataId ? { sameAs: `https://www.wikidata.org/entity/${x.wikidataId}` } : {}),
    })),
    hasPart: b.claims.map((c) => ({
      '@type': 'Claim',
      ...(c.id ? { '@id': `${base}/v1/claims/${c.id}` } : {}),
      text: c.summary,
      author: c.claimants.map(ref),
      about: c.about.map(ref),
      ...(c.stated ? { dateCreated: isoDate(c.stated) } : {}),
      appearance: {
        '@type': 'Quotation',
        text: c.quote?.text ?? c.evidence.exact,
        isBasedOn: { '@id': articleId },
      },
    })),
    about: b.events.map((e) => ({
      '@type': 'Event',
      ...(e.id ? { '@id': `${base}/v1/events/${e.id}` } : {}),
      name: e.title,
      ...(e.description ? { description: e.description } : {}),
      ...(e.start ? { startDate: isoDate(e.start) } : {}),
      ...(e.end ? { endDate: isoDate(e.end) } : {}),
      eventStatus: e.status === 'planned' ? 'https://schema.org/EventScheduled' : undefined,
      ...(e.location ? { location: { '@type': 'Place', name: e.location.name } } : {}),
      organizer: e.participants.filter((p) => p.role === 'initiator').map((p) => ref(p.actor)),
      attendee: e.participants.filter((p) => p.role !== 'initiator').map((p) => ref(p.actor)),
    })),
  }
}
