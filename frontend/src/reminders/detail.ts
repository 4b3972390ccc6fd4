// The server writes why a message stands where it does in English
// (lab/message_jobs.go messageStands, lab/message_delivery.go); the log
// shows the sentences it knows in the user's language, and a gateway's own
// words (a receipt's code, a refusal's reason) as the gateway gave them.

const known: Record<string, string> = {
  'she opted out of reminders': 'optedOut',
  'its reminder is switched off': 'switchedOff',
  'expired before it could be sent': 'expired',
  'the appointment was moved or is no longer booked': 'appointmentMoved',
  'the retest was booked, or is no longer due then': 'retestBooked',
  'the early-pregnancy contact was made': 'earlyDone',
  'the outcome is recorded': 'outcomeDone',
  'her phone number is not a mobile number': 'notMobile',
  'the gateway had it from an earlier attempt': 'alreadySent',
}
const maybeSent = '; an earlier attempt may have reached the gateway'

type Translate = (key: string, params?: Record<string, unknown>) => string

// describeDetail puts a message's status detail into words with t, whose
// keys are under reminders.details.
export function describeDetail(detail: string, t: Translate): string {
  if (!detail) return ''
  let rest = detail
  let tail = ''
  if (rest.endsWith(maybeSent)) {
    rest = rest.slice(0, -maybeSent.length)
    tail = t('reminders.details.maybeSent')
  }
  let words: string
  const gaveUp = rest.match(/^gave up after (\d+) attempts: (.*)$/s)
  if (known[rest]) words = t('reminders.details.' + known[rest])
  else if (rest.startsWith('refused by the gateway: ')) words = t('reminders.details.refused', { why: rest.slice('refused by the gateway: '.length) })
  else if (gaveUp) words = t('reminders.details.gaveUp', { n: Number(gaveUp[1]), why: gaveUp[2] })
  else words = rest
  return tail ? `${words}${t('reminders.details.sep')}${tail}` : words
}
