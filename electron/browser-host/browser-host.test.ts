import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createIpcDispatcher, type IpcHandlers } from '../ipc/dispatcher.ts';
import { openLaunchLink, requestVia, type BrowserHostClient } from '../test-support/browser-host-client.ts';
import { startBrowserHost, type BrowserHost } from './browser-host.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-host-'));
const rendererDir = path.join(root, 'renderer');
fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Vigil</title>');
fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("vigil")');
fs.writeFileSync(path.join(rendererDir, 'assets', 'app.css'), 'body{}');
fs.writeFileSync(path.join(root, 'secret.txt'), 'outside the renderer');
fs.symlinkSync(path.join(root, 'secret.txt'), path.join(rendererDir, 'assets', 'link.txt'));

const handlers = {
  'app:get-info': async () => ({ transport: 'browser', defaultRegistryUrl: 'http://127.0.0.1:4873', keychainAvailable: false, secretOutlet: 'page', demo: null }),
  'session:get-current': async () => ({ status: 'signed-out' }),
  'session:sign-in': async () => ({ status: 'second-factor-required', challengeId: 'c1', password: 'leak' }),
} as unknown as IpcHandlers;

const json = { 'content-type': 'application/json' };
let host: BrowserHost;
let client: BrowserHostClient;
before(async () => {
  host = await startBrowserHost({ rendererDir, dispatcher: createIpcDispatcher(handlers, { log: () => undefined }) });
  client = await openLaunchLink(host.url);
});
after(async () => {
  await host.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const get = (pathName: string, headers: Record<string, string> = {}) => client.get(pathName, headers);
const ipc = (channel: string, body: string, headers: Record<string, string> = {}) => client.ipc(channel, body, headers);
// Straight to the socket with only the headers given (plus the console's Host unless overridden).
const bare = (options: Parameters<typeof requestVia>[1]) => requestVia(host.url, options);
const launchPath = (url: string) => `${new URL(url).pathname}${new URL(url).search}`;

describe('browser host', () => {
  test('prints a one-time link on a host name of its own, with a 256-bit secret', () => {
    assert.match(host.url, /^http:\/\/vigil-[0-9a-f]{20}\.localhost:\d+\/launch\?token=[A-Za-z0-9_-]{43}$/);
    assert.equal(host.origin, `http://${host.hostName}:${host.port}`);
  });

  test('trades the link for a __Host- session cookie (Secure, HttpOnly, SameSite=Strict) and redirects to /', async () => {
    const launch = host.newLaunchUrl();
    const response = await bare({ path: launchPath(launch) });
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/');
    const [setCookie] = response.headers['set-cookie'] ?? [];
    assert.match(setCookie ?? '', /^__Host-vigil-session=[A-Za-z0-9_-]{43}; Secure; HttpOnly; SameSite=Strict; Path=\/$/);
    assert.ok(!setCookie!.includes(new URL(launch).searchParams.get('token')!), 'the session secret is not the link secret');
  });

  test('a link works once: a second visit opens no session, and says why', async () => {
    const launch = host.newLaunchUrl();
    assert.equal((await bare({ path: launchPath(launch) })).status, 303);
    const again = await bare({ path: launchPath(launch) });
    assert.equal(again.status, 403);
    assert.equal(again.headers['set-cookie'], undefined);
    assert.match(again.body, /already used/);
    assert.equal((await bare({ path: launchPath(host.url) })).status, 403, 'the printed link was used by the test client');
  });

  test('refuses a wrong launch secret', async () => {
    const launch = host.newLaunchUrl();
    const real = launchPath(launch);
    // One character off (never the same one: a secret may end in "A" already).
    const response = await bare({ path: real.slice(0, -1) + (real.endsWith('A') ? 'B' : 'A') });
    assert.equal(response.status, 403);
    assert.equal(response.headers['set-cookie'], undefined);
    assert.equal((await bare({ path: launchPath(launch) })).status, 303, 'a wrong guess does not burn the real link');
  });

  test('refuses pages and IPC without the cookie, or with a wrong one', async () => {
    const session = client.cookie.split('=')[1]!;
    const attempts: Array<Record<string, string>> = [
      {},
      { cookie: '__Host-vigil-session=guess' },
      { cookie: `other=${session}` },
      { cookie: `vigil_session_${host.port}=${session}` },
    ];
    for (const headers of attempts) {
      assert.equal((await bare({ path: '/', headers })).status, 403);
      assert.equal((await bare({ path: '/assets/app.js', headers })).status, 403);
      const call = await bare({ method: 'POST', path: '/ipc/app%3Aget-info', headers: { ...json, ...headers }, body: 'null' });
      assert.equal(call.status, 403);
    }
  });

  test('a planted cookie of the same name does not lock the user out: any matching one is accepted', async () => {
    const planted = '__Host-vigil-session=planted-by-another-page';
    assert.equal((await bare({ path: '/', headers: { cookie: `${planted}; ${client.cookie}` } })).status, 200);
    assert.equal((await bare({ path: '/', headers: { cookie: `${client.cookie}; ${planted}` } })).status, 200);
  });

  test('answers only to its own host name: not 127.0.0.1, localhost or another name (DNS rebinding)', async () => {
    for (const name of [`127.0.0.1:${host.port}`, `localhost:${host.port}`, `evil.example:${host.port}`,
      host.hostName, `${host.hostName}:${host.port + 1}`, `vigil-00000000000000000000.localhost:${host.port}`]) {
      assert.equal((await get('/', { host: name })).status, 403, name);
    }
    assert.equal((await get('/', { host: client.host })).status, 200);
    assert.equal((await get('/', { host: client.host.toUpperCase() })).status, 200, 'host names are case-insensitive');
  });

  test('refuses a foreign Origin even with the cookie', async () => {
    for (const origin of ['https://evil.example', `http://127.0.0.1:${host.port}`, `http://localhost:${host.port}`, 'null']) {
      assert.equal((await ipc('app:get-info', 'null', { origin })).status, 403, origin);
    }
    assert.equal((await ipc('app:get-info', 'null', { origin: host.origin })).status, 200);
  });

  test('a request target that is not a path gets 400, not 500', async () => {
    for (const target of ['//', '//evil.example/x', 'http://evil.example/', '*']) {
      const response = await get(target);
      assert.equal(response.status, 400, target);
    }
  });

  test('serves the renderer with the right types and security headers', async () => {
    const page = await get('/');
    assert.equal(page.status, 200);
    assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
    assert.match(page.body, /<title>Vigil<\/title>/);
    assert.match(String(page.headers['content-security-policy']), /^default-src 'none'; script-src 'self'; .*form-action 'none'; object-src 'none'/);
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    assert.equal(page.headers['referrer-policy'], 'no-referrer');
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.equal((await get('/assets/app.js')).headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal((await get('/assets/app.css')).headers['content-type'], 'text/css; charset=utf-8');
    assert.equal((await get('/assets/missing.js')).status, 404);
  });

  test('never serves anything outside the renderer folder', async () => {
    for (const attempt of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/link.txt', '/%00', '/..\\secret.txt', '/assets']) {
      const response = await get(attempt);
      assert.equal(response.status, 404, attempt);
      assert.ok(!response.body.includes('outside the renderer'), attempt);
    }
  });

  test('round-trips IPC through the shared dispatcher, stripping what the contract does not name', async () => {
    const info = await ipc('app:get-info', 'null');
    assert.equal(info.status, 200);
    assert.deepEqual(JSON.parse(info.body), {
      ok: true,
      value: { transport: 'browser', defaultRegistryUrl: 'http://127.0.0.1:4873', keychainAvailable: false, secretOutlet: 'page', demo: null },
    });
    const empty = await ipc('session:get-current', '');
    assert.deepEqual(JSON.parse(empty.body), { ok: true, value: { status: 'signed-out' } });
    const signIn = await ipc('session:sign-in', JSON.stringify({ registryUrl: 'http://127.0.0.1:1', username: 'a', password: 'b' }));
    assert.deepEqual(JSON.parse(signIn.body), { ok: true, value: { status: 'second-factor-required', challengeId: 'c1' } });
  });

  test('answers IPC errors as envelopes', async () => {
    assert.equal(JSON.parse((await ipc('session:steal', 'null')).body).error.code, 'unknown_channel');
    const bad = JSON.parse((await ipc('session:sign-in', JSON.stringify({ username: 'a' }))).body);
    assert.equal(bad.error.code, 'invalid_request');
  });

  test('insists on JSON, a 64 KiB limit and POST for IPC', async () => {
    assert.equal((await ipc('app:get-info', 'null', { 'content-type': 'text/plain' })).status, 415);
    const tooBig = await ipc('session:sign-in', JSON.stringify({ password: 'x'.repeat(70 * 1024) }));
    assert.equal(tooBig.status, 413);
    assert.equal(JSON.parse(tooBig.body).error.code, 'invalid_request');
    assert.equal((await ipc('app:get-info', '{not json')).status, 400);
    assert.equal((await get('/ipc/app%3Aget-info')).status, 405);
  });
});
