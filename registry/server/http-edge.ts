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

const commonHeaders = 'Content-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close';

// A whole HTTP/1.1 response in the contract's shape, for sockets no Fastify reply exists for.
export function rawErrorResponse(status: number, code: ErrorCode, message: string, extraHeaders: Record<string, string> = {}): string {
  const body = JSON.stringify(errorBody(code, message));
  const extra = Object.entries(extraHeaders).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n${commonHeaders}\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

function describeClientError(error: NodeJS.ErrnoException): [number, ErrorCode, string] {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'request_timeout', 'The request was not received completely in time'];
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'headers_too_large', 'The request headers are too large'];
    default:
      return [400, 'invalid_request', 'The request is not valid HTTP'];
  }
}

// Node hands a socket to 'clientError' when its parser gives up; no response object exists, so the answer is
// written by hand — unless a response has already started on that socket, which a second one would corrupt.
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    const [status, code, message] = describeClientError(error);
    socket.end(rawErrorResponse(status, code, message));
  }
  // Whatever the client sends after a parse error is unusable; give the answer a moment to flush, then drop it.
  socket.setTimeout(1_000, () => socket.destroy());
}

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
          ? rawErrorResponse(429, 'too_many_connections', 'Too many open connections from this address', { 'Retry-After': '1' })
          : rawErrorResponse(503, 'too_many_connections', 'The registry has too many open connections', { 'Retry-After': '1' });
      socket.on('error', () => undefined);
      // Read and drop what the client is still sending, so it gets to read the answer instead of a reset.
      socket.resume();
      socket.end(response);
      socket.setTimeout(1_000, () => socket.destroy());
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
      },
      handler,
    );
    server.setTimeout(limits.idleTimeoutMs, (socket) => socket.destroy());
    guardConnections(server, limits);
    return server;
  };
}
