// Changes that land while a sign-in or a confirmation is under way: a password change, a replaced authenticator,
// a new set of recovery codes. Over HTTP such a race is won or lost by scheduling, so these tests drive the
// services directly and make the change land at a chosen moment: right after the request read what it acts on.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { ErrorCode } from '../contract/schemas.ts';
import { hashPassword, verifyPassword } from '../security/passwords.ts';
import { hashRecoveryCode } from '../security/recovery-codes.ts';
import { generateTotpSecret, totpCode, totpTimeStep } from '../security/totp.ts';
import { transaction } from '../store/database.ts';
import { openStore, type RegistryStore } from '../store/store.ts';
import { confirmAccess } from './access-confirmation.ts';
import { createAccount, type CreatedAccount } from './accounts.ts';
import { ApiError } from './errors.ts';
import { RefusalTallies } from './refusal-tallies.ts';
import { createSignInLimits, pypiRateLimits } from './sign-in-limits.ts';
import { SignInService } from './sign-in.ts';
import { fastHashing, testEpoch } from './test-support.ts';

const who = { ip: '127.0.0.1', userAgent: 'vigil-tests/1.0' };
const oldPassword = 'Granite-Meadow-Kettle-5';
const newPassword = 'Saffron-Lighthouse-Drum-74';
const confirmWindowMs = 60_000;

/**
 * Runs `change` once, just after the `calls`-th call of `method` from now returns: a concurrent request's change
 * landing between this request reading the account and acting on what it read.
 */
function landAfter<T extends object>(target: T, method: keyof T & string, change: () => void, calls = 1): void {
  const original = target[method] as (...args: unknown[]) => unknown;
  let seen = 0;
  Object.assign(target, {
    [method]: (...args: unknown[]) => {
      const result = original.apply(target, args);
      seen += 1;
      if (seen === calls) {
        delete (target as Record<string, unknown>)[method];
        change();
      }
      return result;
    },
  });
}

const refusedWith = (code: ErrorCode) => (error: unknown) => {
  assert.ok(error instanceof ApiError, String(error));
  assert.equal(error.code, code, error.message);
  return true;
};

describe('requests in flight when the account changes', () => {
  let dir: string;
  let store: RegistryStore;
  let signIn: SignInService;
  const clock = () => testEpoch;
  const limits = () => createSignInLimits(clock);
  const tallies = () => new RefusalTallies({ store, clock, windowMs: pypiRateLimits.windowMs });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-'));
    store = openStore(dir);
    signIn = new SignInService({
      store,
      clock,
      passwordHashing: fastHashing,
      sessionTtlMs: 60 * 60_000,
      confirmWindowMs,
      limits: limits(),
      tallies: tallies(),
    });
  });
  afterEach(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const addUser = (totp: boolean, passwordHashing = fastHashing) =>
    createAccount(store, { username: 'ines', password: oldPassword, totp }, { passwordHashing, clock });
  const ines = () => store.accounts.findByUsername('ines')!;
  const eventTypes = () => store.events.list(ines().id, 50).map((event) => event.type);
  // What POST /account/password does to the account, without the sessions it ends (none exist here).
  const changePassword = async () => {
    const hash = await hashPassword(newPassword, fastHashing);
    return () => store.accounts.updatePasswordHash(ines().id, hash);
  };

  test('an old-parameter hash: the rehash of the old password does not overwrite a new one, and no session is made', async () => {
    await addUser(false, { ...fastHashing, memory: 2 * fastHashing.memory });
    landAfter(store.accounts, 'findByUsername', await changePassword());
    await assert.rejects(signIn.signIn({ username: 'ines', password: oldPassword }, who), refusedWith('invalid_credentials'));
    assert.equal(await verifyPassword(newPassword, ines().passwordHash), true, 'the new password stands');
    assert.deepEqual(store.sessions.listActive(ines().id, clock()), []);
    assert.deepEqual(eventTypes(), [], 'no success, and no failure: the password was right when it was checked');
  });

  test('a password changed mid-sign-in: no session, whichever factor completes it', async () => {
    const account = await addUser(true);
    for (const factor of [{ otp: await totpCode(account.totpSecret!, clock()) }, { recoveryCode: account.recoveryCodes![0]! }]) {
      // Each round starts from the old password.
      store.accounts.updatePasswordHash(ines().id, await hashPassword(oldPassword, fastHashing));
      landAfter(store.accounts, 'findByUsername', await changePassword());
      const attempt = signIn.signIn({ username: 'ines', password: oldPassword, ...factor }, who);
      await assert.rejects(attempt, refusedWith('invalid_credentials'));
    }
    assert.deepEqual(store.sessions.listActive(ines().id, clock()), []);
    assert.equal(store.recoveryCodes.countRemaining(ines().id), 8, 'the recovery code was not used up');
    assert.deepEqual(eventTypes(), []);
  });

  test('a password-only account: the sign-in that checked the old password makes no session', async () => {
    await addUser(false);
    landAfter(store.accounts, 'findByUsername', await changePassword());
    await assert.rejects(signIn.signIn({ username: 'ines', password: oldPassword }, who), refusedWith('invalid_credentials'));
    assert.deepEqual(store.sessions.listActive(ines().id, clock()), []);
    await signIn.signIn({ username: 'ines', password: newPassword }, who);
  });

  test('a concurrent sign-in rehashing the same password is no change: both sign in', async () => {
    await addUser(false, { ...fastHashing, memory: 2 * fastHashing.memory });
    const theirs = await hashPassword(oldPassword, fastHashing);
    const id = ines().id;
    landAfter(store.accounts, 'findByUsername', () => store.accounts.replacePasswordHash(id, ines().passwordHash, theirs));
    await signIn.signIn({ username: 'ines', password: oldPassword }, who);
    assert.equal(ines().passwordHash, theirs, 'one rehash is kept, not written over');
    assert.equal(store.sessions.listActive(id, clock()).length, 1);
  });

  test('a code of an authenticator replaced mid-sign-in is refused, even one a step ahead of the new app', async () => {
    const account: CreatedAccount = await addUser(true);
    const code = await totpCode(account.totpSecret!, clock());
    // The new app's code was accepted a step behind: a last step that alone would not stop the old app's code.
    landAfter(store.accounts, 'findByUsername', () => {
      const replacement = generateTotpSecret();
      store.accounts.setPendingTotp(ines().id, replacement, clock() + 60_000);
      assert.ok(store.accounts.activatePendingTotp(ines().id, replacement, totpTimeStep(clock()) - 1, clock()));
    });
    await assert.rejects(signIn.signIn({ username: 'ines', password: oldPassword, otp: code }, who), refusedWith('invalid_otp'));
    assert.deepEqual(store.sessions.listActive(ines().id, clock()), []);
    assert.deepEqual(store.events.list(ines().id, 1)[0]?.details, { reason: 'invalid_totp' });
  });

  test('a recovery code revoked by a new set while it was matched is invalid_recovery_code; one used meanwhile is burned', async () => {
    const account = await addUser(true);
    const [first, second] = account.recoveryCodes!;
    const id = ines().id;
    landAfter(store.recoveryCodes, 'listForAccount', () => store.recoveryCodes.burn(store.recoveryCodes.listForAccount(id)[0]!.id, clock()));
    await assert.rejects(signIn.signIn({ username: 'ines', password: oldPassword, recoveryCode: first! }, who), refusedWith('burned_recovery_code'));

    const replacement = await hashRecoveryCode('0000-1111-2222-3333', fastHashing);
    landAfter(store.recoveryCodes, 'listForAccount', () =>
      transaction(store.db, () => {
        store.recoveryCodes.revokeCurrent(id, clock());
        store.recoveryCodes.insertMany(id, [replacement], clock());
      }),
    );
    await assert.rejects(signIn.signIn({ username: 'ines', password: oldPassword, recoveryCode: second! }, who), refusedWith('invalid_recovery_code'));
    assert.deepEqual(
      store.events.list(id, 50).map((event) => event.details.reason),
      ['invalid_recovery_code', 'burned_recovery_code'],
    );
    assert.deepEqual(store.sessions.listActive(id, clock()), []);
  });

  test('a confirmation that checked the old password does not confirm the session after a change', async () => {
    await addUser(false);
    const accountId = ines().id;
    const sessionId = store.sessions.create({
      accountId,
      tokenHash: 'x'.repeat(64),
      createdAt: clock(),
      expiresAt: clock() + 60 * 60_000,
      ip: who.ip,
      userAgent: who.userAgent,
      confirmedUntil: clock(),
    });
    const session = { sessionId, accountId, createdAt: clock(), confirmedUntil: clock() };
    const deps = { store, clock, limits: limits(), tallies: tallies(), confirmWindowMs };
    // The second read is the one the password is checked against, after the attempt was admitted.
    landAfter(store.accounts, 'findById', await changePassword(), 2);
    await assert.rejects(confirmAccess(deps, session, { password: oldPassword }, who), refusedWith('invalid_credentials'));
    assert.equal(store.sessions.listActive(accountId, clock())[0]?.confirmedUntil, clock());
    assert.deepEqual(eventTypes(), []);
    assert.ok(await confirmAccess(deps, session, { password: newPassword }, who));
  });
});
