// The time zones a station may be in: the browser's IANA list, the
// programme's own zone first. The server checks the name again.
export const defaultTimezone = 'Asia/Shanghai'

export function timezones(): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  return [defaultTimezone, ...all.filter((z) => z !== defaultTimezone)]
}
