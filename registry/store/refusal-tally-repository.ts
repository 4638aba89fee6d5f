// Open tallies of refused sign-in attempts, one per account and source address (see server/refusal-tallies.ts).
import type { DatabaseSync } from 'node:sqlite';
import { statement } from './statement-cache.ts';

export interface TallyRecord {
  accountId: number;
  ip: string;
  userAgent: string;
  firstAt: number;
  lastAt: number;
  count: number;
  retryAfterSeconds: number;
}

const columns = 'account_id, ip, user_agent, first_at, last_at, count, retry_after';
const findSql = `SELECT ${columns} FROM refusal_tallies WHERE account_id = ? AND ip = ?`;
const addSql = `INSERT INTO refusal_tallies (${columns}) VALUES (?, ?, ?, ?, ?, 1, ?)
  ON CONFLICT (account_id, ip) DO UPDATE SET count = count + 1, last_at = excluded.last_at, retry_after = excluded.retry_after`;
const startedBySql = `SELECT ${columns} FROM refusal_tallies WHERE first_at <= ?`;
const removeSql = 'DELETE FROM refusal_tallies WHERE account_id = ? AND ip = ?';
const countSql = `SELECT coalesce(sum(count), 0) AS n FROM refusal_tallies WHERE account_id = ? AND first_at >= ? AND first_at <= ?`;

function toTally(row: Record<string, unknown>): TallyRecord {
  return {
    accountId: Number(row.account_id),
    ip: String(row.ip),
    userAgent: String(row.user_agent),
    firstAt: Number(row.first_at),
    lastAt: Number(row.last_at),
    count: Number(row.count),
    retryAfterSeconds: Number(row.retry_after),
  };
}

export class RefusalTallyRepository {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  find(accountId: number, ip: string): TallyRecord | null {
    const row = statement(this.db, findSql).get(accountId, ip);
    return row ? toTally(row) : null;
  }

  /** Counts one refusal, opening the tally at `time` if there is none. */
  add(accountId: number, ip: string, userAgent: string, time: number, retryAfterSeconds: number): void {
    statement(this.db, addSql).run(accountId, ip, userAgent, time, time, retryAfterSeconds);
  }

  /** The tallies opened at or before `time`. */
  startedBy(time: number): TallyRecord[] {
    return statement(this.db, startedBySql).all(time).map(toTally);
  }

  remove(accountId: number, ip: string): void {
    statement(this.db, removeSql).run(accountId, ip);
  }

  /** Refusals counted in the account's open tallies that were opened in [since, until]. */
  count(accountId: number, since: number, until: number): number {
    return Number((statement(this.db, countSql).get(accountId, since, until) as { n: number }).n);
  }
}
