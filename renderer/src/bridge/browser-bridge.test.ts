import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBrowserBridge, type FetchLike } from './browser-bridge.ts';
import type { ChannelName } from './contract.ts';

interface Seen {
  method: string;
  url: string;
  contentType: string | undefined;
  body: string;
}

type Reply = (response: http.ServerResponse) => void;

// A stand-in browser host: records each request and answers with whatever the test queued for that channel.
function startHost() {
  const seen: Seen[] = [];
  const replies = new Map<string, Reply>();
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', contentType: request.headers['content-type'], body });
      const reply = replies.get(request.url ?? '');
      if (reply) reply(response);
      else json(response, 500, { unexpected: request.url });
    });
  });
  return { server, seen, replies };
}

function json(response: http.ServerResponse, status: number, value: unknown, headers: http.OutgoingHttpHeaders = {}) {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(JSON.stringify(value));
}

function path(channel: ChannelName): string {
  return `/ipc/${encodeURIComponent(channel)}`;
}

describe('browser bridge', () => {
  const host = startHost();
  let baseUrl = '';

  before(async () => {
    await new Promise<void>((resolve) => host.server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(host.server.address() as AddressInfo).port}`;
  });
  after(async () => {
    host.server.closeAllConnections();
    await new Promise<void>((resolve) => host.server.close(() => resolve()));
  });

  test('posts the request as JSON to /ipc/<encoded channel> and returns the value', async () => {
    const signedIn = { status: 'signed-in', account: { registryUrl: 'http://r.test', username: 'ada' }, storage: 'keychain' };
    host.replies.set('/ipc/session%3Asign-in', (response) => json(response, 200, { ok: true, value: signedIn }));
    const bridge = createBrowserBridge({ baseUrl });

    const result = await bridge.invoke('session:sign-in', { registryUrl: 'http://r.test', username: 'ada', password: 'pw' });

    assert.deepEqual(result, { ok: true, value: signedIn });
    const request = host.seen.at(-1)!;
    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/ipc/session%3Asign-in');
    assert.equal(request.contentType, 'application/json');
    assert.deepEqual(JSON.parse(request.body), { registryUrl: 'http://r.test', username: 'ada', password: 'pw' });
  });

  test('sends null for channels without a request', async () => {
    host.replies.set(path('session:sign-out'), (response) => json(response, 200, { ok: true, value: { status: 'signed-out' } }));
    const result = await createBrowserBridge({ baseUrl }).invoke('session:sign-out', undefined);
    assert.deepEqual(result, { ok: true, value: { status: 'signed-out' } });
    assert.equal(host.seen.at(-1)!.body, 'null');
  });

  test('passes error envelopes through, keeping retryAfterSeconds and dropping unknown fields', async () => {
    host.replies.set(path('session:verify'), (response) =>
      json(response, 200, { ok: false, error: { code: 'rate_limited', message: 'slow down', retryAfterSeconds: 42, extra: 'x' } }),
    );
    const result = await createBrowserBridge({ baseUrl }).invoke('session:verify', { challengeId: 'c1', otp: '123456' });
    assert.deepEqual(result, { ok: false, error: { code: 'rate_limited', message: 'slow down', retryAfterSeconds: 42 } });
  });

  test('uses same-origin credentials and a relative URL when no base URL is given', async () => {
    const calls: { input: string; init: RequestInit }[] = [];
    const recordingFetch: FetchLike = (input, init) => {
      calls.push({ input, init });
      return fetch(`${baseUrl}${input}`, init);
    };
    host.replies.set(path('app:get-info'), (response) =>
      json(response, 200, { ok: true, value: { transport: 'browser', defaultRegistryUrl: 'x', keychainAvailable: true, secretOutlet: 'page', demo: null } }),
    );
    const result = await createBrowserBridge({ fetch: recordingFetch }).invoke('app:get-info', undefined);
    assert.equal(result.ok, true);
    assert.equal(calls[0]!.input, '/ipc/app%3Aget-info');
    assert.equal(calls[0]!.init.credentials, 'same-origin');
  });

  test('an HTTP error status without an envelope becomes an error, never a throw', async () => {
    host.replies.set(path('account:get-overview'), (response) => {
      response.writeHead(502, { 'Content-Type': 'text/html' });
      response.end('<h1>Bad gateway</h1>');
    });
    const result = await createBrowserBridge({ baseUrl }).invoke('account:get-overview', undefined);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.code, 'internal');
    assert.match(!result.ok ? result.error.message : '', /502/);
  });

  test('a refused request (403) reads as forbidden_sender', async () => {
    host.replies.set(path('session:get-current'), (response) => {
      response.writeHead(403);
      response.end();
    });
    const result = await createBrowserBridge({ baseUrl }).invoke('session:get-current', undefined);
    assert.equal(!result.ok && result.error.code, 'forbidden_sender');
  });

  test('a 429 carries Retry-After as retryAfterSeconds', async () => {
    host.replies.set(path('session:sign-in'), (response) => {
      response.writeHead(429, { 'Retry-After': '30' });
      response.end();
    });
    const result = await createBrowserBridge({ baseUrl }).invoke('session:sign-in', { registryUrl: 'http://r.test', username: 'a', password: 'b' });
    assert.deepEqual(result, { ok: false, error: { code: 'rate_limited', message: 'Too many requests.', retryAfterSeconds: 30 } });
  });

  test('a non-200 answer that carries an error envelope keeps the host’s error', async () => {
    host.replies.set(path('session:verify'), (response) =>
      json(response, 415, { ok: false, error: { code: 'invalid_request', message: 'IPC requests must be sent as application/json.' } }),
    );
    const result = await createBrowserBridge({ baseUrl }).invoke('session:verify', { challengeId: 'c', recoveryCode: 'r' });
    assert.deepEqual(result, { ok: false, error: { code: 'invalid_request', message: 'IPC requests must be sent as application/json.' } });
  });

  test('a 200 answer that is not JSON, or not an envelope, becomes internal', async () => {
    host.replies.set(path('session:get-current'), (response) => {
      response.writeHead(200, { 'Content-Type': 'text/plain' });
      response.end('hello');
    });
    const notJson = await createBrowserBridge({ baseUrl }).invoke('session:get-current', undefined);
    assert.equal(!notJson.ok && notJson.error.code, 'internal');

    host.replies.set(path('session:get-current'), (response) => json(response, 200, { status: 'signed-out' }));
    const notEnvelope = await createBrowserBridge({ baseUrl }).invoke('session:get-current', undefined);
    assert.equal(!notEnvelope.ok && notEnvelope.error.code, 'internal');

    host.replies.set(path('session:get-current'), (response) => json(response, 200, { ok: false, error: { code: 'made_up', message: 'x' } }));
    const unknownCode = await createBrowserBridge({ baseUrl }).invoke('session:get-current', undefined);
    assert.equal(!unknownCode.ok && unknownCode.error.code, 'internal');
  });

  test('a host that never answers times out into an error', async () => {
    host.replies.set(path('account:get-overview'), () => {
      // Deliberately never respond.
    });
    const result = await createBrowserBridge({ baseUrl, timeoutMs: 100 }).invoke('account:get-overview', undefined);
    assert.deepEqual(result, { ok: false, error: { code: 'internal', message: 'The Vigil service took too long to answer.' } });
  });

  test('an unknown channel is refused without a request', async () => {
    const before = host.seen.length;
    const bridge = createBrowserBridge({ baseUrl });
    const result = await bridge.invoke('nope:nothing' as ChannelName, undefined as never);
    assert.equal(!result.ok && result.error.code, 'unknown_channel');
    assert.equal(host.seen.length, before);
  });
});

test('a host that is down becomes an internal error', async () => {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));

  const result = await createBrowserBridge({ baseUrl: `http://127.0.0.1:${port}` }).invoke('session:get-current', undefined);
  assert.deepEqual(result, { ok: false, error: { code: 'internal', message: 'The Vigil service could not be reached.' } });
});
