import { describe, expect, it } from 'vitest'
import { auditLines, zonedInstant, type Vocab } from './auditRender'
import { common } from '../common-messages'
import counsel from '../counsel/messages'
import admin from './messages'

// The Chinese words of the real message files, looked up as the UI does.
const zh: Record<string, unknown> = { ...common.zh, counsel: counsel.zh, admin: admin.zh }
function lookup(path: string): string | undefined {
  let x: unknown = zh
  for (const k of path.split('.')) x = x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined
  return typeof x === 'string' ? x : undefined
}
const vocab: Vocab = {
  field: (k) => lookup('admin.audit.fields.' + k) ?? k,
  word: (g, c) => lookup(g + '.' + c),
  finding: (c) => (c === 'RUBV_IGM_POS_IGG_POS' ? '风疹病毒 IgM阳性、IgG阳性' : c),
  analyte: (c) => ({ TOXO_IGM: '弓形虫IgM抗体' } as Record<string, string>)[c] ?? c,
  panel: (c) => (c === 'TORCH8' ? 'TORCH 八项' : c),
  station: (id) => (id === 1 ? 'DC01 东城区计生服务站' : `#${id}`),
  time: (iso) => zonedInstant(iso, 'Asia/Shanghai'),
  yes: '是', no: '否', sep: '、',
}
const text = (ls: ReturnType<typeof auditLines>) => ls.map((l) => (l.value !== undefined ? `${l.field}: ${l.value}` : `${l.field}: ${l.from} → ${l.to}`))

describe('auditLines', () => {
  it('names a closed case in words: outcome, channel, findings, due time in the station zone', () => {
    const lines = text(auditLines('followup', {
      outcome: 'referred', channel: 'phone', findings: ['RUBV_IGM_POS_IGG_POS'], due_at: '2026-12-10T08:00:00Z', status: { from: 'in_progress', to: 'closed' },
    }, vocab))
    expect(lines).toEqual([
      '结局: ' + lookup('counsel.outcomes.referred'),
      '联系方式: 电话',
      '发现: 风疹病毒 IgM阳性、IgG阳性',
      '期限: 2026-12-10 16:00',
      '状态: 跟进中 → 已结案',
    ])
    const all = lines.join('\n')
    for (const raw of ['referred', 'phone', 'RUBV_', '08:00', 'T08', 'closed']) expect(all).not.toContain(raw)
  })
  it('reads statuses by their record: a sample received, an appointment checked in', () => {
    expect(text(auditLines('sample', { status: { from: 'collected', to: 'received' } }, vocab))).toEqual(['状态: 已采血 → 已接收'])
    expect(text(auditLines('appointment', { status: { from: 'booked', to: 'checked_in' } }, vocab))).toEqual(['状态: 已预约 → 已签到'])
  })
  it('writes results per analyte with their reading, not as JSON', () => {
    const [l] = auditLines('sample', { results: { TOXO_IGM: { interpretation: 'negative', kit: 'K', lot: '', value: '0.2' } } }, vocab)
    expect(l.value).toBe('弓形虫IgM抗体 0.2（阴性）')
    expect(l.value).not.toContain('{')
  })
  it('names panels, stations, yes and no, and nested choices', () => {
    expect(text(auditLines('client', { panel: 'TORCH8', station_id: 1, consent_given: true, reminders: { opt_in: false } }, vocab))).toEqual([
      '检测组合: TORCH 八项', '服务站: DC01 东城区计生服务站', '已知情同意: 是', '短信提醒: 同意接收短信: 否',
    ])
  })
  it('has no lines for no changes, and shows an empty value as a dash', () => {
    expect(auditLines('user', null, vocab)).toEqual([])
    expect(text(auditLines('user', { display_name: { from: '', to: '李娜' } }, vocab))).toEqual(['显示名: — → 李娜'])
  })
})

describe('zonedInstant', () => {
  it('reads an instant on the station clock, whatever the browser zone', () => {
    expect(zonedInstant('2026-12-10T08:00:00Z', 'Asia/Shanghai')).toBe('2026-12-10 16:00')
    expect(zonedInstant('2026-12-10T23:30:00Z', 'Asia/Shanghai')).toBe('2026-12-11 07:30')
  })
})

describe('auditLines on lists and languages', () => {
  it('shows an empty list as a dash and her text language in words', () => {
    expect(text(auditLines('calendar', { holidays: { added: ['2027-10-01'], removed: [] } }, vocab))).toEqual(['节假日: 新增: 2027-10-01、删除: —'])
    expect(text(auditLines('client', { reminders: { opt_in: true, lang: 'zh' } }, vocab))).toEqual(['短信提醒: 同意接收短信: 是、短信语言: 中文'])
  })
})
