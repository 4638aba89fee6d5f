// Session tokens: 256 random bits handed to the client once; the database keeps only their SHA-256, so a copy
// of the database does not let anyone act as a signed-in user.
import { createHash, randomBytes } from 'node:crypto';

export function generateSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
