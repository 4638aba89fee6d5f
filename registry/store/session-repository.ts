// Sessions, looked up by the SHA-256 of their bearer token (the token itself is never stored).
import type { DatabaseSync } from 'node:sqlite';
import { statement } from './statement-cache.ts';

export interface SessionRecord {
  id: number;
  accountId: number;
  expiresAt: number;
}

const insertSql = 'INSERT INTO sessions (account_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)';
const activeSql =
  'SELECT id, account_id, expires_at FROM sessions WHERE token_hash = ? AND ended_at IS NULL AND expires_at > ?';
const endSql = 'UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL';

export class SessionRepository {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  create(session: { accountId: number; tokenHash: string; createdAt: number; expiresAt: number }): number {
    const { accountId, tokenHash, createdAt, expiresAt } = session;
    const result = statement(this.db, insertSql).run(accountId, tokenHash, createdAt, expiresAt);
    return Number(result.lastInsertRowid);
  }

  /** The session for a token hash if it has neither ended nor expired at `now`. */
  findActive(tokenHash: string, now: number): SessionRecord | null {
    const row = statement(this.db, activeSql).get(tokenHash, now);
    if (!row) return null;
    return { id: Number(row.id), accountId: Number(row.account_id), expiresAt: Number(row.expires_at) };
  }

  end(id: number, time: number): boolean {
    return statement(this.db, endSql).run(time, id).changes === 1;
  }
}
