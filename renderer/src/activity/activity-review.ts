// "Was this you?" answered changes one row. The loaded pages of the log are patched where that row is instead of
// read again, since reading an infinite list again reads every page loaded, one after the other — thousands of
// calls deep in a long log — for one changed answer.
import type { ActivityRow, ReviewAnswer } from '../bridge/contract.ts';

interface Pages<P> {
  pages: P[];
}

/** The pages with `eventId` answered: the same object when it is not among them (or so answered), else only its page new. */
export function markAnswered<P extends { events: ActivityRow[] }, D extends Pages<P>>(data: D, eventId: string, answer: ReviewAnswer): D {
  const at = data.pages.findIndex((page) => page.events.some((event) => event.id === eventId && event.answer !== answer));
  if (at === -1) return data;
  const page = data.pages[at]!;
  const events = page.events.map((event) => (event.id === eventId ? { ...event, answer } : event));
  return { ...data, pages: data.pages.with(at, { ...page, events }) };
}
