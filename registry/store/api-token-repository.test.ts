// The token lookup every token-authenticated request makes is cached; these pin that the cache can never answer
// with something the table does not hold: a revocation or a use is seen at once, a rolled-back insert never.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { transaction } from './database.ts';
import { openStore, type RegistryStore } from './store.ts';

let dir: string;
let store: RegistryStore;
const newToken = (key: string) => ({
  accountId: 1,
  key,
  preview: 'vgl_abcd',
  name: key.slice(0, 8),
  description: '',
  permission: 'read-only' as const,
  projectIds: 'all' as const,
  allowedCidrs: [],
  bypass2fa: false,
  createdWith2fa: false,
  createdAt: 1000,
  expiresAt: 9000,
});

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-token-repo-'));
  store = openStore(dir);
  store.accounts.insert({ username: 'una', passwordHash: 'x', totpSecret: null, createdAt: 0 });
});
after(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a revocation and a use are seen by the next lookup', () => {
  const id = store.apiTokens.insert(newToken('a'.repeat(128)));
  assert.equal(store.apiTokens.findByKey('a'.repeat(128))?.revokedAt, null);
  store.apiTokens.recordUse(id, 2000, '192.0.2.1', 1000);
  assert.equal(store.apiTokens.findByKey('a'.repeat(128))?.lastUsedIp, '192.0.2.1');
  store.apiTokens.revokeOwn(1, id, 3000);
  assert.equal(store.apiTokens.findByKey('a'.repeat(128))?.revokedAt, 3000);
});

test('a token read inside a transaction that rolls back is not remembered', () => {
  assert.throws(() =>
    transaction(store.db, () => {
      store.apiTokens.insert(newToken('b'.repeat(128)));
      assert.ok(store.apiTokens.findByKey('b'.repeat(128)));
      throw new Error('roll back');
    }),
  );
  assert.equal(store.apiTokens.findByKey('b'.repeat(128)), null);
});

test('cached records cannot be changed by a caller', () => {
  const token = store.apiTokens.findByKey('a'.repeat(128))!;
  assert.throws(() => Object.assign(token, { revokedAt: null }), TypeError);
  assert.throws(() => (token.allowedCidrs as string[]).push('0.0.0.0/0'), TypeError);
});

test('a write by another process (another connection) is seen at once', () => {
  const id = store.apiTokens.insert(newToken('c'.repeat(128)));
  assert.equal(store.apiTokens.findByKey('c'.repeat(128))?.revokedAt, null);
  const other = openStore(dir);
  try {
    other.apiTokens.revokeOwn(1, id, 5000);
  } finally {
    other.close();
  }
  assert.equal(store.apiTokens.findByKey('c'.repeat(128))?.revokedAt, 5000);
});
