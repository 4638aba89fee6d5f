// Runs against the real Secret Service / keychain. Where none is reachable the tests skip with the reason,
// unless VIGIL_REQUIRE_KEYRING=1 (the test script sets it), in which case a missing keyring is a failure.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { credentialKey, openCredentialStore, type OpenedCredentialStore } from './credential-store.ts';

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
    assert.match(result.reason ?? '', /libsecret/);
    await result.store.set('k', 'v');
    assert.equal(await result.store.get('k'), 'v');
  });

  test('falls back to memory when keytar loads but no keychain answers', async () => {
    const failing = {
      getPassword: async () => null,
      setPassword: async () => undefined,
      deletePassword: async () => false,
      findCredentials: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
    };
    const result = await openCredentialStore({ loadKeytar: async () => failing });
    assert.equal(result.kind, 'memory');
  });

  test('falls back to memory when the keychain probe hangs', async () => {
    const hanging = {
      getPassword: async () => null,
      setPassword: async () => undefined,
      deletePassword: async () => false,
      findCredentials: () => new Promise<never>(() => undefined),
    };
    const result = await openCredentialStore({ loadKeytar: async () => hanging, probeTimeoutMs: 20 });
    assert.equal(result.kind, 'memory');
    assert.match(result.reason ?? '', /did not answer/);
  });
});
