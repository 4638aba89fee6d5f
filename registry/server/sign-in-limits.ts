// PyPI's sign-in rate limits: per account 10 password failures and 5 second-factor failures, and per IP 10
// failed sign-ins, each over a sliding 5-minute window. The same limiters count failed confirmations of access,
// unknown recovery codes checked and wrong codes for a new authenticator, so no route offers a way around them.
import { SlidingWindowLimiter, type LimiterKey } from '../security/rate-limiter.ts';

export interface RateLimitSettings {
  passwordFailuresPerAccount: number;
  secondFactorFailuresPerAccount: number;
  failuresPerIp: number;
  windowMs: number;
}

export const pypiRateLimits: Readonly<RateLimitSettings> = Object.freeze({
  passwordFailuresPerAccount: 10,
  secondFactorFailuresPerAccount: 5,
  failuresPerIp: 10,
  windowMs: 5 * 60 * 1000,
});

export interface SignInLimits {
  ip: SlidingWindowLimiter;
  password: SlidingWindowLimiter;
  secondFactor: SlidingWindowLimiter;
}

export function createSignInLimits(clock: () => number, settings: RateLimitSettings = pypiRateLimits): SignInLimits {
  const make = (limit: number) => new SlidingWindowLimiter({ limit, windowMs: settings.windowMs, clock });
  return {
    ip: make(settings.failuresPerIp),
    password: make(settings.passwordFailuresPerAccount),
    secondFactor: make(settings.secondFactorFailuresPerAccount),
  };
}

// How attempts are keyed, in one place for every route that checks a password or a code: sign-in, confirming
// access, checking a recovery code and activating an authenticator all count against the same failures.

/** A password check: per source address, and per account by the name as typed (so unknown names are limited too). */
export function passwordKeys(limits: SignInLimits, ip: string, username: string): readonly LimiterKey[] {
  return [[limits.ip, ip], [limits.password, username.toLowerCase()]];
}

/** A second-factor check (TOTP, also a new authenticator's, or recovery code): per source address and per account. */
export function secondFactorKeys(limits: SignInLimits, ip: string, accountId: number): readonly LimiterKey[] {
  return [[limits.ip, ip], [limits.secondFactor, String(accountId)]];
}
