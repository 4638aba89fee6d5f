// What someone with write access to the registry's database file could do to its audit log, for the tests that
// prove the console notices: change an event in place, delete one, or change one and recompute the hashes of it
// and every later event of its account so the chain checks out on its own. Direct SQL with the append-only
// triggers dropped, as an attacker would; never used by the registry itself.
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { eventHash } from '../contract/event-chain.ts';
import { databaseFileName } from './database.ts';

export interface EventChange {
  ip?: string;
  details?: Record<string, string | number | boolean | null>;
}

function withoutGuards<T>(dataDir: string, work: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(path.join(dataDir, databaseFileName), { timeout: 5000 });
  try {
    db.exec('DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete');
    return work(db);
  } finally {
    db.close();
  }
}

function applyChange(db: DatabaseSync, id: number, change: EventChange) {
  if (change.ip !== undefined) db.prepare('UPDATE events SET ip = ? WHERE id = ?').run(change.ip, id);
  if (change.details !== undefined) db.prepare('UPDATE events SET details = ? WHERE id = ?').run(JSON.stringify(change.details), id);
}

/** A consistent copy of a registry's database, taken while it runs, into `toDir` (a registry can be started on it). */
export function copyDatabase(dataDir: string, toDir: string): void {
  const db = new DatabaseSync(path.join(dataDir, databaseFileName), { timeout: 5000 });
  try {
    db.prepare('VACUUM INTO ?').run(path.join(toDir, databaseFileName));
  } finally {
    db.close();
  }
}

/** Runs one SELECT on a registry's database, as a test looking for the event to tamper with. */
export function queryDatabase(dataDir: string, sql: string, ...parameters: (string | number)[]): Record<string, unknown>[] {
  const db = new DatabaseSync(path.join(dataDir, databaseFileName), { readOnly: true, timeout: 5000 });
  try {
    return db.prepare(sql).all(...parameters) as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

/** Changes one event and leaves its hash as it was. */
export function alterEvent(dataDir: string, id: string, change: EventChange): void {
  withoutGuards(dataDir, (db) => applyChange(db, Number(id), change));
}

export function deleteEvent(dataDir: string, id: string): void {
  withoutGuards(dataDir, (db) => db.prepare('DELETE FROM events WHERE id = ?').run(Number(id)));
}

/** Changes one event, then recomputes its hash and the chain after it, so the account's chain verifies again. */
export function rewriteEvent(dataDir: string, id: string, change: EventChange): void {
  withoutGuards(dataDir, (db) => {
    applyChange(db, Number(id), change);
    const rows = db
      .prepare(
        `SELECT id, type, time, ip, user_agent AS userAgent, details, prev_hash AS prevHash FROM events
         WHERE account_id = (SELECT account_id FROM events WHERE id = ?) AND id >= ? ORDER BY id`,
      )
      .all(Number(id), Number(id)) as { id: number; type: string; time: number; ip: string; userAgent: string; details: string; prevHash: string }[];
    const update = db.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE id = ?');
    let previous = rows[0]!.prevHash;
    for (const row of rows) {
      const hash = eventHash(previous, {
        id: String(row.id),
        type: row.type,
        time: new Date(row.time).toISOString(),
        ip: row.ip,
        userAgent: row.userAgent,
        details: JSON.parse(row.details) as Record<string, string>,
      });
      update.run(previous, hash, row.id);
      previous = hash;
    }
  });
}
