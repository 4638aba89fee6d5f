// Who is calling a route that takes either a session or an API token (the contract marks these `tokens: true`).
// A token is checked (api-token-check.ts: checksum before any lookup, then unknown, revoked, expired) and must be
// used from one of its allowed ranges; what it may do there (permission, projects) is for the route to decide.
import { parseCidr, parseIp, rangeContains } from '../contract/cidr.ts';
import type { ApiTokenRecord } from '../store/api-token-repository.ts';
import type { RegistryStore } from '../store/store.ts';
import type { FastifyRequest } from 'fastify';
import { checkApiToken } from './api-token-check.ts';
import { bearerCredential, isApiToken, sessionFor, type AuthenticatedSession } from './auth.ts';
import type { RequestContext } from './request-context.ts';
import { invalidTokenError, type TokenRefusals } from './token-refusals.ts';

export type Caller =
  | { via: 'session'; accountId: number; session: AuthenticatedSession; token: null }
  | { via: 'token'; accountId: number; session: null; token: ApiTokenRecord; username: string };

export interface CallerDependencies {
  store: RegistryStore;
  tokenRefusals: TokenRefusals;
}

/** True when `ip` lies in one of the ranges; no ranges means any address. */
export function addressAllowed(allowedCidrs: readonly string[], ip: string): boolean {
  if (allowedCidrs.length === 0) return true;
  const address = parseIp(ip);
  if (!address) return false;
  return allowedCidrs.some((text) => {
    const parsed = parseCidr(text);
    return parsed.ok && rangeContains(parsed.range, address);
  });
}

export function requireCaller(request: FastifyRequest, deps: CallerDependencies, now: number, who: RequestContext): Caller {
  const { store, tokenRefusals } = deps;
  const credential = bearerCredential(request);
  if (!isApiToken(credential)) {
    const session = sessionFor(credential, store, now);
    return { via: 'session', accountId: session.accountId, session, token: null };
  }
  const check = checkApiToken(credential, (key) => store.apiTokens.findByKey(key), now);
  if (check.result === 'invalid_token') throw invalidTokenError();
  if (check.result !== 'accepted') throw tokenRefusals.refuse(check.token, check.result, who, now);
  const { token } = check;
  // Accounts are never deleted (the schema refuses it); should one be gone all the same, its tokens are not kept
  // alive for the API.
  const username = store.accounts.usernameOf(token.accountId);
  if (username === null) throw invalidTokenError();
  if (!addressAllowed(token.allowedCidrs, who.ip)) throw tokenRefusals.refuse(token, 'ip_not_allowed', who, now);
  return { via: 'token', accountId: token.accountId, session: null, token, username };
}
