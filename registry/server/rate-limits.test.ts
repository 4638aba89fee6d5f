import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { CreatedAccount } from './accounts.ts';
import { listEvents, signIn, startTestRegistry, type TestRegistry } from './test-support.ts';

const fiveMinutes = 5 * 60 * 1000;

describe('sign-in rate limits (PyPI defaults)', () => {
  let harness: TestRegistry;
  let carol: CreatedAccount;

  beforeEach(async () => {
    harness = await startTestRegistry();
    await harness.addUser('alice', 'alice-password', false);
    carol = await harness.addUser('carol', 'carol-password', true);
  });
  afterEach(() => harness.stop());

  const attempt = (body: Record<string, string>, from?: string) =>
    harness.request('POST', '/api/v1/session', { body, from });

  async function failuresFor(username: string, password: string) {
    const token = await signIn(harness, { username, password, ...(username === 'carol' ? { otp: await harness.otp(carol.totpSecret!) } : {}) });
    return (await listEvents(harness, token)).filter((event) => event.type === 'login.failure' || event.type === 'login.rate_limited');
  }

  test('10 password failures per account in 5 minutes, from any IPs: then 429 even for the right password', async () => {
    const start = harness.clock.now;
    for (let i = 0; i < 10; i += 1) {
      const response = await attempt({ username: 'alice', password: 'wrong' }, `127.0.0.${2 + (i % 5)}`);
      assert.equal(response.status, 401);
      harness.clock.now += 1000;
    }
    const limited = await attempt({ username: 'alice', password: 'alice-password' }, '127.0.0.9');
    assert.equal(limited.status, 429);
    assert.equal(limited.json.error.code, 'rate_limited');
    // The first failure (at start) leaves the window at start + 5 min; it is now start + 10 s.
    assert.equal(limited.headers['retry-after'], String((fiveMinutes - 10_000) / 1000));

    // Refused attempts do not extend the window.
    harness.clock.now += 60_000;
    assert.equal((await attempt({ username: 'alice', password: 'wrong' }, '127.0.0.9')).status, 429);
    // The refusals' tally opened at start + 10 s and becomes an event when its five minutes are over.
    harness.clock.now = start + 10_000 + fiveMinutes;
    const failures = await failuresFor('alice', 'alice-password');
    assert.equal(failures.filter((event) => event.details.reason === 'invalid_password').length, 10);
    // Both refusals came from one address within one window: one summary with the exact count.
    const rateLimited = failures.filter((event) => event.type === 'login.rate_limited');
    assert.equal(rateLimited.length, 1);
    assert.equal(rateLimited[0]?.ip, '127.0.0.9');
    assert.deepEqual(rateLimited[0]?.details, {
      count: 2,
      firstAt: new Date(start + 10_000).toISOString(),
      lastAt: new Date(start + 70_000).toISOString(),
      retryAfterSeconds: 230,
    });
  });

  test('10 failed sign-ins per IP in 5 minutes, across usernames: then 429 from that IP only', async () => {
    for (let i = 0; i < 10; i += 1) {
      assert.equal((await attempt({ username: `nobody${i}`, password: 'guess' })).status, 401);
    }
    const limited = await attempt({ username: 'alice', password: 'alice-password' });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers['retry-after'], '300');
    assert.equal((await attempt({ username: 'alice', password: 'alice-password' }, '127.0.0.2')).status, 200);
  });

  test('5 second-factor failures per account in 5 minutes; the password is checked first', async () => {
    for (let i = 0; i < 5; i += 1) {
      const response = await attempt({ username: 'carol', password: 'carol-password', otp: '000000' });
      assert.equal(response.status, 401);
      assert.equal(response.json.error.code, 'invalid_otp');
      harness.clock.now += 2000;
    }
    const limited = await attempt({ username: 'carol', password: 'carol-password', otp: await harness.otp(carol.totpSecret!) });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers['retry-after'], String((fiveMinutes - 10_000) / 1000));
    const recovery = await attempt({ username: 'carol', password: 'carol-password', recoveryCode: carol.recoveryCodes![0]! });
    assert.equal(recovery.status, 429);
    const wrongPassword = await attempt({ username: 'carol', password: 'wrong', otp: '000000' });
    assert.equal(wrongPassword.status, 401);
    assert.equal(wrongPassword.json.error.code, 'invalid_credentials');

    harness.clock.now += fiveMinutes;
    const failures = await failuresFor('carol', 'carol-password');
    assert.deepEqual(
      failures.map((event) => event.details.reason ?? `${event.type} × ${event.details.count}`),
      // The summary carries its first refusal's time, the same as the wrong password's; it was written later.
      ['login.rate_limited × 2', 'invalid_password', 'invalid_totp', 'invalid_totp', 'invalid_totp', 'invalid_totp', 'invalid_totp'],
    );
  });

  test('wrong second factors count as failed sign-ins from their IP, across accounts', async () => {
    await harness.addUser('dave', 'dave-password', true);
    for (const [username, password] of [['carol', 'carol-password'], ['dave', 'dave-password']] as const) {
      for (let i = 0; i < 5; i += 1) {
        const response = await attempt({ username, password, otp: '000000' }, '127.0.0.7');
        assert.equal(response.json.error.code, 'invalid_otp');
      }
    }
    const limited = await attempt({ username: 'alice', password: 'alice-password' }, '127.0.0.7');
    assert.equal(limited.status, 429);
    assert.equal((await attempt({ username: 'alice', password: 'alice-password' }, '127.0.0.8')).status, 200);
  });

  test('concurrent wrong codes cannot slip past the second-factor limit; a right one is not counted', async () => {
    const good = await attempt({ username: 'carol', password: 'carol-password', otp: await harness.otp(carol.totpSecret!) });
    assert.equal(good.status, 200);
    const wrongOtp = { username: 'carol', password: 'carol-password', otp: '000000' };
    const wrongRecoveryCode = { username: 'carol', password: 'carol-password', recoveryCode: '0000-1111-2222-3333' };
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(i % 2 ? wrongOtp : wrongRecoveryCode)));
    const refused = responses.filter((response) => response.status === 401).map((response) => response.json.error.code);
    assert.equal(refused.length, 5, refused.join(', '));
    assert.ok(refused.every((code) => code === 'invalid_otp' || code === 'invalid_recovery_code'));
    assert.equal(responses.filter((response) => response.status === 429).length, 7);
  });

  test('the window slides: once the oldest failure ages out, one more attempt is allowed', async () => {
    const start = harness.clock.now;
    for (let i = 0; i < 10; i += 1) {
      await attempt({ username: 'alice', password: 'wrong' });
      harness.clock.now += 10_000;
    }
    harness.clock.now = start + fiveMinutes - 1;
    const still = await attempt({ username: 'alice', password: 'alice-password' });
    assert.equal(still.status, 429);
    assert.equal(still.headers['retry-after'], '1');
    harness.clock.now = start + fiveMinutes;
    assert.equal((await attempt({ username: 'alice', password: 'wrong' })).status, 401);
    assert.equal((await attempt({ username: 'alice', password: 'alice-password' })).status, 429, 'that failure refilled it');
  });
});
