// Session tokens: 256 random bits handed to the client once; the database keeps only their SHA-256, so a copy
// of the database does not let anyone act as a signed-in user.
import { createHash, randomBytes } from 'node:crypto';

export function generateSessionToken(): string {
  // An Authorization header starting "vgl_" holds an API token (api-tokens.ts); about one session token in 17
  // million would start so by chance, and is drawn again.
  for (;;) {
    const token = randomBytes(32).toString('base64url');
    if (!token.startsWith('vgl_')) return token;
  }
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
