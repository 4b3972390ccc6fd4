import type { FailCode } from './api/types'

// Words every screen shares, and the translation of every problem code the
// API can answer (API.md "Errors", lab/codes.go). Area-specific words live
// in each area's messages.ts.
//
// The problem words are the one complete table of codes: it must word
// every FailCode (the Problem.code enum of docs/openapi.yaml, generated
// into api/schema.d.ts, and the UI's own network and scan_length), and no
// other word, so a code the server gains without words here fails vue-tsc
// and so the build, in either language.
const zhErrors = {
  malformed: '提交的内容格式不正确。', unauthenticated: '请重新登录。', invalid_credentials: '用户名或密码错误。',
  too_many_attempts: '尝试次数过多，请稍后再试。', forbidden: '您的角色无权执行此操作。',
  password_change_required: '请先修改密码。', csrf_failed: '页面已过期，请刷新。', not_found: '未找到该记录。',
  invalid_state: '当前状态不允许此操作。', conflict: '记录已被他人修改，请刷新后重试。',
  duplicate_username: '该用户名已存在。', duplicate_station_code: '该服务站编码已存在。', last_admin: '不能停用最后一位管理员。',
  duplicate_national_id: '该身份证号已登记。', slot_full: '该时段已约满，请选择其他时段。',
  slot_closed: '该时段已关闭，不再接受预约，请选择其他时段。', slot_exists: '该服务站在这一时间已有时段。',
  slot_in_use: '该时段已有预约记录，不能删除；可以关闭它。', capacity_below_booked: '可约人数不能少于已约人数。',
  open_appointment_exists: '她已有一个未完成的预约。', too_early: '时间未到：签到要到预约当天，标记未到要在时段开始之后。',
  sample_not_ready: '样本尚未接收或已拒收，不能录入结果。', incomplete: '检测项目尚未全部录入，不能审核。',
  self_verification: '不能审核自己录入的结果，请由另一位检验师审核。',
  abnormal_not_acknowledged: '结果异常，请先确认已查看异常结果。', lost_rule_not_met: '尚未满足失访结案的条件。',
  open_followup_exists: '她已有一个未结案的随访个案。',
  retest_too_early: '复查时间太早：两次采血须间隔足够天数。', no_contact: '还没有联系上她：请先记录一次“已联系上”的联系再结案（失访除外）。',
  retest_not_normal: '“复查结果正常”需要一次已发布且无异常的复查结果。', delta_unacknowledged: 'IgG由阳转阴，与前次结果不符：请核对两支试管并确认后再发布。',
  validation: '请检查填写的内容。', not_female: '身份证号显示为男性，本项目仅为女性检测。',
  already_screened: '她已在本项目中检测过。', gestation_too_late: '孕周已超过本项目的筛查时限。',
  no_consent: '她尚未同意处理健康信息。', slot_in_past: '该时段已过去。', bad_accession: '条码校验失败，请重新扫描。', scan_length: '条码位数不对（应为 9 位），可能没扫完整，请重新扫描。',
  unsupported_media_type: '文件类型不支持。', too_large: '文件太大。', internal: '系统出错，请联系管理员。',
  unavailable: '数据库暂时无法连接，请稍后再试（刚才的操作可能未保存，请先查看再重试）。',
  network: '无法连接服务器，请检查网络。',
  pregnancy_open: '她已有一次在孕的妊娠记录：请先记录那次妊娠的结局。',
  // Hardening: what was wrong, and what to do about it.
  implausible_value: '结果数值超出该项目的合理范围，多半是小数点错位或多打了一位：请对照仪器原始读数重新录入；若确是真实数值，请管理员在“检测项目”中放宽该项目的合理范围。',
  invalid_characters: '内容里有看不见的控制字符、文字方向控制符或零宽字符（常见于从微信、网页或其他软件复制粘贴）：请删掉该栏内容，重新手动输入。',
  // Quality control and reagent lots.
  lot_unknown: '试剂批号未登记，或该项目没有“在用批号”：请先在“室内质控”页登记该批号并设为在用，或填写正确的批号。',
  lot_expired: '该试剂批号已过有效期，不能用于出具结果：请换用有效批号并重新检测。',
  qc_failed: '该样本所在的批次室内质控失控，结果不能发布：请在“室内质控”页记录纠正措施并重新检测。',
  // ELISA plates.
  plate_full: '该批次的样本超出一块 96 孔板可放的孔数：请把样本分成两个批次。',
  plate_invalid: '这块板不符合试剂说明书的有效性要求（如质控或临界值校准品读数超出范围），或读数文件缺少某些孔：本板结果不能使用，请按说明书重新检测。',
} satisfies Record<FailCode, string>

const zh = {
  app: 'TORCH 优生检测',
  signIn: '登录', signOut: '退出', username: '用户名', password: '密码',
  expiredTitle: '登录已过期', expiredHint: '请重新登录。您正在填写的内容会保留，登录后自动继续。',
  expiredOther: '以其他用户登录会重新载入页面，未保存的内容将不保留。',
  changePassword: '修改密码', currentPassword: '当前密码', newPassword: '新密码', newPasswordAgain: '再次输入新密码', passwordsDiffer: '两次输入的新密码不一致',
  mustChange: '首次登录请先设置您自己的密码。', save: '保存', cancel: '取消', confirm: '确定',
  close: '关闭', search: '搜索', refresh: '刷新', back: '返回', more: '更多', print: '打印', done: '完成',
  today: '今日预约', time: '时间', date: '日期', name: '姓名', idNumber: '身份证号', phone: '电话',
  category: '类别', status: '状态', station: '服务站', note: '备注', reason: '原因', actions: '操作',
  checkIn: '签到', none: '今日暂无预约', notifications: '通知', noNotifications: '暂无通知', markRead: '标为已读',
  empty: '暂无数据', otherWork: '其他工作', menu: '菜单', loading: '加载中…', saved: '已保存', language: '语言',
  categories: { newlywed: '新婚', planning: '计划怀孕', pregnant: '孕早期' },
  statuses: { booked: '已预约', checked_in: '已签到', collected: '已采血', cancelled: '已取消', no_show: '未到' },
  sampleStatuses: { collected: '已采血', shipped: '已送出', received: '已接收', resulted: '已出结果', released: '已发布', rejected: '已拒收' },
  interpretations: { negative: '阴性', equivocal: '灰区', positive: '阳性' },
  priorities: { urgent: '紧急', high: '高', routine: '常规' },
  roles: { admin: '管理员', nurse: '护士', lab_tech: '检验师', counselor: '咨询员' },
  weeks: '孕{w}周{d}天',
  // A finding's words by findingKey (shared/findingWords.ts), after the
  // pathogen's name: "弓形虫 IgG由阴转阳（血清学转换）".
  findingNames: {
    IGM_POS_IGG_POS: 'IgM阳性、IgG阳性', IGM_POS_IGG_NEG: 'IgM阳性、IgG阴性', IGM_EQUIVOCAL: 'IgM灰区', IGG_EQUIVOCAL: 'IgG灰区',
    RUBV_IGG_EQUIVOCAL: 'IgG灰区，按无免疫力处理', SUSCEPTIBLE: '未感染过（IgG阴性）', RUBV_SUSCEPTIBLE: '无免疫力', PAST_INFECTION: '既往感染或已有免疫力',
    SEROCONVERSION: 'IgG由阴转阳（血清学转换，近期原发感染）', IGM_PERSISTENT: 'IgM持续阳性、IgG稳定',
    IGM_NOT_CONFIRMED: 'IgM复查转阴，首次IgM阳性未证实', IGG_LOSS: 'IgG由阳转阴，与前次不符（需核对标本）',
    ig: '{ig}{value}', sep: '、', change: '{ig} {from}→{to}', notTested: '未检测',
  } as Record<string, string>,
  placeholder: '本角色的工作页面正在建设中。',
  // Keyed by the API's type with its dot as an underscore: a dotted key
  // would be read as a nested path.
  notificationTypes: {
    followup_assigned: '新的随访个案已分配给您', followup_unassigned: '随访个案已转交他人',
    followup_overdue: '随访个案已逾期', sample_rejected: '样本被拒收，需要重新采血', retest_released: '复查结果已发布', followup_updated: '随访个案有更新',
    pregnancy_overdue: '孕期随访已逾期', pregnancy_deferral_warning: '有孕妇的末次月经在风疹疫苗接种后的避孕期内',
  } as Record<string, string>,
  errors: zhErrors,
  fields: {
    required: '必填', invalid: '无效', too_long: '太长', too_short: '至少 10 个字符', wrong: '当前密码不正确',
    unchanged: '新密码不能与当前密码相同', same_as_username: '密码不能与用户名相同', taken: '已被使用',
    checksum: '校验码错误', length: '应为 18 位', format: '格式不正确', birth_date: '出生日期无效',
    region: '地区码无效', legacy_15_digit: '这是旧的 15 位号码，请输入 18 位身份证号', future_birth_date: '出生日期晚于今天', in_future: '不能晚于今天', in_past: '不能早于今天', not_found: '未找到', unknown: '未知', duplicate: '重复',
    bad_accession: '条码校验失败', out_of_range: '超出允许范围', not_integer: '应为整数', not_allowed: '不允许',
    too_far: '太远', too_many_slots: '时段太多', required_for_reprint: '补打需填写原因', other_station: '属于其他服务站',
    not_in_panel: '不在该检测组合中', below_negative: '不能低于阴性上限', on_another_shipment: '已在其他运送批次中',
    not_a_counselor_here: '不是本站的咨询员', type: '类型不正确', not_female: '身份证号显示为男性',
    // Hardening and messages to women.
    invalid_characters: '含有看不见的控制字符或零宽字符，请删掉后手动重新输入', implausible_value: '超出该项目的合理范围，请核对（小数点、位数）',
    censored_ambiguous: '这个“<”或“>”数值按试剂盒界值无法判定阴阳性，请录入实测数值', below_min: '上限不能小于下限',
    blank: '密码不能全是空格', too_simple: '密码太简单：至少要有 4 个不同的字符', common: '这是最常见的密码之一，请换一个（例如几个词连在一起）',
    not_collected: '该试管不是“已采血”状态，不能加入运送批次', not_supported: '此处不支持',
    lot_unknown: '批号未登记', lot_expired: '批号已过期',
    forbidden_word: '含有会透露检测结果或检测项目的词，短信不能出现', unknown_placeholder: '占位符不对：只能用下方列出的占位符，花括号不能单独出现',
    no_mobile: '她登记的是座机号码，收不到短信：请先把电话改为手机号码',
  } as Record<string, string>,
}

const enErrors = {
  malformed: 'What was sent is not well formed.', unauthenticated: 'Please sign in again.', invalid_credentials: 'Wrong username or password.',
  too_many_attempts: 'Too many attempts; try again later.', forbidden: 'Your role may not do this.',
  password_change_required: 'Change your password first.', csrf_failed: 'The page is stale; reload it.', not_found: 'No such record.',
  invalid_state: 'Not allowed in the current state.', conflict: 'Someone else changed this record; reload and try again.',
  duplicate_username: 'That username is taken.', duplicate_station_code: 'That station code is taken.', last_admin: 'The last administrator cannot be deactivated.',
  duplicate_national_id: 'That ID number is already registered.', slot_full: 'That slot is full; choose another.',
  slot_closed: 'That slot is closed to new bookings; choose another.', slot_exists: 'The station already has a slot at that time.',
  slot_in_use: 'Appointments use this slot, so it cannot be deleted; close it instead.', capacity_below_booked: 'The places cannot be fewer than those booked.',
  open_appointment_exists: 'She already has an open appointment.', too_early: 'Too early: check-in opens on the appointment day, a no-show once the slot has started.',
  sample_not_ready: 'The sample is not received (or was rejected); no results yet.', incomplete: 'Not every analyte has a result yet.',
  self_verification: 'You cannot verify results you entered; another technician must.',
  abnormal_not_acknowledged: 'The results are abnormal: acknowledge them first.', lost_rule_not_met: 'The lost-to-follow-up rule is not met yet.',
  open_followup_exists: 'She already has an open follow-up case.',
  retest_too_early: 'Too early for a retest: the two draws must be far enough apart.', no_contact: 'Nobody has reached her yet: log the contact that reached her before closing (lost to follow-up aside).',
  retest_not_normal: '"Retest normal" needs a released retest without abnormal findings.', delta_unacknowledged: 'IgG turned negative against the earlier result: check both tubes and confirm before releasing.',
  validation: 'Please check the form.', not_female: 'The ID number is a man\'s; the programme screens women only.',
  already_screened: 'She has already been screened in this programme.', gestation_too_late: 'Her pregnancy is past the screening limit.',
  no_consent: 'She has not consented to the processing of her health data.', slot_in_past: 'That slot is in the past.', bad_accession: 'The code fails its check; scan again.', scan_length: 'The code has the wrong length (9 characters): probably cut short; scan again.',
  unsupported_media_type: 'Unsupported file type.', too_large: 'The file is too large.', internal: 'Something went wrong; tell the administrator.',
  unavailable: 'The database cannot be reached for the moment; try again shortly (the last change may not have been saved: look before repeating it).',
  network: 'Cannot reach the server; check the network.',
  pregnancy_open: 'She has an open pregnancy: record its outcome first.',
  // Hardening: what was wrong, and what to do about it.
  implausible_value: "The value is outside the analyte's plausible range, most likely a slipped decimal point or an extra digit: check it against the analyser's reading and enter it again; if it is real, ask an admin to widen the analyte's plausible range (Analytes).",
  invalid_characters: 'The text holds invisible control, text-direction or zero-width characters (often pasted from a chat, a web page or another program): clear the field and type it again by hand.',
  // Quality control and reagent lots.
  lot_unknown: 'The reagent lot is not registered, or the analyte has no lot in use: register the lot on the QC page and put it in use, or correct the lot.',
  lot_expired: 'The reagent lot is past its expiry date and may not produce results: use a lot in date and test again.',
  qc_failed: "The sample's run failed quality control, so its results may not be released: record corrective action on the QC page and re-run it.",
  // ELISA plates.
  plate_full: 'The run has more samples than a 96-well plate has room for: split it into two runs.',
  plate_invalid: "The plate does not meet the kit insert's validity rules (a control or cut-off calibrator reads out of range), or the reader's file lacks a well: the plate cannot be used; test it again as the insert says.",
} satisfies Record<FailCode, string>

const en: typeof zh = {
  app: 'TORCH screening',
  signIn: 'Sign in', signOut: 'Sign out', username: 'Username', password: 'Password',
  expiredTitle: 'Your session has ended', expiredHint: 'Please sign in again. What you were filling in is kept, and carries on after sign-in.',
  expiredOther: 'Signing in as someone else reloads the page; unsaved work is not kept.',
  changePassword: 'Change password', currentPassword: 'Current password', newPassword: 'New password', newPasswordAgain: 'New password again', passwordsDiffer: 'The two new passwords differ',
  mustChange: 'Please choose your own password first.', save: 'Save', cancel: 'Cancel', confirm: 'Confirm',
  close: 'Close', search: 'Search', refresh: 'Refresh', back: 'Back', more: 'More', print: 'Print', done: 'Done',
  today: "Today's appointments", time: 'Time', date: 'Date', name: 'Name', idNumber: 'ID number', phone: 'Phone',
  category: 'Category', status: 'Status', station: 'Station', note: 'Note', reason: 'Reason', actions: 'Actions',
  checkIn: 'Check in', none: 'No appointments today', notifications: 'Notifications', noNotifications: 'No notifications', markRead: 'Mark read',
  empty: 'Nothing here', otherWork: 'Other work', menu: 'Menu', loading: 'Loading…', saved: 'Saved', language: 'Language',
  categories: { newlywed: 'Newly married', planning: 'Planning pregnancy', pregnant: 'Pregnant' },
  statuses: { booked: 'Booked', checked_in: 'Checked in', collected: 'Collected', cancelled: 'Cancelled', no_show: 'No-show' },
  sampleStatuses: { collected: 'Collected', shipped: 'Shipped', received: 'Received', resulted: 'Resulted', released: 'Released', rejected: 'Rejected' },
  interpretations: { negative: 'Negative', equivocal: 'Equivocal', positive: 'Positive' },
  priorities: { urgent: 'Urgent', high: 'High', routine: 'Routine' },
  roles: { admin: 'Administrator', nurse: 'Nurse', lab_tech: 'Lab technician', counselor: 'Counselor' },
  weeks: '{w} weeks {d} days',
  findingNames: {
    IGM_POS_IGG_POS: 'IgM positive, IgG positive', IGM_POS_IGG_NEG: 'IgM positive, IgG negative', IGM_EQUIVOCAL: 'IgM equivocal', IGG_EQUIVOCAL: 'IgG equivocal',
    RUBV_IGG_EQUIVOCAL: 'IgG equivocal, counted as not immune', SUSCEPTIBLE: 'never infected (IgG negative)', RUBV_SUSCEPTIBLE: 'not immune', PAST_INFECTION: 'past infection or immunity',
    SEROCONVERSION: 'IgG seroconversion (a recent primary infection)', IGM_PERSISTENT: 'IgM persistently positive, IgG stable',
    IGM_NOT_CONFIRMED: 'IgM negative on the retest: the first IgM not confirmed', IGG_LOSS: 'IgG lost since the earlier sample (check the tubes)',
    ig: '{ig} {value}', sep: ', ', change: '{ig} {from} → {to}', notTested: 'not tested',
  },
  placeholder: "This role's screens are being built.",
  notificationTypes: {
    followup_assigned: 'A follow-up case was assigned to you', followup_unassigned: 'A follow-up case went to someone else',
    followup_overdue: 'A follow-up case is overdue', sample_rejected: 'A sample was rejected and must be redrawn', retest_released: 'A retest result was released', followup_updated: 'A follow-up case was updated',
    pregnancy_overdue: 'A pregnancy follow-up is overdue', pregnancy_deferral_warning: "A pregnancy began within a rubella vaccination's deferral",
  },
  errors: enErrors,
  fields: {
    required: 'Required', invalid: 'Invalid', too_long: 'Too long', too_short: 'At least 10 characters', wrong: 'The current password is wrong',
    unchanged: 'Must differ from the current one', same_as_username: 'May not be the username', taken: 'Already in use',
    checksum: 'Wrong check digit', length: 'Must be 18 characters', format: 'Wrong format', birth_date: 'Invalid birth date',
    region: 'Invalid region code', legacy_15_digit: 'An old 15-digit number: enter the 18-character one', future_birth_date: 'The birth date is in the future', in_future: 'Cannot be in the future', in_past: 'Cannot be in the past', not_found: 'Not found', unknown: 'Unknown', duplicate: 'Duplicate',
    bad_accession: 'Fails its check character', out_of_range: 'Out of range', not_integer: 'Must be a whole number', not_allowed: 'Not allowed',
    too_far: 'Too far ahead', too_many_slots: 'Too many slots', required_for_reprint: 'A reprint needs a reason', other_station: 'Belongs to another station',
    not_in_panel: 'Not in this panel', below_negative: 'Below the negative limit', on_another_shipment: 'On another shipment',
    not_a_counselor_here: 'Not a counselor of this station', type: 'Wrong type', not_female: 'A man\'s ID number',
    // Hardening and messages to women.
    invalid_characters: 'Holds invisible control or zero-width characters: clear it and type it again', implausible_value: 'Outside the plausible range: check the decimal point and the digits',
    censored_ambiguous: "The kit's cut-offs cannot place this < or > value: enter the measured value", below_min: 'Must not be below the minimum',
    blank: 'A password of spaces only is no password', too_simple: 'Too simple: use at least 4 different characters', common: 'One of the most common passwords: choose another, such as a few words together',
    not_collected: 'This tube is not in the collected state, so it cannot join a shipment', not_supported: 'Not supported here',
    lot_unknown: 'Lot not registered', lot_expired: 'Lot expired',
    forbidden_word: 'Holds a word that would tell a result or what she was tested for, which a text message never may', unknown_placeholder: 'Wrong placeholder: use only the ones listed below, and no lone braces',
    no_mobile: 'Her number is a landline, which gets no text messages: change her phone to a mobile number first',
  },
}

export const common = { zh, en }
