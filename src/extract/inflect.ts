// Inflected forms of lexicon verbs, so lexicons list lemmas only.
import { wordTable } from './lexicons/table.js'

// Each line: a lemma, then its irregular past and participle forms.
const IRREGULAR: Record<string, string[]> = wordTable(`
say said
tell told
meet met
hold held
strike struck stricken
withdraw withdrew withdrawn
shoot shot
fight fought
flee fled
give gave given
take took taken
send sent
lead led
make made
break broke broken
begin began begun
win won
speak spoke spoken
write wrote written
think thought
see saw seen
find found
seek sought
sell sold
pay paid
feel felt
overthrow overthrew overthrown
blow blew blown
shake shook shaken
hit hit
put put
set set
cut cut
beat beat beaten
build built
spend spent
lose lost
swear swore sworn
undertake undertook undertaken
withhold withheld
uphold upheld
foresee foresaw foreseen
forecast forecast
bring brought
catch caught
teach taught
buy bought
fall fell fallen
rise rose risen
come came
go went gone
run ran
drive drove driven
keep kept
leave left
bid bid
quit quit
hang hung hanged
forbid forbade forbidden
`)

const VOWEL = /[aeiou]/

/** All forms of a one-word verb: base, -s, past, participle, -ing. */
export function verbForms(lemma: string): string[] {
  const out = new Set<string>([lemma])
  const irregular = IRREGULAR[lemma]
  if (irregular) for (const f of irregular) out.add(f)
  if (/(?:s|x|z|ch|sh|o)$/.test(lemma)) out.add(`${lemma}es`)
  else if (/[^aeiou]y$/.test(lemma)) out.add(`${lemma.slice(0, -1)}ies`)
  else out.add(`${lemma}s`)
  if (lemma.endsWith('e')) {
    out.add(`${lemma}d`)
    out.add(`${lemma.endsWith('ee') ? lemma : lemma.slice(0, -1)}ing`)
  } else if (/[^aeiou]y$/.test(lemma)) {
    out.add(`${lemma.slice(0, -1)}ied`)
    out.add(`${lemma}ing`)
  } else {
    out.add(`${lemma}ed`)
    out.add(`${lemma}ing`)
    // Consonant-vowel-consonant endings double in some verbs ("ban", "patrol"); generating both
    // spellings is harmless because the wrong one never occurs in text.
    const n = lemma.length
    if (n >= 3 && !/[wxy]$/.test(lemma) && VOWEL.test(lemma[n - 2]!) && !VOWEL.test(lemma[n - 3]!)) {
      const last = lemma[n - 1]!
      if (!VOWEL.test(last)) {
        out.add(`${lemma}${last}ed`)
        out.add(`${lemma}${last}ing`)
      }
    }
  }
  return [...out]
}

/** Forms of a phrase whose first word is the verb: "call on" gives "called on", "calls on", … */
export function phraseForms(phrase: string): string[] {
  const [head, ...rest] = phrase.split(' ')
  const tail = rest.length ? ` ${rest.join(' ')}` : ''
  return verbForms(head!).map((f) => `${f}${tail}`)
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** One alternation of all forms, longest first so "called on" wins over "called". */
export function alternation(phrases: Iterable<string>): string {
  return [...new Set(phrases)]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map((p) => escapeRegex(p).replace(/ /g, '\\s+'))
    .join('|')
}
