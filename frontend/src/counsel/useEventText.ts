import { useI18n } from 'vue-i18n'
import { useCaseWords } from './useCaseWords'
import { eventWords, type Why } from './words'
import type { CaseEvent } from './types'

// useEventText puts a step of the case's timeline into words: the server
// writes each step as a code with a fixed English detail (lab/followup*.go),
// read apart by eventWords; nothing of it reaches the screen in English.
// userName names a user by id (the assignee of an "assigned" step).
export function useEventText(userName: (id: number) => string) {
  const { t, te } = useI18n()
  const words = useCaseWords()
  const word = (group: string, code?: string) => (code && te(`counsel.${group}.${code}`) ? t(`counsel.${group}.${code}`) : code ?? '')

  function why(w: Why): string {
    if (!te('counsel.why.' + w.key)) return ''
    return t('counsel.why.' + w.key, {
      result: word('results', w.result),
      kind: word('external.kinds', w.externalKind),
      accession: w.accession ?? '',
      sampleKind: word('sampleKinds', w.sampleKind),
      from: w.from ? t('priorities.' + w.from) : '',
      to: w.to ? t('priorities.' + w.to) : '',
      date: w.date ?? '',
      text: w.text ?? '',
    })
  }

  function text(e: CaseEvent): string {
    const w = eventWords(e)
    if (w.kind === 'escalated' && w.actionKind && w.lateMs !== undefined) {
      return t('counsel.events.escalatedLate', { kind: word('next.kinds', w.actionKind), late: words.late(w.lateMs) })
    }
    if (!te('counsel.events.' + w.kind)) return w.kind
    let out = t('counsel.events.' + w.kind, {
      who: w.userId ? userName(w.userId) : '',
      outcome: word('outcomes', w.outcome),
      reason: w.text ?? '',
      date: w.date ?? w.external?.date ?? '',
      time: w.time ?? '',
      accession: w.accession ?? '',
      version: w.version ?? '',
      priority: w.priority ? t('priorities.' + w.priority) : '',
      sampleKind: word('sampleKinds', w.sampleKind),
      kind: word('next.kinds', w.actionKind),
      lmp: w.lmp ?? '',
      edd: w.edd ?? '',
      pregnancyOutcome: w.pregnancyOutcome && te('pregnancy.outcomes.' + w.pregnancyOutcome) ? t('pregnancy.outcomes.' + w.pregnancyOutcome) : w.pregnancyOutcome ?? '',
      what: w.external ? t('counsel.external.item', {
        kind: word('external.kinds', w.external.kind),
        pathogen: w.external.pathogen ? ' ' + words.pathogen(w.external.pathogen) : '',
        result: word('external.results', w.external.result),
      }) : '',
    })
    if (w.codes) {
      out += w.codes.length
        ? t('counsel.events.findings', { findings: w.codes.map(words.findingCode).join(t('findingNames.sep')) })
        : t('counsel.events.noFindings')
    }
    if (w.why) {
      const because = why(w.why)
      if (because) out += t('counsel.events.because', { why: because })
    }
    if (w.lowered) {
      const l = w.lowered
      out += ' ' + t('counsel.external.loweredWhy', { ...l, pathogen: words.pathogen(l.pathogen), from: t('priorities.' + l.from), to: t('priorities.' + l.to) })
    }
    if (w.raised) out += '; ' + t('counsel.events.raised', { from: t('priorities.' + w.raised.from), to: t('priorities.' + w.raised.to) })
    return out
  }

  return { text }
}
