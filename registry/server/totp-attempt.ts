// A TOTP code checked as one second-factor attempt, alike wherever a code is asked for: signing in, confirming
// access and activating a new authenticator. The attempt is admitted by the second-factor limits (per address and
// per account, shared with recovery codes), so neither a stolen password nor a stolen session token offers a way
// to guess codes faster than sign-in allows. A matching code is claimed before the attempt settles, so of
// concurrent requests with one code only one passes.
import { admitAttempt, runAttempt } from '../security/rate-limiter.ts';
import { checkTotp } from '../security/totp.ts';
import type { RegistryStore } from '../store/store.ts';
import { secondFactorKeys, type SignInLimits } from './sign-in-limits.ts';

export type TotpFailure = 'invalid_totp' | 'replayed_totp';
export type TotpVerdict = { result: 'accepted'; timeStep: number } | { result: TotpFailure };

export interface TotpAttempt {
  ip: string;
  accountId: number;
  secret: string;
  code: string;
  /** The last step accepted for `secret` (the replay guard); null when none was. */
  lastAcceptedStep: number | null;
  /** Claims the step the code matched: null once claimed, otherwise why the code may not pass after all. */
  claim: (timeStep: number) => TotpFailure | null;
  /** The error to throw when the limits refuse the attempt unchecked. */
  refused: (retryAfterSeconds: number) => Error;
}

/** Accepted codes settle the attempt as a success; wrong, replayed and unclaimed ones count as failures. */
export async function attemptTotp(
  deps: { limits: SignInLimits; clock: () => number },
  attempt: TotpAttempt,
): Promise<TotpVerdict> {
  const admission = await admitAttempt(secondFactorKeys(deps.limits, attempt.ip, attempt.accountId));
  if (!admission.admitted) throw attempt.refused(admission.retryAfterSeconds);
  const { secret, code, lastAcceptedStep } = attempt;
  return runAttempt(
    admission.attempt,
    async (): Promise<TotpVerdict> => {
      const check = await checkTotp({ secret, code, nowMs: deps.clock(), lastAcceptedStep });
      if (check.result !== 'valid') return { result: check.result === 'invalid' ? 'invalid_totp' : 'replayed_totp' };
      const failure = attempt.claim(check.timeStep);
      return failure === null ? { result: 'accepted', timeStep: check.timeStep } : { result: failure };
    },
    (verdict) => verdict.result === 'accepted',
  );
}

/** The claim for the account's own authenticator (sign-in, confirming access): its last accepted step moves on. */
export function claimAccountStep(store: RegistryStore, accountId: number, secret: string): TotpAttempt['claim'] {
  return (timeStep) => {
    if (store.accounts.acceptTotpStep(accountId, secret, timeStep)) return null;
    // Either a concurrent request used this code (or a later one) first, or the authenticator was replaced or
    // removed while the code was checked; then it is a code of an authenticator the account no longer has.
    return store.accounts.findById(accountId)?.totpSecret === secret ? 'replayed_totp' : 'invalid_totp';
  };
}
