import type { CaseEvent, Contact } from './types'

// TimelineEntry is one line of the case's history: a contact attempt in
// full (note, next attempt), or any other step of the case.
export type TimelineEntry = { at: string; contact: Contact } | { at: string; event: CaseEvent }

// mergeTimeline puts the case's steps and its contacts in one history,
// newest first. A contact is logged with a "contact" step too; the contact
// itself says more, so that step is left out.
export function mergeTimeline(events: CaseEvent[], contacts: Contact[]): TimelineEntry[] {
  const out: TimelineEntry[] = [
    ...events.filter((e) => e.event !== 'contact').map((event) => ({ at: event.at, event })),
    ...contacts.map((contact) => ({ at: contact.at, contact })),
  ]
  // Stable on equal instants: the opening and its assignment keep their order.
  return out.map((e, i) => ({ e, i })).sort((a, b) => Date.parse(b.e.at) - Date.parse(a.e.at) || b.i - a.i).map((x) => x.e)
}

// whoDid names the person behind a step or a contact by her display name,
// never her login (the login only for a user the server no longer knows);
// null for torchlab's own steps (a job, the command line), whose recorded
// name is in brackets.
export function whoDid(x: CaseEvent | Contact): string | null {
  if ('event' in x) return x.actor_id === null && x.actor.startsWith('(') ? null : x.actor_name || x.actor
  return x.by_name || x.by
}
