// Capitals, demonyms and everyday names of states, keyed by ISO 3166-1 alpha-3.
// Compiled by hand from the capital and nationality entries of the CIA World Factbook
// (cia.gov/the-world-factbook) and Wikipedia's "List of adjectival and demonymic forms for
// countries and nations"; country names and codes themselves come from i18n-iso-countries.
// Format per row: ISO3 | capitals | demonyms (adjective and plural noun) | extra names.
// A demonym ending in "+" also stands for its plural in -s: "Afghan+" is "Afghan,Afghans".
import { fieldTable, list } from './table.js'

const ROWS = `
AFG|Kabul|Afghan+|
ALB|Tirana|Albanian+|
DZA|Algiers|Algerian+|
AGO|Luanda|Angolan+|
ARG|Buenos Aires|Argentine,Argentinian+,Argentines|
ARM|Yerevan|Armenian+|
AUS|Canberra|Australian+|
AUT|Vienna|Austrian+|
AZE|Baku|Azerbaijani+|
BHR|Manama|Bahraini+|
BGD|Dhaka|Bangladeshi+|
BLR|Minsk|Belarusian+|
BEL|Brussels|Belgian+|
BOL|La Paz|Bolivian+|
BIH|Sarajevo|Bosnian+|
BRA|Brasilia,Brasília|Brazilian+|
BGR|Sofia|Bulgarian+|
KHM|Phnom Penh|Cambodian+|
CMR|Yaounde,Yaoundé|Cameroonian+|
CAN|Ottawa|Canadian+|
CHL|Santiago|Chilean+|
CHN|Beijing|Chinese|PRC,Mainland China
COL|Bogota,Bogotá|Colombian+|
COD|Kinshasa|Congolese|DRC,DR Congo
HRV|Zagreb|Croatian+,Croat+|
CUB|Havana|Cuban+|
CYP|Nicosia|Cypriot+|
CZE|Prague|Czech+|Czech Republic
DNK|Copenhagen|Danish,Danes|
EGY|Cairo|Egyptian+|
ETH|Addis Ababa|Ethiopian+|
FIN|Helsinki|Finnish,Finns|
FRA|Paris|French|
GEO|Tbilisi|Georgian+|
DEU|Berlin|German+|
GHA|Accra|Ghanaian+|
GRC|Athens|Greek+|
HUN|Budapest|Hungarian+|
IND|New Delhi|Indian+|
IDN|Jakarta|Indonesian+|
IRN|Tehran|Iranian+|
IRQ|Baghdad|Iraqi+|
IRL|Dublin|Irish|
ISR|Jerusalem|Israeli+|
ITA|Rome|Italian+|
JPN|Tokyo|Japanese|
JOR|Amman|Jordanian+|
KAZ|Astana|Kazakh+|
KEN|Nairobi|Kenyan+|
PRK|Pyongyang|North Korean+|North Korea
KOR|Seoul|South Korean+|South Korea
KWT|Kuwait City|Kuwaiti+|
LBN|Beirut|Lebanese|
LBY|Tripoli|Libyan+|
MYS|Kuala Lumpur|Malaysian+|
MEX|Mexico City|Mexican+|
MAR|Rabat|Moroccan+|
MMR|Naypyidaw,Naypyitaw|Myanmar,Burmese|Burma
NLD|Amsterdam,The Hague|Dutch|Holland
NZL|Wellington|New Zealander+|
NGA|Abuja|Nigerian+|
NOR|Oslo|Norwegian+|
PAK|Islamabad|Pakistani+|
PSE|Ramallah|Palestinian+|Palestine
PHL|Manila|Filipino+,Philippine|
POL|Warsaw|Polish,Poles|
PRT|Lisbon|Portuguese|
QAT|Doha|Qatari+|
ROU|Bucharest|Romanian+|
RUS|Moscow|Russian+|Kremlin
SAU|Riyadh|Saudi+|Saudi Arabia
SRB|Belgrade|Serbian,Serbs|
SGP|Singapore|Singaporean+|
SOM|Mogadishu|Somali+|
ZAF|Pretoria|South African+|
SSD|Juba|South Sudanese|
ESP|Madrid|Spanish,Spaniards|
LKA|Colombo|Sri Lankan+|
SDN|Khartoum|Sudanese|
SWE|Stockholm|Swedish,Swedes|
CHE|Bern|Swiss|
SYR|Damascus|Syrian+|Syria
TWN|Taipei|Taiwanese|
THA|Bangkok|Thai+|
TUR|Ankara|Turkish,Turks|Turkiye,Türkiye
UGA|Kampala|Ugandan+|
UKR|Kyiv,Kiev|Ukrainian+|
ARE|Abu Dhabi|Emirati+|UAE
GBR|London|British,Britons|Britain,U.K.,Downing Street
USA|Washington|American+|America,the States,White House
VEN|Caracas|Venezuelan+|
VNM|Hanoi|Vietnamese|Vietnam
YEM|Sanaa|Yemeni+|
ZMB|Lusaka|Zambian+|
ZWE|Harare|Zimbabwean+|
LAO|Vientiane|Laotian+|Laos
MDA|Chisinau|Moldovan+|Moldova
BRN|Bandar Seri Begawan|Bruneian+|Brunei
MKD|Skopje|Macedonian+|Macedonia
CIV|Yamoussoukro|Ivorian+|Ivory Coast,Côte d’Ivoire,Cote d'Ivoire
VAT||Vatican|Vatican,Holy See
SWZ|Mbabane|Swazi+|Swaziland
MNG|Ulaanbaatar,Ulan Bator|Mongolian+|
NPL|Kathmandu|Nepali,Nepalese|
PER|Lima|Peruvian+|
ECU|Quito|Ecuadorian+|
TUN|Tunis|Tunisian+|
SEN|Dakar|Senegalese|
MLI|Bamako|Malian+|
RWA|Kigali|Rwandan+|
TZA|Dodoma|Tanzanian+|
MOZ|Maputo|Mozambican+|
NIC|Managua|Nicaraguan+|
HTI|Port-au-Prince|Haitian+|
JAM|Kingston|Jamaican+|
ISL|Reykjavik,Reykjavík|Icelandic,Icelanders|
EST|Tallinn|Estonian+|
LVA|Riga|Latvian+|
LTU|Vilnius|Lithuanian+|
SVK|Bratislava|Slovak+|
SVN|Ljubljana|Slovenian+,Slovene+|
URY|Montevideo|Uruguayan+|
PRY|Asuncion,Asunción|Paraguayan+|
OMN|Muscat|Omani+|
UZB|Tashkent|Uzbek+|
KGZ|Bishkek|Kyrgyz|
TJK|Dushanbe|Tajik+|
TKM|Ashgabat|Turkmen|
NER|Niamey|Nigerien+|
BFA|Ouagadougou|Burkinabe|
`

export interface GeoRow {
  iso3: string
  capitals: string[]
  demonyms: string[]
  names: string[]
}

/** The demonyms of a row, with each "X+" spelled out as "X", "Xs". */
const demonymList = (field: string | undefined) =>
  list(field).flatMap((d) => (d.endsWith('+') ? [d.slice(0, -1), `${d.slice(0, -1)}s`] : [d]))

export const GEO: readonly GeoRow[] = fieldTable(ROWS).map(([iso3, capitals, demonyms, names]) => ({
  iso3: iso3!,
  capitals: list(capitals),
  demonyms: demonymList(demonyms),
  names: list(names),
}))

/** Words after a country name that make it a place, not the state ("East China Sea"). */
export const GEO_FEATURES: readonly string[] = [
  'Sea',
  'Seas',
  'Ocean',
  'Strait',
  'Straits',
  'Island',
  'Islands',
  'Peninsula',
  'River',
  'Mountains',
  'Gulf',
  'Bay',
  'Coast',
  'Basin',
  'Desert',
  'Lake',
  'Plateau',
  'Highlands',
  'Valley',
  'Street',
  'Road',
  'Avenue',
]

/** Compass words before a country name that make it a region ("South China Sea", "East Timor" is handled by ISO). */
export const COMPASS = ['North', 'South', 'East', 'West', 'Northern', 'Southern', 'Eastern', 'Western', 'Central']

/** ISO names that are too ambiguous in running text to count as a state mention. */
export const NAME_STOPLIST: readonly string[] = [
  'Georgia',
  'Jersey',
  'Chad',
  'Guinea',
  'Dominica',
  'Man',
  'Reunion',
  'Christmas Island',
]
