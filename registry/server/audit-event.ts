// A stored event as the API shows it: in pages, exports and the fields its hash covers (contract/event-chain.ts).
import type { AuditEvent } from '../contract/schemas.ts';
import type { EventRecord } from '../store/event-repository.ts';
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
