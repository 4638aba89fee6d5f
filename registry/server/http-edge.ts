// The registry's HTTP edge, below Fastify's routing: bounded time for headers, bodies and idle keep-alive
// connections, a cap on open connections per source address and in total, and the contract's error shape for
// everything the HTTP parser rejects before a route ever sees it (NUL in a header, conflicting lengths, oversized
// headers, bad bytes in the path, a body that does not arrive in time).
import http from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorCode } from '../contract/schemas.ts';
import { errorBody } from './errors.ts';

export interface HttpLimits {
  /** Time to receive all request headers. */
  headersTimeoutMs: number;
  /** Time to receive the whole request, body included; past it the client gets 408 and the socket closes. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open between requests. */
  keepAliveTimeoutMs: number;
  /** How long a socket may see no traffic at all (e.g. a client that stops reading our answer). */
  idleTimeoutMs: number;
  /** How often Node checks the header and request timeouts; its default (30 s) would let them overrun by 30 s. */
  timeoutCheckIntervalMs: number;
  maxConnectionsPerSource: number;
  maxConnections: number;
}

export const defaultHttpLimits: Readonly<HttpLimits> = Object.freeze({
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 30_000,
  timeoutCheckIntervalMs: 1_000,
  maxConnectionsPerSource: 64,
  maxConnections: 1_024,
});

// Every answer of the registry carries these (app.ts adds them to Fastify's replies).
export const responseHeaders = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;
const errorHeaders = { 'Content-Type': 'application/json; charset=utf-8', ...responseHeaders, Connection: 'close' };

// A socket we have answered and are done with closes at a fixed deadline: an idle timer would let a client that
// trickles a byte now and then keep it (and its file descriptor) forever.
function closeSoon(socket: Socket): void {
  const timer = setTimeout(() => socket.destroy(), 1_000);
  socket.once('close', () => clearTimeout(timer));
}

// A whole HTTP/1.1 response in the contract's shape, for sockets no Fastify reply exists for. An answer to HEAD
// carries the headers only.
export function rawErrorResponse(
  status: number,
  code: ErrorCode,
  message: string,
  options: { headers?: Record<string, string>; head?: boolean } = {},
): string {
  const body = JSON.stringify(errorBody(code, message));
  const headers = { ...errorHeaders, ...options.headers, 'Content-Length': String(Buffer.byteLength(body)) };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  const head = `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n${lines}\r\n`;
  return options.head ? head : head + body;
}

function describeClientError(error: { code?: string }): [number, ErrorCode, string] {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'request_timeout', 'The request was not received completely in time'];
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'headers_too_large', 'The request headers are too large'];
    default:
      return [400, 'invalid_request', 'The request is not valid HTTP'];
  }
}

type HttpSocket = Socket & { _httpMessage?: http.ServerResponse | null };

// Node hands a socket to 'clientError' when its parser gives up; no response object exists, so the answer is
// written by hand. Requests pipelined ahead of the broken one are answered first: writing at once would put our
// answer before theirs, and the client would read it as the answer to its first request.
export function answerClientError(error: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // Whatever the client sends after a parse error is unusable; stop reading it.
  socket.pause();
  afterPendingResponses(socket as HttpSocket, () => {
    if (socket.writable) {
      const [status, code, message] = describeClientError(error);
      const head = Buffer.isBuffer(error.rawPacket) && error.rawPacket.subarray(0, 5).toString('latin1') === 'HEAD ';
      socket.end(rawErrorResponse(status, code, message, { head }));
    }
    closeSoon(socket);
  });
}

// Node keeps the response being written on the socket (_httpMessage) and moves the next pipelined one there when
// it finishes. Only answers to requests that arrived whole are waited for: when the broken part is the body of
// the request in flight, its response can never complete, and our answer is the one it gets.
function afterPendingResponses(socket: HttpSocket, then: () => void): void {
  const pending = socket._httpMessage;
  if (!pending || !pending.req?.complete || socket.destroyed) return then();
  pending.once('close', () => setImmediate(() => afterPendingResponses(socket, then)));
}

const retryAfter = { headers: { 'Retry-After': '1' } };

// Counts open connections per remote address and in total; over either cap, a connection is answered at once and
// closed before the HTTP server (and so any route) sees it.
function guardConnections(server: http.Server, limits: HttpLimits): void {
  const listeners = server.rawListeners('connection');
  if (listeners.length !== 1) throw new Error('expected the HTTP server to have exactly one connection listener');
  const httpConnectionListener = listeners[0] as (this: http.Server, socket: Socket) => void;
  server.removeAllListeners('connection');

  const perSource = new Map<string, number>();
  let total = 0;
  server.on('connection', (socket: Socket) => {
    const source = socket.remoteAddress ?? 'unknown';
    const fromSource = perSource.get(source) ?? 0;
    if (fromSource >= limits.maxConnectionsPerSource || total >= limits.maxConnections) {
      const response =
        fromSource >= limits.maxConnectionsPerSource
          ? rawErrorResponse(429, 'too_many_connections', 'Too many open connections from this address', retryAfter)
          : rawErrorResponse(503, 'too_many_connections', 'The registry has too many open connections', retryAfter);
      socket.on('error', () => undefined);
      // Read and drop what the client is still sending, so it gets to read the answer instead of a reset.
      socket.resume();
      socket.end(response);
      closeSoon(socket);
      return;
    }
    perSource.set(source, fromSource + 1);
    total += 1;
    socket.once('close', () => {
      total -= 1;
      const left = (perSource.get(source) ?? 1) - 1;
      if (left === 0) perSource.delete(source);
      else perSource.set(source, left);
    });
    httpConnectionListener.call(server, socket);
  });
}

/** A Fastify serverFactory: a node:http server with the limits above. */
export function createHttpServer(limits: HttpLimits) {
  return (handler: http.RequestListener): http.Server => {
    const server = http.createServer(
      {
        headersTimeout: limits.headersTimeoutMs,
        requestTimeout: limits.requestTimeoutMs,
        keepAliveTimeout: limits.keepAliveTimeoutMs,
        connectionsCheckingInterval: limits.timeoutCheckIntervalMs,
        // Never accept a request that smuggles a second length or a lone LF; strict parsing is the default, kept
        // explicit because every lenient mode is a request-smuggling risk.
        insecureHTTPParser: false,
        // Node would answer a missing Host itself, outside the contract's shape; the app refuses it instead.
        requireHostHeader: false,
      },
      handler,
    );
    server.setTimeout(limits.idleTimeoutMs, (socket) => socket.destroy());
    // Node answers these two itself when nobody listens (417 with no body; CONNECT by closing the socket).
    server.on('checkExpectation', (_request, response: http.ServerResponse) => {
      response.writeHead(417, errorHeaders);
      response.end(JSON.stringify(errorBody('invalid_request', 'Only "Expect: 100-continue" is supported')));
    });
    // Node hands the socket over for good after a CONNECT; it holds a connection slot until it closes.
    server.on('connect', (_request, socket: Socket) => {
      socket.on('error', () => undefined);
      socket.end(rawErrorResponse(405, 'invalid_request', 'CONNECT is not supported'));
      closeSoon(socket);
    });
    guardConnections(server, limits);
    return server;
  };
}
