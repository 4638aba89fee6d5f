// Password hashing with argon2id from node:crypto. Hashes are stored as PHC strings
// ($argon2id$v=19$m=..,t=..,p=..$salt$hash) so the parameters travel with each hash and can be raised later
// without invalidating existing accounts.
import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';

export interface Argon2Params {
  /** Memory cost in KiB. */
  memory: number;
  /** Number of passes (time cost). */
  passes: number;
  parallelism: number;
}

// OWASP Password Storage Cheat Sheet, argon2id minimum: 19 MiB, 2 iterations, 1 degree of parallelism.
export const owaspArgon2Params: Readonly<Argon2Params> = Object.freeze({ memory: 19456, passes: 2, parallelism: 1 });

const saltLength = 16;
const tagLength = 32;
const argon2Version = 19;

function derive(message: string, nonce: Buffer, params: Argon2Params, tagLength: number): Promise<Buffer> {
  const { memory, passes, parallelism } = params;
  return new Promise((resolve, reject) => {
    argon2('argon2id', { message, nonce, tagLength, parallelism, memory, passes }, (error, derivedKey) =>
      error ? reject(error) : resolve(derivedKey),
    );
  });
}

const b64 = (bytes: Buffer): string => bytes.toString('base64').replace(/=+$/, '');

export async function hashSecret(secret: string, params: Argon2Params = owaspArgon2Params): Promise<string> {
  const salt = randomBytes(saltLength);
  const hash = await derive(secret, salt, params, tagLength);
  const settings = `m=${params.memory},t=${params.passes},p=${params.parallelism}`;
  return `$argon2id$v=${argon2Version}$${settings}$${b64(salt)}$${b64(hash)}`;
}

interface ParsedHash {
  params: Argon2Params;
  salt: Buffer;
  hash: Buffer;
}

const phcPattern = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

export function parseArgon2Hash(encoded: string): ParsedHash | null {
  const match = phcPattern.exec(encoded);
  if (!match) return null;
  // The pattern has exactly five capture groups, all required.
  const [memory, passes, parallelism, salt, hash] = match.slice(1) as [string, string, string, string, string];
  return {
    params: { memory: Number(memory), passes: Number(passes), parallelism: Number(parallelism) },
    salt: Buffer.from(salt, 'base64'),
    hash: Buffer.from(hash, 'base64'),
  };
}

// A malformed stored hash verifies as false rather than throwing: it must never let anyone in.
export async function verifySecret(secret: string, encoded: string): Promise<boolean> {
  const parsed = parseArgon2Hash(encoded);
  if (!parsed || parsed.hash.length < 16) return false;
  const candidate = await derive(secret, parsed.salt, parsed.params, parsed.hash.length);
  return timingSafeEqual(candidate, parsed.hash);
}

/** True when a stored hash was made with parameters other than the current ones (rehash on next sign-in). */
export function needsRehash(encoded: string, params: Argon2Params): boolean {
  const parsed = parseArgon2Hash(encoded);
  if (!parsed) return true;
  return (
    parsed.params.memory !== params.memory ||
    parsed.params.passes !== params.passes ||
    parsed.params.parallelism !== params.parallelism ||
    parsed.salt.length !== saltLength ||
    parsed.hash.length !== tagLength
  );
}

export const hashPassword = hashSecret;
export const verifyPassword = verifySecret;
