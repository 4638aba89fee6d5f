// Accounts: username (unique regardless of case), password hash, optional TOTP secret and the last TOTP time step
// accepted for the account (PyPI's replay guard).
import type { DatabaseSync } from 'node:sqlite';
import { statement } from './statement-cache.ts';

export interface AccountRecord {
  id: number;
  username: string;
  passwordHash: string;
  totpSecret: string | null;
  totpLastStep: number | null;
  createdAt: number;
}

export interface NewAccountRecord {
  username: string;
  passwordHash: string;
  totpSecret: string | null;
  createdAt: number;
}

const columns = 'id, username, password_hash, totp_secret, totp_last_step, created_at';
const insertSql = 'INSERT INTO accounts (username, password_hash, totp_secret, created_at) VALUES (?, ?, ?, ?)';
const acceptStepSql =
  'UPDATE accounts SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)';

function toAccount(row: Record<string, unknown> | undefined): AccountRecord | null {
  if (!row) return null;
  return {
    id: Number(row.id),
    username: String(row.username),
    passwordHash: String(row.password_hash),
    totpSecret: row.totp_secret === null ? null : String(row.totp_secret),
    totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
    createdAt: Number(row.created_at),
  };
}

export class AccountRepository {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  findByUsername(username: string): AccountRecord | null {
    return toAccount(statement(this.db, `SELECT ${columns} FROM accounts WHERE username = ?`).get(username));
  }

  findById(id: number): AccountRecord | null {
    return toAccount(statement(this.db, `SELECT ${columns} FROM accounts WHERE id = ?`).get(id));
  }

  insert(account: NewAccountRecord): number {
    const { username, passwordHash, totpSecret, createdAt } = account;
    const result = statement(this.db, insertSql).run(username, passwordHash, totpSecret, createdAt);
    return Number(result.lastInsertRowid);
  }

  // Conditional update, so two requests racing with the same code cannot both be accepted.
  acceptTotpStep(id: number, step: number): boolean {
    const result = statement(this.db, acceptStepSql).run(step, id, step);
    return result.changes === 1;
  }

  updatePasswordHash(id: number, passwordHash: string): void {
    statement(this.db, 'UPDATE accounts SET password_hash = ? WHERE id = ?').run(passwordHash, id);
  }
}
