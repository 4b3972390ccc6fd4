// Words of the reception desk, under `nurse.` in i18n.ts. zh first; en must
// have the same keys (the type enforces it).
const zh = {
  nav: { today: '今日预约', register: '登记', recollections: '待重采', shipments: '送检' },
  tube: '试管条码',
  kinds: { screening: '筛查', retest: '复查', redraw: '重采' },
  actions: {
    checkIn: '签到', draw: '采血', print: '打印标签', reprint: '补打标签', zpl: '热敏标签 (ZPL)',
    reschedule: '改约', noShow: '未到', cancel: '取消预约', rebook: '重新预约',
  },
  today: {
    counts: '待签到 {booked} · 待采血 {checked_in} · 已采血 {collected}',
    tick: '选入标签打印',
    dayOf: '{date} 的预约', today: '今天',
    noShowConfirm: '确认{name}今天未到？',
    cancelPrompt: '取消{name}的预约，名额将释放。可填写取消原因：',
    cancelReason: '取消原因（可不填）',
    cancelConfirm: '取消预约',
    allStations: '全部服务站',
    redraws: '有 {n} 位对象的试管被检验科拒收，需要约她回来重新采血。 | 有 {n} 位对象的试管被检验科拒收，需要约她回来重新采血。',
  },
  search: { placeholder: '姓名、电话、身份证后 4 位或完整身份证号', none: '没有找到，请核对后再搜，或为她登记。' },
  draw: {
    title: '为{name}采血', panel: '检测组合', hint: '确认后生成试管条码，请立即贴好标签。', submit: '已采血，生成条码',
    doneTitle: '采血已记录', done: '试管条码 {code}。现在打印标签吗？',
  },
  label: {
    title: '试管标签（{n} 支）', printNow: '现在打印', later: '稍后一起打印',
    laterHint: '可在列表中勾选多支试管，一起打印在一张标签纸上。', printTicked: '打印勾选的标签（{n}）',
    printed: '标签已打印', notPrinted: '标签未打印', label: '标签', openTab: '在新标签页打开',
    confirm: '标签已打出', confirmHint: '打印后请点“标签已打出”：只有确认后才记为已打印。',
    reprint: '补打标签', reasonPrompt: '{codes} 的标签已打印过。请填写补打原因（将记入审计）：',
    reasonPlaceholder: '例如：标签污损', reasonRequired: '请填写补打原因（不超过 200 字）',
  },
  register: {
    title: '登记受检对象', address: '住址', lmp: '末次月经', consent: '知情同意',
    consentGiven: '她已阅读并同意以上内容', consentNeeded: '需要她的同意才能登记',
    submit: '登记并预约', born: '出生日期 {date}，{age} 岁', ageFlag: '年龄不在 15–49 岁的育龄范围内：请与她核对身份证号。', openExisting: '打开已登记的档案',
    registeredAt: '登记于 {station}',
  },
  fields: { implausible: '日期不合理（超过 44 周前）', phone_invalid: '应为 11 位手机号（1 开头）或带区号的座机号（0 开头）' },
  book: {
    title: '为{name}预约', titleReschedule: '为{name}改约', titleRedraw: '为{name}预约重采',
    hint: '点击有空余名额的时段预约；已满或已过的时段不能选择。',
    confirm: '为{name}预约 {date} {start}？', booked: '已预约 {date} {start}',
    registered: '{name} 已登记。请为她选择检测时段。', later: '暂不预约', openClient: '查看她的档案',
    ineligible: '现在不能为她预约检测：', recordConsent: '她已阅读并同意上述内容，记录同意', consentRecorded: '已记录她的同意',
  },
  edit: {
    button: '更正信息', title: '更正{name}的信息', hint: '只填写需要更正的内容；每项更改都会记入审计日志。',
    unchanged: '不更改（现为 {now}）',
  },
  client: {
    book: '预约', show: '显示', birthDate: '出生日期', consentGiven: '已同意（文本 {v}，{at}）', noConsent: '未记录同意',
    auditNote: '查看完整身份证号或电话会被记入审计日志。', appointments: '预约记录', samples: '样本',
    kind: '类型', collectedAt: '采血时间', abnormal: '结果异常', report: '查看报告',
  },
  report: {
    title: '检测报告 {code}', meta: '第 {v} 版 · 采血日期 {date}', abnormal: '本报告有异常结果，咨询员会跟进随访。',
    analyte: '检测项目', value: '结果', interpretation: '判定', pdfZh: '打印中文报告 (PDF)', pdfEn: '英文报告 (PDF)',
  },
  recollections: {
    title: '待重采', hint: '检验科拒收了这些试管，需要请她回来重新采血。', none: '没有待重采的对象',
    tube: '被拒收的试管', asked: '提出时间', book: '预约重采',
  },
  rejectReasons: {
    hemolyzed: '溶血', insufficient: '血量不足', unlabeled: '无标签', mislabeled: '标签错误', expired: '超过保存时限', other: '其他原因',
  } as Record<string, string>,
  shipments: {
    title: '送检', waiting: '待装箱的试管', noneWaiting: '没有待装箱的试管', pack: '装箱（{n} 支）',
    list: '本站的运送批次', number: '批次', tubes: '试管', when: '时间', reconcile: '到达核对', dispatch: '发出',
    packed: '已装箱：批次 #{id}，{n} 支', dispatched: '批次 #{id} 已发出',
    missing: '检验科尚未扫到：{codes}', unexpected: '检验科多扫到：{codes}',
    statuses: { packed: '已装箱', dispatched: '已发出', arrived: '已到达' } as Record<string, string>,
  },
}

const en: typeof zh = {
  nav: { today: 'Today', register: 'Register', recollections: 'Redraws', shipments: 'Send to lab' },
  tube: 'Tube code',
  kinds: { screening: 'Screening', retest: 'Retest', redraw: 'Redraw' },
  actions: {
    checkIn: 'Check in', draw: 'Draw', print: 'Print label', reprint: 'Reprint label', zpl: 'Thermal label (ZPL)',
    reschedule: 'Reschedule', noShow: 'No-show', cancel: 'Cancel booking', rebook: 'Book again',
  },
  today: {
    counts: 'To check in {booked} · to draw {checked_in} · drawn {collected}',
    tick: 'Put on the label sheet',
    dayOf: 'Appointments on {date}', today: 'Today',
    noShowConfirm: 'Mark {name} as not come today?',
    cancelPrompt: "Cancel {name}'s appointment; the place is given back. A reason, if any:",
    cancelReason: 'Reason (optional)',
    cancelConfirm: 'Cancel booking',
    allStations: 'All stations',
    redraws: 'One woman had a tube rejected by the lab and must come back for a redraw. | {n} women had a tube rejected by the lab and must come back for a redraw.',
  },
  search: { placeholder: 'Name, phone, last 4 of the ID or the full ID number', none: 'Nobody found: check and search again, or register her.' },
  draw: {
    title: 'Draw for {name}', panel: 'Panel', hint: 'Confirming gives the tube its code; label it at once.', submit: 'Drawn: give the code',
    doneTitle: 'Draw recorded', done: 'Tube code {code}. Print its label now?',
  },
  label: {
    title: 'Tube labels ({n})', printNow: 'Print now', later: 'Later, with others',
    laterHint: 'Tick several tubes in the list to print them on one sheet.', printTicked: 'Print ticked labels ({n})',
    printed: 'Label printed', notPrinted: 'Label not printed', label: 'Label', openTab: 'Open in a new tab',
    confirm: 'Labels came out', confirmHint: 'After printing, press “Labels came out”: only then is the label counted as printed.',
    reprint: 'Reprint label', reasonPrompt: 'The label of {codes} was printed before. Why print it again (recorded in the audit log)?',
    reasonPlaceholder: 'e.g. label smudged', reasonRequired: 'Give the reason (at most 200 characters)',
  },
  register: {
    title: 'Register a woman', address: 'Address', lmp: 'Last menstrual period', consent: 'Consent',
    consentGiven: 'She has read and agrees to the text above', consentNeeded: 'She must consent to be registered',
    submit: 'Register and book', born: 'Born {date}, {age} years old', ageFlag: 'Outside the reproductive age range of 15–49: check the ID number with her.', openExisting: 'Open the registered record',
    registeredAt: 'registered at {station}',
  },
  fields: { implausible: 'Not plausible (more than 44 weeks ago)', phone_invalid: 'An 11-digit mobile number (1…) or a landline with its area code (0…)' },
  book: {
    title: 'Book {name}', titleReschedule: 'Reschedule {name}', titleRedraw: 'Book a redraw for {name}',
    hint: 'Click a slot with free places; full and past slots cannot be chosen.',
    confirm: 'Book {name} on {date} at {start}?', booked: 'Booked on {date} at {start}',
    registered: '{name} is registered. Choose a slot for her test.', later: 'Not now', openClient: 'Open her record',
    ineligible: 'She cannot be booked for a test now:', recordConsent: 'She has read and agrees to the text above: record her consent', consentRecorded: 'Her consent is recorded',
  },
  edit: {
    button: 'Correct details', title: 'Correct {name}\'s details', hint: 'Fill in only what needs correcting; each change is recorded in the audit log.',
    unchanged: 'Unchanged (now {now})',
  },
  client: {
    book: 'Book', show: 'Show', birthDate: 'Birth date', consentGiven: 'Given (text {v}, {at})', noConsent: 'No consent recorded',
    auditNote: 'Showing the full ID number or phone is recorded in the audit log.', appointments: 'Appointments', samples: 'Samples',
    kind: 'Kind', collectedAt: 'Drawn at', abnormal: 'Abnormal', report: 'Report',
  },
  report: {
    title: 'Report {code}', meta: 'Version {v} · drawn on {date}', abnormal: 'This report has abnormal results; a counselor will follow her up.',
    analyte: 'Analyte', value: 'Result', interpretation: 'Interpretation', pdfZh: 'Print Chinese report (PDF)', pdfEn: 'English report (PDF)',
  },
  recollections: {
    title: 'Redraws', hint: 'The lab rejected these tubes: ask her back for a new draw.', none: 'No redraws waiting',
    tube: 'Rejected tube', asked: 'Asked', book: 'Book redraw',
  },
  rejectReasons: {
    hemolyzed: 'Hemolyzed', insufficient: 'Insufficient volume', unlabeled: 'Unlabeled', mislabeled: 'Mislabeled', expired: 'Too old', other: 'Other',
  },
  shipments: {
    title: 'Send to lab', waiting: 'Tubes to pack', noneWaiting: 'No tubes to pack', pack: 'Pack ({n})',
    list: "This station's shipments", number: 'No.', tubes: 'Tubes', when: 'When', reconcile: 'Arrival check', dispatch: 'Dispatch',
    packed: 'Packed: shipment #{id}, {n} tubes', dispatched: 'Shipment #{id} dispatched',
    missing: 'Not yet scanned at the lab: {codes}', unexpected: 'Scanned at the lab but not packed: {codes}',
    statuses: { packed: 'Packed', dispatched: 'Dispatched', arrived: 'Arrived' },
  },
}
export default { zh, en }
