import { findingPattern } from '../shared/findingWords'
import { eventWords, type Lowered } from './words'
import type { CaseEvent, Finding } from './types'

// The external results' pure parts, tested in external.test.ts.

// The findings an avidity or PCR result speaks to (lab/followup_external.go).
const igmPatterns = ['IGM_POS_IGG_POS', 'IGM_POS_IGG_NEG', 'IGM_EQUIVOCAL', 'IGM_PERSISTENT', 'SEROCONVERSION']

// externalPathogen is the pathogen the form proposes for an avidity or
// PCR result: the case's only one with an IgM finding (HSV takes none);
// '' when there is none or several, and the counselor must choose.
export function externalPathogen(findings: Pick<Finding, 'code' | 'pathogen'>[]): string {
  const seen = new Set(findings.filter((f) => f.pathogen !== 'HSV' && igmPatterns.includes(findingPattern(f.code, f.pathogen))).map((f) => f.pathogen))
  return seen.size === 1 ? [...seen][0] : ''
}

// loweredReasons are the avidity rule's reasons of the case's external
// results, in the order they were recorded (the timeline's external_result
// steps and the results both come in id order): null where a result
// lowered nothing.
export function loweredReasons(timeline: Pick<CaseEvent, 'event' | 'detail'>[]): (Lowered | null)[] {
  return timeline.filter((e) => e.event === 'external_result').map((e) => eventWords(e).lowered ?? null)
}
