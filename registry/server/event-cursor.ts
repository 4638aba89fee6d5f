// Opaque page cursors for the event log: the (time, id) of the last event on a page, packed into 16 bytes and
// base64url-encoded. A cursor is a position, not a capability: one that decodes to a position is honoured (with the
// filters of the request it comes with, in the caller's own log), so nothing is gained by editing one; anything
// else is refused.
import type { EventPosition } from '../store/event-repository.ts';

export function encodeEventCursor(position: EventPosition): string {
  const bytes = Buffer.alloc(16);
  bytes.writeBigInt64BE(BigInt(position.time), 0);
  bytes.writeBigInt64BE(BigInt(position.id), 8);
  return bytes.toString('base64url');
}

export function decodeEventCursor(cursor: string): EventPosition | null {
  const bytes = Buffer.from(cursor, 'base64url');
  if (bytes.length !== 16 || bytes.toString('base64url') !== cursor) return null;
  const time = Number(bytes.readBigInt64BE(0));
  const id = Number(bytes.readBigInt64BE(8));
  if (!Number.isSafeInteger(time) || !Number.isSafeInteger(id) || time < 0 || id < 1) return null;
  return { time, id };
}
