// "Yes, it was me" changes one row: the event is marked reviewed. The loaded pages of the log are patched where
// that row is instead of read again, since reading an infinite list again reads every page loaded, one after the
// other — thousands of calls deep in a long log — for one changed flag.
import type { ActivityRow } from '../bridge/contract.ts';

interface Pages<P> {
  pages: P[];
}

/** The pages with `eventId` marked reviewed: the same object when it is not among them, else only its page new. */
export function markReviewed<P extends { events: ActivityRow[] }, D extends Pages<P>>(data: D, eventId: string): D {
  const at = data.pages.findIndex((page) => page.events.some((event) => event.id === eventId && !event.reviewed));
  if (at === -1) return data;
  const page = data.pages[at]!;
  const events = page.events.map((event) => (event.id === eventId ? { ...event, reviewed: true } : event));
  return { ...data, pages: data.pages.with(at, { ...page, events }) };
}
