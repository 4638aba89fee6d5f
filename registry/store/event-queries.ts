// The SQL behind pages and exports of an account's log, for any combination of filters. Every form is written so
// SQLite seeks an index and reads rows already in order, so a page costs about the same at any depth
// (`npm run bench` measures it; event-queries.test.ts checks the plans):
// - the position is one row-value bound, (time, id) < (?, ?): the cursor's position or `until`, whichever is
//   lower, so there is a single upper bound to seek to, and `since` is the range's lower bound;
// - an address is an equality on the (account_id, ip, time, id) index, types then checked row by row (an address
//   is what one looks into, and its events are few beside the log's);
// - otherwise one type is an equality on the (account_id, type, time, id) index, and several types are one arm
//   each, merged in order by a UNION ALL that stops as soon as the page is full (an IN list would sort every
//   match first);
// - with neither, the (account_id, time, id) index.
// INDEXED BY names the index: without statistics SQLite takes a range bounded on both sides for the more selective,
// and would read a long stretch of the time index to find a rare type.
import type { SQLInputValue } from 'node:sqlite';
import type { EventType } from '../contract/schemas.ts';

export interface EventFilter {
  /** Only these types (any of them). */
  types?: readonly EventType[];
  /** From this time on (inclusive), ms since the epoch. */
  since?: number;
  /** Before this time (exclusive). */
  until?: number;
  /** Only from this (normalised) address. */
  ip?: string;
}

/** Where a page starts: strictly older than this event. */
export interface EventPosition {
  time: number;
  id: number;
}

export interface EventQuery {
  sql: string;
  args: SQLInputValue[];
}

export const eventColumns = 'id, account_id, type, time, ip, user_agent, details, prev_hash, hash';

const end = Number.MAX_SAFE_INTEGER;
const beginning = Number.MIN_SAFE_INTEGER;

function lower(a: EventPosition, b: EventPosition): EventPosition {
  return a.time < b.time || (a.time === b.time && a.id < b.id) ? a : b;
}

function distinct(types: readonly EventType[] | undefined): EventType[] {
  return types === undefined ? [] : [...new Set(types)];
}

/**
 * Events newest first by (time, id), strictly older than `before` when given, at most `limit` of them (all when
 * null). Parameters: ?1 account, ?2 ?3 the upper bound, ?4 since, ?5 the limit if any, then the address and types
 * when filtered. The SQL text depends only on which filters are set and how many types, so statements are reused.
 */
export function newestFirst(accountId: number, filter: EventFilter, before: EventPosition | undefined, limit: number | null): EventQuery {
  // ids start at 1, so (until, 0) excludes exactly the events at `until` and later.
  let bound: EventPosition = { time: end, id: end };
  if (filter.until !== undefined) bound = lower(bound, { time: filter.until, id: 0 });
  if (before !== undefined) bound = lower(bound, before);
  const args: SQLInputValue[] = [accountId, bound.time, bound.id, filter.since ?? beginning];
  const range = 'account_id = ?1 AND (time, id) < (?2, ?3) AND time >= ?4';
  const types = distinct(filter.types);
  const from = (index: string, condition: string) => `SELECT ${eventColumns} FROM events INDEXED BY ${index} WHERE ${condition}`;
  const parameters = (values: readonly SQLInputValue[]) => {
    const first = args.length + 1;
    args.push(...values);
    return values.map((_, index) => `?${first + index}`);
  };
  // A parameter, not a number in the text: every limit shares one cached statement.
  const order = `ORDER BY time DESC, id DESC${limit === null ? '' : ` LIMIT ${parameters([limit])[0]}`}`;

  const [ip] = filter.ip === undefined ? [] : parameters([filter.ip]);
  if (types.length === 0) {
    return { sql: `${ip ? from('events_account_ip_time', `${range} AND ip = ${ip}`) : from('events_account_time', range)} ${order}`, args };
  }
  const arms = parameters(types).map((type) =>
    ip
      ? from('events_account_ip_type_time', `${range} AND ip = ${ip} AND type = ${type}`)
      : from('events_account_type_time', `${range} AND type = ${type}`),
  );
  return { sql: `${arms.join(' UNION ALL ')} ${order}`, args };
}

/**
 * Events in chain order (the order they were appended, ascending id), for reading or verifying a whole chain. The
 * filters are checked row by row ("+" keeps SQLite from choosing their indexes over the chain's, which would mean
 * sorting every match).
 */
export function chainOrder(accountId: number, filter: EventFilter): EventQuery {
  const args: SQLInputValue[] = [accountId, filter.since ?? beginning, filter.until ?? end];
  let where = 'account_id = ?1 AND +time >= ?2 AND +time < ?3';
  if (filter.ip !== undefined) {
    args.push(filter.ip);
    where += ` AND +ip = ?${args.length}`;
  }
  const types = distinct(filter.types);
  if (types.length > 0) {
    const first = args.length + 1;
    args.push(...types);
    where += ` AND +type IN (${types.map((_, index) => `?${first + index}`).join(', ')})`;
  }
  return { sql: `SELECT ${eventColumns} FROM events WHERE ${where} ORDER BY seq`, args };
}
