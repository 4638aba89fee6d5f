// Bearer-token authentication: the token's SHA-256 must name a session that has neither ended nor expired.
import type { FastifyRequest } from 'fastify';
import { hashSessionToken } from '../security/tokens.ts';
import type { RegistryStore } from '../store/store.ts';
import { ApiError } from './errors.ts';

export interface AuthenticatedSession {
  sessionId: number;
  accountId: number;
}

const bearerPattern = /^Bearer[ ]+([A-Za-z0-9._~+/=-]{1,512})[ ]*$/i;

function unauthenticated(message: string): ApiError {
  return new ApiError(401, 'unauthenticated', message, { 'WWW-Authenticate': 'Bearer' });
}

export function requireSession(request: FastifyRequest, store: RegistryStore, now: number): AuthenticatedSession {
  const header = request.headers.authorization;
  if (!header) throw unauthenticated('Sign in first: send Authorization: Bearer <session token>');
  const token = bearerPattern.exec(header)?.[1];
  if (!token) throw unauthenticated('The Authorization header must be: Bearer <session token>');
  const session = store.sessions.findActive(hashSessionToken(token), now);
  if (!session) throw unauthenticated('The session is unknown, expired or ended; sign in again');
  return { sessionId: session.id, accountId: session.accountId };
}
