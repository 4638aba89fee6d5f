import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { createSettingsStore, emptySettings, withActiveAccount, withoutActiveAccount } from './settings-store.ts';

const dirs: string[] = [];
after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-settings-'));
  dirs.push(dir);
  return dir;
}

const alice = { registryUrl: 'https://registry.example', username: 'alice' };
const bob = { registryUrl: 'http://127.0.0.1:4873', username: 'bob' };
const now = new Date('2025-03-04T05:06:07.000Z');

describe('settings store', () => {
  test('starts empty when there is no file yet', async () => {
    assert.deepEqual(await createSettingsStore({ directory: tempDir() }).read(), emptySettings());
  });

  test('round-trips several accounts and the active one through settings.json, which a new store reads back', async () => {
    const directory = tempDir();
    const store = createSettingsStore({ directory });
    await store.update((settings) => withActiveAccount(settings, alice, now));
    await store.update((settings) => withActiveAccount(settings, bob, now));
    await store.update((settings) => withActiveAccount(settings, alice, new Date('2026-01-01T00:00:00Z')));

    const reread = await createSettingsStore({ directory }).read();
    assert.deepEqual(reread, {
      version: 1,
      accounts: [
        { ...alice, addedAt: now.toISOString() },
        { ...bob, addedAt: now.toISOString() },
      ],
      activeAccount: alice,
    });
    const onDisk = JSON.parse(fs.readFileSync(path.join(directory, 'settings.json'), 'utf8'));
    assert.deepEqual(onDisk, reread);
    // Nothing but the settings file is left behind (no temp files from the atomic writes).
    assert.deepEqual(fs.readdirSync(directory), ['settings.json']);

    await store.update(withoutActiveAccount);
    assert.equal((await store.read()).activeAccount, null);
    assert.equal((await store.read()).accounts.length, 2);
  });

  for (const [name, content] of [
    ['not JSON', '{"version":1, accounts: ['],
    ['the wrong shape', JSON.stringify({ version: 1, accounts: 'alice', activeAccount: null })],
    ['an unknown version', JSON.stringify({ version: 7, accounts: [], activeAccount: null })],
    ['empty', ''],
  ] as const) {
    test(`treats a file that is ${name} as empty settings, and can write over it`, async () => {
      const directory = tempDir();
      fs.writeFileSync(path.join(directory, 'settings.json'), content);
      const store = createSettingsStore({ directory });
      assert.deepEqual(await store.read(), emptySettings());
      await store.update((settings) => withActiveAccount(settings, alice, now));
      assert.deepEqual((await store.read()).activeAccount, alice);
    });
  }

  test('concurrent updates do not lose each other', async () => {
    const store = createSettingsStore({ directory: tempDir() });
    const users = Array.from({ length: 10 }, (_, index) => ({ registryUrl: 'https://r.example', username: `user${index}` }));
    await Promise.all(users.map((user) => store.update((settings) => withActiveAccount(settings, user, now))));
    assert.equal((await store.read()).accounts.length, 10);
  });

  test('refuses to write settings that do not match the schema', async () => {
    const store = createSettingsStore({ directory: tempDir() });
    await assert.rejects(store.update((settings) => ({ ...settings, activeAccount: { registryUrl: '', username: '' } })));
    assert.deepEqual(await store.read(), emptySettings());
  });
});
