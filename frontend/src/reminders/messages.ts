// Words of messages to women: the admin's switches and
// templates, her choice and the log on her page, the choice at
// registration and the station's phone. Under reminders.* in i18n.ts; zh
// first, en must have the same keys (the type enforces it).
const zh = {
  nav: { admin: '短信提醒' },
  events: {
    appointment_reminder: '预约前一天提醒', report_ready: '报告已出', retest_due: '复查到期',
    pregnancy_early: '孕早期随访', pregnancy_outcome: '妊娠结局随访',
  } as Record<string, string>,
  // What each event's switch does, by the setting's name.
  switchDocs: {
    reminder_appointment: '预约日前一天（按服务站当地日期）发短信提醒她预约的日期、时间和服务站。',
    reminder_report_ready: '她的报告第一次发布时，请她到站领取或等候工作人员联系。短信从不写检测结果。',
    reminder_retest_due: '随访个案的下一步是复查、3 天内到期，且尚未预约也不在检测中时，提醒她回站复查。',
    reminder_pregnancy_early: '孕早期随访在两周内到期、还没联系上她时，请她与服务站联系。',
    reminder_pregnancy_outcome: '预产期过后妊娠结局随访开始时，请她与服务站联系，告知妊娠情况。',
  } as Record<string, string>,
  statuses: { queued: '待发送', sent: '已发送', delivered: '已送达', failed: '发送失败', cancelled: '已取消' } as Record<string, string>,
  langs: { zh: '中文', en: '英文' } as Record<string, string>,
  // Why a message stands where it does (detail.ts).
  details: {
    optedOut: '她已退订短信提醒', switchedOff: '管理员关闭了这类提醒', expired: '过了有效期仍未发出',
    appointmentMoved: '预约已改期或不再有效', retestBooked: '复查已预约，或到期日已变', earlyDone: '孕早期随访已联系上她',
    outcomeDone: '妊娠结局已记录', notMobile: '她的号码不是手机号码', alreadySent: '短信平台已在此前的尝试中收到',
    refused: '短信平台拒绝：{why}', gaveUp: '尝试 {n} 次后放弃：{why}', maybeSent: '此前的一次尝试可能已送到短信平台', sep: '；',
  },
  admin: {
    title: '发给妇女的短信',
    intro: '只有登记时或之后同意接收短信的妇女才会收到。每条短信只提醒她做什么，从不写检测结果，也不写检测了哪些项目。',
    history: '修改记录',
    switches: '提醒开关',
    switchesIntro: '关掉某类提醒后，系统不再为它写新的短信；已在等待发送的不受影响。',
    on: '开', off: '关',
    switchedOn: '已开启：{event}', switchedOff: '已关闭：{event}',
    templates: '短信模板',
    templatesIntro: '每类提醒有中文和英文两种写法，按她选择的语言发送。只能用下方列出的占位符；含有检测结果或检测项目的词语会被拒绝保存。',
    placeholders: '插入占位符',
    placeholderDocs: {
      name: '她的姓名', surname: '她的姓（姓名的第一个字）', date: '日期（预约日或到期日）', time: '预约时间',
      station: '服务站名称', station_phone: '服务站电话',
    } as Record<string, string>,
    preview: '预览（示例数据）',
    previewNote: '示例：{name}，{station}，{date}。',
    count: '{n} / {max} 字，约 {parts} 条短信',
    customized: '已修改', default: '默认内容',
    save: '保存模板', reset: '恢复默认',
    resetConfirm: '把“{event}”的{lang}模板恢复为默认内容？', resetDone: '已恢复默认内容',
    savedAt: '{at} 修改',
    forbiddenList: '不允许出现的词语',
    noPhone: '（未登记电话）',
    // Found before saving; the server checks again.
    problems: {
      required: '短信内容不能为空。',
      too_long: '太长：最多 {what} 个字。',
      unknown_placeholder: '{what} 不是这类提醒可用的占位符（花括号只能用于下方列出的占位符）。',
      forbidden_word: '含有“{what}”：短信不能透露检测结果或检测项目，请改写。',
    } as Record<string, string>,
  },
  her: {
    title: '短信提醒',
    optedIn: '接收短信提醒', optedOut: '不接收短信提醒',
    lang: '短信语言',
    edit: '修改', save: '保存',
    optIn: '她同意接收短信提醒',
    optInHint: '短信只提醒预约、领取报告、复查和孕期随访，不写检测结果。她随时可以退订，退订后等待发送的短信会立即取消。',
    saved: '已保存她的选择', cancelledQueued: '已保存；等待发送的短信已取消',
    log: '发给她的短信',
    logEmpty: '还没有发给她的短信',
    event: '内容', phone: '号码', created: '生成时间', last: '最近变化', text: '短信内容',
    attempts: '已尝试 {n} 次',
    noMobile: '她登记的不是手机号码，收不到短信。',
  },
  register: {
    label: '短信提醒',
    optIn: '她同意接收短信提醒（预约、领取报告、复查、孕期随访；从不写检测结果）',
    lang: '短信语言',
  },
  station: {
    phone: '服务站电话',
    phoneHint: "手机号或带区号的座机，如 010-64011234。短信模板中的 {'{'}station_phone{'}'} 会填入此号码；留空表示不登记。",
  },
}

const en: typeof zh = {
  nav: { admin: 'Text reminders' },
  events: {
    appointment_reminder: 'Appointment tomorrow', report_ready: 'Report ready', retest_due: 'Retest due',
    pregnancy_early: 'Early-pregnancy follow-up', pregnancy_outcome: 'Pregnancy outcome follow-up',
  },
  switchDocs: {
    reminder_appointment: "The day before her appointment (the station's date), a text with its day, time and station.",
    reminder_report_ready: 'When her report is first released, a text asking her to collect it or wait for the staff to call. It never states a result.',
    reminder_retest_due: "When her case's next action is a retest due within 3 days, and none is booked or in the lab, a text asking her to come back.",
    reminder_pregnancy_early: 'When her early-pregnancy contact comes due within two weeks and nobody has reached her, a text asking her to contact the station.',
    reminder_pregnancy_outcome: 'When the outcome follow-up opens after her due date, a text asking her to tell the station how her pregnancy went.',
  },
  statuses: { queued: 'Queued', sent: 'Sent', delivered: 'Delivered', failed: 'Failed', cancelled: 'Cancelled' },
  langs: { zh: 'Chinese', en: 'English' },
  details: {
    optedOut: 'She opted out of reminders', switchedOff: 'An admin switched this reminder off', expired: 'Expired before it could be sent',
    appointmentMoved: 'The appointment was moved or is no longer booked', retestBooked: 'The retest was booked, or is no longer due then', earlyDone: 'The early-pregnancy contact was made',
    outcomeDone: 'The outcome is recorded', notMobile: 'Her number is not a mobile number', alreadySent: 'The gateway had it from an earlier attempt',
    refused: 'Refused by the gateway: {why}', gaveUp: 'Gave up after {n} attempts: {why}', maybeSent: 'an earlier attempt may have reached the gateway', sep: '; ',
  },
  admin: {
    title: 'Messages to women',
    intro: 'Only women who opted in, at registration or later, get any message. Each message only tells her what to do: it never states a result, nor what she was tested for.',
    history: 'Change history',
    switches: 'Reminder switches',
    switchesIntro: 'A reminder switched off gets no new messages; those already queued are not affected.',
    on: 'On', off: 'Off',
    switchedOn: 'Switched on: {event}', switchedOff: 'Switched off: {event}',
    templates: 'Templates',
    templatesIntro: 'Each reminder has a Chinese and an English wording, sent in the language she chose. Only the placeholders listed may be used; a word that would state a result or name a test is refused.',
    placeholders: 'Insert a placeholder',
    placeholderDocs: {
      name: 'her name', surname: 'her surname (the first character of her name)', date: 'the day (appointment or due date)', time: 'the appointment time',
      station: "the station's name", station_phone: "the station's phone",
    },
    preview: 'Preview (sample values)',
    previewNote: 'Sample: {name}, {station}, {date}.',
    count: '{n} / {max} characters, about {parts} text message(s)',
    customized: 'Changed', default: 'Default',
    save: 'Save template', reset: 'Reset to default',
    resetConfirm: 'Reset the {lang} template of “{event}” to its default wording?', resetDone: 'Default wording restored',
    savedAt: 'changed {at}',
    forbiddenList: 'Words not allowed',
    noPhone: '(no phone recorded)',
    problems: {
      required: 'A message needs its text.',
      too_long: 'Too long: at most {what} characters.',
      unknown_placeholder: '{what} is not a placeholder of this reminder (braces only around the placeholders listed below).',
      forbidden_word: 'Holds “{what}”: a message never tells a result or what she was tested for. Please reword it.',
    },
  },
  her: {
    title: 'Text reminders',
    optedIn: 'Gets text reminders', optedOut: 'No text reminders',
    lang: 'Language',
    edit: 'Change', save: 'Save',
    optIn: 'She agrees to text reminders',
    optInHint: 'Texts only remind her of appointments, her report, retests and pregnancy follow-up; never a result. She may opt out at any time: her queued messages are then cancelled at once.',
    saved: 'Her choice is saved', cancelledQueued: 'Saved; her queued messages are cancelled',
    log: 'Messages to her',
    logEmpty: 'No messages to her yet',
    event: 'About', phone: 'Number', created: 'Written', last: 'Last change', text: 'Text',
    attempts: '{n} attempt(s)',
    noMobile: 'Her number is not a mobile number; she cannot get texts.',
  },
  register: {
    label: 'Text reminders',
    optIn: 'She agrees to text reminders (appointments, report, retest, pregnancy follow-up; never a result)',
    lang: 'Language of the texts',
  },
  station: {
    phone: 'Station phone',
    phoneHint: "A mobile number or a landline with its area code, such as 010-64011234. Templates put it where {'{'}station_phone{'}'} stands; leave empty for none.",
  },
}

export default { zh, en }
