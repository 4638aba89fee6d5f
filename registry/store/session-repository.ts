// Sessions, looked up by the SHA-256 of their bearer token (the token itself is never stored), with where they
// came from, when they were last used (coarse) and until when they count as confirmed for sensitive actions.
import type { DatabaseSync } from 'node:sqlite';
import { statement } from './statement-cache.ts';

export interface SessionRecord {
  id: number;
  accountId: number;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
  confirmedUntil: number;
  ip: string;
  userAgent: string;
}

export interface NewSession {
  accountId: number;
  tokenHash: string;
  createdAt: number;
  expiresAt: number;
  ip: string;
  userAgent: string;
  confirmedUntil: number;
  /** Defaults to createdAt. */
  lastSeenAt?: number;
}

const columns = 'id, account_id, created_at, expires_at, last_seen_at, confirmed_until, ip, user_agent';
const insertSql = `INSERT INTO sessions (account_id, token_hash, created_at, expires_at, ip, user_agent, last_seen_at,
  confirmed_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;
const active = 'ended_at IS NULL AND expires_at > ?';
const findActiveSql = `SELECT ${columns} FROM sessions WHERE token_hash = ? AND ${active}`;
const listActiveSql = `SELECT ${columns} FROM sessions WHERE account_id = ? AND ${active} ORDER BY created_at DESC, id DESC`;
const endSql = 'UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL';
const endOwnSql = `UPDATE sessions SET ended_at = ? WHERE id = ? AND account_id = ? AND ${active}`;
const endOthersSql = `UPDATE sessions SET ended_at = ? WHERE account_id = ? AND id != ? AND ${active} RETURNING id`;
// Conditional, so concurrent requests of one session write at most once a minute between them.
const touchSql = 'UPDATE sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at <= ?';
const confirmSql = 'UPDATE sessions SET confirmed_until = max(confirmed_until, ?) WHERE id = ?';

function toSession(row: Record<string, unknown>): SessionRecord {
  return {
    id: Number(row.id),
    accountId: Number(row.account_id),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    lastSeenAt: Number(row.last_seen_at),
    confirmedUntil: Number(row.confirmed_until),
    ip: String(row.ip),
    userAgent: String(row.user_agent),
  };
}

export class SessionRepository {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  create(session: NewSession): number {
    const { accountId, tokenHash, createdAt, expiresAt, ip, userAgent, confirmedUntil } = session;
    const lastSeenAt = session.lastSeenAt ?? createdAt;
    const result = statement(this.db, insertSql).run(
      accountId, tokenHash, createdAt, expiresAt, ip, userAgent, lastSeenAt, confirmedUntil,
    );
    return Number(result.lastInsertRowid);
  }

  /** The session for a token hash if it has neither ended nor expired at `now`. */
  findActive(tokenHash: string, now: number): SessionRecord | null {
    const row = statement(this.db, findActiveSql).get(tokenHash, now);
    return row ? toSession(row) : null;
  }

  /** True while the session has neither ended nor expired at `now`. */
  isActive(id: number, now: number): boolean {
    return statement(this.db, `SELECT 1 FROM sessions WHERE id = ? AND ${active}`).get(id, now) !== undefined;
  }

  /** The account's sessions that have neither ended nor expired at `now`, newest first. */
  listActive(accountId: number, now: number): SessionRecord[] {
    return statement(this.db, listActiveSql).all(accountId, now).map(toSession);
  }

  end(id: number, time: number): boolean {
    return statement(this.db, endSql).run(time, id).changes === 1;
  }

  /** Ends a session of `accountId` that is still active at `time`; false for another account's, an unknown or an ended one. */
  endOwn(accountId: number, id: number, time: number): boolean {
    return statement(this.db, endOwnSql).run(time, id, accountId, time).changes === 1;
  }

  /** Ends every active session of the account but `keepId`; returns the ids it ended. */
  endOthers(accountId: number, keepId: number, time: number): number[] {
    return statement(this.db, endOthersSql)
      .all(time, accountId, keepId, time)
      .map((row) => Number(row.id));
  }

  /** Records use at `now` unless the session was seen less than `granularityMs` ago. */
  touch(id: number, now: number, granularityMs: number): void {
    statement(this.db, touchSql).run(now, id, now - granularityMs);
  }

  /** Extends the session's confirmation to `until` (never shortens it). */
  confirm(id: number, until: number): void {
    statement(this.db, confirmSql).run(until, id);
  }
}
