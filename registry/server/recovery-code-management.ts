// Replacing the recovery codes, and checking one without using it. A new set revokes every earlier code, used or
// not; nothing is deleted, so the history stays. Checking tells a person whether a code they wrote down still
// works; since that also answers a guess, an unknown code counts as a failed second factor against the sign-in
// limits (a refusal is not tallied as a refused sign-in: nobody was trying to sign in).
import type { CheckRecoveryCodeResponse, RecoveryCodesResponse } from '../contract/schemas.ts';
import { admitAttempt, runAttempt } from '../security/rate-limiter.ts';
import { generateRecoveryCodes, hashRecoveryCode, matchRecoveryCode } from '../security/recovery-codes.ts';
import { transaction } from '../store/database.ts';
import type { AppContext } from './app-context.ts';
import { rateLimitedError } from './attempt-errors.ts';
import type { AuthenticatedSession } from './auth.ts';
import { ApiError } from './errors.ts';
import { iso } from './iso-time.ts';
import type { RequestContext } from './request-context.ts';
import { sessionAccount } from './session-account.ts';
import { secondFactorKeys } from './sign-in-limits.ts';

type Dependencies = Pick<AppContext, 'store' | 'clock' | 'passwordHashing' | 'limits'>;

const twoFactorDisabled = () =>
  new ApiError(409, 'two_factor_disabled', 'Two-factor authentication is off for this account, so it has no recovery codes');

function requireTwoFactor(deps: Pick<Dependencies, 'store'>, session: AuthenticatedSession): void {
  if (sessionAccount(deps.store, session).totpSecret === null) throw twoFactorDisabled();
}

export async function regenerateRecoveryCodes(
  deps: Dependencies,
  session: AuthenticatedSession,
  who: RequestContext,
): Promise<RecoveryCodesResponse> {
  const { store, clock } = deps;
  requireTwoFactor(deps, session);
  const recoveryCodes = generateRecoveryCodes();
  const hashes = await Promise.all(recoveryCodes.map((code) => hashRecoveryCode(code, deps.passwordHashing)));
  const now = clock();
  transaction(store.db, () => {
    // 2FA may have been turned off while the codes were hashed.
    requireTwoFactor(deps, session);
    store.recoveryCodes.revokeCurrent(session.accountId, now);
    store.recoveryCodes.insertMany(session.accountId, hashes, now);
    store.events.append({
      accountId: session.accountId,
      type: 'recovery_codes.generated',
      time: now,
      ...who,
      details: { reason: 'regenerated', count: hashes.length },
    });
  });
  return { recoveryCodes, generatedAt: iso(now) };
}

export async function checkRecoveryCode(
  deps: Dependencies,
  session: AuthenticatedSession,
  code: string,
  who: RequestContext,
): Promise<CheckRecoveryCodeResponse> {
  const { store } = deps;
  requireTwoFactor(deps, session);
  const admission = await admitAttempt(secondFactorKeys(deps.limits, who.ip, session.accountId));
  if (!admission.admitted) throw rateLimitedError(admission.retryAfterSeconds);
  // Only the current set is matched: a code from an earlier set is as unknown as one never issued.
  const match = await runAttempt(
    admission.attempt,
    () => matchRecoveryCode(code, store.recoveryCodes.listForAccount(session.accountId)),
    (found) => found.result !== 'unknown',
  );
  const status = match.result === 'unused' ? 'valid' : match.result === 'burned' ? 'used' : 'unknown';
  store.events.append({
    accountId: session.accountId,
    type: 'recovery_code.checked',
    time: deps.clock(),
    ...who,
    details: { status },
  });
  return { status };
}
