// Recovery-code hashes per account, in generations. Codes are burned by setting used_at and a whole generation is
// revoked by setting revoked_at; the table's triggers forbid deleting a code, burning it twice, touching a revoked
// one or undoing either. Only the current (unrevoked) generation is ever matched or counted.
import type { DatabaseSync } from 'node:sqlite';
import { statement } from './statement-cache.ts';
import type { StoredRecoveryCode } from '../security/recovery-codes.ts';

const insertSql = 'INSERT INTO recovery_codes (account_id, code_hash, generated_at) VALUES (?, ?, ?)';
const listSql =
  'SELECT id, code_hash, used_at FROM recovery_codes WHERE account_id = ? AND revoked_at IS NULL ORDER BY id';
const burnSql = 'UPDATE recovery_codes SET used_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL';
const revokeSql = 'UPDATE recovery_codes SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL';
const revokedSql = 'SELECT revoked_at IS NOT NULL AS revoked FROM recovery_codes WHERE id = ?';
const remainingSql =
  'SELECT count(*) AS remaining FROM recovery_codes WHERE account_id = ? AND used_at IS NULL AND revoked_at IS NULL';
const generatedAtSql =
  'SELECT max(generated_at) AS generated_at FROM recovery_codes WHERE account_id = ? AND revoked_at IS NULL';

export class RecoveryCodeRepository {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  /** Adds codes to the current generation (callers revoke the previous one first). */
  insertMany(accountId: number, hashes: readonly string[], generatedAt: number): void {
    const insert = statement(this.db, insertSql);
    for (const hash of hashes) insert.run(accountId, hash, generatedAt);
  }

  /** The current generation's codes, used or not. */
  listForAccount(accountId: number): StoredRecoveryCode[] {
    const rows = statement(this.db, listSql).all(accountId);
    return rows.map((row) => ({
      id: Number(row.id),
      hash: String(row.code_hash),
      usedAt: row.used_at === null ? null : Number(row.used_at),
    }));
  }

  /** Marks a current code used; false when it was already used or revoked (a concurrent request got there first). */
  burn(id: number, time: number): boolean {
    return statement(this.db, burnSql).run(time, id).changes === 1;
  }

  /** Whether the code belongs to a revoked generation (replaced by a newer set, or 2FA was turned off). */
  isRevoked(id: number): boolean {
    const row = statement(this.db, revokedSql).get(id) as { revoked: number } | undefined;
    return row !== undefined && Number(row.revoked) === 1;
  }

  /** Revokes the current generation; returns how many codes it had. */
  revokeCurrent(accountId: number, time: number): number {
    return Number(statement(this.db, revokeSql).run(time, accountId).changes);
  }

  countRemaining(accountId: number): number {
    const row = statement(this.db, remainingSql).get(accountId) as { remaining: number };
    return Number(row.remaining);
  }

  /** When the current generation was made, or null when there is none. */
  currentGeneratedAt(accountId: number): number | null {
    const row = statement(this.db, generatedAtSql).get(accountId) as { generated_at: number | null };
    return row.generated_at === null ? null : Number(row.generated_at);
  }
}
