// Accounts: username (unique regardless of case), password hash, optional TOTP secret and the last TOTP time step
// accepted for the account (PyPI's replay guard), when 2FA went on, and an authenticator waiting to be activated.
import type { DatabaseSync } from 'node:sqlite';
import { statement } from './statement-cache.ts';

export interface AccountRecord {
  id: number;
  username: string;
  passwordHash: string;
  totpSecret: string | null;
  totpLastStep: number | null;
  totpEnabledAt: number | null;
  totpPendingSecret: string | null;
  totpPendingUntil: number | null;
  createdAt: number;
}

export interface NewAccountRecord {
  username: string;
  passwordHash: string;
  totpSecret: string | null;
  createdAt: number;
  /** When 2FA went on; defaults to createdAt for an account created with a secret. */
  totpEnabledAt?: number;
}

const columns =
  'id, username, password_hash, totp_secret, totp_last_step, totp_enabled_at, totp_pending_secret, totp_pending_until, created_at';
const insertSql =
  'INSERT INTO accounts (username, password_hash, totp_secret, totp_enabled_at, created_at) VALUES (?, ?, ?, ?, ?)';
// Conditional on the step (so one code is accepted once) and on the secret it was checked against (so a code
// from an authenticator replaced or removed while it was checked is not accepted for the new one).
const acceptStepSql = `UPDATE accounts SET totp_last_step = ?
  WHERE id = ? AND totp_secret = ? AND (totp_last_step IS NULL OR totp_last_step < ?)`;
const replaceHashSql = 'UPDATE accounts SET password_hash = ? WHERE id = ? AND password_hash = ?';
const setPendingSql = 'UPDATE accounts SET totp_pending_secret = ?, totp_pending_until = ? WHERE id = ?';
// Conditional on the very secret that was checked, so of two activations racing only one wins, and a secret
// replaced by a newer enrollment in between is not activated.
const activateSql = `UPDATE accounts SET totp_secret = totp_pending_secret, totp_last_step = ?,
  totp_enabled_at = coalesce(totp_enabled_at, ?), totp_pending_secret = NULL, totp_pending_until = NULL
  WHERE id = ? AND totp_pending_secret = ? AND totp_pending_until > ?`;
const disableSql = `UPDATE accounts SET totp_secret = NULL, totp_last_step = NULL, totp_enabled_at = NULL,
  totp_pending_secret = NULL, totp_pending_until = NULL WHERE id = ?`;

function toAccount(row: Record<string, unknown> | undefined): AccountRecord | null {
  if (!row) return null;
  const optional = (value: unknown) => (value === null ? null : Number(value));
  return {
    id: Number(row.id),
    username: String(row.username),
    passwordHash: String(row.password_hash),
    totpSecret: row.totp_secret === null ? null : String(row.totp_secret),
    totpLastStep: optional(row.totp_last_step),
    totpEnabledAt: optional(row.totp_enabled_at),
    totpPendingSecret: row.totp_pending_secret === null ? null : String(row.totp_pending_secret),
    totpPendingUntil: optional(row.totp_pending_until),
    createdAt: Number(row.created_at),
  };
}

export class AccountRepository {
  private readonly db: DatabaseSync;
  // Usernames by account id, for token-authenticated requests, which need only that. Nothing renames or deletes
  // an account (triggers in the schema refuse both), so a cached name can never go stale, even if another
  // process (the CLI) writes to the database meanwhile.
  private readonly usernames = new Map<number, string>();

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  findByUsername(username: string): AccountRecord | null {
    return toAccount(statement(this.db, `SELECT ${columns} FROM accounts WHERE username = ?`).get(username));
  }

  findById(id: number): AccountRecord | null {
    return toAccount(statement(this.db, `SELECT ${columns} FROM accounts WHERE id = ?`).get(id));
  }

  /** The account's username, or null when there is no such account. */
  usernameOf(id: number): string | null {
    const cached = this.usernames.get(id);
    if (cached !== undefined) return cached;
    const row = statement(this.db, 'SELECT username FROM accounts WHERE id = ?').get(id);
    if (!row) return null;
    const username = String(row.username);
    if (!this.db.isTransaction) this.usernames.set(id, username);
    return username;
  }

  insert(account: NewAccountRecord): number {
    const { username, passwordHash, totpSecret, createdAt } = account;
    const enabledAt = totpSecret === null ? null : (account.totpEnabledAt ?? createdAt);
    const result = statement(this.db, insertSql).run(username, passwordHash, totpSecret, enabledAt, createdAt);
    return Number(result.lastInsertRowid);
  }

  /**
   * Records `step` of `secret` as the last accepted one; false when that step (or a later one) was accepted
   * already, or `secret` is no longer the account's authenticator. Of two requests racing with one code only one
   * is accepted.
   */
  acceptTotpStep(id: number, secret: string, step: number): boolean {
    return statement(this.db, acceptStepSql).run(step, id, secret, step).changes === 1;
  }

  /** Sets a new password (a change the account's holder asked for: whatever hash was there is replaced). */
  updatePasswordHash(id: number, passwordHash: string): void {
    statement(this.db, 'UPDATE accounts SET password_hash = ? WHERE id = ?').run(passwordHash, id);
  }

  /**
   * Replaces `expected` with `passwordHash` (the same password, hashed anew); false when the account's hash is no
   * longer `expected`, i.e. the password changed since `expected` was read and must not be overwritten.
   */
  replacePasswordHash(id: number, expected: string, passwordHash: string): boolean {
    return statement(this.db, replaceHashSql).run(passwordHash, id, expected).changes === 1;
  }

  /** Keeps `secret` waiting for activation until `until`, replacing any secret already waiting. */
  setPendingTotp(id: number, secret: string, until: number): void {
    statement(this.db, setPendingSql).run(secret, until, id);
  }

  /**
   * Makes the waiting secret the account's authenticator, with `step` (the one its activation code was accepted
   * in) as the last accepted step; false when that secret is no longer waiting at `now`.
   */
  activatePendingTotp(id: number, secret: string, step: number, now: number): boolean {
    return statement(this.db, activateSql).run(step, now, id, secret, now).changes === 1;
  }

  /** Turns 2FA off and drops any authenticator waiting for activation. */
  disableTotp(id: number): void {
    statement(this.db, disableSql).run(id);
  }
}
