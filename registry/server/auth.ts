// Bearer-token authentication: the token's SHA-256 must name a session that has neither ended nor expired. Each
// authenticated request also notes that the session was seen, at most once a minute, so the sessions list can say
// when each was last used without a database write on every request. API tokens ("vgl_…", caller.ts) are only
// for the routes the contract marks as taking them; every other route refuses them here.
import type { FastifyRequest } from 'fastify';
import { tokenPrefix } from '../security/api-tokens.ts';
import { hashSessionToken } from '../security/tokens.ts';
import type { RegistryStore } from '../store/store.ts';
import { ApiError } from './errors.ts';

export interface AuthenticatedSession {
  sessionId: number;
  accountId: number;
  createdAt: number;
  confirmedUntil: number;
}

export const lastSeenGranularityMs = 60_000;

const bearerPattern = /^Bearer[ ]+([A-Za-z0-9._~+/=-]{1,512})[ ]*$/i;

function unauthenticated(message: string): ApiError {
  return new ApiError(401, 'unauthenticated', message, { 'WWW-Authenticate': 'Bearer' });
}

/** The credential in the Authorization header: a session token, or an API token (see isApiToken). */
export function bearerCredential(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) throw unauthenticated('Sign in first: send Authorization: Bearer <session token>');
  const credential = bearerPattern.exec(header)?.[1];
  if (!credential) throw unauthenticated('The Authorization header must be: Bearer <session token>');
  return credential;
}

/** API tokens start "vgl_"; session tokens never do (security/tokens.ts draws again when one would). */
export function isApiToken(credential: string): boolean {
  return credential.startsWith(tokenPrefix);
}

/** Routes that do not take API tokens (account management, making tokens) refuse them as they refuse no session. */
export function requireSession(request: FastifyRequest, store: RegistryStore, now: number): AuthenticatedSession {
  const credential = bearerCredential(request);
  if (isApiToken(credential)) {
    throw unauthenticated('API tokens are not accepted here (only by whoami, projects and publishing): sign in for this');
  }
  return sessionFor(credential, store, now);
}

/** The active session a session token names; 401 unauthenticated for any other. */
export function sessionFor(token: string, store: RegistryStore, now: number): AuthenticatedSession {
  const session = store.sessions.findActive(hashSessionToken(token), now);
  if (!session) throw unauthenticated('The session is unknown, expired or ended; sign in again');
  if (now - session.lastSeenAt >= lastSeenGranularityMs) store.sessions.touch(session.id, now, lastSeenGranularityMs);
  return {
    sessionId: session.id,
    accountId: session.accountId,
    createdAt: session.createdAt,
    confirmedUntil: session.confirmedUntil,
  };
}

/** Sensitive actions need a session confirmed recently: at sign-in or with POST /session/confirm. */
export function requireConfirmed(session: AuthenticatedSession, now: number): void {
  if (session.confirmedUntil > now) return;
  throw new ApiError(
    403,
    'confirmation_required',
    'This action needs recent confirmation: confirm access with POST /api/v1/session/confirm, then try again',
  );
}
