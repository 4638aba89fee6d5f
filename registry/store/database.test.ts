import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { openStore, type RegistryStore } from './store.ts';

describe('registry database', () => {
  let dir: string;
  let store: RegistryStore;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-'));
    store = openStore(dir);
  });
  afterEach(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const addAccount = () =>
    store.accounts.insert({ username: 'alice', passwordHash: 'x', totpSecret: null, createdAt: 1 });

  test('runs in WAL mode with foreign keys enforced', () => {
    assert.equal(store.db.prepare('PRAGMA journal_mode').get()?.journal_mode, 'wal');
    assert.equal(store.db.prepare('PRAGMA foreign_keys').get()?.foreign_keys, 1);
    assert.throws(() =>
      store.events.append({ accountId: 999, type: 'session.ended', time: 1, ip: '', userAgent: '', details: {} }),
    /FOREIGN KEY/);
  });

  test('the event log is append-only: UPDATE and DELETE are aborted by triggers', () => {
    const accountId = addAccount();
    store.events.append({ accountId, type: 'login.success', time: 5, ip: '192.0.2.1', userAgent: 'ua', details: { method: 'password' } });
    assert.throws(() => store.db.exec("UPDATE events SET ip = '198.51.100.1'"), /append-only/);
    assert.throws(() => store.db.exec('DELETE FROM events'), /append-only/);
    assert.equal(store.events.list(accountId, 10)[0]?.ip, '192.0.2.1');
  });

  test('recovery codes are burned once and never deleted', () => {
    const accountId = addAccount();
    store.recoveryCodes.insertMany(accountId, ['h1', 'h2']);
    const [first] = store.recoveryCodes.listForAccount(accountId);
    assert.equal(store.recoveryCodes.burn(first!.id, 10), true);
    assert.equal(store.recoveryCodes.burn(first!.id, 11), false);
    assert.throws(() => store.db.exec('UPDATE recovery_codes SET used_at = NULL'), /burned once/);
    assert.throws(() => store.db.exec('DELETE FROM recovery_codes'), /never deleted/);
    assert.equal(store.recoveryCodes.countRemaining(accountId), 1);
  });

  test('usernames are unique regardless of case', () => {
    addAccount();
    assert.throws(() => store.accounts.insert({ username: 'ALICE', passwordHash: 'y', totpSecret: null, createdAt: 2 }), /UNIQUE/);
    assert.equal(store.accounts.findByUsername('Alice')?.username, 'alice');
  });

  test('a second connection to the same folder sees and makes changes while the first is open', () => {
    const other = openStore(dir);
    try {
      other.accounts.insert({ username: 'bob', passwordHash: 'x', totpSecret: null, createdAt: 1 });
      assert.equal(store.accounts.findByUsername('bob')?.username, 'bob');
    } finally {
      other.close();
    }
  });
});
