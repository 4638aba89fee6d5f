// Turning TOTP on, replacing the authenticator and turning it off. Enrolling is two steps, so a secret only
// becomes the account's once an app has shown it can produce codes for it: POST /account/totp keeps a new secret
// waiting for 10 minutes, POST /account/totp/activate checks a code from the app and swaps it in. Going from off
// to on also makes the first recovery codes; replacing an authenticator keeps the codes the person already holds.
//
// Activation needs a session but no confirmation, so wrong codes count against the second-factor limits as at
// sign-in: otherwise a stolen session token could try every code of an enrollment its owner left waiting within
// those 10 minutes, and collect the recovery codes. A refusal is not tallied as a refused sign-in: nobody was
// signing in.
import type { ActivateTotpResponse, TotpEnrollment } from '../contract/schemas.ts';
import { generateRecoveryCodes, hashRecoveryCode } from '../security/recovery-codes.ts';
import { generateTotpSecret, otpauthUri } from '../security/totp.ts';
import { transaction } from '../store/database.ts';
import type { AppContext } from './app-context.ts';
import { accountView } from './account-view.ts';
import { rateLimitedError } from './attempt-errors.ts';
import type { AuthenticatedSession } from './auth.ts';
import { ApiError } from './errors.ts';
import type { RequestContext } from './request-context.ts';
import { sessionAccount } from './session-account.ts';
import { attemptTotp } from './totp-attempt.ts';

export const pendingEnrollmentMs = 10 * 60 * 1000;

type Dependencies = Pick<AppContext, 'store' | 'clock' | 'passwordHashing' | 'registryName' | 'limits'>;

const noPendingEnrollment = () =>
  new ApiError(409, 'no_pending_enrollment', 'No authenticator is waiting to be activated (none was started, or it expired); start again');

function requiredByProjects(names: readonly string[]): ApiError {
  const list = names.map((name) => `"${name}"`).join(', ');
  const them = names.length === 1 ? 'it' : 'them';
  return new ApiError(
    409,
    'two_factor_required_by_project',
    `Publishing ${list} requires two-factor authentication, and you collaborate on ${them}: an owner must turn that off, or you must leave ${them}, before 2FA can be turned off`,
  );
}

/** A new secret waiting for activation, replacing any that was already waiting. */
export function startTotpEnrollment(deps: Dependencies, session: AuthenticatedSession): TotpEnrollment {
  const account = sessionAccount(deps.store, session);
  const secret = generateTotpSecret();
  deps.store.accounts.setPendingTotp(account.id, secret, deps.clock() + pendingEnrollmentMs);
  return { secret, otpauthUri: otpauthUri({ secret, issuer: deps.registryName, account: account.username }) };
}

export async function activateTotp(
  deps: Dependencies,
  session: AuthenticatedSession,
  otp: string,
  who: RequestContext,
): Promise<ActivateTotpResponse> {
  const { store, clock } = deps;
  const account = sessionAccount(store, session);
  const pending = account.totpPendingSecret;
  if (pending === null || account.totpPendingUntil === null || account.totpPendingUntil <= clock()) {
    throw noPendingEnrollment();
  }
  const check = await attemptTotp(deps, {
    ip: who.ip,
    accountId: account.id,
    secret: pending,
    code: otp,
    // No step of the new secret has been accepted yet, so none can be replayed. The account's last step belongs
    // to the authenticator being replaced and says nothing about the new one's: held against the new secret, it
    // would refuse a right code a step behind the old app's last.
    lastAcceptedStep: null,
    // Claimed by the activation below, which makes the accepted step the new secret's last and succeeds only
    // while this very secret still waits: the code activates once, and never signs in afterwards.
    claim: () => null,
    refused: rateLimitedError,
  });
  if (check.result !== 'accepted') {
    throw new ApiError(400, 'invalid_otp', 'That code does not match the new authenticator; enter the code it shows now');
  }
  const turningOn = account.totpSecret === null;
  const recoveryCodes = turningOn ? generateRecoveryCodes() : null;
  const hashes = await Promise.all((recoveryCodes ?? []).map((code) => hashRecoveryCode(code, deps.passwordHashing)));

  const now = clock();
  const activated = transaction(store.db, () => {
    // Another request may have turned 2FA on or off, or started a newer enrollment, while the codes were hashed.
    if ((sessionAccount(store, session).totpSecret === null) !== turningOn) return false;
    if (!store.accounts.activatePendingTotp(account.id, pending, check.timeStep, now)) return false;
    const event = { accountId: account.id, time: now, ...who };
    if (turningOn) {
      store.recoveryCodes.revokeCurrent(account.id, now);
      store.recoveryCodes.insertMany(account.id, hashes, now);
      store.events.append({ ...event, type: 'two_factor.enabled', details: { method: 'totp' } });
      store.events.append({ ...event, type: 'recovery_codes.generated', details: { reason: 'enabled', count: hashes.length } });
    } else {
      store.events.append({ ...event, type: 'two_factor.replaced', details: { method: 'totp' } });
    }
    return true;
  });
  if (!activated) throw noPendingEnrollment();
  return { account: accountView(store, session), recoveryCodes };
}

/**
 * Turns 2FA off: the authenticator is forgotten and every recovery code stops working (kept as history). Refused
 * (409 two_factor_required_by_project) while a project the account collaborates on requires 2FA for publishing:
 * the owners chose that every collaborator has it. An owner turns the policy off, or the account leaves the
 * project, first. Checked in the same transaction as the change, so a policy turned on meanwhile still counts.
 */
export function disableTotp(deps: Dependencies, session: AuthenticatedSession, who: RequestContext): void {
  const { store, clock } = deps;
  transaction(store.db, () => {
    const account = sessionAccount(store, session);
    const wasOn = account.totpSecret !== null;
    if (!wasOn && account.totpPendingSecret === null) return;
    const requiring = wasOn ? store.projects.namesRequiring2fa(account.id) : [];
    if (requiring.length > 0) throw requiredByProjects(requiring);
    const now = clock();
    store.accounts.disableTotp(account.id);
    const revoked = store.recoveryCodes.revokeCurrent(account.id, now);
    if (wasOn) {
      store.events.append({
        accountId: account.id,
        type: 'two_factor.disabled',
        time: now,
        ...who,
        details: { method: 'totp', recoveryCodesRevoked: revoked },
      });
    }
  });
}
