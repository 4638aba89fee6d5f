// Recovery-code hashes per account. Codes are burned by setting used_at; the table's triggers forbid deleting a
// code or burning it twice.
import type { DatabaseSync } from 'node:sqlite';
import { statement } from './statement-cache.ts';
import type { StoredRecoveryCode } from '../security/recovery-codes.ts';

const insertSql = 'INSERT INTO recovery_codes (account_id, code_hash) VALUES (?, ?)';
const listSql = 'SELECT id, code_hash, used_at FROM recovery_codes WHERE account_id = ? ORDER BY id';
const burnSql = 'UPDATE recovery_codes SET used_at = ? WHERE id = ? AND used_at IS NULL';
const remainingSql = 'SELECT count(*) AS remaining FROM recovery_codes WHERE account_id = ? AND used_at IS NULL';

export class RecoveryCodeRepository {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  insertMany(accountId: number, hashes: readonly string[]): void {
    const insert = statement(this.db, insertSql);
    for (const hash of hashes) insert.run(accountId, hash);
  }

  listForAccount(accountId: number): StoredRecoveryCode[] {
    const rows = statement(this.db, listSql).all(accountId);
    return rows.map((row) => ({
      id: Number(row.id),
      hash: String(row.code_hash),
      usedAt: row.used_at === null ? null : Number(row.used_at),
    }));
  }

  /** Marks a code used; false when it was already used (a concurrent request got there first). */
  burn(id: number, time: number): boolean {
    return statement(this.db, burnSql).run(time, id).changes === 1;
  }

  countRemaining(accountId: number): number {
    const row = statement(this.db, remainingSql).get(accountId) as { remaining: number };
    return Number(row.remaining);
  }
}
