// Checks an API token presented as a credential, in a fixed order. The checksum comes first and needs no lookup:
// a mistyped, truncated or made-up token is refused without touching the database, so a flood of junk costs
// nothing but a CRC32 each. Only a well-formed token is looked up, by its key (the hex SHA-512 the registry keeps
// instead of the token), and then told apart: unknown, revoked, expired, or accepted.
import { apiTokenKey, isWellFormedApiToken } from '../security/api-tokens.ts';
import type { ApiTokenRecord } from '../store/api-token-repository.ts';

export type TokenCheck =
  | { result: 'accepted'; token: ApiTokenRecord }
  | { result: 'invalid_token' }
  | { result: 'token_revoked' | 'token_expired'; token: ApiTokenRecord };

/** Finds a token by its key; the only database access a check makes. */
export type TokenLookup = (key: string) => ApiTokenRecord | null;

export function checkApiToken(presented: string, lookup: TokenLookup, now: number): TokenCheck {
  if (!isWellFormedApiToken(presented)) return { result: 'invalid_token' };
  const token = lookup(apiTokenKey(presented));
  if (!token) return { result: 'invalid_token' };
  // A revoked token says so even once it has also expired: that it was revoked is the more useful news.
  if (token.revokedAt !== null) return { result: 'token_revoked', token };
  // Expired at its expiry time, as sessions are.
  if (now >= token.expiresAt) return { result: 'token_expired', token };
  return { result: 'accepted', token };
}
