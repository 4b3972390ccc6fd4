// The colour of a status tag: what still needs the nurse stands out, what
// is finished is quiet, what went wrong is red.
type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

const colours: Record<string, TagType> = {
  booked: 'primary', checked_in: 'warning', collected: 'success', cancelled: 'info', no_show: 'danger',
  shipped: 'primary', received: 'primary', resulted: 'warning', released: 'success', rejected: 'danger',
  packed: 'warning', dispatched: 'success',
}

export function statusTag(status: string): TagType {
  return colours[status] ?? 'info'
}
