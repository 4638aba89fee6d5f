import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { routes } from '../contract/routes.ts';
import { RecoveryCodesResponse } from '../contract/schemas.ts';
import type { CreatedAccount } from './accounts.ts';
import { listEvents, signIn, startTestRegistry, type TestRegistry } from './test-support.ts';

const fiveMinutes = 5 * 60 * 1000;
const passwords = { gil: 'gil-Tundra-Parsnip-1', hal: 'hal-Lantern-Quartz-2' };

describe('POST /account/recovery-codes and /account/recovery-codes/check', () => {
  let harness: TestRegistry;
  let gil: CreatedAccount;
  const secrets: string[] = [...Object.values(passwords)];

  before(async () => {
    harness = await startTestRegistry();
    gil = await harness.addUser('gil', passwords.gil, true);
    await harness.addUser('hal', passwords.hal, false);
    secrets.push(gil.totpSecret!, ...gil.recoveryCodes!);
  });
  after(() => harness.stop());

  const nextScene = () => (harness.clock.now += 60 * 60 * 1000);
  const gilSignIn = async () => signIn(harness, { username: 'gil', password: passwords.gil, otp: await harness.otp(gil.totpSecret!) });
  const check = (token: string, code: string, from?: string) =>
    harness.request('POST', routes.checkRecoveryCode.path, { token, body: { code }, ...(from ? { from } : {}) });
  const signInWithCode = (recoveryCode: string) =>
    harness.request('POST', routes.createSession.path, { body: { username: 'gil', password: passwords.gil, recoveryCode } });

  test('2FA off: both answer 409 two_factor_disabled', async () => {
    nextScene();
    const token = await signIn(harness, { username: 'hal', password: passwords.hal });
    for (const response of [
      await harness.request('POST', routes.generateRecoveryCodes.path, { token }),
      await check(token, gil.recoveryCodes![0]!),
    ]) {
      assert.equal(response.status, 409);
      assert.equal(response.json.error.code, 'two_factor_disabled');
    }
  });

  test('checking tells valid, used and unknown apart without using the code', async () => {
    nextScene();
    const token = await gilSignIn();
    const [first, second] = gil.recoveryCodes!;
    assert.deepEqual((await check(token, first!)).json, { status: 'valid' });
    assert.deepEqual((await check(token, ` ${first!.replace(/-/g, '').toUpperCase()} `)).json, { status: 'valid' });
    await signIn(harness, { username: 'gil', password: passwords.gil, recoveryCode: first! });
    assert.deepEqual((await check(token, first!)).json, { status: 'used' });
    assert.deepEqual((await check(token, '0000-1111-2222-3333')).json, { status: 'unknown' });
    assert.deepEqual((await check(token, 'not a code')).json, { status: 'unknown' });
    assert.deepEqual((await check(token, second!)).json, { status: 'valid' });
    const account = (await harness.request('GET', routes.getAccount.path, { token })).json;
    assert.equal(account.twoFactor.recoveryCodesRemaining, 7, 'only the sign-in used a code');

    const checked = (await listEvents(harness, token)).filter((event) => event.type === 'recovery_code.checked');
    assert.deepEqual(
      checked.map((event) => [event.details, event.ip, event.userAgent]),
      [
        [{ status: 'valid' }, '127.0.0.1', 'vigil-tests/1.0'],
        [{ status: 'unknown' }, '127.0.0.1', 'vigil-tests/1.0'],
        [{ status: 'unknown' }, '127.0.0.1', 'vigil-tests/1.0'],
        [{ status: 'used' }, '127.0.0.1', 'vigil-tests/1.0'],
        [{ status: 'valid' }, '127.0.0.1', 'vigil-tests/1.0'],
        [{ status: 'valid' }, '127.0.0.1', 'vigil-tests/1.0'],
      ],
    );
  });

  test('unknown codes count against the second-factor limit: five, then 429 for checking and for signing in', async () => {
    nextScene();
    const token = await gilSignIn();
    // Known codes are not failures.
    for (let i = 0; i < 6; i += 1) assert.equal((await check(token, gil.recoveryCodes![2]!)).json.status, 'valid');
    for (let i = 0; i < 5; i += 1) {
      const response = await check(token, `0000-0000-0000-000${i}`, `127.0.0.${60 + i}`);
      assert.equal(response.json.status, 'unknown');
      harness.clock.now += 1000;
    }
    const limited = await check(token, gil.recoveryCodes![2]!, '127.0.0.70');
    assert.equal(limited.status, 429);
    assert.equal(limited.json.error.code, 'rate_limited');
    assert.equal(limited.headers['retry-after'], String((fiveMinutes - 5_000) / 1000));
    harness.clock.now += 30_000;
    const signInLimited = await harness.request('POST', routes.createSession.path, {
      body: { username: 'gil', password: passwords.gil, otp: await harness.otp(gil.totpSecret!) },
      from: '127.0.0.71',
    });
    assert.equal(signInLimited.status, 429);
    harness.clock.now += fiveMinutes;
    assert.equal((await check(token, gil.recoveryCodes![2]!)).json.status, 'valid', 'the window slid on');
  });

  test('a new set replaces every earlier code, used or not; the new ones work', async () => {
    nextScene();
    const token = await gilSignIn();
    const response = await harness.request('POST', routes.generateRecoveryCodes.path, { token });
    assert.equal(response.status, 200);
    const { recoveryCodes, generatedAt } = RecoveryCodesResponse.parse(response.json);
    secrets.push(...recoveryCodes);
    assert.equal(generatedAt, new Date(harness.clock.now).toISOString());
    assert.equal(new Set(recoveryCodes).size, 8);
    assert.equal(recoveryCodes.some((code) => gil.recoveryCodes!.includes(code)), false);
    const account = (await harness.request('GET', routes.getAccount.path, { token })).json;
    assert.equal(account.twoFactor.recoveryCodesRemaining, 8);
    assert.equal(account.twoFactor.recoveryCodesGeneratedAt, generatedAt);

    const [used, unused] = gil.recoveryCodes!;
    for (const old of [used!, unused!]) {
      const refused = await signInWithCode(old);
      assert.equal(refused.status, 401);
      assert.equal(refused.json.error.code, 'invalid_recovery_code');
      assert.deepEqual((await check(token, old)).json, { status: 'unknown' }, 'earlier sets are unknown to check too');
    }
    harness.clock.now += fiveMinutes;
    assert.equal((await signInWithCode(recoveryCodes[0]!)).status, 200);
    assert.deepEqual((await check(token, recoveryCodes[0]!)).json, { status: 'used' });

    const [generated] = (await listEvents(harness, token)).filter((event) => event.type === 'recovery_codes.generated');
    assert.deepEqual(generated?.details, { reason: 'regenerated', count: 8 });
    assert.equal(generated?.time, generatedAt);
  });

  test('malformed check bodies are 400 invalid_request', async () => {
    nextScene();
    const token = await gilSignIn();
    for (const body of [{}, { code: '' }, { code: 'x'.repeat(65) }, { code: 5 }, { code: 'a', other: 1 }]) {
      const response = await harness.request('POST', routes.checkRecoveryCode.path, { token, body });
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(response.json.error.code, 'invalid_request');
    }
  });

  test('no event holds a password, secret or recovery code', async () => {
    nextScene();
    const text = JSON.stringify(await listEvents(harness, await gilSignIn()));
    for (const secret of secrets) {
      assert.equal(text.includes(secret), false);
      assert.equal(text.includes(secret.replace(/-/g, '')), false);
    }
  });
});
