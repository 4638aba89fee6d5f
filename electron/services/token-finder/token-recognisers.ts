// What a token looks like in a file or an environment variable, per registry. Vigil tokens are confirmed by their
// checksum, so a random "vgl_…" string is not reported; npm's granular tokens (npm_ + 36 base62) and PyPI's
// macaroons (pypi- + base64url) are recognised by shape only. A finding keeps the first 8 characters to show and,
// for a Vigil token, its key (computed here, never sent) to match it to the account's list — never the token.
import { apiTokenKey, isWellFormedApiToken, tokenPattern } from '../../../registry/security/api-tokens.ts';

export type TokenKind = 'vigil' | 'npm' | 'pypi';

export interface RecognisedToken {
  kind: TokenKind;
  preview: string;
  // Only for Vigil tokens: the hex SHA-512 the registry lists it under.
  key: string | null;
}

const recognisers: ReadonlyArray<{ kind: TokenKind; pattern: RegExp }> = [
  { kind: 'vigil', pattern: tokenPattern },
  { kind: 'npm', pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g },
  { kind: 'pypi', pattern: /(?<![A-Za-z0-9_-])pypi-[A-Za-z0-9_-]{50,}/g },
];

const previewLength = 8;

export function recogniseTokens(line: string): RecognisedToken[] {
  const found: RecognisedToken[] = [];
  for (const { kind, pattern } of recognisers) {
    for (const [token] of line.matchAll(pattern)) {
      if (kind === 'vigil' && !isWellFormedApiToken(token)) continue;
      found.push({ kind, preview: `${token.slice(0, previewLength)}…`, key: kind === 'vigil' ? apiTokenKey(token) : null });
    }
  }
  return found;
}
