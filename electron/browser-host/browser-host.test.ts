import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createIpcDispatcher, type IpcHandlers } from '../ipc/dispatcher.ts';
import { rawRequest } from '../test-support/http-request.ts';
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
  'app:get-info': async () => ({ transport: 'browser', defaultRegistryUrl: 'http://127.0.0.1:4873', keychainAvailable: false, demo: null }),
  'session:get-current': async () => ({ status: 'signed-out' }),
  'session:sign-in': async () => ({ status: 'second-factor-required', challengeId: 'c1', password: 'leak' }),
} as unknown as IpcHandlers;

let host: BrowserHost;
let secret: string;
let cookie: string;
before(async () => {
  host = await startBrowserHost({ rendererDir, dispatcher: createIpcDispatcher(handlers, { log: () => undefined }) });
  secret = new URL(host.url).searchParams.get('secret')!;
  cookie = `vigil_session_${host.port}=${secret}`;
});
after(async () => {
  await host.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const json = { 'content-type': 'application/json' };
const get = (pathName: string, headers: Record<string, string> = {}) => rawRequest(host.port, { path: pathName, headers: { cookie, ...headers } });
const ipc = (channel: string, body: string, headers: Record<string, string> = {}) =>
  rawRequest(host.port, { method: 'POST', path: `/ipc/${encodeURIComponent(channel)}`, headers: { cookie, ...json, ...headers }, body });

describe('browser host', () => {
  test('prints a loopback link with a 256-bit per-launch secret', () => {
    assert.match(host.url, /^http:\/\/127\.0\.0\.1:\d+\/\?secret=[A-Za-z0-9_-]{43}$/);
  });

  test('trades the secret link for an HttpOnly SameSite=Strict cookie and redirects to /', async () => {
    const response = await rawRequest(host.port, { path: `/?secret=${secret}` });
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/');
    assert.deepEqual(response.headers['set-cookie'], [`vigil_session_${host.port}=${secret}; HttpOnly; SameSite=Strict; Path=/`]);
  });

  test('refuses a wrong secret', async () => {
    const response = await rawRequest(host.port, { path: `/?secret=${secret.slice(0, -1)}A` });
    assert.equal(response.status, 403);
    assert.equal(response.headers['set-cookie'], undefined);
  });

  test('refuses pages and IPC without the cookie, or with a wrong one', async () => {
    const attempts: Array<Record<string, string>> = [
      {},
      { cookie: `vigil_session_${host.port}=guess` },
      { cookie: `other=${secret}` },
      // Another console's cookie (cookies ignore ports, so the browser sends it here too).
      { cookie: `vigil_session_${host.port + 1}=${secret}` },
    ];
    for (const headers of attempts) {
      assert.equal((await rawRequest(host.port, { path: '/', headers })).status, 403);
      assert.equal((await rawRequest(host.port, { path: '/assets/app.js', headers })).status, 403);
      const call = await rawRequest(host.port, { method: 'POST', path: '/ipc/app%3Aget-info', headers: { ...json, ...headers }, body: 'null' });
      assert.equal(call.status, 403);
    }
  });

  test('refuses a foreign Host header even with the cookie (DNS rebinding)', async () => {
    for (const host_ of [`evil.example:${host.port}`, '127.0.0.1', `127.0.0.1:${host.port + 1}`]) {
      assert.equal((await get('/', { host: host_ })).status, 403, host_);
    }
    assert.equal((await get('/', { host: `localhost:${host.port}` })).status, 200);
  });

  test('refuses a foreign Origin even with the cookie', async () => {
    for (const origin of ['https://evil.example', `http://127.0.0.1:${host.port + 1}`, 'null']) {
      assert.equal((await ipc('app:get-info', 'null', { origin })).status, 403, origin);
    }
    assert.equal((await ipc('app:get-info', 'null', { origin: host.origin })).status, 200);
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
      value: { transport: 'browser', defaultRegistryUrl: 'http://127.0.0.1:4873', keychainAvailable: false, demo: null },
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
