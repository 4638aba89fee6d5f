// POST /session/confirm: a signed-in person proves again that they hold the password (and, with 2FA on, the
// authenticator) before sensitive actions, as GitHub's "sudo mode" does. A stolen session token alone is then not
// enough to turn 2FA off, replace recovery codes or change the password. Failures count against the sign-in rate
// limits, keyed exactly as sign-in keys them, so confirming is no way around them; refusals while limited are
// tallied as sign-in's are.
import type { ConfirmRequest, ConfirmResponse } from '../contract/schemas.ts';
import { verifyPassword } from '../security/passwords.ts';
import { admitAttempt, refusal, runAttempt } from '../security/rate-limiter.ts';
import { checkTotp } from '../security/totp.ts';
import type { AccountRecord } from '../store/account-repository.ts';
import { transaction } from '../store/database.ts';
import type { AppContext } from './app-context.ts';
import { invalidCredentialsError, invalidOtpError, otpRequiredError, rateLimitedError } from './attempt-errors.ts';
import type { AuthenticatedSession } from './auth.ts';
import { ApiError } from './errors.ts';
import type { RequestContext } from './request-context.ts';
import { passwordKeys, secondFactorKeys } from './sign-in-limits.ts';

type Dependencies = Pick<AppContext, 'store' | 'clock' | 'limits' | 'tallies' | 'confirmWindowMs'>;
type ConfirmFailure = 'invalid_password' | 'invalid_totp' | 'replayed_totp';

export async function confirmAccess(
  deps: Dependencies,
  session: AuthenticatedSession,
  request: ConfirmRequest,
  who: RequestContext,
): Promise<ConfirmResponse> {
  const { store, limits } = deps;
  const current = () => {
    const account = store.accounts.findById(session.accountId);
    if (!account) throw new ApiError(401, 'unauthenticated', 'The account no longer exists');
    return account;
  };
  const refuse = (account: AccountRecord, retryAfterSeconds: number) => {
    deps.tallies.record(account.id, who, retryAfterSeconds);
    return rateLimitedError(retryAfterSeconds);
  };

  const named = current();
  const admission = await admitAttempt(passwordKeys(limits, who.ip, named.username));
  if (!admission.admitted) throw refuse(named, admission.retryAfterSeconds);
  // Read again once admitted: the password may have changed while this attempt waited for a slot.
  const { account, passwordOk } = await runAttempt(
    admission.attempt,
    async () => {
      const fresh = current();
      return { account: fresh, passwordOk: await verifyPassword(request.password, fresh.passwordHash) };
    },
    (checked) => checked.passwordOk,
  );
  if (!passwordOk) {
    recordFailure(deps, account, who, 'invalid_password');
    throw invalidCredentialsError('Wrong password');
  }
  if (account.totpSecret === null) return confirmed(deps, session, who, 'password');

  const codeKeys = secondFactorKeys(limits, who.ip, account.id);
  if (request.otp === undefined) {
    const wait = refusal(codeKeys);
    if (wait !== null) throw refuse(account, wait);
    throw otpRequiredError('This account has two-factor authentication: send otp as well');
  }
  const secondFactor = await admitAttempt(codeKeys);
  if (!secondFactor.admitted) throw refuse(account, secondFactor.retryAfterSeconds);
  const { totpSecret } = account;
  const code = request.otp;
  return runAttempt(secondFactor.attempt, async () => {
    const check = await checkTotp({ secret: totpSecret, code, nowMs: deps.clock(), lastAcceptedStep: account.totpLastStep });
    if (check.result === 'valid' && store.accounts.acceptTotpStep(account.id, check.timeStep)) {
      return confirmed(deps, session, who, 'totp');
    }
    recordFailure(deps, account, who, check.result === 'invalid' ? 'invalid_totp' : 'replayed_totp');
    throw invalidOtpError();
  });
}

function confirmed(
  deps: Dependencies,
  session: AuthenticatedSession,
  who: RequestContext,
  method: 'password' | 'totp',
): ConfirmResponse {
  const now = deps.clock();
  const until = now + deps.confirmWindowMs;
  transaction(deps.store.db, () => {
    deps.store.sessions.confirm(session.sessionId, until);
    deps.store.events.append({ accountId: session.accountId, type: 'session.confirmed', time: now, ...who, details: { method } });
  });
  return { confirmedUntil: new Date(until).toISOString() };
}

function recordFailure(deps: Dependencies, account: AccountRecord, who: RequestContext, reason: ConfirmFailure): void {
  deps.store.events.append({
    accountId: account.id,
    type: 'session.confirm_failed',
    time: deps.clock(),
    ...who,
    details: { reason },
  });
}
