// Naming a finding from its code (domain.md §0, "Findings per pathogen"
// and "Paired sera"): the words live in common-messages.ts under
// findingNames, keyed by what findingKey returns. Pure, tested in
// findingWords.test.ts.

export const pathogenCodes = ['TOXO', 'RUBV', 'CMV', 'HSV'] as const

// The patterns named from the finding's own IgM and IgG readings when it
// carries them ("IgM阳性、IgG灰区" is more exact than the pattern's name).
const readingPatterns = new Set(['IGM_POS_IGG_POS', 'IGM_POS_IGG_NEG', 'IGM_EQUIVOCAL', 'IGG_EQUIVOCAL'])

// The codes whose words differ from their pattern's for one pathogen.
const ownWords = new Set(['RUBV_IGG_EQUIVOCAL', 'RUBV_SUSCEPTIBLE'])

// The findings of a pair: a retest read against her earlier sample.
const pairedPatterns = new Set(['SEROCONVERSION', 'IGM_PERSISTENT', 'IGM_NOT_CONFIRMED', 'IGG_LOSS'])

// pathogenOf is the pathogen a finding code begins with ('' if none).
export function pathogenOf(code: string): string {
  return pathogenCodes.find((p) => code.startsWith(p + '_')) ?? ''
}

// findingPattern is the finding's serology pattern without the pathogen:
// TOXO_IGM_POS_IGG_NEG → IGM_POS_IGG_NEG.
export function findingPattern(code: string, pathogen = pathogenOf(code)): string {
  return pathogen && code.startsWith(pathogen + '_') ? code.slice(pathogen.length + 1) : code
}

// findingKey is the key of the finding's words under findingNames: the
// code itself where one pathogen has its own words (rubella's grey zone
// counts as not immune), else its pattern.
export function findingKey(code: string, pathogen = pathogenOf(code)): string {
  return ownWords.has(code) ? code : findingPattern(code, pathogen)
}

// fromReadings: the finding is best named from its IgM and IgG readings.
export function fromReadings(code: string, pathogen = pathogenOf(code)): boolean {
  return !ownWords.has(code) && readingPatterns.has(findingPattern(code, pathogen))
}

export function isPaired(code: string, pathogen = pathogenOf(code)): boolean {
  return pairedPatterns.has(findingPattern(code, pathogen))
}

// findingCodes picks the finding codes out of a server's sentence, such as
// a timeline detail "retest 100000012, report version 1: TOXO_SEROCONVERSION, RUBV_PAST_INFECTION".
export function findingCodes(text: string): string[] {
  return text.match(/\b(?:TOXO|RUBV|CMV|HSV)_[A-Z_]+\b/g) ?? []
}

// A change of one antibody between the earlier sample and this one.
export interface Change {
  ig: 'IgG' | 'IgM'
  from: string
  to: string
}

// pairChanges are a paired finding's readings, earlier → now: IgG always,
// IgM where both samples were tested for it.
export function pairChanges(f: { igg: string; igm?: string; earlier_igg?: string; earlier_igm?: string }): Change[] {
  const out: Change[] = []
  if (f.earlier_igg) out.push({ ig: 'IgG', from: f.earlier_igg, to: f.igg })
  if (f.earlier_igm && f.igm) out.push({ ig: 'IgM', from: f.earlier_igm, to: f.igm })
  return out
}
