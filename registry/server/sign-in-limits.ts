// PyPI's sign-in rate limits: per account 10 password failures and 5 second-factor failures, and per IP 10
// failed sign-ins, each over a sliding 5-minute window.
import { SlidingWindowLimiter } from '../security/rate-limiter.ts';

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
