import type { Appointment, Sample } from './types'

// What the reception desk can do next with one appointment of the day:
// the one obvious next step is the primary button, the rarer moves go in
// a menu. The server decides in the end (invalid_state, too_early); this
// only keeps the buttons that can make sense from the row's state.
export type Action = 'checkIn' | 'draw' | 'print' | 'reprint' | 'zpl' | 'reschedule' | 'noShow' | 'cancel' | 'rebook'

export interface RowActions {
  primary: Action | null
  others: Action[]
}

type Row = Pick<Appointment, 'status'> & Partial<Pick<Appointment, 'date' | 'start'>>

// started: the slot's start has passed, read in the desk's own clock (the
// station's time zone); the server refuses a no-show before it (too_early).
export function started(a: Row, now: Date): boolean {
  return !!a.date && !!a.start && new Date(`${a.date}T${a.start}:00`).getTime() <= now.getTime()
}

export function rowActions(a: Row, sample?: Pick<Sample, 'status' | 'labels_printed'>, now = new Date()): RowActions {
  switch (a.status) {
    case 'booked':
      return { primary: 'checkIn', others: started(a, now) ? ['reschedule', 'noShow', 'cancel'] : ['reschedule', 'cancel'] }
    case 'checked_in':
      return { primary: 'draw', others: ['cancel'] }
    case 'collected':
      // Only a tube still at the station gets a label: a shipped or
      // rejected one is out of the nurse's hands.
      if (!sample || sample.status !== 'collected') return { primary: null, others: [] }
      // A first print is the next step; once printed, a reprint is a
      // deliberate act that asks for its reason.
      return sample.labels_printed > 0 ? { primary: null, others: ['reprint', 'zpl'] } : { primary: 'print', others: ['zpl'] }
    case 'cancelled':
    case 'no_show':
      return { primary: null, others: ['rebook'] }
    default:
      return { primary: null, others: [] }
  }
}

// printable: the rows whose tube can be ticked for one sheet of labels.
export function printable(a: Pick<Appointment, 'status'>, sample?: Sample): sample is Sample {
  return a.status === 'collected' && sample !== undefined && sample.status === 'collected'
}
