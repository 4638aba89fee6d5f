// POST /session/confirm: a signed-in person proves again that they hold the password (and, with 2FA on, the
// authenticator) before sensitive actions, as GitHub's "sudo mode" does. A stolen session token alone is then not
// enough to turn 2FA off, replace recovery codes or change the password. Failures count against the sign-in rate
// limits, keyed exactly as sign-in keys them, so confirming is no way around them; refusals while limited are
// tallied as sign-in's are. As at sign-in, a confirmation is only recorded if the password it checked is still
// the account's: a password changed meanwhile must not leave the session confirmed by the old one.
import type { ConfirmRequest, ConfirmResponse } from '../contract/schemas.ts';
import { verifyPassword } from '../security/passwords.ts';
import { admitAttempt, refusal, runAttempt } from '../security/rate-limiter.ts';
import type { AccountRecord } from '../store/account-repository.ts';
import { transaction } from '../store/database.ts';
import type { AppContext } from './app-context.ts';
import { invalidCredentialsError, invalidOtpError, otpRequiredError, rateLimitedError } from './attempt-errors.ts';
import type { AuthenticatedSession } from './auth.ts';
import { iso } from './iso-time.ts';
import type { RequestContext } from './request-context.ts';
import { sessionAccount } from './session-account.ts';
import { passwordKeys, secondFactorKeys } from './sign-in-limits.ts';
import { attemptTotp, claimAccountStep, type TotpFailure } from './totp-attempt.ts';

type Dependencies = Pick<AppContext, 'store' | 'clock' | 'limits' | 'tallies' | 'confirmWindowMs'>;
type ConfirmFailure = 'invalid_password' | TotpFailure;

export interface ConfirmOptions {
  /** What a caller with 2FA on who sent no code is told: the JSON API's field is otp, npm's option --otp. */
  otpRequiredMessage?: string;
}

const defaultOtpRequiredMessage = 'This account has two-factor authentication: send otp as well';

export async function confirmAccess(
  deps: Dependencies,
  session: AuthenticatedSession,
  request: ConfirmRequest,
  who: RequestContext,
  options: ConfirmOptions = {},
): Promise<ConfirmResponse> {
  const { account, method } = await verifyAccess(deps, session, request, who, options);
  return confirmed(deps, session, account, who, method);
}

/**
 * The checks of a confirmation (password, then with 2FA a current code; shared rate limits; failures logged)
 * without confirming the session: for a request that proves the user is present for itself alone, as npm's
 * token creation does, and must not leave the session it came with (kept in a plain .npmrc) able to do more.
 */
export async function verifyAccess(
  deps: Omit<Dependencies, 'confirmWindowMs'>,
  session: AuthenticatedSession,
  request: ConfirmRequest,
  who: RequestContext,
  options: ConfirmOptions = {},
): Promise<{ account: AccountRecord; method: 'password' | 'totp' }> {
  const { limits } = deps;
  const current = () => sessionAccount(deps.store, session);

  const named = current();
  const admission = await admitAttempt(passwordKeys(limits, who.ip, named.username));
  if (!admission.admitted) throw rateLimited(deps, named, who, admission.retryAfterSeconds);
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
  if (account.totpSecret === null) return { account, method: 'password' };
  await confirmSecondFactor(deps, account, request.otp, who, options.otpRequiredMessage ?? defaultOtpRequiredMessage);
  return { account, method: 'totp' };
}

/**
 * The authenticator's half of a confirmation, for an account with 2FA on: a current code, admitted by the
 * second-factor limits, a wrong or replayed one logged as session.confirm_failed (or as `failed` says, for a
 * check that is not a confirmation: a publish logs release.refused). Without a code, 401 otp_required with
 * WWW-Authenticate: OTP (unless the limits already refuse, which the caller hears first). npm's token revocation
 * and publishing under a policy that requires 2FA ask for the code alone (npm/npm-otp.ts, publish-policy.ts).
 */
export async function confirmSecondFactor(
  deps: Omit<Dependencies, 'confirmWindowMs'>,
  account: AccountRecord,
  otp: string | undefined,
  who: RequestContext,
  otpRequiredMessage: string,
  failed: (reason: TotpFailure) => void = (reason) => recordFailure(deps, account, who, reason),
): Promise<void> {
  const secret = account.totpSecret;
  if (secret === null) throw new Error('a second factor asked of an account without one');
  if (otp === undefined) {
    const wait = refusal(secondFactorKeys(deps.limits, who.ip, account.id));
    if (wait !== null) throw rateLimited(deps, account, who, wait);
    throw otpRequiredError(otpRequiredMessage);
  }
  const verdict = await attemptTotp(deps, {
    ip: who.ip,
    accountId: account.id,
    secret,
    code: otp,
    lastAcceptedStep: account.totpLastStep,
    claim: claimAccountStep(deps.store, account.id, secret),
    refused: (retryAfterSeconds) => rateLimited(deps, account, who, retryAfterSeconds),
  });
  if (verdict.result === 'accepted') return;
  failed(verdict.result);
  throw invalidOtpError();
}

// Refusals while limited are tallied, as sign-in's are.
function rateLimited(deps: Pick<Dependencies, 'tallies'>, account: AccountRecord, who: RequestContext, retryAfterSeconds: number) {
  deps.tallies.record(account.id, who, retryAfterSeconds);
  return rateLimitedError(retryAfterSeconds);
}

/** `checked` is the account as its password was checked. */
function confirmed(
  deps: Dependencies,
  session: AuthenticatedSession,
  checked: AccountRecord,
  who: RequestContext,
  method: 'password' | 'totp',
): ConfirmResponse {
  const { store } = deps;
  const now = deps.clock();
  const until = now + deps.confirmWindowMs;
  transaction(store.db, () => {
    // Refused without a failure event, as at sign-in: the password was right when it was checked.
    if (sessionAccount(store, session).passwordHash !== checked.passwordHash) {
      throw invalidCredentialsError('The password changed while it was checked; confirm with the new one');
    }
    store.sessions.confirm(session.sessionId, until);
    store.events.append({ accountId: session.accountId, type: 'session.confirmed', time: now, ...who, details: { method } });
  });
  return { confirmedUntil: iso(until) };
}

function recordFailure(deps: Pick<Dependencies, 'store' | 'clock'>, account: AccountRecord, who: RequestContext, reason: ConfirmFailure): void {
  deps.store.events.append({
    accountId: account.id,
    type: 'session.confirm_failed',
    time: deps.clock(),
    ...who,
    details: { reason },
  });
}
