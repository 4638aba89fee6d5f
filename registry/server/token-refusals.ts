// Refusing an API token that exists: the error the caller gets, each reason with its own code, and a
// token.refused event in the holder's log (never for a token nobody has: an unknown token names no account).
// A refusal repeated from the same address for the same reason (and project) is logged once a minute, not once a
// request: a forgotten CI job retrying a revoked token should tell the holder, not fill their log.
import type { RegistryStore } from '../store/store.ts';
import type { ApiTokenRecord } from '../store/api-token-repository.ts';
import { ApiError } from './errors.ts';
import type { RequestContext } from './request-context.ts';

export type TokenRefusalReason =
  | 'token_expired'
  | 'token_revoked'
  | 'ip_not_allowed'
  | 'read_only_token'
  | 'out_of_scope'
  | 'not_a_collaborator';

export const tokenRefusalLogWindowMs = 60_000;
// Past this many remembered refusals, those older than the window are forgotten (and then, if need be, all).
const maxRemembered = 10_000;

const invalidTokenHeaders = { 'WWW-Authenticate': 'Bearer error="invalid_token"' };

export function invalidTokenError(): ApiError {
  return new ApiError(401, 'invalid_token', 'The API token is not valid: it is mistyped, truncated or unknown', invalidTokenHeaders);
}

function refusalError(reason: TokenRefusalReason, who: RequestContext, project: string | undefined): ApiError {
  const target = project === undefined ? 'this project' : `project "${project}"`;
  switch (reason) {
    case 'token_expired':
      return new ApiError(401, reason, 'This API token has expired; create a new one', invalidTokenHeaders);
    case 'token_revoked':
      return new ApiError(401, reason, 'This API token was revoked', invalidTokenHeaders);
    case 'ip_not_allowed':
      return new ApiError(403, reason, `This API token may not be used from ${who.ip}: it is outside the token's allowed ranges`);
    case 'read_only_token':
      return new ApiError(403, reason, 'This API token is read-only: it cannot publish');
    case 'out_of_scope':
      return new ApiError(403, reason, `This API token does not cover ${target}`);
    case 'not_a_collaborator':
      return new ApiError(403, reason, `The token's account is not a collaborator on ${target}`);
  }
}

export class TokenRefusals {
  private readonly store: RegistryStore;
  private readonly logged = new Map<string, number>();

  constructor(store: RegistryStore) {
    this.store = store;
  }

  /** Logs the refusal (at most once a minute per token, reason, address and project) and returns the error to answer. */
  refuse(token: ApiTokenRecord, reason: TokenRefusalReason, who: RequestContext, now: number, project?: string): ApiError {
    const key = `${token.id} ${reason} ${who.ip} ${project ?? ''}`;
    const last = this.logged.get(key);
    if (last === undefined || now - last >= tokenRefusalLogWindowMs || now < last) {
      this.remember(key, now);
      this.store.events.append({
        accountId: token.accountId,
        type: 'token.refused',
        time: now,
        ...who,
        details: { reason, id: String(token.id), name: token.name, ...(project === undefined ? {} : { project }) },
      });
    }
    return refusalError(reason, who, project);
  }

  private remember(key: string, now: number): void {
    if (this.logged.size >= maxRemembered) {
      for (const [entry, time] of this.logged) if (now - time >= tokenRefusalLogWindowMs) this.logged.delete(entry);
      if (this.logged.size >= maxRemembered) this.logged.clear();
    }
    this.logged.set(key, now);
  }
}
