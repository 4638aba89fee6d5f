import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { startFakeRegistry, type FakeRegistry } from '../test-support/fake-registry.ts';
import { closedPort, sendJson } from '../test-support/http-server.ts';
import { AppError } from './app-error.ts';
import { credentialKey, type CredentialStore } from './credential-store.ts';
import { createMemoryCredentialStore } from './memory-credential-store.ts';
import { createRegistryClient } from './registry-client.ts';
import { RegistryError } from './registry-error.ts';
import { createSessionService } from './session-service.ts';
import { createSettingsStore } from './settings-store.ts';
import { createTokenVault } from './token-vault.ts';

const password = 'correct-horse-battery-staple';
const cleanups: Array<() => unknown> = [];
after(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function world(options: { store?: CredentialStore; kind?: 'keychain' | 'memory'; start?: Date } = {}) {
  const registry = await startFakeRegistry([
    { username: 'alice', password },
    { username: 'bob', password, otp: '123456', recoveryCodes: ['rc-one', 'rc-two'] },
  ]);
  cleanups.push(() => registry.close());
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-session-'));
  cleanups.push(() => fs.rmSync(directory, { recursive: true, force: true }));
  const store = options.store ?? createMemoryCredentialStore();
  const clock = { now: options.start ?? new Date() };
  const build = () =>
    createSessionService({
      settings: createSettingsStore({ directory }),
      vault: createTokenVault({ primary: store, primaryKind: options.kind ?? 'keychain' }),
      clientFor: (registryUrl) => createRegistryClient({ baseUrl: registryUrl }),
      now: () => clock.now,
    });
  const sessions = build();
  cleanups.push(() => sessions.dispose());
  return { registry, directory, store, clock, sessions, build };
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof AppError || error instanceof RegistryError);
    assert.equal(error.code, code);
    return true;
  });
}

function registryUrlOf(registry: FakeRegistry): string {
  return `${registry.url}/`;
}

describe('session service', () => {
  test('signs in with a password, stores the token under registry URL + username, and survives a restart', async () => {
    const { registry, store, sessions, build, directory } = await world();
    const result = await sessions.signIn({ registryUrl: registryUrlOf(registry), username: 'alice', password });
    const account = { registryUrl: registry.url, username: 'alice' };
    assert.deepEqual(result, { status: 'signed-in', account, storage: 'keychain', accounts: [{ ...account, storage: 'keychain' }] });

    const stored = JSON.parse((await store.get(credentialKey(account)))!);
    assert.ok(registry.sessions.has(stored.token), 'the stored token is the one the registry issued');
    const settingsText = fs.readFileSync(path.join(directory, 'settings.json'), 'utf8');
    assert.ok(!settingsText.includes(stored.token) && !settingsText.includes(password), 'settings hold no secrets');

    assert.deepEqual(await build().current(), result);
  });

  test('a settings file that cannot be written leaves no orphaned token in the keychain or at the registry', async () => {
    const { registry, store, sessions, directory } = await world();
    // A folder where the settings file should be: the atomic rename over it fails.
    fs.mkdirSync(path.join(directory, 'settings.json'));
    await assert.rejects(sessions.signIn({ registryUrl: registry.url, username: 'alice', password }));
    assert.deepEqual(await store.list(), []);
    assert.equal(registry.sessions.size, 0);
  });

  test('uses the registry spelling of the username', async () => {
    const { registry, sessions } = await world();
    const result = await sessions.signIn({ registryUrl: registry.url, username: 'ALICE', password });
    assert.equal(result.status === 'signed-in' && result.account.username, 'alice');
  });

  test('passes a wrong password through as invalid_credentials and stays signed out', async () => {
    const { registry, sessions } = await world();
    await rejectsWith(sessions.signIn({ registryUrl: registry.url, username: 'alice', password: 'nope' }), 'invalid_credentials');
    assert.deepEqual(await sessions.current(), { status: 'signed-out' });
  });

  test('rejects a registry URL with credentials in it as invalid_request', async () => {
    const { sessions } = await world();
    await rejectsWith(sessions.signIn({ registryUrl: 'http://user:pw@127.0.0.1:1', username: 'alice', password }), 'invalid_request');
  });

  test('answers registry_unreachable when nothing listens at the registry URL', async () => {
    const { sessions } = await world();
    const port = await closedPort();
    await rejectsWith(sessions.signIn({ registryUrl: `http://127.0.0.1:${port}`, username: 'alice', password }), 'registry_unreachable');
  });

  test('second factor: keeps the password in main under a challenge, lets a wrong code be retried, then signs in', async () => {
    const { registry, sessions } = await world();
    const challenge = await sessions.signIn({ registryUrl: registry.url, username: 'bob', password });
    assert.equal(challenge.status, 'second-factor-required');
    assert.ok(challenge.status === 'second-factor-required');
    assert.ok(!JSON.stringify(challenge).includes(password));

    await rejectsWith(sessions.verify({ challengeId: challenge.challengeId, otp: '000000' }), 'invalid_otp');
    const signedIn = await sessions.verify({ challengeId: challenge.challengeId, otp: '123456' });
    assert.deepEqual(signedIn.account, { registryUrl: registry.url, username: 'bob' });
    // The challenge is used up.
    await rejectsWith(sessions.verify({ challengeId: challenge.challengeId, otp: '123456' }), 'challenge_expired');
  });

  test('second factor with a recovery code, and a burned one is reported as such', async () => {
    const { registry, sessions } = await world();
    const first = await sessions.signIn({ registryUrl: registry.url, username: 'bob', password });
    assert.ok(first.status === 'second-factor-required');
    await sessions.verify({ challengeId: first.challengeId, recoveryCode: 'rc-one' });
    const second = await sessions.signIn({ registryUrl: registry.url, username: 'bob', password });
    assert.ok(second.status === 'second-factor-required');
    await rejectsWith(sessions.verify({ challengeId: second.challengeId, recoveryCode: 'rc-one' }), 'burned_recovery_code');
  });

  test('a challenge expires after five minutes, and an unknown one is expired too', async () => {
    const { registry, sessions, clock } = await world({ start: new Date('2025-06-01T12:00:00Z') });
    const challenge = await sessions.signIn({ registryUrl: registry.url, username: 'bob', password });
    assert.ok(challenge.status === 'second-factor-required');
    clock.now = new Date('2025-06-01T12:05:00.001Z');
    await rejectsWith(sessions.verify({ challengeId: challenge.challengeId, otp: '123456' }), 'challenge_expired');
    await rejectsWith(sessions.verify({ challengeId: 'made-up', otp: '123456' }), 'challenge_expired');
  });

  test('a rate-limited verify keeps the challenge and carries Retry-After', async () => {
    const { registry, sessions } = await world();
    const challenge = await sessions.signIn({ registryUrl: registry.url, username: 'bob', password });
    assert.ok(challenge.status === 'second-factor-required');
    registry.interceptNext((_request, response) =>
      sendJson(response, 429, { error: { code: 'rate_limited', message: 'wait' } }, { 'retry-after': '17' }),
    );
    await assert.rejects(sessions.verify({ challengeId: challenge.challengeId, otp: '123456' }), { code: 'rate_limited', retryAfterSeconds: 17 });
    assert.equal((await sessions.verify({ challengeId: challenge.challengeId, otp: '123456' })).status, 'signed-in');
  });

  test('sign-out ends the registry session, deletes the stored token and clears the active account', async () => {
    const { registry, sessions, store, build } = await world();
    await sessions.signIn({ registryUrl: registry.url, username: 'alice', password });
    const key = credentialKey({ registryUrl: registry.url, username: 'alice' });
    const { token } = JSON.parse((await store.get(key))!);
    assert.deepEqual(await sessions.signOut(), { status: 'signed-out' });
    assert.deepEqual(registry.endedTokens, [token]);
    assert.equal(await store.get(key), null);
    assert.deepEqual(await build().current(), { status: 'signed-out' });
  });

  test('sign-out still signs out locally when the registry is unreachable', async () => {
    const { registry, sessions, store } = await world();
    await sessions.signIn({ registryUrl: registry.url, username: 'alice', password });
    await registry.close();
    assert.deepEqual(await sessions.signOut(), { status: 'signed-out' });
    assert.deepEqual(await store.list(), []);
    assert.deepEqual(await sessions.current(), { status: 'signed-out' });
  });

  test('an expired stored session reads as signed out and is deleted', async () => {
    const { registry, sessions, store, clock } = await world();
    await sessions.signIn({ registryUrl: registry.url, username: 'alice', password });
    clock.now = new Date(Date.now() + 13 * 3600_000);
    assert.deepEqual(await sessions.current(), { status: 'signed-out' });
    assert.deepEqual(await store.list(), []);
  });

  test('when the keychain refuses the write, the session lives in memory for this run and says so', async () => {
    const keychain = createMemoryCredentialStore();
    const refusing: CredentialStore = { ...keychain, set: async () => Promise.reject(new Error('keyring locked')) };
    const { registry, sessions, build } = await world({ store: refusing });
    const result = await sessions.signIn({ registryUrl: registry.url, username: 'alice', password });
    assert.equal(result.status === 'signed-in' && result.storage, 'memory');
    const account = { registryUrl: registry.url, username: 'alice' };
    assert.deepEqual(await sessions.current(), { status: 'signed-in', account, storage: 'memory', accounts: [{ ...account, storage: 'memory' }] });
    assert.deepEqual(await keychain.list(), []);
    // A restart (a new service over the same files) does not find it: memory means this run only.
    assert.deepEqual(await build().current(), { status: 'signed-out' });
  });

  test('a keychain that cannot be read is reported as keychain_unavailable', async () => {
    const keychain = createMemoryCredentialStore();
    let readable = true;
    const flaky: CredentialStore = { ...keychain, get: async (key) => (readable ? keychain.get(key) : Promise.reject(new Error('dbus gone'))) };
    const { registry, sessions } = await world({ store: flaky });
    await sessions.signIn({ registryUrl: registry.url, username: 'alice', password });
    readable = false;
    await rejectsWith(sessions.current(), 'keychain_unavailable');
  });

  test('forgetAllAccounts removes every known account, its token and the active account', async () => {
    const { registry, sessions, store, directory } = await world();
    const settings = createSettingsStore({ directory });
    await sessions.signIn({ registryUrl: registry.url, username: 'alice', password });
    const bob = await sessions.signIn({ registryUrl: registry.url, username: 'bob', password });
    assert.ok(bob.status === 'second-factor-required');
    await sessions.verify({ challengeId: bob.challengeId, otp: '123456' });
    assert.equal((await store.list()).length, 2);
    await sessions.forgetAllAccounts();
    assert.deepEqual(await store.list(), []);
    assert.deepEqual(await sessions.current(), { status: 'signed-out' });
    assert.deepEqual((await settings.read()).accounts, [], 'no stale entry is left in the settings');
  });

  test('several accounts on two registries stay signed in together; switching and signing out one keeps the others', async () => {
    const { registry, sessions, store, build } = await world();
    const other = await startFakeRegistry([{ username: 'carol', password }]);
    cleanups.push(() => other.close());
    const alice = { registryUrl: registry.url, username: 'alice' };
    const carol = { registryUrl: other.url, username: 'carol' };
    await sessions.signIn({ ...alice, password });
    const added = await sessions.signIn({ ...carol, password });
    assert.ok(added.status === 'signed-in');
    // The account just added is the active one; the first stays signed in, each in its own keychain entry.
    assert.deepEqual([added.account, added.accounts.map(({ storage: _storage, ...account }) => account)], [carol, [alice, carol]]);
    assert.equal((await store.list()).length, 2);
    assert.deepEqual((await sessions.activeSession(alice))?.account, alice);

    const switched = await sessions.switchTo(alice);
    assert.deepEqual(switched.account, alice);
    assert.deepEqual(await build().current(), switched, 'the choice survives a restart');

    // Signing out the active account (alice) leaves carol signed in and active; her session at the registry lives on.
    const after = await sessions.signOut();
    assert.ok(after.status === 'signed-in');
    assert.deepEqual([after.account, after.accounts.length], [carol, 1]);
    assert.equal(registry.endedTokens.length, 1);
    assert.equal(other.endedTokens.length, 0);
    await rejectsWith(sessions.switchTo(alice), 'not_signed_in');
    assert.deepEqual(await sessions.signOut(), { status: 'signed-out' });
  });

  test('when the active account’s session ends, another signed-in account takes its place', async () => {
    const { registry, sessions } = await world();
    await sessions.signIn({ registryUrl: registry.url, username: 'alice', password });
    const bob = await sessions.signIn({ registryUrl: registry.url, username: 'bob', password });
    assert.ok(bob.status === 'second-factor-required');
    const signedIn = await sessions.verify({ challengeId: bob.challengeId, otp: '123456' });
    assert.equal(signedIn.account.username, 'bob');
    await sessions.expireSession(signedIn.account);
    const now = await sessions.current();
    assert.ok(now.status === 'signed-in');
    assert.deepEqual([now.account.username, now.accounts.map((account) => account.username)], ['alice', ['alice']]);
  });
});
