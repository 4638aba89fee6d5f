// The audit log's hash chain: how an event's hash is computed and how a list of events is checked. The registry
// computes hashes with this module when it appends an event; the console verifies what it receives with the same
// code, so the two cannot disagree. Plain TypeScript and node:crypto only: it must load in the console's main
// process as well as in the registry.
//
// Each account has its own chain, in the order its events were appended (ascending id):
//   hash = hex(SHA-256(UTF-8(prevHash + canonical(event))))
// where prevHash is the previous event's hash in that account's chain, or genesisHash (64 zeros) for the first.
//
// canonical(event) is the JSON text of the object {details, id, ip, time, type, userAgent}, exactly as the API
// returns those fields, written as RFC 8785 (JSON Canonicalization Scheme) writes it:
// - object keys sorted by UTF-16 code units, at every level (so: details, id, ip, time, type, userAgent);
// - no whitespace; strings escaped as JSON.stringify does (", \ and control characters; nothing else);
// - id is the decimal string the API shows ("42"); time the API's UTC text with milliseconds
//   ("2025-01-07T12:00:15.000Z"); ip and userAgent as given, "" when unknown (never null);
// - details values are strings, integers, booleans or null; a null is written as null, never left out.
import { hash as digest } from 'node:crypto';

export type DetailValue = string | number | boolean | null;

/** The fields of an audit event the hash covers, as the API returns them. */
export interface ChainFields {
  id: string;
  type: string;
  time: string;
  ip: string;
  userAgent: string;
  details: Readonly<Record<string, DetailValue>>;
}

export interface ChainedEvent extends ChainFields {
  prevHash: string;
  hash: string;
}

/** The previous hash of an account's first event. */
export const genesisHash = '0'.repeat(64);

const hashShape = /^[0-9a-f]{64}$/;

// A string JSON.stringify would write unchanged between quotes: no quote, backslash, control character or lone
// surrogate. Nearly every string in an event is one, and quoting it directly is several times faster.
const needsEscaping = /["\\\u0000-\u001f\ud800-\udfff]/;

function quote(text: string): string {
  return needsEscaping.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/** RFC 8785 text of any JSON value: keys sorted by UTF-16 code units, JSON.stringify's strings and numbers. */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const record = value as Record<string, unknown>;
  // Array.prototype.sort compares UTF-16 code units, as RFC 8785 orders keys; undefined members are absent in JSON.
  let text = '{';
  let separator = '';
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined) continue;
    text += `${separator}${quote(key)}:${canonicalJson(member)}`;
    separator = ',';
  }
  return `${text}}`;
}

/** canonical(event): the same text canonicalJson gives for the six fields, built without an intermediate object. */
export function canonicalEvent(event: ChainFields): string {
  return (
    `{"details":${canonicalJson(event.details)},"id":${quote(event.id)},"ip":${quote(event.ip)},` +
    `"time":${quote(event.time)},"type":${quote(event.type)},"userAgent":${quote(event.userAgent)}}`
  );
}

/**
 * The event's line in the chain export (format=chain): exactly the text its hash covers (prevHash, then its
 * canonical JSON), a tab, its hash, a line feed. JSON escapes every tab and line break inside the event.
 */
export function chainLine(event: ChainedEvent): string {
  return `${event.prevHash}${canonicalEvent(event)}\t${event.hash}\n`;
}

/** The hash of `event` following an event whose hash is `previousHash`. */
export function eventHash(previousHash: string, event: ChainFields): string {
  return digest('sha256', previousHash + canonicalEvent(event), 'hex');
}

/**
 * Checks events of one account in chain order (ascending id), the first of which follows `previousHash`
 * (genesisHash for an account's first event). Returns the id of the first event whose prevHash does not link to the
 * one before it or whose hash does not match its content, or null when every event checks out.
 */
export function verifyChain(events: Iterable<ChainedEvent>, previousHash: string): string | null {
  let expected = previousHash;
  for (const event of events) {
    if (event.prevHash !== expected || !hashShape.test(event.hash) || eventHash(event.prevHash, event) !== event.hash) {
      return event.id;
    }
    expected = event.hash;
  }
  return null;
}
