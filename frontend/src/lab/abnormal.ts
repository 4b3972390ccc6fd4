import type { Interpretation } from './types'

// Which pathogens of a sample need action, by the table of domain.md §0 as
// lab/interpret.go applies it (Interpret), without its priorities or
// advice: the verification screen must know before release whether the
// technician has to acknowledge abnormal results. Abnormality does not
// depend on pregnancy. The server decides again on Verify and answers
// abnormal_not_acknowledged with its own findings if this ever disagrees.
export const PATHOGENS = ['TOXO', 'RUBV', 'CMV', 'HSV'] as const

export interface PathogenPattern {
  pathogen: string
  igg: Interpretation
  igm?: Interpretation // undefined: not tested in this panel
  abnormal: boolean
}

export function patterns(results: Record<string, Interpretation>): PathogenPattern[] {
  const out: PathogenPattern[] = []
  for (const p of PATHOGENS) {
    const g = results[p + '_IGG']
    if (!g) continue // no IgG result: no finding
    const tested = results[p + '_IGM']
    const m = tested ?? 'negative'
    const abnormal = m === 'positive' || m === 'equivocal' || g === 'equivocal' || (g === 'negative' && p === 'RUBV')
    out.push({ pathogen: p, igg: g, igm: tested, abnormal })
  }
  return out
}

export function isAbnormal(results: Record<string, Interpretation>): boolean {
  return patterns(results).some((p) => p.abnormal)
}
