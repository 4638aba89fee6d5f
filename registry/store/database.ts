// Opens (and if needed creates) the registry's SQLite file. WAL mode and a busy timeout let a second process —
// the CLI adding a user while the server runs — write to the same data folder safely.
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrations } from './schema.ts';

export const databaseFileName = 'registry.sqlite';

export function openDatabase(dataDir: string): DatabaseSync {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, databaseFileName);
  const db = new DatabaseSync(file, { enableForeignKeyConstraints: true, timeout: 5000 });
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA foreign_keys = ON');
    db.exec('PRAGMA synchronous = NORMAL');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

// Runs inside one IMMEDIATE transaction so two processes opening a fresh folder at once cannot both migrate.
function migrate(db: DatabaseSync): void {
  transaction(db, () => {
    const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
    for (let version = row.user_version; version < migrations.length; version += 1) {
      db.exec(migrations[version]!);
    }
    db.exec(`PRAGMA user_version = ${migrations.length}`);
  });
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
