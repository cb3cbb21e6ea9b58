// Date wording that chrono-node leaves to us.

/** Modifiers just before a month or year: the date keeps its precision but becomes approximate. */
export const DATE_MODIFIERS = /\b(?:late|early|mid|the end of|the beginning of|the start of|the middle of)[\s-]+$/i

/** Phrases chrono reads as a day but that name a whole year ("by the end of this year"). */
export const YEAR_PHRASES = /\b(?:end|beginning|start|middle) of (?:this|next|last|the) year\b/i

/** Relative weeks: chrono gives a day, but the text supports only the month. */
export const WEEK_PHRASES = /\bweek\b/i

/** A bare year the chrono parser does not read: "in 2015", "since 1980", "the 1990s". */
export const BARE_YEAR =
  /\b(?:in|since|by|from|until|before|after|during|of|early|late|mid)[\s-]+((?:19|20)\d{2})(s?)\b(?![-/]\d)/gi

/** Year-relative phrases. */
export const RELATIVE_YEAR = /\b(last|this|next) year\b/gi
