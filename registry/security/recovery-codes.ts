// Recovery codes: 8 per account (the contract's recoveryCodeCount), 64 random bits each, shown once as
// xxxx-xxxx-xxxx-xxxx and stored only as argon2id hashes. A used code is marked burned, never deleted, so a second
// use can be told apart from a typo.
import { randomBytes } from 'node:crypto';
import { recoveryCodeCount } from '../contract/schemas.ts';
import { hashSecret, verifySecret, owaspArgon2Params, type Argon2Params } from './passwords.ts';

export function formatRecoveryCode(hex: string): string {
  return hex.match(/.{4}/g)!.join('-');
}

export function generateRecoveryCodes(count: number = recoveryCodeCount): string[] {
  return Array.from({ length: count }, () => formatRecoveryCode(randomBytes(8).toString('hex')));
}

/** The canonical 16 lowercase hex digits of a code as typed (any case, with or without dashes), or null. */
export function normalizeRecoveryCode(input: string): string | null {
  const compact = input.trim().toLowerCase().replace(/-/g, '');
  return /^[0-9a-f]{16}$/.test(compact) ? compact : null;
}

export function hashRecoveryCode(code: string, params: Argon2Params = owaspArgon2Params): Promise<string> {
  const normalized = normalizeRecoveryCode(code);
  if (normalized === null) throw new Error('Not a recovery code');
  return hashSecret(normalized, params);
}

export interface StoredRecoveryCode {
  id: number;
  hash: string;
  usedAt: number | null;
}

export type RecoveryCodeMatch =
  | { result: 'unused'; code: StoredRecoveryCode }
  | { result: 'burned'; code: StoredRecoveryCode }
  | { result: 'unknown' };

// Every stored hash is checked (in parallel, on libuv's pool), so the answer time does not reveal which slot matched.
export async function matchRecoveryCode(input: string, stored: StoredRecoveryCode[]): Promise<RecoveryCodeMatch> {
  const normalized = normalizeRecoveryCode(input);
  if (normalized === null) return { result: 'unknown' };
  const matches = await Promise.all(stored.map((code) => verifySecret(normalized, code.hash)));
  const index = matches.indexOf(true);
  const code = index === -1 ? undefined : stored[index];
  if (!code) return { result: 'unknown' };
  return code.usedAt === null ? { result: 'unused', code } : { result: 'burned', code };
}
