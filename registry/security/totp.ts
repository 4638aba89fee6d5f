// TOTP as PyPI runs it: RFC 6238 with SHA-1, 6 digits, 30-second steps, one step of clock drift accepted either
// way, and each accepted time step remembered so a code cannot be used twice.
import { createGuardrails, generate, generateSecret, verify } from 'otplib';

const period = 30;

// otplib refuses secrets under 128 bits by default, but the published demo secret (JBSWY3DPEHPK3PXP, the
// well-known authenticator example) is 80 bits, RFC 4226's minimum. New secrets are still 160 bits.
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

/** A new 160-bit secret, base32-encoded for authenticator apps. */
export function generateTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/**
 * The otpauth:// URI an authenticator app reads from a QR code (Google Authenticator's key URI format). It states
 * the parameters this module verifies with, so an app that honours them produces codes the registry accepts.
 */
export function otpauthUri(input: { secret: string; issuer: string; account: string }): string {
  const issuer = encodeURIComponent(input.issuer);
  const label = `${issuer}:${encodeURIComponent(input.account)}`;
  return `otpauth://totp/${label}?secret=${input.secret}&issuer=${issuer}&algorithm=SHA1&digits=6&period=${period}`;
}

export function totpTimeStep(nowMs: number): number {
  return Math.floor(Math.floor(nowMs / 1000) / period);
}

/** The code an authenticator app shows at `nowMs` (used by the seed, tests and benchmarks). */
export function totpCode(secret: string, nowMs: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(nowMs / 1000), period, digits: 6, algorithm: 'sha1', guardrails });
}

export type TotpCheck = { result: 'valid'; timeStep: number } | { result: 'replayed' } | { result: 'invalid' };

export async function checkTotp(input: {
  secret: string;
  code: string;
  nowMs: number;
  lastAcceptedStep: number | null;
}): Promise<TotpCheck> {
  const base = {
    secret: input.secret,
    token: input.code,
    epoch: Math.floor(input.nowMs / 1000),
    period,
    digits: 6 as const,
    algorithm: 'sha1' as const,
    epochTolerance: period,
    guardrails,
  };
  const last = input.lastAcceptedStep;
  // otplib throws when afterTimeStep lies beyond the window (a clock that went backwards); then every step in the
  // window is at or before the last accepted one, so only a replay is possible.
  const windowEnd = totpTimeStep(input.nowMs) + 1;
  if (last === null || last < windowEnd) {
    const fresh = await verify(last === null ? base : { ...base, afterTimeStep: last });
    if (fresh.valid && 'timeStep' in fresh && typeof fresh.timeStep === 'number') {
      return { result: 'valid', timeStep: fresh.timeStep };
    }
  }
  if (last === null) return { result: 'invalid' };
  const any = await verify(base);
  return any.valid ? { result: 'replayed' } : { result: 'invalid' };
}
