import { createI18n } from 'vue-i18n'

// Simplified Chinese by default, English on request. Error codes of the
// API (API.md) are translated here, never shown as the server's English.
const zh = {
  app: 'TORCH 优生检测',
  signIn: '登录', signOut: '退出', username: '用户名', password: '密码',
  changePassword: '修改密码', currentPassword: '当前密码', newPassword: '新密码',
  mustChange: '首次登录请先设置您自己的密码。', save: '保存',
  today: '今日预约', time: '时间', name: '姓名', idNumber: '身份证号', category: '类别', status: '状态',
  checkIn: '签到', none: '今日暂无预约', notifications: '通知',
  categories: { newlywed: '新婚', planning: '计划怀孕', pregnant: '孕早期' },
  statuses: { booked: '已预约', checked_in: '已签到', collected: '已采血', cancelled: '已取消', no_show: '未到' },
  weeks: '孕{w}周{d}天',
  placeholder: '本角色的工作页面正在建设中。',
  errors: {
    invalid_credentials: '用户名或密码错误。', too_many_attempts: '尝试次数过多，请稍后再试。',
    unauthenticated: '请重新登录。', forbidden: '您的角色无权执行此操作。', password_change_required: '请先修改密码。',
    validation: '请检查填写的内容。', too_early: '未到预约日期，不能签到。', invalid_state: '当前状态不允许此操作。',
    no_consent: '她尚未同意处理健康信息。', internal: '系统出错，请联系管理员。', csrf_failed: '页面已过期，请刷新。',
  } as Record<string, string>,
  fields: { too_short: '至少 8 个字符', wrong: '当前密码不正确', unchanged: '新密码不能与当前密码相同', same_as_username: '密码不能与用户名相同' } as Record<string, string>,
}
const en: typeof zh = {
  app: 'TORCH screening',
  signIn: 'Sign in', signOut: 'Sign out', username: 'Username', password: 'Password',
  changePassword: 'Change password', currentPassword: 'Current password', newPassword: 'New password',
  mustChange: 'Please choose your own password first.', save: 'Save',
  today: "Today's appointments", time: 'Time', name: 'Name', idNumber: 'ID number', category: 'Category', status: 'Status',
  checkIn: 'Check in', none: 'No appointments today', notifications: 'Notifications',
  categories: { newlywed: 'Newly married', planning: 'Planning pregnancy', pregnant: 'Pregnant' },
  statuses: { booked: 'Booked', checked_in: 'Checked in', collected: 'Collected', cancelled: 'Cancelled', no_show: 'No-show' },
  weeks: '{w} weeks {d} days',
  placeholder: "This role's screens are being built.",
  errors: {
    invalid_credentials: 'Wrong username or password.', too_many_attempts: 'Too many attempts; try again later.',
    unauthenticated: 'Please sign in again.', forbidden: 'Your role may not do this.', password_change_required: 'Change your password first.',
    validation: 'Please check the form.', too_early: 'It is not the appointment day yet.', invalid_state: 'Not allowed in the current state.',
    no_consent: 'She has not consented to the processing of her health data.', internal: 'Something went wrong; tell the administrator.',
    csrf_failed: 'The page is stale; reload it.',
  },
  fields: { too_short: 'At least 8 characters', wrong: 'The current password is wrong', unchanged: 'Must differ from the current one', same_as_username: 'May not be the username' },
}

export const i18n = createI18n({
  legacy: false,
  locale: localStorage.getItem('torchlab.lang') ?? 'zh',
  fallbackLocale: 'zh',
  messages: { zh, en },
})

// errorText turns an API error code into words in the user's language.
export function errorText(code: string): string {
  const key = 'errors.' + code
  const t = i18n.global.t
  return i18n.global.te(key) ? t(key) : t('errors.internal')
}
