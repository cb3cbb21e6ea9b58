// Date wording that chrono-node leaves to us, or reads differently from how news means it.

/** Modifiers just before a month or year: the date keeps its precision but becomes approximate. */
export const DATE_MODIFIERS = /\b(?:late|early|mid|the end of|the beginning of|the start of|the middle of)[\s-]+$/i

/** Phrases chrono reads as a day but that name a whole year ("by the end of this year"). */
export const YEAR_PHRASES = /\b(?:end|beginning|start|middle) of (?:this|next|last) year\b/i

/** Relative weeks: chrono gives a day, but the text supports only the month. */
export const WEEK_PHRASES = /\b(?:this|last|next|that|the same|the previous|the following) week\b/i

/** A bare year the chrono parser does not read: "in 2015", "since 1980", "the 1990s". */
export const BARE_YEAR =
  /\b(?:in|since|by|from|until|before|after|during|of|early|late|mid)[\s-]+((?:19|20)\d{2})(s?)\b(?![-/]\d)/gi

/** An older year, after a preposition and before punctuation: "recorded since 1840,". */
export const OLD_YEAR =
  /\b(?:in|since|from|until|before|after|during)\s+(1[0-8]\d{2})(?=[,.;:)]|\s+(?:and|to|when)\b|$)/g

/** The second year of a range: "from 2019 to 2024", "between 2010 and 2012". */
export const YEAR_RANGE = /\b(?:19|20)\d{2}\s*(?:to|through|until|and|–|—)\s*((?:19|20)\d{2})\b(?![-/]\d)/g

/** Year-relative phrases. */
export const RELATIVE_YEAR = /\b(last|this|next) year\b/gi

/** The edge of a year, which a reader places in its first or last month: "the end of 2025". */
export const YEAR_EDGE = /\b(?:the )?(end|close|beginning|start|middle) of (the year|(?:19|20)\d{2})\b/gi

/** A quarter, which a brief can state only as its year: "in the second quarter (of 2018)". */
export const QUARTER = /\b(?:the )?(first|second|third|fourth|1st|2nd|3rd|4th) quarter(?: of ((?:19|20)\d{2}))?\b/gi

const NUMBER_WORDS =
  'a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|a couple of|few|several|many|\\d{1,3}'
const UNITS = 'days?|weeks?|fortnights?|months?|years?|decades?'

/** Counted periods: "nine months ago", "in a fortnight", "the past few days", "for two years". */
export const PERIOD = new RegExp(
  `\\b(?:(?<ago>${NUMBER_WORDS})\\s+(?<agoUnit>${UNITS})\\s+ago|(?<inWord>in|within)\\s+(?<in>${NUMBER_WORDS})\\s+(?<inUnit>${UNITS})|(?:the\\s+)?(?<rel>last|past|previous|next|coming|recent)\\s+(?:(?<relN>${NUMBER_WORDS})\\s+)?(?<relUnit>${UNITS})|for\\s+(?:the\\s+)?(?:${NUMBER_WORDS})\\s+(?:${UNITS}))\\b`,
  'gi',
)

export const NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
}

/** Days that news names by a short form. */
export const NAMED_DAYS: Record<string, string> = { '9/11': '2001-09-11' }

/** Words that put a sentence in the future: a weekday or month in it is the next one. */
export const FUTURE =
  /\b(?:will|won['’]t|shall|(?:is|are|was|were)\s+(?:due|set|scheduled|expected|slated|poised|going)\s+to|(?:plans?|planned|intends?|hopes?|aims?)\s+to|upcoming)\b|\w['’]ll\b/i

/** Month and weekday names; chrono also reads "sat" or "may" in lower case, news never writes them so. */
export const CALENDAR_WORD =
  /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b/i

/** "now" and the like: the present, not a date a brief states. */
export const PRESENT = /^(?:right now|now|currently|at present|at the moment)$/i
