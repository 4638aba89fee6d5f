// A stored event as the API shows it: in pages, exports and the fields its hash covers (contract/event-chain.ts);
// and the end of an account's chain as GET /account/events/head shows it.
import type { EventsHead } from '../contract/event-schemas.ts';
import type { AuditEvent } from '../contract/schemas.ts';
import type { EventHead, EventRecord } from '../store/event-repository.ts';
import { iso } from './iso-time.ts';

export function toAuditEvent(event: EventRecord): AuditEvent {
  return {
    id: String(event.id),
    type: event.type,
    time: iso(event.time),
    ip: event.ip,
    userAgent: event.userAgent,
    details: event.details,
    prevHash: event.prevHash,
    hash: event.hash,
  };
}

export function toEventsHead(head: EventHead): EventsHead {
  return { count: head.count, lastId: head.lastId === null ? null : String(head.lastId), hash: head.hash };
}
