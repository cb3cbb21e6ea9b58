// Capitals, demonyms and everyday names of states, keyed by ISO 3166-1 alpha-3.
// Compiled by hand from the capital and nationality entries of the CIA World Factbook
// (cia.gov/the-world-factbook) and Wikipedia's "List of adjectival and demonymic forms for
// countries and nations"; country names and codes themselves come from i18n-iso-countries.
// Format per row: ISO3 | capitals | demonyms (adjective and plural noun) | extra names.

const ROWS = `
AFG|Kabul|Afghan,Afghans|
ALB|Tirana|Albanian,Albanians|
DZA|Algiers|Algerian,Algerians|
AGO|Luanda|Angolan,Angolans|
ARG|Buenos Aires|Argentine,Argentinian,Argentinians,Argentines|
ARM|Yerevan|Armenian,Armenians|
AUS|Canberra|Australian,Australians|
AUT|Vienna|Austrian,Austrians|
AZE|Baku|Azerbaijani,Azerbaijanis|
BHR|Manama|Bahraini,Bahrainis|
BGD|Dhaka|Bangladeshi,Bangladeshis|
BLR|Minsk|Belarusian,Belarusians|
BEL|Brussels|Belgian,Belgians|
BOL|La Paz|Bolivian,Bolivians|
BIH|Sarajevo|Bosnian,Bosnians|
BRA|Brasilia,Brasília|Brazilian,Brazilians|
BGR|Sofia|Bulgarian,Bulgarians|
KHM|Phnom Penh|Cambodian,Cambodians|
CMR|Yaounde,Yaoundé|Cameroonian,Cameroonians|
CAN|Ottawa|Canadian,Canadians|
CHL|Santiago|Chilean,Chileans|
CHN|Beijing|Chinese|PRC,Mainland China
COL|Bogota,Bogotá|Colombian,Colombians|
COD|Kinshasa|Congolese|DRC,DR Congo
HRV|Zagreb|Croatian,Croatians,Croat,Croats|
CUB|Havana|Cuban,Cubans|
CYP|Nicosia|Cypriot,Cypriots|
CZE|Prague|Czech,Czechs|Czech Republic
DNK|Copenhagen|Danish,Danes|
EGY|Cairo|Egyptian,Egyptians|
ETH|Addis Ababa|Ethiopian,Ethiopians|
FIN|Helsinki|Finnish,Finns|
FRA|Paris|French|
GEO|Tbilisi|Georgian,Georgians|
DEU|Berlin|German,Germans|
GHA|Accra|Ghanaian,Ghanaians|
GRC|Athens|Greek,Greeks|
HUN|Budapest|Hungarian,Hungarians|
IND|New Delhi|Indian,Indians|
IDN|Jakarta|Indonesian,Indonesians|
IRN|Tehran|Iranian,Iranians|
IRQ|Baghdad|Iraqi,Iraqis|
IRL|Dublin|Irish|
ISR|Jerusalem|Israeli,Israelis|
ITA|Rome|Italian,Italians|
JPN|Tokyo|Japanese|
JOR|Amman|Jordanian,Jordanians|
KAZ|Astana|Kazakh,Kazakhs|
KEN|Nairobi|Kenyan,Kenyans|
PRK|Pyongyang|North Korean,North Koreans|North Korea
KOR|Seoul|South Korean,South Koreans|South Korea
KWT|Kuwait City|Kuwaiti,Kuwaitis|
LBN|Beirut|Lebanese|
LBY|Tripoli|Libyan,Libyans|
MYS|Kuala Lumpur|Malaysian,Malaysians|
MEX|Mexico City|Mexican,Mexicans|
MAR|Rabat|Moroccan,Moroccans|
MMR|Naypyidaw,Naypyitaw|Myanmar,Burmese|Burma
NLD|Amsterdam,The Hague|Dutch|Holland
NZL|Wellington|New Zealander,New Zealanders|
NGA|Abuja|Nigerian,Nigerians|
NOR|Oslo|Norwegian,Norwegians|
PAK|Islamabad|Pakistani,Pakistanis|
PSE|Ramallah|Palestinian,Palestinians|Palestine
PHL|Manila|Filipino,Filipinos,Philippine|
POL|Warsaw|Polish,Poles|
PRT|Lisbon|Portuguese|
QAT|Doha|Qatari,Qataris|
ROU|Bucharest|Romanian,Romanians|
RUS|Moscow|Russian,Russians|Kremlin
SAU|Riyadh|Saudi,Saudis|Saudi Arabia
SRB|Belgrade|Serbian,Serbs|
SGP|Singapore|Singaporean,Singaporeans|
SOM|Mogadishu|Somali,Somalis|
ZAF|Pretoria|South African,South Africans|
SSD|Juba|South Sudanese|
ESP|Madrid|Spanish,Spaniards|
LKA|Colombo|Sri Lankan,Sri Lankans|
SDN|Khartoum|Sudanese|
SWE|Stockholm|Swedish,Swedes|
CHE|Bern|Swiss|
SYR|Damascus|Syrian,Syrians|Syria
TWN|Taipei|Taiwanese|
THA|Bangkok|Thai,Thais|
TUR|Ankara|Turkish,Turks|Turkiye,Türkiye
UGA|Kampala|Ugandan,Ugandans|
UKR|Kyiv,Kiev|Ukrainian,Ukrainians|
ARE|Abu Dhabi|Emirati,Emiratis|UAE
GBR|London|British,Britons|Britain,U.K.,Downing Street
USA|Washington|American,Americans|America,the States,White House
VEN|Caracas|Venezuelan,Venezuelans|
VNM|Hanoi|Vietnamese|Vietnam
YEM|Sanaa|Yemeni,Yemenis|
ZMB|Lusaka|Zambian,Zambians|
ZWE|Harare|Zimbabwean,Zimbabweans|
LAO|Vientiane|Laotian,Laotians|Laos
MDA|Chisinau|Moldovan,Moldovans|Moldova
BRN|Bandar Seri Begawan|Bruneian,Bruneians|Brunei
MKD|Skopje|Macedonian,Macedonians|Macedonia
CIV|Yamoussoukro|Ivorian,Ivorians|Ivory Coast,Côte d’Ivoire,Cote d'Ivoire
VAT||Vatican|Vatican,Holy See
SWZ|Mbabane|Swazi,Swazis|Swaziland
MNG|Ulaanbaatar,Ulan Bator|Mongolian,Mongolians|
NPL|Kathmandu|Nepali,Nepalese|
PER|Lima|Peruvian,Peruvians|
ECU|Quito|Ecuadorian,Ecuadorians|
TUN|Tunis|Tunisian,Tunisians|
SEN|Dakar|Senegalese|
MLI|Bamako|Malian,Malians|
RWA|Kigali|Rwandan,Rwandans|
TZA|Dodoma|Tanzanian,Tanzanians|
MOZ|Maputo|Mozambican,Mozambicans|
NIC|Managua|Nicaraguan,Nicaraguans|
HTI|Port-au-Prince|Haitian,Haitians|
JAM|Kingston|Jamaican,Jamaicans|
ISL|Reykjavik,Reykjavík|Icelandic,Icelanders|
EST|Tallinn|Estonian,Estonians|
LVA|Riga|Latvian,Latvians|
LTU|Vilnius|Lithuanian,Lithuanians|
SVK|Bratislava|Slovak,Slovaks|
SVN|Ljubljana|Slovenian,Slovenians,Slovene,Slovenes|
URY|Montevideo|Uruguayan,Uruguayans|
PRY|Asuncion,Asunción|Paraguayan,Paraguayans|
OMN|Muscat|Omani,Omanis|
UZB|Tashkent|Uzbek,Uzbeks|
KGZ|Bishkek|Kyrgyz|
TJK|Dushanbe|Tajik,Tajiks|
TKM|Ashgabat|Turkmen|
NER|Niamey|Nigerien,Nigeriens|
BFA|Ouagadougou|Burkinabe|
`

export interface GeoRow {
  iso3: string
  capitals: string[]
  demonyms: string[]
  names: string[]
}

const list = (s: string | undefined) =>
  s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : []

export const GEO: readonly GeoRow[] = ROWS.trim()
  .split('\n')
  .map((row) => {
    const [iso3, capitals, demonyms, names] = row.split('|')
    return { iso3: iso3!, capitals: list(capitals), demonyms: list(demonyms), names: list(names) }
  })

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
