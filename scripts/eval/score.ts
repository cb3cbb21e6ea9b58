// Scoring of an extracted draft against a hand-made gold annotation, in the raw page's offsets.
// Items are paired one to one by the greatest overlap of their passages (overlap over the shorter
// passage at least MIN_OVERLAP), as quote-attribution evaluations do; names are compared leniently
// (case, accents, punctuation, a surname against a full name, a capital or demonym against a state
// through the actor's own surface forms).

export type Span = [number, number]

export interface GoldActor {
  id: string
  name: string
  kind: string
  country: string | null
  /** The surface forms the page uses for it (read from the page at its mention offsets). */
  forms: string[]
}

export interface GoldClaim {
  span: Span
  speaker: string | null
  kind: string
}

export interface GoldEvent {
  span: Span
  type: string
  participants: string[]
  date: { date: string; precision: string } | null
}

export interface GoldDate {
  span: Span
  date: string
  precision: string
}

export interface Gold {
  name: string
  body: Span[]
  actors: GoldActor[]
  claims: GoldClaim[]
  events: GoldEvent[]
  dates: GoldDate[]
}

export interface PredActor {
  name: string
  kind: string
  country: string | null
  forms: string[]
}

export interface Pred {
  /** The draft body's characters, as spans of the raw page. */
  body: Span[]
  actors: PredActor[]
  claims: Array<{ span: Span; speakers: PredActor[]; kind: string }>
  events: Array<{ span: Span; type: string; participants: PredActor[] }>
  /** Every date expression the extractor resolved in the body (what the date step reads). */
  dates: Array<{ span: Span; date: string; precision: string }>
  /** The dates the draft carries: claims' `stated` and events' `start`, by their wording's passage. */
  draftDates: Array<{ span: Span; date: string; precision: string }>
}

export const MIN_OVERLAP = 0.5

/** The name the extractor gives a source the text leaves unnamed (src/extract/speakers.ts). */
const UNNAMED = 'unnamed source'

const overlap = (a: Span, b: Span) => Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]))

/** One-to-one pairs of gold and predicted items, greatest overlap first. */
export function pair<G extends { span: Span }, P extends { span: Span }>(gold: G[], pred: P[]): Array<[G, P]> {
  const candidates: Array<{ g: number; p: number; o: number }> = []
  gold.forEach((g, gi) => {
    pred.forEach((p, pi) => {
      const o = overlap(g.span, p.span)
      const shorter = Math.min(g.span[1] - g.span[0], p.span[1] - p.span[0])
      if (shorter > 0 && o / shorter >= MIN_OVERLAP) candidates.push({ g: gi, p: pi, o })
    })
  })
  candidates.sort((a, b) => b.o - a.o || a.g - b.g || a.p - b.p)
  const usedG = new Set<number>()
  const usedP = new Set<number>()
  const pairs: Array<[G, P]> = []
  for (const c of candidates) {
    if (usedG.has(c.g) || usedP.has(c.p)) continue
    usedG.add(c.g)
    usedP.add(c.p)
    pairs.push([gold[c.g] as G, pred[c.p] as P])
  }
  return pairs
}

export function normalize(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`]s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\b(the|mr|mrs|ms|dr|prof)\b/g, ' ')
    .trim()
    .replace(/\s+/g, ' ')
}

const sameName = (a: string, b: string) => normalize(a) !== '' && normalize(a) === normalize(b)

/** A one-word name standing for the full name it ends ("Lopes" for "Ana Lopes"), not "Rita Lopes". */
function surnameOf(short: string, full: string): boolean {
  const s = normalize(short)
  const f = normalize(full)
  return s.length >= 3 && !s.includes(' ') && f.endsWith(` ${s}`)
}

export function sameActor(g: GoldActor, p: PredActor): boolean {
  if (g.kind === 'state' && p.kind === 'state' && g.country !== null && p.country === g.country) return true
  const gold = [g.name, ...g.forms]
  const pred = [p.name, ...p.forms]
  if (gold.some((a) => pred.some((b) => sameName(a, b)))) return true
  return pred.some((b) => surnameOf(b, g.name)) || surnameOf(g.name, p.name)
}

export interface Scores {
  body: { clean: boolean; chromeChars: number; kept: number }
  claims: { gold: number; pred: number; matched: number; speakerRight: number; kindRight: number }
  actors: { gold: number; pred: number; goldFound: number; predRight: number }
  events: { gold: number; pred: number; matched: number; typeRight: number; participantsRight: number }
  dates: { gold: number; pred: number; matched: number; right: number }
  draftDates: { gold: number; pred: number; matched: number; right: number }
  errors: ScoreError[]
}

/** An error of the draft; `span` is the page passage it concerns (shown as text or as offsets). */
export interface ScoreError {
  message: string
  span?: Span
}

const nonSpace = (text: string, spans: Span[]) =>
  spans.reduce((n, [s, e]) => n + text.slice(s, e).replace(/\s/g, '').length, 0)

/** Characters of `spans` outside `within`, as spans. */
function outside(spans: Span[], within: Span[]): Span[] {
  const out: Span[] = []
  for (const [s, e] of spans) {
    let cut: Span[] = [[s, e]]
    for (const [ws, we] of within)
      cut = cut.flatMap(([a, b]): Span[] =>
        we <= a || ws >= b
          ? [[a, b]]
          : ([
              [a, Math.max(a, ws)],
              [Math.min(b, we), b],
            ].filter(([x, y]) => (y as number) > (x as number)) as Span[]),
      )
    out.push(...cut)
  }
  return out
}

const within = (spans: Span[], inner: Span[]) => outside(inner, outside(inner, spans))

export function score(source: string, gold: Gold, pred: Pred): Scores {
  const errors: ScoreError[] = []
  // Body: chrome is page text outside the gold body that the draft kept; kept is the share of the
  // gold body's characters the draft has.
  const chrome = outside(pred.body, gold.body)
  const chromeChars = nonSpace(source, chrome)
  const goldChars = nonSpace(source, gold.body)
  const kept = goldChars === 0 ? 1 : nonSpace(source, within(gold.body, pred.body)) / goldChars
  for (const c of chrome.filter((s) => source.slice(s[0], s[1]).trim().length > 2).slice(0, 3))
    errors.push({ message: 'chrome kept in the body', span: c })

  const claimPairs = pair(gold.claims, pred.claims)
  const actorOf = (id: string | null) => gold.actors.find((a) => a.id === id)
  let speakerRight = 0
  let kindRight = 0
  for (const [g, p] of claimPairs) {
    const speaker = actorOf(g.speaker)
    // A claim needs a claimant in the brief, so a source the text does not name is the draft's
    // "unnamed source" actor: that is the right answer where the gold speaker is null.
    const named = p.speakers.filter((s) => normalize(s.name) !== UNNAMED)
    const right = speaker ? named.some((s) => sameActor(speaker, s)) : named.length === 0
    if (right) speakerRight++
    else
      errors.push({
        message: `claim with speaker ${p.speakers.map((s) => s.name).join(' + ') || 'none'}, gold ${speaker?.name ?? 'none'}`,
        span: g.span,
      })
    if (g.kind === p.kind) kindRight++
  }
  for (const g of gold.claims.filter((g) => !claimPairs.some(([x]) => x === g)).slice(0, 5))
    errors.push({ message: 'claim missed', span: g.span })
  for (const p of pred.claims.filter((p) => !claimPairs.some(([, x]) => x === p)).slice(0, 5))
    errors.push({ message: 'claim not in gold', span: p.span })

  const goldFound = gold.actors.filter((g) => pred.actors.some((p) => sameActor(g, p)))
  const predRight = pred.actors.filter((p) => gold.actors.some((g) => sameActor(g, p))).length
  for (const g of gold.actors.filter((g) => !goldFound.includes(g)).slice(0, 5))
    errors.push({ message: `actor missed: ${g.name} (${g.kind})` })

  const eventPairs = pair(gold.events, pred.events)
  let typeRight = 0
  let participantsRight = 0
  for (const [g, p] of eventPairs) {
    if (g.type === p.type) typeRight++
    else errors.push({ message: `event of type ${p.type}, gold ${g.type}`, span: g.span })
    const goldActors = g.participants.map(actorOf).filter((a): a is GoldActor => a !== undefined)
    const all = goldActors.every((a) => p.participants.some((x) => sameActor(a, x)))
    const only = p.participants.every((x) => goldActors.some((a) => sameActor(a, x)))
    if (all && only) participantsRight++
  }
  for (const g of gold.events.filter((g) => !eventPairs.some(([x]) => x === g)).slice(0, 3))
    errors.push({ message: `event missed (${g.type})`, span: g.span })

  const dateScore = (found: Pred['dates'], report: boolean) => {
    const pairs = pair(gold.dates, found)
    let right = 0
    for (const [g, p] of pairs) {
      if (g.date === p.date && g.precision === p.precision) right++
      else if (report)
        errors.push({ message: `date ${p.date} (${p.precision}), gold ${g.date} (${g.precision})`, span: g.span })
    }
    return { gold: gold.dates.length, pred: found.length, matched: pairs.length, right }
  }
  const dates = dateScore(pred.dates, true)
  const draftDates = dateScore(pred.draftDates, false)

  return {
    body: { clean: chromeChars <= 3, chromeChars, kept },
    claims: {
      gold: gold.claims.length,
      pred: pred.claims.length,
      matched: claimPairs.length,
      speakerRight,
      kindRight,
    },
    actors: { gold: gold.actors.length, pred: pred.actors.length, goldFound: goldFound.length, predRight },
    events: {
      gold: gold.events.length,
      pred: pred.events.length,
      matched: eventPairs.length,
      typeRight,
      participantsRight,
    },
    dates,
    draftDates,
    errors,
  }
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b)

/** The headline figures of one article or of the sum over several. */
export function summary(s: Omit<Scores, 'errors' | 'body'> & { clean: number; articles: number; kept: number }) {
  return {
    bodiesClean: ratio(s.clean, s.articles),
    bodyKept: s.kept,
    claimPrecision: ratio(s.claims.matched, s.claims.pred),
    claimRecall: ratio(s.claims.matched, s.claims.gold),
    speakerAccuracy: ratio(s.claims.speakerRight, s.claims.matched),
    kindAccuracy: ratio(s.claims.kindRight, s.claims.matched),
    actorRecall: ratio(s.actors.goldFound, s.actors.gold),
    actorPrecision: ratio(s.actors.predRight, s.actors.pred),
    eventRecall: ratio(s.events.matched, s.events.gold),
    eventPrecision: ratio(s.events.matched, s.events.pred),
    eventTypeAccuracy: ratio(s.events.typeRight, s.events.matched),
    participantAccuracy: ratio(s.events.participantsRight, s.events.matched),
    dateAccuracy: ratio(s.dates.right, s.dates.gold),
    draftDateAccuracy: ratio(s.draftDates.right, s.draftDates.gold),
  }
}

export type Summary = ReturnType<typeof summary>

export function total(all: Scores[]) {
  const sum = <K extends 'claims' | 'actors' | 'events' | 'dates' | 'draftDates'>(k: K) =>
    Object.fromEntries(
      Object.keys(all[0]?.[k] ?? {}).map((f) => [
        f,
        all.reduce((n, s) => n + (s[k] as Record<string, number>)[f as string]!, 0),
      ]),
    ) as Scores[K]
  return {
    articles: all.length,
    clean: all.filter((s) => s.body.clean).length,
    kept: all.reduce((n, s) => n + s.body.kept, 0) / Math.max(1, all.length),
    claims: sum('claims'),
    actors: sum('actors'),
    events: sum('events'),
    dates: sum('dates'),
    draftDates: sum('draftDates'),
  }
}
