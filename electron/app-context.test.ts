// The console end to end without a window: the shared app context over the real reference registry, reached
// through the real browser host — the same dispatcher Electron uses.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { demoRecoveryCodes } from '../registry/seed/demo.ts';
import { totpCode } from '../registry/security/totp.ts';
import { startRegistry } from '../registry/server/start-registry.ts';
import { createAppContext } from './app-context.ts';
import { startBrowserHost } from './browser-host/browser-host.ts';
import type { CredentialStore } from './services/credential-store.ts';
import { createMemoryCredentialStore } from './services/memory-credential-store.ts';
import { openLaunchLink } from './test-support/browser-host-client.ts';

const demoPassword = 'vigil-demo-password';
const demoTotpSecret = 'JBSWY3DPEHPK3PXP';
const cleanups: Array<() => unknown> = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function tempDir(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `vigil-${name}-`));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// Stands in for the OS keychain across "restarts": one store that outlives each app context.
function persistentKeychain(store: CredentialStore) {
  return async () => ({ store, kind: 'keychain' as const, reason: null });
}

async function openInBrowser(dispatcher: Parameters<typeof startBrowserHost>[0]['dispatcher']) {
  const rendererDir = tempDir('renderer');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Vigil</title>');
  const host = await startBrowserHost({ rendererDir, dispatcher });
  const client = await openLaunchLink(host.url);
  const invoke = async (channel: string, request?: unknown) => {
    const response = await client.ipc(channel, JSON.stringify(request ?? null));
    assert.equal(response.status, 200);
    return JSON.parse(response.body);
  };
  return { host, invoke };
}

describe('app context', () => {
  test('demo mode: a user signs in with the published demo credentials and sees the overview', async () => {
    const userDataDir = tempDir('console');
    const keychain = createMemoryCredentialStore();
    const context = await createAppContext({ userDataDir, transport: 'browser', demo: true, openStore: persistentKeychain(keychain), log: () => undefined });
    cleanups.push(() => context.close());
    const { host, invoke } = await openInBrowser(context.dispatcher);
    cleanups.push(() => host.close());
    const registryUrl = context.demoRegistry!.url;

    const info = await invoke('app:get-info');
    assert.deepEqual(info, {
      ok: true,
      value: {
        transport: 'browser',
        defaultRegistryUrl: registryUrl,
        keychainAvailable: true,
        secretOutlet: 'page',
        demo: {
          username: 'demo',
          password: demoPassword,
          totpSecret: demoTotpSecret,
          recoveryCodes: demoRecoveryCodes(),
          others: info.value.demo.others,
        },
      },
    });
    // The other demo people's published credentials are the registry's.
    assert.deepEqual(
      info.value.demo.others.map(({ username, password, totpSecret }: { username: string; password: string; totpSecret: string | null }) => ({ username, password, totpSecret })),
      [
        { username: 'ines', password: 'vigil-demo-ines-password', totpSecret: null },
        { username: 'olu', password: 'vigil-demo-olu-password', totpSecret: 'KRUGKIDPNR2SA5DFMFWQ' },
      ],
    );

    assert.ok(fs.existsSync(path.join(userDataDir, 'demo-registry')), 'the demo registry keeps its data under userData');
    assert.deepEqual(info.value.demo.recoveryCodes.filter((code: { used: boolean }) => !code.used).length, 7);

    const challenge = await invoke('session:sign-in', { registryUrl, username: 'demo', password: demoPassword });
    assert.equal(challenge.value.status, 'second-factor-required');
    const wrong = await invoke('session:verify', { challengeId: challenge.value.challengeId, otp: '000000' });
    assert.equal(wrong.error.code, 'invalid_otp');
    const code = await totpCode(demoTotpSecret, Date.now());
    const signedIn = await invoke('session:verify', { challengeId: challenge.value.challengeId, otp: code });
    const demo = { registryUrl, username: 'demo' };
    assert.deepEqual(signedIn, { ok: true, value: { status: 'signed-in', account: demo, storage: 'keychain', accounts: [{ ...demo, storage: 'keychain' }] } });

    const overview = await invoke('account:get-overview');
    assert.equal(overview.ok, true);
    assert.equal(overview.value.username, 'demo');
    assert.equal(overview.value.twoFactorEnabled, true);
    assert.equal(overview.value.recoveryCodesRemaining, 7);
    assert.equal(overview.value.recoveryCodesLow, false);
    assert.ok(overview.value.failedSignInsLast30Days >= 1, 'the demo history has failed sign-ins');
    assert.ok(!JSON.stringify(overview).includes(demoPassword));

    // The token is in the keychain, not in any file under the user data folder (settings, or the demo registry's
    // database, which keeps only its hash).
    const [stored] = await keychain.list();
    const token = JSON.parse((await keychain.get(stored!))!).token as string;
    const files = fs.readdirSync(userDataDir, { recursive: true, withFileTypes: true }).filter((file) => file.isFile());
    assert.ok(files.some((file) => file.name === 'settings.json'));
    for (const file of files) {
      assert.ok(!fs.readFileSync(path.join(file.parentPath, file.name)).includes(token), file.name);
    }
    const accountWith = (bearer: string) => fetch(`${registryUrl}/api/v1/account`, { headers: { authorization: `Bearer ${bearer}` } });
    assert.equal((await accountWith(token)).status, 200);

    assert.deepEqual(await invoke('session:sign-out'), { ok: true, value: { status: 'signed-out' } });
    assert.deepEqual(await keychain.list(), []);
    assert.equal((await accountWith(token)).status, 401, 'signing out ends the session at the registry');
    assert.equal((await invoke('account:get-overview')).error.code, 'not_signed_in');

    // ines, as published: a password and no second factor.
    const ines = await invoke('session:sign-in', { registryUrl, username: 'ines', password: 'vigil-demo-ines-password' });
    assert.equal(ines.value.status, 'signed-in');
  });

  test('each demo launch starts from the seed: codes burned last time work again, no stale account or keychain entry', async () => {
    const userDataDir = tempDir('demo-again');
    const keychain = createMemoryCredentialStore();
    const launch = async () => {
      const context = await createAppContext({ userDataDir, transport: 'browser', demo: true, openStore: persistentKeychain(keychain), log: () => undefined });
      const { host, invoke } = await openInBrowser(context.dispatcher);
      return { context, host, invoke, registryUrl: context.demoRegistry!.url };
    };
    const signInWithRecoveryCode = async (invoke: Awaited<ReturnType<typeof openInBrowser>>['invoke'], registryUrl: string) => {
      const challenge = await invoke('session:sign-in', { registryUrl, username: 'demo', password: demoPassword });
      return invoke('session:verify', { challengeId: challenge.value.challengeId, recoveryCode: demoRecoveryCodes()[1]!.code });
    };

    const first = await launch();
    assert.equal((await signInWithRecoveryCode(first.invoke, first.registryUrl)).ok, true);
    assert.equal((await first.invoke('account:get-overview')).value.recoveryCodesRemaining, 6);
    await first.host.close();
    await first.context.close();
    assert.deepEqual(await keychain.list(), [], 'quitting the demo leaves no session in the keychain');

    const second = await launch();
    cleanups.push(() => second.host.close(), () => second.context.close());
    assert.notEqual(second.registryUrl, first.registryUrl);
    assert.deepEqual((await second.invoke('session:get-current')).value, { status: 'signed-out' });
    assert.equal((await signInWithRecoveryCode(second.invoke, second.registryUrl)).ok, true, 'the code used last run works again');
    assert.equal((await second.invoke('account:get-overview')).value.recoveryCodesRemaining, 6);
    const settings = JSON.parse(fs.readFileSync(path.join(userDataDir, 'demo-console', 'settings.json'), 'utf8'));
    assert.deepEqual(settings.accounts.map((account: { registryUrl: string }) => account.registryUrl), [second.registryUrl]);
  });

  test('a restart keeps the user signed in; a registry-side sign-out is noticed as session_expired', async () => {
    const registry = await startRegistry({ dataDir: tempDir('registry'), port: 0, seed: 'demo' });
    cleanups.push(() => registry.close());
    const userDataDir = tempDir('console');
    const keychain = createMemoryCredentialStore();
    const start = () =>
      createAppContext({ userDataDir, transport: 'browser', registryUrl: registry.url, openStore: persistentKeychain(keychain), log: () => undefined });

    const first = await start();
    const info = await first.dispatcher.dispatch('app:get-info', undefined);
    assert.ok(info.ok && (info.value as { defaultRegistryUrl: string; demo: unknown }).defaultRegistryUrl === registry.url);
    const challenge = await first.dispatcher.dispatch('session:sign-in', { registryUrl: `${registry.url}/`, username: 'demo', password: demoPassword });
    assert.ok(challenge.ok);
    const { challengeId } = challenge.value as { challengeId: string };
    const verified = await first.dispatcher.dispatch('session:verify', { challengeId, otp: await totpCode(demoTotpSecret, Date.now()) });
    assert.ok(verified.ok);
    await first.close();

    const second = await start();
    cleanups.push(() => second.close());
    assert.deepEqual(await second.dispatcher.dispatch('session:get-current', undefined), {
      ok: true,
      value: {
        status: 'signed-in',
        account: { registryUrl: registry.url, username: 'demo' },
        storage: 'keychain',
        accounts: [{ registryUrl: registry.url, username: 'demo', storage: 'keychain' }],
      },
    });
    const overview = await second.dispatcher.dispatch('account:get-overview', undefined);
    assert.ok(overview.ok);

    // The session ends at the registry behind the console's back (here: the token is ended directly).
    const [key] = await keychain.list();
    const { token } = JSON.parse((await keychain.get(key!))!) as { token: string };
    const ended = await fetch(`${registry.url}/api/v1/session`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    assert.equal(ended.status, 204);
    const expired = await second.dispatcher.dispatch('account:get-overview', undefined);
    assert.deepEqual(expired.ok ? null : expired.error.code, 'session_expired');
    assert.deepEqual(await second.dispatcher.dispatch('session:get-current', undefined), { ok: true, value: { status: 'signed-out' } });
    assert.deepEqual(await keychain.list(), []);
  });
});
