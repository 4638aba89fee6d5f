// The sign-in flow behind POST /session, in PyPI's order: rate limits, password (checked against a dummy hash
// for unknown users so both answers look alike), then the second factor (TOTP with replay guard, or a recovery
// code that is burned on use). Every outcome for an existing account lands in its audit log; refusals while rate
// limited as a tally per window (see refusal-tallies.ts). A new session remembers where it signed in from and
// starts confirmed: whoever just gave the password may take sensitive actions for the confirmation window.
import { randomBytes } from 'node:crypto';
import type { FailureReason, LoginMethod, SessionRequest, SessionResponse } from '../contract/schemas.ts';
import { hashPassword, needsRehash, verifyPassword, type Argon2Params } from '../security/passwords.ts';
import { admitAttempt, refusal, runAttempt } from '../security/rate-limiter.ts';
import { matchRecoveryCode } from '../security/recovery-codes.ts';
import { generateSessionToken, hashSessionToken } from '../security/tokens.ts';
import { checkTotp } from '../security/totp.ts';
import type { AccountRecord } from '../store/account-repository.ts';
import { transaction } from '../store/database.ts';
import type { EventDetails } from '../store/event-repository.ts';
import type { RegistryStore } from '../store/store.ts';
import { invalidCredentialsError, invalidOtpError, otpRequiredError, rateLimitedError } from './attempt-errors.ts';
import { ApiError } from './errors.ts';
import type { RequestContext } from './request-context.ts';
import type { RefusalTallies } from './refusal-tallies.ts';
import { passwordKeys, secondFactorKeys, type SignInLimits } from './sign-in-limits.ts';

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
    const { account, passwordOk } = await runAttempt(
      admission.attempt,
      async () => {
        const found = store.accounts.findByUsername(request.username);
        return { account: found, passwordOk: await verifyPassword(request.password, found?.passwordHash ?? (await this.dummy())) };
      },
      (checked) => checked.account !== null && checked.passwordOk,
    );
    if (!account || !passwordOk) {
      if (account) this.recordFailure(account, context, 'invalid_password');
      throw invalidCredentialsError();
    }
    await this.upgradePasswordHash(account, request.password);
    if (account.totpSecret === null) return this.issueSession(account, context, 'password');

    const codeKeys = secondFactorKeys(limits, context.ip, account.id);
    if (request.otp === undefined && request.recoveryCode === undefined) {
      const wait = refusal(codeKeys);
      if (wait !== null) throw this.rateLimited(account, context, wait);
      throw otpRequiredError();
    }
    // A wrong second factor is a failed sign-in from that IP as well as for the account, so one address holding
    // many passwords cannot spread code guesses across accounts without meeting the per-IP limit.
    const secondFactor = await admitAttempt(codeKeys);
    if (!secondFactor.admitted) throw this.rateLimited(account, context, secondFactor.retryAfterSeconds);
    const { totpSecret } = account;
    return runAttempt(secondFactor.attempt, () =>
      request.otp !== undefined
        ? this.withTotp(account, totpSecret, request.otp, context)
        : this.withRecoveryCode(account, request.recoveryCode!, context),
    );
  }

  private async withTotp(account: AccountRecord, secret: string, code: string, context: RequestContext) {
    const check = await checkTotp({ secret, code, nowMs: this.deps.clock(), lastAcceptedStep: account.totpLastStep });
    if (check.result === 'valid' && this.deps.store.accounts.acceptTotpStep(account.id, check.timeStep)) {
      return this.issueSession(account, context, 'totp');
    }
    this.recordFailure(account, context, check.result === 'invalid' ? 'invalid_totp' : 'replayed_totp');
    throw invalidOtpError();
  }

  private async withRecoveryCode(account: AccountRecord, code: string, context: RequestContext) {
    const { store, clock } = this.deps;
    const match = await matchRecoveryCode(code, store.recoveryCodes.listForAccount(account.id));
    if (match.result === 'unused') {
      const session = transaction(store.db, () => {
        if (!store.recoveryCodes.burn(match.code.id, clock())) return null;
        const remaining = store.recoveryCodes.countRemaining(account.id);
        this.record(account, context, 'recovery_code.used', { remaining });
        return this.createSession(account, context, 'recovery_code');
      });
      if (session) return session;
    }
    if (match.result === 'unknown') {
      this.recordFailure(account, context, 'invalid_recovery_code');
      throw new ApiError(401, 'invalid_recovery_code', 'That recovery code is not valid for this account');
    }
    this.recordFailure(account, context, 'burned_recovery_code');
    throw new ApiError(401, 'burned_recovery_code', 'That recovery code was already used');
  }

  // Parameters are stored with each hash; a successful sign-in is the one moment the password is at hand to
  // move an old hash onto the current parameters.
  private async upgradePasswordHash(account: AccountRecord, password: string): Promise<void> {
    if (!needsRehash(account.passwordHash, this.deps.passwordHashing)) return;
    const passwordHash = await hashPassword(password, this.deps.passwordHashing);
    this.deps.store.accounts.updatePasswordHash(account.id, passwordHash);
  }

  private issueSession(account: AccountRecord, context: RequestContext, method: LoginMethod): SessionResponse {
    return transaction(this.deps.store.db, () => this.createSession(account, context, method));
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
    return { token, expiresAt: new Date(expiresAt).toISOString(), username: account.username };
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
