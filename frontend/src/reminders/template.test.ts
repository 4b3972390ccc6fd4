import { describe, expect, it } from 'vitest'
import { describeDetail } from './detail'
import { charCount, checkTemplate, culprit, forbiddenWordIn, formatDay, placeholdersIn, renderTemplate, sampleValues, smsParts } from './template'

// The forbidden words as the server has them (lab/message_words.go), so
// that the editor's early warning follows the server's list.
const words = import.meta.glob<string>('../../../lab/message_words.go', { query: '?raw', import: 'default', eager: true })
function listOf(name: string): string[] {
  const src = Object.values(words)[0]
  const block = src.match(new RegExp(`var ${name} = \\[\\]string\\{([\\s\\S]*?)\\n\\}`))
  if (!block) throw new Error(`no ${name} in lab/message_words.go`)
  return [...block[1].matchAll(/"([^"]+)"/g)].map((m) => m[1])
}
const forbidden = [...listOf('forbiddenZh'), ...listOf('forbiddenEn')]
const appointment = ['name', 'surname', 'date', 'time', 'station', 'station_phone']
const report = ['name', 'surname', 'station', 'station_phone']
const codes = (body: string, allowed = report) => checkTemplate(body, allowed, forbidden).map((p) => p.code)

describe('forbidden words', () => {
  it('reads the server list', () => {
    expect(forbidden).toContain('阳性')
    expect(forbidden).toContain('igm')
    expect(forbidden.length).toBeGreaterThan(40)
  })
  it('finds every forbidden word however it is written', () => {
    const full = (w: string) => w.toUpperCase().replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
    const spellings = [(w: string) => w, (w: string) => w.toUpperCase(), full, (w: string) => [...w].join(' '), (w: string) => [...w].join('\u200b')]
    expect(forbiddenWordIn('{name}您好：，请到站。', forbidden)).toBe('')
    for (const w of forbidden) {
      for (const spell of spellings) {
        // The first word found may be one w holds ("abnormal" holds "normal").
        expect(w, spell(w)).toContain(forbiddenWordIn(`{name}您好：${spell(w)}，请到站。`, forbidden) || 'none found')
      }
    }
  })
  it('finds a result word hidden inside others', () => {
    for (const body of ['seronegative', 'posi-tive', 'IgM+', 'TOXO_IGM', '由阴转阳', 'i.g.g', 'past infection', 'not immune', '风疹病毒抗体', '12.5 IU/mL']) {
      expect(forbiddenWordIn(body, forbidden), body).not.toBe('')
    }
  })
  it('keeps ordinary words holding a short code', () => {
    expect(forbiddenWordIn('a bigger room', forbidden)).toBe('')
    expect(forbiddenWordIn('your report is ready; the result is with your counselor', forbidden)).toBe('')
  })
})

describe('checkTemplate', () => {
  it('passes the placeholders of the event', () => {
    expect(codes('{surname}女士：{date} {time}，{station}，{station_phone}', appointment)).toEqual([])
  })
  it.each([
    ['time outside an appointment', '{name}: {time}', 'unknown_placeholder'],
    ['a result placeholder', '{name}: {result}', 'unknown_placeholder'],
    ['a stray brace', '{name}: {station', 'unknown_placeholder'],
    ['empty', '   ', 'required'],
    ['too long', '请'.repeat(211), 'too_long'],
    ['a result word', '{name}您好：您的检测结果为阴性。', 'forbidden_word'],
  ])('refuses %s', (_, body, want) => {
    expect(codes(body)).toContain(want)
  })
  it('names the culprit', () => {
    expect(checkTemplate('{name}: {result} IgG', report, forbidden)).toEqual([
      { code: 'unknown_placeholder', what: '{result}' }, { code: 'forbidden_word', what: 'igg' },
    ])
  })
  it('counts characters, not UTF-16 units', () => {
    expect(charCount('𠮷a')).toBe(2)
    expect(codes('𠮷'.repeat(210))).toEqual([])
  })
})

describe('preview', () => {
  it('fills the placeholders once, leaving an unknown one as typed', () => {
    const vals = sampleValues('zh', { name: '东城站', phone: '010-64011234' }, '2026-03-08')
    expect(renderTemplate('{surname}女士：{date} {time}到{station}（{station_phone}）{result}', vals))
      .toBe('王女士：2026年3月8日 09:30到东城站（010-64011234）{result}')
    expect(renderTemplate('{name}', { name: '{time}' })).toBe('{time}')
  })
  it('writes the day as the server does', () => {
    expect(formatDay('2026-03-08', 'zh')).toBe('2026年3月8日')
    expect(formatDay('2026-03-08', 'en')).toBe('8 March 2026')
  })
  it('lists the placeholders used, once each', () => {
    expect(placeholdersIn('{name} {date} {name}')).toEqual(['name', 'date'])
  })
  it('counts the text messages a text takes', () => {
    expect(smsParts('')).toBe(0)
    expect(smsParts('请'.repeat(70))).toBe(1)
    expect(smsParts('请'.repeat(71))).toBe(2)
    expect(smsParts('a'.repeat(160))).toBe(1)
    expect(smsParts('a'.repeat(161))).toBe(2)
  })
})

describe('the server refusal', () => {
  it('names the culprit the server named', () => {
    expect(culprit('forbidden_word', '"阴性": a message to her never states a result or names what she was tested for')).toBe('阴性')
    expect(culprit('unknown_placeholder', '{result} is not one of {name}, {surname}')).toBe('{result}')
    expect(culprit('unknown_placeholder', 'a brace outside a placeholder')).toBe('{ }')
    expect(culprit('too_long', 'at most 210 characters')).toBe('210')
  })
})

describe('status details', () => {
  const t = (key: string, p?: Record<string, unknown>) => key.replace('reminders.details.', '') + (p ? JSON.stringify(p) : '')
  it.each([
    ['', ''],
    ['she opted out of reminders', 'optedOut'],
    ['the appointment was moved or is no longer booked', 'appointmentMoved'],
    ['expired before it could be sent; an earlier attempt may have reached the gateway', 'expiredsepmaybeSent'],
    ['refused by the gateway: isv.MOBILE_NUMBER_ILLEGAL', 'refused{"why":"isv.MOBILE_NUMBER_ILLEGAL"}'],
    ['gave up after 8 attempts: timeout', 'gaveUp{"n":8,"why":"timeout"}'],
    ['DELIVERED', 'DELIVERED'],
  ])('words %j', (detail, want) => {
    expect(describeDetail(detail, t)).toBe(want)
  })
})
