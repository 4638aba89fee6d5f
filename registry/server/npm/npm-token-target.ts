// Which of the account's tokens `npm token revoke` means. npm sends the key when its argument was a prefix of
// one, and otherwise the whole token; a key prefix (at least 8 characters, matching exactly one active token)
// is taken too, for clients that do not resolve it first. A whole token is only hashed once its checksum holds.
import { apiTokenKey, isWellFormedApiToken } from '../../security/api-tokens.ts';
import type { ApiTokenRecord } from '../../store/api-token-repository.ts';

const minKeyPrefixLength = 8;
const keyPattern = /^[0-9a-f]+$/;

export type TokenTarget = { result: 'found'; token: ApiTokenRecord } | { result: 'unknown' } | { result: 'ambiguous' };

export function findTokenTarget(presented: string, tokens: readonly ApiTokenRecord[]): TokenTarget {
  let matches: ApiTokenRecord[] = [];
  if (isWellFormedApiToken(presented)) {
    const key = apiTokenKey(presented);
    matches = tokens.filter((token) => token.key === key);
  } else if (presented.length >= minKeyPrefixLength && keyPattern.test(presented)) {
    matches = tokens.filter((token) => token.key.startsWith(presented));
  }
  if (matches.length === 0) return { result: 'unknown' };
  if (matches.length > 1) return { result: 'ambiguous' };
  return { result: 'found', token: matches[0]! };
}
