import assert from 'node:assert/strict';
import { hash as digest } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { closedPort, sendJson, startTestServer, type TestHandler, type TestServer } from '../test-support/http-server.ts';
import { createRegistryClient, parseRetryAfter } from './registry-client.ts';
import { RegistryError } from './registry-error.ts';
import { canonicalEvent, chainLine, eventHash, genesisHash } from '../../registry/contract/event-chain.ts';
import type { AuditEvent } from '../../registry/contract/schemas.ts';

const token = 'tok_'.padEnd(43, 'x');
const password = 'hunter2-very-secret';
const session = { token, expiresAt: '2030-01-01T00:00:00.000Z', username: 'alice' };
const servers: TestServer[] = [];
after(() => Promise.all(servers.map((server) => server.close())));

async function serve(handler: TestHandler): Promise<TestServer> {
  const server = await startTestServer(handler);
  servers.push(server);
  return server;
}

async function rejection(promise: Promise<unknown>): Promise<RegistryError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RegistryError, `expected a RegistryError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

function assertNoSecrets(error: Error): void {
  assert.ok(!error.message.includes(token), 'message contains the token');
  assert.ok(!error.message.includes(password), 'message contains the password');
}

describe('registry client', () => {
  test('signs in against /api/v1/session whatever the base URL spelling, and returns the validated session', async () => {
    const server = await serve((_request, response) => sendJson(response, 200, { ...session, extra: 'ignored' }));
    for (const baseUrl of [server.url, `${server.url}/`, `${server.url}//`]) {
      const result = await createRegistryClient({ baseUrl }).signIn({ username: 'alice', password });
      assert.deepEqual(result, session);
    }
    assert.deepEqual(
      server.requests.map((request) => `${request.method} ${request.url}`),
      ['POST /api/v1/session', 'POST /api/v1/session', 'POST /api/v1/session'],
    );
    assert.deepEqual(JSON.parse(server.requests[0]!.body), { username: 'alice', password });
    assert.equal(server.requests[0]!.headers['content-type'], 'application/json');
  });

  test('keeps a registry mounted under a sub-path', async () => {
    const since = '2025-01-01T00:00:00.000Z';
    const summary = { since, until: since, successfulSignIns: 1, failedSignIns: 2, rateLimitedSignIns: 0 };
    const server = await serve((_request, response) => sendJson(response, 200, summary));
    const answer = await createRegistryClient({ baseUrl: `${server.url}/registry/` }).summarizeEvents(token, { since: new Date(since) });
    assert.deepEqual(answer, summary);
    assert.equal(server.requests[0]!.url, `/registry/api/v1/account/events/summary?since=${encodeURIComponent(since)}`);
    assert.equal(server.requests[0]!.headers.authorization, `Bearer ${token}`);
  });

  test('maps each contract error code to a RegistryError with that code and the HTTP status', async () => {
    const server = await serve((_request, response) =>
      sendJson(response, 401, { error: { code: 'invalid_otp', message: `the registry said ${password}` } }),
    );
    const error = await rejection(createRegistryClient({ baseUrl: server.url }).signIn({ username: 'alice', password, otp: '123456' }));
    assert.equal(error.code, 'invalid_otp');
    assert.equal(error.status, 401);
    // The registry's own text is not carried, so whatever it echoes cannot leak through us.
    assertNoSecrets(error);
  });

  test('carries Retry-After on 429, in seconds or as an HTTP date', async () => {
    let header = '42';
    const server = await serve((_request, response) =>
      sendJson(response, 429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'retry-after': header }),
    );
    const client = createRegistryClient({ baseUrl: server.url });
    const seconds = await rejection(client.signIn({ username: 'alice', password }));
    assert.equal(seconds.code, 'rate_limited');
    assert.equal(seconds.retryAfterSeconds, 42);

    header = new Date(Date.now() + 90_000).toUTCString();
    const dated = await rejection(client.signIn({ username: 'alice', password }));
    assert.ok(dated.retryAfterSeconds !== undefined && dated.retryAfterSeconds > 80 && dated.retryAfterSeconds <= 90);
  });

  test('parses Retry-After forms', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('7', now), 7);
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:01:00 GMT', now), 60);
    assert.equal(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });

  const malformed: Array<[string, TestHandler]> = [
    ['non-JSON body', (_q, response) => { response.writeHead(200, { 'content-type': 'application/json' }); response.end('<html>oops'); }],
    ['wrong shape', (_q, response) => sendJson(response, 200, { token: 'short', username: 'alice' })],
    ['unknown error code', (_q, response) => sendJson(response, 401, { error: { code: 'teapot', message: 'x' } })],
    ['error without envelope', (_q, response) => sendJson(response, 500, { message: 'boom' })],
    ['unexpected success status', (_q, response) => sendJson(response, 201, session)],
    ['redirect', (_q, response) => { response.writeHead(302, { location: 'http://example.invalid/' }); response.end(); }],
    ['empty body', (_q, response) => { response.writeHead(200); response.end(); }],
  ];
  for (const [name, handler] of malformed) {
    test(`answers unexpected_response for: ${name}`, async () => {
      const server = await serve(handler);
      const error = await rejection(createRegistryClient({ baseUrl: server.url }).signIn({ username: 'alice', password }));
      assert.equal(error.code, 'unexpected_response');
      assertNoSecrets(error);
    });
  }

  test('checks the account and event summary responses against the contract too', async () => {
    const server = await serve((_request, response) => sendJson(response, 200, { username: 'alice', twoFactor: null }));
    const client = createRegistryClient({ baseUrl: server.url });
    assert.equal((await rejection(client.getAccount(token))).code, 'unexpected_response');
    assert.equal((await rejection(client.summarizeEvents(token, { since: new Date() }))).code, 'unexpected_response');
  });

  test('refuses an answer over 4 MiB as a broken registry, except the whole estate, which may be larger', async () => {
    const project = {
      name: 'left-pad',
      role: 'owner',
      createdAt: '2026-01-01T00:00:00.000Z',
      latestRelease: null,
      policy: { publishRequires2fa: true, automationTokensBypass2fa: false },
    };
    // Five MiB of JSON: whitespace after the value is still JSON.
    const padding = ' '.repeat(5 * 1024 * 1024);
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ projects: [project] }) + padding);
    });
    const client = createRegistryClient({ baseUrl: server.url });
    const tooLarge = await rejection(client.listProjects(token));
    assert.equal(tooLarge.code, 'unexpected_response');
    assert.deepEqual(await client.listEstate(token), { projects: [project] });
  });

  test('ends a session with DELETE and expects 204', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(204);
      response.end();
    });
    await createRegistryClient({ baseUrl: server.url }).endSession(token);
    assert.equal(server.requests[0]!.method, 'DELETE');
    assert.equal(server.requests[0]!.headers.authorization, `Bearer ${token}`);
  });

  test('answers registry_unreachable when the connection is refused', async () => {
    const port = await closedPort();
    const error = await rejection(createRegistryClient({ baseUrl: `http://127.0.0.1:${port}` }).getAccount(token));
    assert.equal(error.code, 'registry_unreachable');
    assertNoSecrets(error);
  });

  test('answers registry_unreachable when the registry does not answer in time', async () => {
    // The handler never responds; the client gives up after its timeout.
    const server = await serve(() => undefined);
    const error = await rejection(createRegistryClient({ baseUrl: server.url, timeoutMs: 50 }).getAccount(token));
    assert.equal(error.code, 'registry_unreachable');
  });

  describe('streaming the log as chain lines', () => {
    const event = (id: number, previous = genesisHash) => {
      const fields = { id: String(id), type: 'login.success', time: '2025-01-07T12:00:15.000Z', ip: '127.0.0.1', userAgent: 'tést', details: { method: 'password' } };
      return { ...fields, prevHash: previous, hash: eventHash(previous, fields) };
    };
    const line = chainLine;
    const first = event(1);
    const second = event(2, first.hash);
    const third = event(3, second.hash);
    const stream = async (baseUrl: string, timeoutMs?: number) => {
      const events: AuditEvent[] = [];
      const canonical: boolean[] = [];
      const bytes: Buffer[] = [];
      await createRegistryClient({ baseUrl, ...(timeoutMs ? { timeoutMs } : {}) }).streamChain(token, {
        lines: async (chunk) => void bytes.push(Buffer.from(chunk)),
        event: (one, isCanonical) => {
          events.push(one);
          canonical.push(isCanonical);
        },
      });
      return { events, canonical, text: Buffer.concat(bytes).toString('utf8') };
    };

    test('reads lines split anywhere across chunks, slowly, for longer than the timeout: the bytes as sent and each event checked', async () => {
      const text = [first, second, third].map(line).join('');
      const bytes = Buffer.from(text);
      const server = await serve(async (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        // 97 bytes at a time: lines and the two bytes of "é" are cut anywhere.
        for (let at = 0; at < bytes.length; at += 97) {
          response.write(bytes.subarray(at, at + 97));
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        response.end();
      });
      const read = await stream(server.url, 150);
      assert.deepEqual(read.events, [first, second, third]);
      assert.deepEqual(read.canonical, [true, true, true]);
      assert.equal(read.text, text);
      assert.equal(server.requests[0]!.url, '/api/v1/account/events/export?format=chain');
    });

    test('a line whose text is not its event in canonical form (its hash may still match the text) is told so', async () => {
      const { id, type, time, ip, userAgent, details, prevHash } = first;
      // The same fields, not in key order: the registry never writes it so, but could be made to.
      const reordered = JSON.stringify({ type, id, time, ip, userAgent, details });
      const text = `${prevHash}${reordered}\t${digest('sha256', prevHash + reordered, 'hex')}\n`;
      const server = await serve((_request, response) => response.end(text));
      const read = await stream(server.url);
      assert.deepEqual(read.events.map((one) => one.id), ['1']);
      assert.deepEqual(read.canonical, [false]);
    });

    test('a line that is not a chain line of an event is a broken registry, not a crash', async () => {
      const good = line(first);
      for (const bad of [
        Buffer.from('not a chain line\n'),
        Buffer.from(`${genesisHash}{"id":1}\t${first.hash}\n`),
        Buffer.from(`${genesisHash}not json\t${first.hash}\n`),
        Buffer.from(`${genesisHash}${canonicalEvent(first)}\tshort\n`),
        Buffer.from([...Buffer.from(good.slice(0, 100)), 0xff, ...Buffer.from(good.slice(100))]),
        Buffer.from(good.slice(0, -1)),
        // A line feed, then more than a line could ever be, with none after it.
        Buffer.from(`\n${'x'.repeat(1024 * 1024 + 1)}`),
      ]) {
        const server = await serve((_request, response) => response.end(Buffer.concat([Buffer.from(good), bad])));
        assert.equal((await rejection(stream(server.url))).code, 'unexpected_response', bad.toString());
      }
    });

    test('what the sink throws (the hasher, the analysis) comes back as it was, not as a registry failure', async () => {
      const server = await serve((_request, response) => response.end([first, second].map(line).join('')));
      const client = createRegistryClient({ baseUrl: server.url });
      const failing = new Error('the analysis failed');
      const fromEvent = client.streamChain(token, { lines: async () => undefined, event: () => { throw failing; } });
      assert.equal(await fromEvent.then(() => null, (error: unknown) => error), failing);
      const fromLines = client.streamChain(token, { lines: () => Promise.reject(failing), event: () => undefined });
      assert.equal(await fromLines.then(() => null, (error: unknown) => error), failing);
    });

    test('an error answer keeps its code; a registry gone silent mid-stream is unreachable', async () => {
      const refusing = await serve((_request, response) => sendJson(response, 401, { error: { code: 'unauthenticated', message: 'no' } }));
      assert.equal((await rejection(stream(refusing.url))).code, 'unauthenticated');
      const silent = await serve((_request, response) => response.write(line(first)));
      assert.equal((await rejection(stream(silent.url, 100))).code, 'registry_unreachable');
    });
  });

  test('rejects a base URL that is not http(s) before sending anything', () => {
    assert.throws(() => createRegistryClient({ baseUrl: 'file:///etc/passwd' }), /only http and https/);
  });
});
