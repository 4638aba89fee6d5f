// The append-only audit log, one hash chain per account (event-appender.ts). Pages run newest first by (time, id):
// seeded history is inserted with past times and a tally of refused sign-ins is logged at its first refusal's time,
// so insertion order (the chain's) is not always time order.
import type { DatabaseSync } from 'node:sqlite';
import type { EventType } from '../contract/schemas.ts';
import { transaction } from './database.ts';
import { chainHead, EventAppender, type EventDetails, type NewEvent } from './event-appender.ts';
import { chainOrder, eventColumns, newestFirst, type EventFilter, type EventPosition, type EventQuery } from './event-queries.ts';
import { statement } from './statement-cache.ts';

export type { EventDetails, NewEvent } from './event-appender.ts';
export type { EventFilter, EventPosition } from './event-queries.ts';

export interface EventRecord extends NewEvent {
  id: number;
  /** The hash of the event before this one in the account's chain (64 zeros for the first). */
  prevHash: string;
  hash: string;
}

/** The end of an account's chain: how many events it holds, the last one's id and hash (64 zeros when empty). */
export interface EventHead {
  count: number;
  lastId: number | null;
  hash: string;
}

const latestOfTypeSql = `SELECT ${eventColumns} FROM events WHERE account_id = ? AND type = ? AND time < ?
  ORDER BY time DESC, id DESC LIMIT 1`;
// Both read the (account_id, type, time, id) index; only the summing one visits rows, and only of its type.
const countSql = 'SELECT count(*) AS n FROM events WHERE account_id = ? AND type = ? AND time >= ? AND time <= ?';
const sumCountSql = `SELECT coalesce(sum(json_extract(details, '$.count')), 0) AS n FROM events
  WHERE account_id = ? AND type = ? AND time >= ? AND time <= ?`;

export function toEvent(row: Record<string, unknown>): EventRecord {
  return {
    id: Number(row.id),
    accountId: Number(row.account_id),
    type: String(row.type) as EventType,
    time: Number(row.time),
    ip: String(row.ip),
    userAgent: String(row.user_agent),
    details: JSON.parse(String(row.details)) as EventDetails,
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
  };
}

export type EventOrder = 'newest' | 'chain';

/** An event as stored, column by column (eventColumns' order), details as the JSON text it was written as. */
export type EventRow = [id: number, accountId: number, type: EventType, time: number, ip: string, userAgent: string, details: string, prevHash: string, hash: string];

/**
 * Every event of an account that passes the filter, read lazily row by row as arrays (no object per row): for
 * exports, on a connection of the caller's, with a statement of its own so nothing else resets it midway.
 */
export function* readEventRows(db: DatabaseSync, accountId: number, filter: EventFilter, order: EventOrder): Generator<EventRow> {
  const query: EventQuery = order === 'chain' ? chainOrder(accountId, filter) : newestFirst(accountId, filter, undefined, null);
  const rows = db.prepare(query.sql);
  rows.setReturnArrays(true);
  yield* rows.iterate(...query.args) as Iterable<EventRow>;
}

export class EventRepository {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  /** Appends the event to its account's chain, in the caller's transaction or a transaction of its own; its id. */
  append(event: NewEvent): number {
    const write = () => new EventAppender(this.db).append(event);
    return this.db.isTransaction ? write() : transaction(this.db, write);
  }

  /** Appends many events in order (in one transaction, the caller's or its own); how many. */
  appendAll(events: Iterable<NewEvent>): number {
    const write = () => {
      const appender = new EventAppender(this.db);
      let count = 0;
      for (const event of events) {
        appender.append(event);
        count += 1;
      }
      return count;
    };
    return this.db.isTransaction ? write() : transaction(this.db, write);
  }

  /** Up to `limit` events that pass the filter, strictly older than `before` (or the newest ones), newest first. */
  list(accountId: number, limit: number, filter: EventFilter = {}, before?: EventPosition): EventRecord[] {
    const query = newestFirst(accountId, filter, before, limit);
    return statement(this.db, query.sql).all(...query.args).map(toEvent);
  }

  head(accountId: number): EventHead {
    const head = chainHead(this.db, accountId);
    return { count: head.seq, lastId: head.id, hash: head.hash };
  }

  /** How many events of a type fall in [since, until]. */
  count(accountId: number, type: EventType, since: number, until: number): number {
    return Number((statement(this.db, countSql).get(accountId, type, since, until) as { n: number }).n);
  }

  /** The sum of the `count` detail of a type's events in [since, until] (tallies such as login.rate_limited). */
  sumCounts(accountId: number, type: EventType, since: number, until: number): number {
    return Number((statement(this.db, sumCountSql).get(accountId, type, since, until) as { n: number }).n);
  }

  /** The newest event of a type strictly before `before` (the newest of all without it). */
  latestOfType(accountId: number, type: EventType, before: number = Number.MAX_SAFE_INTEGER): EventRecord | null {
    const row = statement(this.db, latestOfTypeSql).get(accountId, type, before);
    return row ? toEvent(row) : null;
  }
}
