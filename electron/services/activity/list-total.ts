// How many events a list on the Activity page holds, known from its first page when the filter selects the whole
// log: the chain's head (read by the catch-up just before the page) counts the account's events. The table can
// then be as tall as the whole list from the start, so its height does not change as pages arrive while the owner
// scrolls (each change redraws the card around the table). A filtered list (by type, time or address) is counted by
// the registry only by reading it to its end, so its total stays unknown (null) and the table grows page by page.
import type { EventsHead } from '../../../registry/contract/event-schemas.ts';
import type { AuditEvent } from '../../../registry/contract/schemas.ts';
import type { ActivityFilter } from '../../ipc/contract.ts';

/** The filter selects every event of the log (the flagged list is counted apart, in memory). */
export function selectsWholeLog(filter: ActivityFilter): boolean {
  return !filter.flaggedOnly && (!filter.types || filter.types.length === 0) && !filter.since && !filter.until && !filter.ip;
}

/**
 * The events in the list whose first page is `firstPage`: the head's count, and the events appended between the
 * head's read and the page's (newest first, they are at its top, with ids above the head's last).
 */
export function wholeLogTotal(head: EventsHead, firstPage: readonly Pick<AuditEvent, 'id'>[]): number {
  const lastId = head.lastId === null ? 0 : Number(head.lastId);
  return head.count + firstPage.filter((event) => Number(event.id) > lastId).length;
}
