// The append-only audit log. Pages run newest first by (time, id): seeded history is inserted with past times, so
// insertion order alone is not time order.
import type { DatabaseSync } from 'node:sqlite';
import { statement } from './statement-cache.ts';
import type { EventType } from '../contract/schemas.ts';

export type EventDetails = Record<string, string | number | boolean | null>;

export interface NewEvent {
  accountId: number;
  type: EventType;
  time: number;
  ip: string;
  userAgent: string;
  details: EventDetails;
}

export interface EventRecord extends NewEvent {
  id: number;
}

export interface EventPosition {
  time: number;
  id: number;
}

const columns = 'id, account_id, type, time, ip, user_agent, details';
const insertSql = 'INSERT INTO events (account_id, type, time, ip, user_agent, details) VALUES (?, ?, ?, ?, ?, ?)';
// The type filter is a JSON array so one prepared statement serves any set of types; an absent filter is NULL.
const typeFilter = '(?1 IS NULL OR type IN (SELECT value FROM json_each(?1)))';
const newestSql = `SELECT ${columns} FROM events WHERE account_id = ?2 AND ${typeFilter}
  ORDER BY time DESC, id DESC LIMIT ?3`;
const olderSql = `SELECT ${columns} FROM events WHERE account_id = ?2 AND ${typeFilter}
  AND (time < ?4 OR (time = ?4 AND id < ?5)) ORDER BY time DESC, id DESC LIMIT ?3`;
const latestOfTypeSql = `SELECT ${columns} FROM events WHERE account_id = ? AND type = ? AND time < ?
  ORDER BY time DESC, id DESC LIMIT 1`;
// Both read the (account_id, type, time) index; only the summing one visits rows, and only of its type.
const countSql = 'SELECT count(*) AS n FROM events WHERE account_id = ? AND type = ? AND time >= ? AND time <= ?';
const sumCountSql = `SELECT coalesce(sum(json_extract(details, '$.count')), 0) AS n FROM events
  WHERE account_id = ? AND type = ? AND time >= ? AND time <= ?`;

function toEvent(row: Record<string, unknown>): EventRecord {
  return {
    id: Number(row.id),
    accountId: Number(row.account_id),
    type: String(row.type) as EventType,
    time: Number(row.time),
    ip: String(row.ip),
    userAgent: String(row.user_agent),
    details: JSON.parse(String(row.details)) as EventDetails,
  };
}

export class EventRepository {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  append(event: NewEvent): number {
    const result = statement(this.db, insertSql).run(
      event.accountId, event.type, event.time, event.ip, event.userAgent, JSON.stringify(event.details),
    );
    return Number(result.lastInsertRowid);
  }

  /** Up to `limit` events strictly older than `before` (or the newest ones), newest first, of `types` if given. */
  list(accountId: number, limit: number, before?: EventPosition, types?: readonly EventType[]): EventRecord[] {
    const filter = types === undefined ? null : JSON.stringify(types);
    const rows = before
      ? statement(this.db, olderSql).all(filter, accountId, limit, before.time, before.id)
      : statement(this.db, newestSql).all(filter, accountId, limit);
    return rows.map(toEvent);
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
