// Page chrome, as data. A line is chrome when it matches one of these; the cleaner also applies
// structural tests (running text ends in sentence punctuation and has several words).

/** Whole lines that are navigation, prompts or labels (case-insensitive, trimmed). */
export const CHROME_EXACT: readonly string[] = [
  'advertisement',
  'advertising',
  'sponsored',
  'sponsored content',
  'supported by',
  'subscribe',
  'subscribe now',
  'log in',
  'login',
  'sign in',
  'sign up',
  'register',
  "today's paper",
  'today’s paper',
  'share',
  'share this',
  'tweet',
  'email',
  'print',
  'facebook',
  'twitter',
  'whatsapp',
  'linkedin',
  'reddit',
  'pinterest',
  'more',
  'more ▾',
  'show more',
  'read more',
  'learn more',
  'image',
  'photo',
  'video',
  'tags',
  'topics',
  'related',
  'related topics',
  'related content',
  'comments',
  'bookmark it',
  'about this content',
  'opinion',
  'news',
  'close',
  'menu',
  'search',
  'home',
]

/** Line prefixes that mark chrome (case-insensitive). */
export const CHROME_PREFIXES: readonly string[] = [
  'related:',
  'related stories',
  'read more',
  'read also',
  'read the full',
  'see also',
  'also read',
  'more on this',
  'more from',
  'watch:',
  'listen:',
  'topics:',
  'tags:',
  'follow ',
  'share this',
  'share on',
  'share via',
  'sign up',
  'subscribe to',
  'get more with',
  'learn more',
  'click here',
  'media caption',
  'image caption',
  'image copyright',
  'main image:',
  'photograph:',
  'photo:',
  'picture:',
  'credit:',
  'advertisement',
  'from the section',
  'contact ',
  'copyright',
  '©',
  'all rights reserved',
  'your video will play',
  'powered by',
  'disclosures',
  'download the',
  'newsletter',
  'we use cookies',
  'this site uses cookies',
  'cookie',
  'by clicking',
  'privacy policy',
  'terms of use',
  'terms of service',
  'view comments',
  'leave a comment',
  'join the conversation',
  'last modified',
  'updated:',
  'published:',
  'posted:',
  'from:',
  // Captions that say where in a picture or gallery things are.
  'clockwise from',
  'from left:',
  'from left,',
  'left to right:',
  'pictured:',
  'top:',
  'above:',
  'inset:',
  // Correction and editor's notes.
  'correction:',
  'clarification:',
  "editor's note",
  'editor’s note',
  'an earlier version of this',
  'additional reporting by',
]

/** Patterns anywhere in a line that mark it as chrome: captions with credits, prompts, contact lines. */
export const CHROME_PATTERNS: readonly RegExp[] = [
  /\bCredit(?:Credit)?\s*:\s*\S/,
  /CreditCredit/,
  /\b(?:Photo|Photograph|Picture|Image|Source|Illustration)\s*:\s*[^.!?]*$/,
  /\((?:Credit|Photo|Picture|Image)[^)]*\)\s*$/i,
  /\b(?:Getty Images|AFP|Reuters|AP Photo|EPA|Shutterstock)\s*$/,
  /\bis (?:sponsored|supported) by\b/i,
  /\bsupported by$/i,
  /[\w.+-]+@[\w-]+\.[\w.]+/,
  /\bfollow (?:him|her|them|us|me) (?:on|at)\b/i,
  /^\[.*\]$/,
  /^\d[\d,.]*\s*(?:comments?|shares?|views?)$/i,
  /\bcomments?\s*\d+$/i,
  /^(?:previous|next)(?: article| story)?$/i,
  /\.(?:jpe?g|png|gif|webp)$/i,
]

/**
 * Prompts that are chrome only on a short line: running text may mention a newsletter or how
 * people sign up for a service.
 */
export const PROMPT_PATTERNS: readonly RegExp[] = [
  /\bnewsletter\b/i,
  /\bnews ?feed\b/i,
  /\bsign up (?:for|to|now)\b/i,
  /\bsubscribe (?:to|now|for|today)\b/i,
]

/** Notes about the article rather than article text: corrections, contributors. */
export const NOTE_PATTERNS: readonly RegExp[] = [
  /^this (?:version|story|article|report) (?:corrects|has been (?:corrected|updated|amended))\b/i,
  /\bcontributed (?:reporting )?to this (?:report|story|article)\.?$/i,
  // Wire credits: "Reporting by A; Editing by B", without a sentence of their own.
  /^(?:reporting|writing|editing) by\b(?:[^.!?]*;|[^.!?]*$)/i,
]

/**
 * An author's bio, as pages put it after the article: "Jane Doe is a reporter for …". Only
 * dropped where no running text follows it.
 */
export const AUTHOR_BIO =
  /^\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|de|di|van|von|der|da|le|la|al|bin)){1,4}\s+(?:is|was)\s+(?:an?|the)\s+(?:[\p{L}-]+\s+){0,6}(?:reporter|correspondent|editor|writer|columnist|journalist|contributor|producer|critic|photographer|author)\b/u

/** Title-case words of four letters or more that headlines may still write in lower case. */
export const TITLE_LOWER: readonly string[] = ['from', 'into', 'onto', 'over', 'than', 'that', 'upon', 'with', 'versus']

/** Lines that open the page footer: nothing after them is article text. */
export const FOOTER_STARTS: readonly RegExp[] = [
  /^related topics$/i,
  /^more on this story$/i,
  /^read more stories about/i,
  /^share this story/i,
  /^comments?$/i,
  /^view comments/i,
]

/** Leading list markers: a bulleted line before the lede is a standfirst point, not body. */
export const BULLET = /^[•●▪◦·*–-]\s+/

/** A byline on its own line: "By Jane Doe", "by: Jane Doe". */
export const BYLINE = /^by:?\s+(\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|de|van|von|der|da|di|le|la))*)/iu
