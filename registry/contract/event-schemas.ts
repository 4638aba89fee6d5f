// The audit log's queries and the head of its chain: the filters a page of events and an export share (type,
// since, until, ip), the page's size and cursor, and the export's format and order. A page and an event are in
// schemas.ts.
import { z } from 'zod';
import { normalizeIp, parseIp } from './cidr.ts';
import { EventType, eventTypes, Sha256Hex, Timestamp } from './schemas.ts';

export const maxEventsPageSize = 500;
// chain: for verifiers, one line per event holding exactly the text its hash covers, then a tab and the hash (README).
export const eventExportFormats = ['ndjson', 'csv', 'chain'] as const;
export type EventExportFormat = (typeof eventExportFormats)[number];
// newest: as pages run (time, then id, descending); chain: the order events were appended (ascending id), the
// order a chain is verified in.
export const eventExportOrders = ['newest', 'chain'] as const;
export type EventExportOrder = (typeof eventExportOrders)[number];

// Events are timed to the millisecond: a finer time would be cut to one, and "since" would take in events before it.
const FilterTime = Timestamp.refine((text) => !/\.\d{4,}/.test(text), 'at most three decimals of a second');

const filters = {
  // Only events of these types (repeat the parameter for several).
  type: z
    .union([EventType, z.array(EventType).min(1).max(eventTypes.length)])
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .optional(),
  // Events at or after this time.
  since: FilterTime.optional(),
  // Events before this time (not at it): since=…T00:00:00Z&until=<the next day>T00:00:00Z is one day.
  until: FilterTime.optional(),
  // Events from this address (IPv4 or IPv6, in any form; compared as the registry records addresses).
  ip: z
    .string()
    .max(64)
    .refine((text) => parseIp(text) !== null, 'an IPv4 or IPv6 address')
    .transform(normalizeIp)
    .optional(),
};

const sinceBeforeUntil = (query: { since?: string | undefined; until?: string | undefined }) =>
  query.since === undefined || query.until === undefined || Date.parse(query.since) < Date.parse(query.until);
const rangeMessage = { message: 'must be later than since', path: ['until'] };

export const EventsQuery = z
  .strictObject({
    limit: z.coerce.number().int().min(1).max(maxEventsPageSize).default(50),
    cursor: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/).optional(),
    ...filters,
  })
  .refine(sinceBeforeUntil, rangeMessage);
export type EventsQuery = z.infer<typeof EventsQuery>;

export const EventsExportQuery = z
  .strictObject({
    format: z.enum(eventExportFormats),
    // newest unless the format is chain, which is always in chain order.
    order: z.enum(eventExportOrders).optional(),
    ...filters,
  })
  .refine(sinceBeforeUntil, rangeMessage)
  .refine((query) => query.format !== 'chain' || query.order !== 'newest', { message: 'format=chain is in chain order', path: ['order'] });
export type EventsExportQuery = z.infer<typeof EventsExportQuery>;

// The end of the account's chain: the console remembers it and checks that a later head extends it.
export const EventsHead = z.object({
  count: z.number().int().min(0),
  // null, with the hash 64 zeros, while the account has no events.
  lastId: z.string().nullable(),
  hash: Sha256Hex,
});
export type EventsHead = z.infer<typeof EventsHead>;

// The columns of a CSV export, in order, one row per event after a header row of these names. details is the
// event's details as JSON text.
export const eventCsvColumns = ['id', 'time', 'type', 'ip', 'userAgent', 'details', 'prevHash', 'hash'] as const;
