// First-person framings by which an author marks a statement as their own view ("I believe …",
// "I'd much prefer …", "my view is …"). Narration in the first person ("I asked him", "I visited")
// is not among them: only stance and judgement.
import type { CLAIM_KINDS } from '../../domain/vocabulary.js'

type ClaimKind = (typeof CLAIM_KINDS)[number]

const NOT = String.raw`(?:do\s+not|don['’]t|did\s+not|didn['’]t|would\s+not|wouldn['’]t)`
const WOULD = String.raw`(?:would|['’]d)`
const ADV = String.raw`(?:(?:much|really|strongly|firmly|also|still|genuinely|honestly|rather)\s+)?`

export const AUTHOR_STANCES: ReadonlyArray<{ kind: ClaimKind; pattern: RegExp }> = [
  // A stance: what the author holds, wants, prefers or refuses to argue.
  {
    kind: 'position',
    pattern: new RegExp(
      String.raw`\bI\s+${ADV}(?:believe|maintain|support|oppose|insist)\b|\bI\s+${NOT}\s+${ADV}(?:want|argue|mean\s+to|believe|accept|support)\b|\bI\s+${ADV}(?:${WOULD}\s+${ADV})?(?:prefer|rather)\b|\bI['’]d\s+${ADV}(?:prefer|rather)\b|\b(?:[Mm]y\s+(?:own\s+)?(?:view|position|opinion)\s+is\b|[Ii]n\s+my\s+(?:view|opinion)\b)`,
      'u',
    ),
  },
  // A judgement: what the author thinks is the case, or how they evaluate it.
  {
    kind: 'assessment',
    pattern: new RegExp(
      String.raw`\bI\s+${ADV}(?:think|suspect|doubt|reckon|fear|am\s+(?:sure|convinced|certain|confident|afraid))\b|\bI['’]m\s+${ADV}(?:sure|convinced|certain|confident|afraid)\b|\bI\s+${ADV}${WOULD}\s+be\s+(?:shocked|surprised|astonished)\b|\bI['’]d\s+be\s+(?:shocked|surprised|astonished)\b|\b[Mm]y\s+(?:own\s+)?(?:experience|impression|sense|conclusion|guess|hunch)\b|\bleaves?\s+me\s+with\s+the\s+impression\b`,
      'u',
    ),
  },
]
