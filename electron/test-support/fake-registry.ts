// A small registry that follows the Registry Security API contract, for the console's service tests: a few
// users with passwords, optional one-time codes and recovery codes, bearer sessions and an event log. Tests can
// also make the next response anything they like (a 429, a 500, garbage).
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import type { Account, AuditEvent, EventSummary } from '../../registry/contract/schemas.ts';
import { sendJson, startTestServer, type TestServer } from './http-server.ts';

export interface FakeUser {
  username: string;
  password: string;
  // The one code the fake accepts, when the user has 2FA.
  otp?: string;
  recoveryCodes?: string[];
  events?: AuditEvent[];
  createdAt?: string;
}

export interface FakeRegistry extends TestServer {
  sessions: Map<string, string>;
  // The next request gets this handler's answer instead of the fake's own.
  interceptNext(handler: (request: http.IncomingMessage, response: http.ServerResponse) => void): void;
  endedTokens: string[];
}

function error(response: http.ServerResponse, status: number, code: string, headers: Record<string, string> = {}) {
  sendJson(response, status, { error: { code, message: `fake ${code}` } }, headers);
}

export async function startFakeRegistry(users: FakeUser[]): Promise<FakeRegistry> {
  const sessions = new Map<string, string>();
  const burned = new Set<string>();
  const endedTokens: string[] = [];
  let intercept: ((request: http.IncomingMessage, response: http.ServerResponse) => void) | null = null;

  const server = await startTestServer((request, response, body) => {
    if (intercept) {
      const handler = intercept;
      intercept = null;
      return handler(request, response);
    }
    const url = new URL(request.url ?? '/', 'http://fake');
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const sessionUser = token ? users.find((user) => user.username === sessions.get(token)) : undefined;

    if (url.pathname === '/api/v1/session' && request.method === 'POST') {
      const input = JSON.parse(body) as { username: string; password: string; otp?: string; recoveryCode?: string };
      const user = users.find((candidate) => candidate.username.toLowerCase() === input.username.toLowerCase());
      if (!user || user.password !== input.password) return error(response, 401, 'invalid_credentials');
      if (user.otp !== undefined) {
        if (input.otp === undefined && input.recoveryCode === undefined) {
          return error(response, 401, 'otp_required', { 'www-authenticate': 'OTP' });
        }
        if (input.otp !== undefined && input.otp !== user.otp) return error(response, 401, 'invalid_otp');
        if (input.recoveryCode !== undefined) {
          if (burned.has(input.recoveryCode)) return error(response, 401, 'burned_recovery_code');
          if (!user.recoveryCodes?.includes(input.recoveryCode)) return error(response, 401, 'invalid_recovery_code');
          burned.add(input.recoveryCode);
        }
      }
      const newToken = randomBytes(32).toString('base64url');
      sessions.set(newToken, user.username);
      const expiresAt = new Date(Date.now() + 12 * 3600_000).toISOString();
      return sendJson(response, 200, { token: newToken, expiresAt, username: user.username });
    }
    if (!sessionUser || !token) return error(response, 401, 'unauthenticated', { 'www-authenticate': 'Bearer' });

    if (url.pathname === '/api/v1/session' && request.method === 'DELETE') {
      sessions.delete(token);
      endedTokens.push(token);
      response.writeHead(204);
      return response.end();
    }
    if (url.pathname === '/api/v1/account' && request.method === 'GET') {
      const remaining = (sessionUser.recoveryCodes ?? []).filter((code) => !burned.has(code)).length;
      const account: Account = {
        username: sessionUser.username,
        createdAt: sessionUser.createdAt ?? '2024-01-02T03:04:05.000Z',
        twoFactor: {
          enabled: sessionUser.otp !== undefined,
          methods: sessionUser.otp ? ['totp'] : [],
          enabledAt: sessionUser.otp ? '2024-01-02T03:04:05.000Z' : null,
          recoveryCodesRemaining: remaining,
          recoveryCodesGeneratedAt: sessionUser.otp ? '2024-01-02T03:04:05.000Z' : null,
        },
        lastSignIn: { time: '2025-01-02T00:00:00.000Z', ip: '127.0.0.1', userAgent: 'this console' },
        previousSignIn: { time: '2025-01-01T00:00:00.000Z', ip: '127.0.0.1', userAgent: 'test' },
      };
      return sendJson(response, 200, account);
    }
    if (url.pathname === '/api/v1/account/events/summary' && request.method === 'GET') {
      const since = url.searchParams.get('since') ?? '';
      const until = new Date().toISOString();
      const inRange = (sessionUser.events ?? []).filter((event) => event.time >= since && event.time <= until);
      const count = (type: AuditEvent['type']) => inRange.filter((event) => event.type === type).length;
      const rateLimited = inRange
        .filter((event) => event.type === 'login.rate_limited')
        .reduce((sum, event) => sum + Number(event.details.count), 0);
      const summary: EventSummary = {
        since,
        until,
        successfulSignIns: count('login.success'),
        failedSignIns: count('login.failure') + rateLimited,
        rateLimitedSignIns: rateLimited,
      };
      return sendJson(response, 200, summary);
    }
    if (url.pathname === '/api/v1/account/events' && request.method === 'GET') {
      // Newest first and no paging: enough for the console's "newest few" and single-page lists.
      const types = url.searchParams.getAll('type');
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const events = (sessionUser.events ?? [])
        .filter((event) => types.length === 0 || types.includes(event.type))
        .sort((a, b) => b.time.localeCompare(a.time))
        .slice(0, limit);
      return sendJson(response, 200, { events, nextCursor: null });
    }
    return error(response, 404, 'not_found');
  });

  return {
    ...server,
    sessions,
    endedTokens,
    interceptNext(handler) {
      intercept = handler;
    },
  };
}
