// Words that make a capitalised name an organisation, titles that make it a person, and the
// few institutions every news article may name. Kinds are ACTOR_KINDS values.
import { ACTOR_KINDS } from '../../domain/vocabulary.js'
import { fieldTable, list, ofVocabulary } from './table.js'

type ActorKind = (typeof ACTOR_KINDS)[number]

/** Head nouns of organisation names ("… University", "Ministry of …"), with the kind they imply. */
export const ORG_HEADS: Readonly<Record<string, ActorKind>> = {
  Ministry: 'government_body',
  Department: 'government_body',
  Office: 'government_body',
  Agency: 'government_body',
  Administration: 'government_body',
  Commission: 'government_body',
  Bureau: 'government_body',
  Treasury: 'government_body',
  Government: 'government_body',
  Cabinet: 'government_body',
  Parliament: 'government_body',
  Congress: 'government_body',
  Senate: 'government_body',
  Assembly: 'government_body',
  Court: 'government_body',
  Council: 'government_body',
  Committee: 'government_body',
  Authority: 'government_body',
  Embassy: 'government_body',
  Service: 'government_body',
  Board: 'organisation',
  Representatives: 'government_body',
  Commons: 'government_body',
  Lords: 'government_body',
  Reserve: 'government_body',
  Hospital: 'organisation',
  Trust: 'organisation',
  Church: 'organisation',
  Airlines: 'organisation',
  Airways: 'organisation',
  Holdings: 'organisation',
  Laboratory: 'organisation',
  Laboratories: 'organisation',
  Broadcasting: 'media',
  Media: 'media',
  Police: 'law_enforcement',
  Constabulary: 'law_enforcement',
  Guard: 'law_enforcement',
  Army: 'military',
  Navy: 'military',
  'Air Force': 'military',
  Forces: 'military',
  Military: 'military',
  Marines: 'military',
  University: 'academic_institution',
  Institute: 'academic_institution',
  College: 'academic_institution',
  Academy: 'academic_institution',
  School: 'academic_institution',
  Center: 'organisation',
  Centre: 'organisation',
  'Think Tank': 'organisation',
  Foundation: 'organisation',
  Association: 'organisation',
  Union: 'organisation',
  Federation: 'organisation',
  Society: 'organisation',
  Party: 'organisation',
  Movement: 'organisation',
  Front: 'organisation',
  Group: 'organisation',
  Company: 'organisation',
  Corporation: 'organisation',
  Corp: 'organisation',
  Inc: 'organisation',
  Ltd: 'organisation',
  Bank: 'organisation',
  Fund: 'organisation',
  Project: 'organisation',
  Network: 'organisation',
  Organisation: 'organisation',
  Organization: 'organisation',
  Alliance: 'organisation',
  Coalition: 'organisation',
  Times: 'media',
  Post: 'media',
  Herald: 'media',
  Journal: 'media',
  Review: 'media',
  Magazine: 'media',
  Gazette: 'media',
  Tribune: 'media',
  Telegraph: 'media',
  Guardian: 'media',
  News: 'media',
  Press: 'media',
  Television: 'media',
  Radio: 'media',
}

/** Lower-case heads after a demonym or country ("Chinese foreign ministry", "Japan's coast guard"). */
export const COMMON_ORG_HEADS: Readonly<Record<string, ActorKind>> = {
  'foreign ministry': 'government_body',
  'defence ministry': 'government_body',
  'defense ministry': 'government_body',
  'interior ministry': 'government_body',
  'finance ministry': 'government_body',
  'health ministry': 'government_body',
  'trade ministry': 'government_body',
  'commerce ministry': 'government_body',
  'justice ministry': 'government_body',
  'education ministry': 'government_body',
  ministry: 'government_body',
  government: 'government_body',
  cabinet: 'government_body',
  parliament: 'government_body',
  embassy: 'government_body',
  'central bank': 'government_body',
  'coast guard': 'law_enforcement',
  coastguard: 'law_enforcement',
  police: 'law_enforcement',
  'air force': 'military',
  navy: 'military',
  army: 'military',
  military: 'military',
  'armed forces': 'military',
  troops: 'military',
  'security forces': 'military',
  'intelligence services': 'government_body',
  'intelligence service': 'government_body',
  intelligence: 'government_body',
}

/** Lower-case heads after a proper name ("Obama administration", "Northfield police"). */
export const LOWER_ORG_HEADS: Readonly<Record<string, ActorKind>> = {
  administration: 'government_body',
  government: 'government_body',
  ministry: 'government_body',
  department: 'government_body',
  council: 'government_body',
  agency: 'government_body',
  authority: 'government_body',
  court: 'government_body',
  commission: 'government_body',
  police: 'law_enforcement',
  constabulary: 'law_enforcement',
  hospital: 'organisation',
  foundation: 'organisation',
  university: 'academic_institution',
  magazine: 'media',
  newspaper: 'media',
  website: 'media',
}

/** Words that may stand between a proper name and a lower-case head ("Hill County health department"). */
export const NOT_ORG_MODIFIERS: ReadonlySet<string> = new Set(
  'said says say told and or but the a an of to in on at for with from by as is was are were has had have will would that which who than then also'.split(
    ' ',
  ),
)

/** Institutions named by a single capitalised word ("the Senate voted"). */
export const SINGLE_WORD_BODIES: Readonly<Record<string, ActorKind>> = {
  Parliament: 'government_body',
  Senate: 'government_body',
  Government: 'government_body',
  Cabinet: 'government_body',
  Treasury: 'government_body',
  Politburo: 'government_body',
  Knesset: 'government_body',
  Bundestag: 'government_body',
  Duma: 'government_body',
}

/** Upper-case abbreviations that name no actor. */
export const NOT_ACTOR_ACRONYMS: ReadonlySet<string> = new Set(
  `TV CEO CEOs CFO COO GDP GMT UTC BST EST PST AM PM DNA RNA HIV AIDS ID IT AI PC SMS GPS USB FAQ PDF URL HTML
  CCTV CBD PII VAT OK UK US USA EU AD BC BCE CE MP MPs MEP PhD MBA MD RIP LGBT LGBTQ NGO NGOs ICU ER A&E VIP
  IPO IQ CO2 LNG GMO API APP APPS WiFi SUV PR HR ATM PIN VPN DIY AKA ASAP FYI UN NB PS TBC TBA CV OS ETA`.split(/\s+/),
)

/** Titles before a name that make it a person; the title is kept as the person's title. */
export const PERSON_TITLES: readonly string[] = [
  'President',
  'Vice President',
  'Vice-President',
  'Prime Minister',
  'Deputy Prime Minister',
  'Foreign Minister',
  'Defence Minister',
  'Defense Minister',
  'Finance Minister',
  'Interior Minister',
  'Health Minister',
  'Trade Minister',
  'Minister',
  'Secretary of State',
  'Secretary',
  'Chancellor',
  'King',
  'Queen',
  'Prince',
  'Princess',
  'Emperor',
  'Pope',
  'Sheikh',
  'Governor',
  'Mayor',
  'Senator',
  'Sen.',
  'Rep.',
  'Representative',
  'Congressman',
  'Congresswoman',
  'Judge',
  'Justice',
  'Ambassador',
  'General',
  'Gen.',
  'Admiral',
  'Adm.',
  'Colonel',
  'Col.',
  'Lieutenant',
  'Lt.',
  'Major',
  'Captain',
  'Capt.',
  'Sergeant',
  'Commander',
  'Chief',
  'Director',
  'Chairman',
  'Chairwoman',
  'Professor',
  'Prof.',
  'Prof',
  'Dr.',
  'Dr',
  'Mr.',
  'Mr',
  'Mrs.',
  'Mrs',
  'Ms.',
  'Ms',
  'Sir',
  'Dame',
  'Lord',
  'Lady',
  'Bishop',
  'Archbishop',
  'Father',
  'Rev.',
  'Reverend',
  'Imam',
  'Rabbi',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'President-elect',
  'Attorney-General',
  'Commissioner',
  'Inspector',
  'Chief Inspector',
  'Superintendent',
  'Detective',
  'Constable',
  'Attorney General',
  'Treasurer',
  'Premier',
  'Speaker',
  'Leader',
  'leader',
  'chief',
  'commander',
  'director',
  'minister',
  'president',
  'professor',
  'writer',
  'reporter',
  'analyst',
  'expert',
  'economist',
  'official',
  'officer',
  'coroner',
  'whisperer',
  'ministers',
  'leaders',
  'officials',
  'wife',
  'husband',
  'son',
  'daughter',
  'brother',
  'sister',
  'priest',
  'founder',
  'chief executive',
  'CEO',
]

/** Role nouns that, after "a"/"an"/"the" and before ", said" or a comma, describe a person ("a professor of …"). */
export const PERSON_ROLE_NOUNS: readonly string[] = [
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'minister',
  'president',
  'director',
  'professor',
  'fellow',
  'researcher',
  'analyst',
  'expert',
  'economist',
  'official',
  'officer',
  'chief',
  'head',
  'chairman',
  'chairwoman',
  'founder',
  'leader',
  'lawyer',
  'attorney',
  'adviser',
  'advisor',
  'instructor',
  'lecturer',
  'scientist',
  'executive',
  'editor',
  'writer',
  'reporter',
  'journalist',
  'commander',
  'general',
  'secretary',
  'ambassador',
  'senator',
  'governor',
  'mayor',
  'mother',
  'father',
  'student',
  'member',
  'manager',
  'engineer',
  'doctor',
  'worker',
  'resident',
  'partner',
  'owner',
  'student',
  'coroner',
  'technologist',
  'staff',
  'priest',
  'wife',
  'husband',
]

/**
 * Institutions every article may name, with their kind; curated, extended by the store's actors.
 * Each line: name | kind | country (ISO3, empty for none) | aliases, comma-separated.
 */
export const KNOWN_ORGS: ReadonlyArray<{ name: string; kind: ActorKind; country: string | null; aliases: string[] }> =
  fieldTable(`
United Nations|international_organisation||UN,U.N.
NATO|international_organisation||Nato
European Union|international_organisation||EU,E.U.
World Health Organization|international_organisation||WHO
International Monetary Fund|international_organisation||IMF
World Bank|international_organisation||
World Trade Organization|international_organisation||WTO
African Union|international_organisation||AU
ASEAN|international_organisation||Asean
G7|grouping||Group of Seven
G20|grouping||Group of 20
Reuters|media||
Associated Press|media||AP
Agence France-Presse|media|FRA|AFP
BBC|media|GBR|
CNN|media|USA|
Xinhua|media|CHN|
Bloomberg|media|USA|
Twitter|organisation|USA|
Facebook|organisation|USA|
Google|organisation|USA|
People’s Liberation Army|military|CHN|People's Liberation Army,PLA
Pentagon|military|USA|
Federal Reserve|government_body|USA|Fed
NASA|government_body|USA|
FBI|law_enforcement|USA|
CIA|government_body|USA|
European Commission|international_organisation||
Red Cross|international_organisation||
Amnesty International|organisation||
Human Rights Watch|organisation||
OPEC|international_organisation||
OECD|international_organisation||
Interpol|international_organisation||
International Atomic Energy Agency|international_organisation||IAEA
Apple|organisation|USA|
Microsoft|organisation|USA|
Kremlin|government_body|RUS|
Congress|government_body|USA|
Taliban|organisation||
Hamas|organisation||
Hezbollah|organisation||
Islamic State|organisation||ISIS,IS
`).map(([name, kind, country, aliases]) => ({
    name: name!,
    kind: ofVocabulary(ACTOR_KINDS, kind!),
    country: country || null,
    aliases: list(aliases),
  }))

/** Capitalised words that never start or end a name: function words, months, weekdays, pronouns. */
export const NOT_NAME_WORDS: ReadonlySet<string> = new Set(
  `The A An And But Or Nor For Yet So In On At To From By With Of As Into Over Under After Before During Since Until
  While When Where Why How What Which Who Whom Whose That This These Those There Here It Its He She They We I You
  His Her Their Our My Your Him Them Us Me If Then Than Although Though Because Despite However Meanwhile Moreover
  Also Still Even Just Only Some Many Most Much More Few Several All Any Each Every No Not Now Today Yesterday
  Tomorrow Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
  August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Wed Thu
  Fri Sat Sun Photo Image Video Read Share Like Follow Watch According Among Amid Against About Around Between
  Both Either Neither Such Other Another Once Twice First Second Third Last Next New Old Former Ex Late Early
  Why Whatever Whenever Although Unlike Like Per Via Without Within Through Throughout Inside Outside Near
  Following Including Excluding Regarding Concerning Given Let Do Does Did Is Are Was Were Be Been Being Has Have
  Had Will Would Shall Should Can Could May Might Must Yes OK Okay Mr Mrs Ms Dr Sir`.split(/\s+/),
)

/** Common nouns that, right before a capitalised name, say it is a company or brand ("the ride-hailing service Zentro"). */
export const COMPANY_NOUNS: readonly string[] = [
  'company',
  'firm',
  'startup',
  'start-up',
  'supplier',
  'rival',
  'service',
  'website',
  'brand',
  'operator',
  'platform',
  'retailer',
  'carrier',
  'airline',
  'maker',
  'manufacturer',
  'contractor',
  'utility',
  'provider',
  'chain',
  'app',
]

/** Verbs a company is the subject of ("Zentro launched", "Zentro has been sued"). */
export const CORPORATE_VERBS: readonly string[] = [
  'announce',
  'launch',
  'sue',
  'hire',
  'unveil',
  'acquire',
  'buy',
  'sell',
  'raise',
  'file',
  'release',
  'report',
  'recall',
  'lay off',
  'fire',
  'invest',
  'charge',
  'hope',
  'claim',
  'deny',
  'confirm',
]

/** Corporate suffixes after a name ("Zentro Inc", "Velmar Ltd."). */
export const CORPORATE_SUFFIXES: readonly string[] = ['Inc', 'Ltd', 'Co', 'Corp', 'LLC', 'plc', 'GmbH', 'AG', 'SA']

/** Plural role nouns that, with "in <place>", name an actor ("prosecutors in Velmar"). */
export const PLACED_ROLE_NOUNS: Readonly<Record<string, ActorKind>> = {
  prosecutors: 'law_enforcement',
  investigators: 'law_enforcement',
  detectives: 'law_enforcement',
  regulators: 'government_body',
  lawmakers: 'government_body',
  legislators: 'government_body',
  authorities: 'government_body',
}

/** Common nouns for a people or group that stand for the group named just before them. */
export const GROUP_ANAPHORS: readonly string[] = ['tribe', 'clan', 'iwi', 'community', 'band', 'movement', 'militia']
