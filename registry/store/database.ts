// Opens (and if needed creates) the registry's SQLite file. WAL mode and a busy timeout let a second process —
// the CLI adding a user while the server runs — write to the same data folder safely.
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { ensurePrivateDir, ensurePrivateFile, privateFileMode } from '../security/private-files.ts';
import { eventTypes } from '../contract/schemas.ts';
import { applyMigration, migrations } from './schema.ts';

export const databaseFileName = 'registry.sqlite';
const busyTimeoutMs = 5000;

// FULL syncs the WAL on every commit, so an audit event the registry has acknowledged survives power loss, not
// only a crash of the process (NORMAL's guarantee). Its cost on sign-in is reported by `npm run bench`.
export type Synchronous = 'FULL' | 'NORMAL';

export function openDatabase(dataDir: string, options: { synchronous?: Synchronous } = {}): DatabaseSync {
  ensurePrivateDir(dataDir);
  const file = path.join(dataDir, databaseFileName);
  // SQLite creates its -wal and -shm files with the database file's mode, so a private database file makes all
  // three private; files an older version left readable are tightened too.
  ensurePrivateFile(file);
  for (const companion of [`${file}-wal`, `${file}-shm`]) {
    if (fs.existsSync(companion)) fs.chmodSync(companion, privateFileMode);
  }
  const db = new DatabaseSync(file, { enableForeignKeyConstraints: true, timeout: busyTimeoutMs });
  try {
    db.exec(`PRAGMA busy_timeout = ${busyTimeoutMs}`);
    retryWhileBusy(() => db.exec('PRAGMA journal_mode = WAL'));
    db.exec('PRAGMA foreign_keys = ON');
    db.exec(`PRAGMA synchronous = ${options.synchronous ?? 'FULL'}`);
    // A statement that a trigger or foreign key may abort keeps an undo log of its own while it runs (every event
    // insert does: the chain's trigger). In a file that costs several times the insert; in memory, little.
    db.exec('PRAGMA temp_store = MEMORY');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * A second, read-only connection to an open database: for a long read (an export) that must see one snapshot and
 * must not hold statements of the connection every request uses. The caller closes it.
 */
export function openReader(db: DatabaseSync): DatabaseSync {
  const file = db.location();
  if (file === null) throw new Error('an in-memory database has no second connection');
  const reader = new DatabaseSync(file, { readOnly: true, timeout: busyTimeoutMs });
  reader.exec(`PRAGMA busy_timeout = ${busyTimeoutMs}`);
  return reader;
}

// Switching a fresh file to WAL needs an exclusive lock, and SQLite answers SQLITE_BUSY at once, without its busy
// handler, while another process is doing the same: two processes opening a new folder together would fail.
function retryWhileBusy(work: () => void): void {
  const deadline = Date.now() + busyTimeoutMs;
  for (;;) {
    try {
      return work();
    } catch (error) {
      if ((error as { errcode?: number }).errcode !== sqliteBusy || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

const sqliteBusy = 5;

// Runs inside one IMMEDIATE transaction so two processes opening a fresh folder at once cannot both migrate.
function migrate(db: DatabaseSync): void {
  transaction(db, () => {
    const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
    if (row.user_version > migrations.length) {
      throw new Error(`the database was written by a newer registry (schema ${row.user_version}); upgrade Vigil`);
    }
    for (let version = row.user_version; version < migrations.length; version += 1) {
      applyMigration(db, migrations[version]!);
    }
    db.exec(`PRAGMA user_version = ${migrations.length}`);
    syncEventTypes(db);
  });
}

// Every event type the contract names may be stored; the events table refers to this list.
function syncEventTypes(db: DatabaseSync): void {
  const insert = db.prepare('INSERT OR IGNORE INTO event_types (name) VALUES (?)');
  for (const type of eventTypes) insert.run(type);
}

export function transaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
