// Slow or greedy clients cannot hold the registry's connections: bodies and headers that do not arrive in time
// get 408 and a closed socket, idle connections are closed, and open connections are capped per source address
// and in total — every refusal in the documented error shape. The limits are shortened here; the defaults are
// checked as values.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { ErrorBody } from '../registry/contract/schemas.ts';
import { createHttpServer, defaultHttpLimits } from '../registry/server/http-edge.ts';
import { startTestRegistry, type TestRegistry } from '../registry/server/test-support.ts';
import { parseResponses } from './support/raw-http.ts';

interface OpenSocket {
  socket: net.Socket;
  // Everything received so far.
  received(): string;
  closed: Promise<number>;
}

// `closed` resolves with how long the connection was open, from the moment it was established. A half-open client
// keeps its side open after the server ends its own, as a stubborn client would.
function connect(port: number, from = '127.0.0.1', options: { halfOpen?: boolean } = {}): Promise<OpenSocket> {
  return new Promise((resolve, reject) => {
    let connectedAt = performance.now();
    const socket = net.connect({ port, host: '127.0.0.1', localAddress: from, allowHalfOpen: options.halfOpen ?? false });
    let data = '';
    socket.on('data', (chunk) => (data += chunk));
    socket.on('error', () => undefined);
    const closed = new Promise<number>((done) => socket.on('close', () => done(performance.now() - connectedAt)));
    socket.once('connect', () => {
      connectedAt = performance.now();
      resolve({ socket, received: () => data, closed });
    });
    socket.once('error', reject);
  });
}

// The one complete answer the server sent before it closed the connection.
function answerIn(raw: string) {
  const { responses } = parseResponses(Buffer.from(raw, 'latin1'), true);
  assert.equal(responses.length, 1, raw);
  return responses[0]!;
}

function assertDocumentedError(raw: string, status: number, code: string): void {
  const response = answerIn(raw);
  assert.equal(response.status, status, raw);
  assert.match(response.headers['content-type'] ?? '', /^application\/json/);
  const body = ErrorBody.safeParse(JSON.parse(response.body.toString('utf8')));
  assert.ok(body.success, raw);
  assert.equal(body.data.error.code, code);
}

const limits = {
  headersTimeoutMs: 600,
  requestTimeoutMs: 1_000,
  keepAliveTimeoutMs: 300,
  idleTimeoutMs: 2_000,
  timeoutCheckIntervalMs: 100,
  maxConnectionsPerSource: 4,
  maxConnections: 6,
};

// Each test waits for sockets to close; a regression must fail in time rather than hang the suite.
describe('slow and greedy clients', () => {
  let harness: TestRegistry;
  let port: number;
  before(async () => {
    harness = await startTestRegistry({ httpLimits: limits });
    port = Number(new URL(harness.registry.url).port);
  });
  after(() => harness.stop());

  test('the defaults: headers in 10 s, the whole request in 30 s, keep-alive 5 s, capped connections', () => {
    const server = createHttpServer(defaultHttpLimits)(() => undefined);
    assert.equal(server.headersTimeout, 10_000);
    assert.equal(server.requestTimeout, 30_000);
    assert.equal(server.keepAliveTimeout, 5_000);
    assert.equal(server.timeout, 30_000);
    assert.ok(defaultHttpLimits.maxConnectionsPerSource > 0 && defaultHttpLimits.maxConnections >= defaultHttpLimits.maxConnectionsPerSource);
    server.close();
  });

  test('a body that stops half way gets 408 request_timeout and the socket closes', { timeout: 30_000 }, async () => {
    const client = await connect(port);
    client.socket.write('POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user');
    const closedAfter = await client.closed;
    assertDocumentedError(client.received(), 408, 'request_timeout');
    assert.ok(closedAfter < limits.requestTimeoutMs + 1_500, `closed after ${Math.round(closedAfter)} ms`);
  });

  test('headers that never end get 408 too', { timeout: 30_000 }, async () => {
    const client = await connect(port);
    client.socket.write('GET /api/v1/account HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    await client.closed;
    assertDocumentedError(client.received(), 408, 'request_timeout');
  });

  test('an idle keep-alive connection is closed after the keep-alive timeout', { timeout: 30_000 }, async () => {
    const client = await connect(port);
    client.socket.write('GET /api/openapi.json HTTP/1.1\r\nHost: x\r\n\r\n');
    const closedAfter = await client.closed;
    assert.equal(answerIn(client.received()).status, 200);
    // Node keeps the socket for keepAliveTimeoutBuffer (1 s) past the timeout it announces to the client.
    assert.ok(closedAfter < limits.keepAliveTimeoutMs + 2_000, `closed after ${Math.round(closedAfter)} ms`);
  });

  test('open connections are capped per source (429) and in total (503), and the slots come back', { timeout: 30_000 }, async () => {
    const held = await Promise.all(Array.from({ length: 4 }, () => connect(port, '127.0.7.1')));
    const overSource = await connect(port, '127.0.7.1');
    await overSource.closed;
    assertDocumentedError(overSource.received(), 429, 'too_many_connections');

    held.push(...(await Promise.all([connect(port, '127.0.7.2'), connect(port, '127.0.7.3')])));
    const overTotal = await connect(port, '127.0.7.4');
    await overTotal.closed;
    assertDocumentedError(overTotal.received(), 503, 'too_many_connections');
    assert.equal(answerIn(overTotal.received()).headers['retry-after'], '1');

    for (const client of held) client.socket.destroy();
    await Promise.all(held.map((client) => client.closed));
    const response = await harness.request('GET', '/api/openapi.json', { from: '127.0.7.1' });
    assert.equal(response.status, 200, 'closed connections free their slots');
  });

  test('a refused client that keeps its side open and trickles bytes is still closed at once', { timeout: 30_000 }, async () => {
    const held = await Promise.all(Array.from({ length: 4 }, () => connect(port, '127.0.7.5')));
    const stubborn = await connect(port, '127.0.7.5', { halfOpen: true });
    const trickle = setInterval(() => stubborn.socket.write('x'), 200);
    try {
      const closedAfter = await stubborn.closed;
      assertDocumentedError(stubborn.received(), 429, 'too_many_connections');
      assert.ok(closedAfter < 2_000, `closed after ${Math.round(closedAfter)} ms`);
    } finally {
      clearInterval(trickle);
      for (const client of held) client.socket.destroy();
      await Promise.all(held.map((client) => client.closed));
    }
  });

  test('CONNECT is refused in the documented shape and its socket does not keep a connection slot', { timeout: 30_000 }, async () => {
    const own = await startTestRegistry({ httpLimits: { ...limits, maxConnections: 100 } });
    try {
      // Four tunnels fill the address's four slots; their clients keep their side open and never write again.
      const ownPort = Number(new URL(own.registry.url).port);
      const tunnels = await Promise.all(Array.from({ length: 4 }, () => connect(ownPort, '127.0.7.6', { halfOpen: true })));
      for (const tunnel of tunnels) tunnel.socket.write('CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1:443\r\n\r\n');
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      for (const tunnel of tunnels) assertDocumentedError(tunnel.received(), 405, 'invalid_request');
      assert.equal((await own.request('GET', '/api/openapi.json', { from: '127.0.7.6' })).status, 200, 'the slots are free again');
      for (const tunnel of tunnels) tunnel.socket.destroy();
    } finally {
      await own.stop();
    }
  });

  test('5,000 connections opened and left silent are each closed by the header timeout', { timeout: 30_000 }, async () => {
    const roomy = await startTestRegistry({ httpLimits: { ...limits, maxConnectionsPerSource: 5_000, maxConnections: 5_000 } });
    try {
      const roomyPort = Number(new URL(roomy.registry.url).port);
      // In waves of 500, within the listen backlog: a dropped SYN would be retried seconds later and time the
      // kernel, not the registry.
      const sockets: OpenSocket[] = [];
      for (let wave = 0; wave < 10; wave += 1) {
        sockets.push(...(await Promise.all(Array.from({ length: 500 }, (_, i) => connect(roomyPort, `127.0.8.${(i % 50) + 1}`)))));
      }
      const durations = await Promise.all(sockets.map((client) => client.closed));
      const longest = Math.max(...durations);
      assert.ok(longest < limits.headersTimeoutMs + 3_000, `the longest stayed open ${Math.round(longest)} ms`);
      assert.ok(sockets.every((client) => client.received().startsWith('HTTP/1.1 408')), 'each was told why');
    } finally {
      await roomy.stop();
    }
  });
});
