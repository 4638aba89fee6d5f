// Runs against the real Secret Service / keychain. Where none is reachable the tests skip with the reason,
// unless VIGIL_REQUIRE_KEYRING=1 (the test script sets it), in which case a missing keyring is a failure.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { credentialKey, openCredentialStore, type OpenedCredentialStore } from './credential-store.ts';

const run = promisify(execFile);
// A throwaway service name, so the tests never read or touch a real "vigil" entry.
const service = `vigil-test-${randomBytes(6).toString('hex')}`;
const required = process.env.VIGIL_REQUIRE_KEYRING === '1';
const opened: OpenedCredentialStore = await openCredentialStore({ service });
const unavailable = opened.kind === 'keychain' ? false : `no Secret Service/keychain reachable (${opened.reason ?? 'unknown'})`;

describe('keytar credential store (real keyring)', { skip: required ? false : unavailable }, () => {
  const { store } = opened;
  const alice = credentialKey({ registryUrl: 'https://registry.example', username: 'alice' });
  const bob = credentialKey({ registryUrl: 'http://127.0.0.1:4873', username: 'bob' });

  // Runs first in each test, so a required-but-missing keyring fails every test instead of testing memory.
  const requireKeychain = () => assert.equal(opened.kind, 'keychain', `VIGIL_REQUIRE_KEYRING=1 but ${String(unavailable)}`);
  after(async () => {
    if (opened.kind !== 'keychain') return;
    for (const key of await store.list()) await store.delete(key);
  });

  test('stores, lists, overwrites and deletes secrets by "<registry URL>|<username>"', async () => {
    requireKeychain();
    assert.equal(alice, 'https://registry.example|alice');
    await store.set(alice, 'token-a-1');
    await store.set(bob, 'token-b');
    await store.set(alice, 'token-a-2');
    assert.equal(await store.get(alice), 'token-a-2');
    assert.deepEqual((await store.list()).sort(), [bob, alice].sort());
    assert.equal(await store.delete(alice), true);
    assert.equal(await store.get(alice), null);
    assert.equal(await store.delete(alice), false);
    assert.deepEqual(await store.list(), [bob]);
  });

  test('a second store over the same service (as after a restart) sees the entries', async () => {
    requireKeychain();
    await store.set(alice, 'persisted');
    const reopened = await openCredentialStore({ service });
    assert.equal(reopened.kind, 'keychain');
    assert.equal(await reopened.store.get(alice), 'persisted');
  });
});

describe('opening the credential store', () => {
  test('falls back to memory (never a file) when keytar cannot be loaded', async () => {
    const result = await openCredentialStore({ loadKeytar: () => Promise.reject(new Error('libsecret-1.so.0: cannot open shared object file')) });
    assert.equal(result.kind, 'memory');
    assert.equal(result.reason, 'the keychain library could not be loaded (on Linux it needs libsecret)');
    await result.store.set('k', 'v');
    assert.equal(await result.store.get('k'), 'v');
  });

  test('falls back to memory when keytar loads but no keychain answers', async () => {
    const failing = {
      getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
      setPassword: async () => undefined,
      deletePassword: async () => false,
      findCredentials: async () => [],
    };
    const result = await openCredentialStore({ loadKeytar: async () => failing });
    assert.equal(result.kind, 'memory');
  });

  test('falls back to memory when the keychain probe hangs', async () => {
    const hanging = {
      getPassword: () => new Promise<never>(() => undefined),
      setPassword: async () => undefined,
      deletePassword: async () => false,
      findCredentials: async () => [],
    };
    const result = await openCredentialStore({ loadKeytar: async () => hanging, probeTimeoutMs: 20 });
    assert.equal(result.kind, 'memory');
    assert.equal(result.reason, 'the system keychain did not answer in time');
  });

  test('without a Secret Service, the real keytar gives one plain phrase, not a D-Bus error', async () => {
    // A fresh process, because libsecret connects to the session bus once per process.
    const script = `import { openCredentialStore } from ${JSON.stringify(new URL('./credential-store.ts', import.meta.url).href)};
      const opened = await openCredentialStore({ service: 'vigil-test-no-bus' });
      process.stdout.write(JSON.stringify(opened.kind + ': ' + opened.reason));`;
    // A bus that is not there, an empty address, and no session bus at all (the usual SSH or container case).
    for (const address of ['unix:path=/nonexistent/vigil-bus', '', undefined]) {
      const { DBUS_SESSION_BUS_ADDRESS: _bus, DISPLAY: _display, ...rest } = process.env;
      const env = address === undefined ? rest : { ...rest, DBUS_SESSION_BUS_ADDRESS: address };
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env });
      assert.equal(JSON.parse(stdout), 'memory: no Secret Service, such as GNOME Keyring or KWallet, is running', address);
    }
  });
});
