// The sign-in flow behind POST /session, in PyPI's order: rate limits, password (checked against a dummy hash
// for unknown users so both answers look alike), then the second factor (TOTP with replay guard, or a recovery
// code that is burned on use). Every outcome for an existing account lands in its audit log; refusals while rate
// limited as a tally per window (see refusal-tallies.ts). A new session remembers where it signed in from and
// starts confirmed: whoever just gave the password may take sensitive actions for the confirmation window.
//
// A password change may land while a sign-in with the old password is under way. The change ends every other
// session, so a session created after it would outlive it: the session is only created, in one transaction, if
// the hash the password was checked against is still the account's. Refused so, the sign-in answers
// invalid_credentials, as it would a moment later, but logs no failure: the password was right when it was
// checked (no failure reason says so, and the change itself is in the log as password.changed).
import { randomBytes } from 'node:crypto';
import type { FailureReason, LoginMethod, SessionRequest, SessionResponse } from '../contract/schemas.ts';
import { hashPassword, needsRehash, verifyPassword, type Argon2Params } from '../security/passwords.ts';
import { admitAttempt, refusal, runAttempt, type LimiterKey } from '../security/rate-limiter.ts';
import { matchRecoveryCode } from '../security/recovery-codes.ts';
import { generateSessionToken, hashSessionToken } from '../security/tokens.ts';
import type { AccountRecord } from '../store/account-repository.ts';
import { transaction } from '../store/database.ts';
import type { EventDetails } from '../store/event-repository.ts';
import type { RegistryStore } from '../store/store.ts';
import { invalidCredentialsError, invalidOtpError, otpRequiredError, rateLimitedError } from './attempt-errors.ts';
import { ApiError } from './errors.ts';
import { iso } from './iso-time.ts';
import type { RequestContext } from './request-context.ts';
import type { RefusalTallies } from './refusal-tallies.ts';
import { passwordKeys, secondFactorKeys, type SignInLimits } from './sign-in-limits.ts';
import { attemptTotp, claimAccountStep } from './totp-attempt.ts';

export interface SignInDependencies {
  store: RegistryStore;
  clock: () => number;
  passwordHashing: Argon2Params;
  sessionTtlMs: number;
  /** A new session counts as confirmed for this long (sensitive actions need no separate confirmation). */
  confirmWindowMs: number;
  limits: SignInLimits;
  tallies: RefusalTallies;
}

type SignInEventType = 'login.success' | 'login.failure' | 'recovery_code.used';
type RecoveryCodeFailure = 'invalid_recovery_code' | 'burned_recovery_code';
type RecoveryCodeOutcome = SessionResponse | RecoveryCodeFailure | 'password_changed';

const recoveryCodeErrors: Record<RecoveryCodeFailure, () => ApiError> = {
  invalid_recovery_code: () => new ApiError(401, 'invalid_recovery_code', 'That recovery code is not valid for this account'),
  burned_recovery_code: () => new ApiError(401, 'burned_recovery_code', 'That recovery code was already used'),
};

export class SignInService {
  private readonly deps: SignInDependencies;
  private dummyHash: Promise<string> | null = null;

  constructor(deps: SignInDependencies) {
    this.deps = deps;
  }

  /** Computes the dummy hash up front so the first unknown-user attempt is not slower than later ones. */
  async prepare(): Promise<void> {
    await this.dummy();
  }

  // Made with the current parameters so an unknown user costs as much as a known one.
  private dummy(): Promise<string> {
    this.dummyHash ??= hashPassword(randomBytes(32).toString('base64url'), this.deps.passwordHashing);
    return this.dummyHash;
  }

  async signIn(request: SessionRequest, context: RequestContext): Promise<SessionResponse> {
    if (request.otp !== undefined && request.recoveryCode !== undefined) {
      throw new ApiError(400, 'invalid_request', 'Send either otp or recoveryCode, not both');
    }
    const { store, limits } = this.deps;
    // Keyed by the typed name, not the account, so unknown and known usernames are limited alike.
    const admission = await admitAttempt(passwordKeys(limits, context.ip, request.username));
    if (!admission.admitted) {
      throw this.rateLimited(store.accounts.findByUsername(request.username), context, admission.retryAfterSeconds);
    }
    // The account is read after any wait for a slot, so the record is as fresh as the attempt.
    const { account: found, passwordOk } = await runAttempt(
      admission.attempt,
      async () => {
        const named = store.accounts.findByUsername(request.username);
        return { account: named, passwordOk: await verifyPassword(request.password, named?.passwordHash ?? (await this.dummy())) };
      },
      (checked) => checked.account !== null && checked.passwordOk,
    );
    if (!found || !passwordOk) {
      if (found) this.recordFailure(found, context, 'invalid_password');
      throw invalidCredentialsError();
    }
    const account = await this.upgradePasswordHash(found, request.password);
    if (account.totpSecret === null) return this.issueSession(account, context, 'password');

    const codeKeys = secondFactorKeys(limits, context.ip, account.id);
    if (request.otp === undefined && request.recoveryCode === undefined) {
      const wait = refusal(codeKeys);
      if (wait !== null) throw this.rateLimited(account, context, wait);
      throw otpRequiredError();
    }
    // A wrong second factor is a failed sign-in from that IP as well as for the account, so one address holding
    // many passwords cannot spread code guesses across accounts without meeting the per-IP limit.
    if (request.otp !== undefined) return this.withTotp(account, account.totpSecret, request.otp, context);
    return this.withRecoveryCode(account, request.recoveryCode!, context, codeKeys);
  }

  private async withTotp(account: AccountRecord, secret: string, code: string, context: RequestContext) {
    const verdict = await attemptTotp(this.deps, {
      ip: context.ip,
      accountId: account.id,
      secret,
      code,
      lastAcceptedStep: account.totpLastStep,
      claim: claimAccountStep(this.deps.store, account.id, secret),
      refused: (retryAfterSeconds) => this.rateLimited(account, context, retryAfterSeconds),
    });
    if (verdict.result === 'accepted') return this.issueSession(account, context, 'totp');
    this.recordFailure(account, context, verdict.result);
    throw invalidOtpError();
  }

  private async withRecoveryCode(account: AccountRecord, code: string, context: RequestContext, keys: readonly LimiterKey[]) {
    const admission = await admitAttempt(keys);
    if (!admission.admitted) throw this.rateLimited(account, context, admission.retryAfterSeconds);
    const outcome = await runAttempt(
      admission.attempt,
      () => this.useRecoveryCode(account, code, context),
      // A right code refused only because the password changed meanwhile was no guess.
      (result) => result !== 'invalid_recovery_code' && result !== 'burned_recovery_code',
    );
    if (outcome === 'password_changed') throw invalidCredentialsError();
    if (typeof outcome !== 'string') return outcome;
    this.recordFailure(account, context, outcome);
    throw recoveryCodeErrors[outcome]();
  }

  // The code is burned and the session created in one transaction, so a sign-in refused at the last moment does
  // not use the code up.
  private async useRecoveryCode(account: AccountRecord, code: string, context: RequestContext): Promise<RecoveryCodeOutcome> {
    const { store, clock } = this.deps;
    const match = await matchRecoveryCode(code, store.recoveryCodes.listForAccount(account.id));
    if (match.result === 'unknown') return 'invalid_recovery_code';
    if (match.result === 'burned') return 'burned_recovery_code';
    return transaction(store.db, () => {
      if (!this.passwordUnchanged(account)) return 'password_changed';
      if (!store.recoveryCodes.burn(match.code.id, clock())) {
        // Used by a concurrent request, or revoked while it was matched (a new set, or 2FA turned off): a code of
        // an earlier set is as unknown as one never issued, the answer it gets when sent any later.
        return store.recoveryCodes.isRevoked(match.code.id) ? 'invalid_recovery_code' : 'burned_recovery_code';
      }
      const remaining = store.recoveryCodes.countRemaining(account.id);
      this.record(account, context, 'recovery_code.used', { remaining });
      return this.createSession(account, context, 'recovery_code');
    });
  }

  // Parameters are stored with each hash; a successful sign-in is the one moment the password is at hand to
  // move an old hash onto the current parameters. Returns the account with the hash that is now its own, which
  // the session is later checked against.
  private async upgradePasswordHash(account: AccountRecord, password: string): Promise<AccountRecord> {
    const { store, passwordHashing } = this.deps;
    if (!needsRehash(account.passwordHash, passwordHashing)) return account;
    const passwordHash = await hashPassword(password, passwordHashing);
    // Conditional on the hash that was verified, so a password changed meanwhile is not overwritten with a hash of
    // the old one.
    if (store.accounts.replacePasswordHash(account.id, account.passwordHash, passwordHash)) return { ...account, passwordHash };
    // Some other hash is in place: a concurrent sign-in's rehash of this same password, or a new password.
    const fresh = store.accounts.findById(account.id);
    if (fresh && (await verifyPassword(password, fresh.passwordHash))) return fresh;
    throw invalidCredentialsError();
  }

  /** True while the account's hash is still the one this sign-in checked the password against (see the top). */
  private passwordUnchanged(account: AccountRecord): boolean {
    return this.deps.store.accounts.findById(account.id)?.passwordHash === account.passwordHash;
  }

  private issueSession(account: AccountRecord, context: RequestContext, method: LoginMethod): SessionResponse {
    return transaction(this.deps.store.db, () => {
      if (!this.passwordUnchanged(account)) throw invalidCredentialsError();
      return this.createSession(account, context, method);
    });
  }

  private createSession(account: AccountRecord, context: RequestContext, method: LoginMethod): SessionResponse {
    const now = this.deps.clock();
    const token = generateSessionToken();
    const expiresAt = now + this.deps.sessionTtlMs;
    const tokenHash = hashSessionToken(token);
    this.deps.store.sessions.create({
      accountId: account.id,
      tokenHash,
      createdAt: now,
      expiresAt,
      ip: context.ip,
      userAgent: context.userAgent,
      confirmedUntil: now + this.deps.confirmWindowMs,
    });
    this.record(account, context, 'login.success', { method });
    return { token, expiresAt: iso(expiresAt), username: account.username };
  }

  // Refusals are tallied, not logged one by one (see RefusalTallies).
  private rateLimited(account: AccountRecord | null, context: RequestContext, retryAfterSeconds: number): ApiError {
    if (account) this.deps.tallies.record(account.id, context, retryAfterSeconds);
    return rateLimitedError(retryAfterSeconds);
  }

  private recordFailure(account: AccountRecord, who: RequestContext, reason: FailureReason) {
    this.record(account, who, 'login.failure', { reason });
  }

  private record(account: AccountRecord, who: RequestContext, type: SignInEventType, details: EventDetails): void {
    const time = this.deps.clock();
    this.deps.store.events.append({ accountId: account.id, type, time, ip: who.ip, userAgent: who.userAgent, details });
  }
}
