// API tokens: "vgl_" + 30 random base62 characters + 6 base62 characters of the CRC32 of those 30, GitHub's and
// npm's construction. The checksum lets a scanner recognise a Vigil token offline and lets the registry refuse a
// mistyped or made-up one before any lookup. The registry stores only the token's key: the hex SHA-512 of the
// whole token, as npm does, which is safe to show because it cannot be turned back into the token.
import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

export const tokenPrefix = 'vgl_';
const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const randomLength = 30;
const checksumLength = 6;
export const tokenLength = tokenPrefix.length + randomLength + checksumLength;
// Where a token may appear in text: not preceded or followed by another base62 character or underscore.
export const tokenPattern = /(?<![A-Za-z0-9_])vgl_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g;

function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 × 62: bytes above it would make some characters likelier than others.
      if (byte < 248 && out.length < length) out += base62[byte % 62];
    }
  }
  return out;
}

function checksum(body: string): string {
  let value = crc32(body);
  let out = '';
  for (let index = 0; index < checksumLength; index += 1) {
    out = base62[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

export function generateApiToken(): string {
  const body = randomBase62(randomLength);
  return `${tokenPrefix}${body}${checksum(body)}`;
}

/** True for a well-formed token whose checksum matches: a typo or a made-up token fails without any lookup. */
export function isWellFormedApiToken(token: string): boolean {
  if (token.length !== tokenLength || !token.startsWith(tokenPrefix)) return false;
  const body = token.slice(tokenPrefix.length, tokenPrefix.length + randomLength);
  const sum = token.slice(tokenPrefix.length + randomLength);
  return /^[A-Za-z0-9]+$/.test(body) && checksum(body) === sum;
}

/** The public key of a token (hex SHA-512), which is also how the registry finds it. */
export function apiTokenKey(token: string): string {
  return createHash('sha512').update(token, 'utf8').digest('hex');
}

/** The first characters a list may show to tell tokens apart. */
export function apiTokenPreview(token: string): string {
  return token.slice(0, 8);
}
