import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventHash } from '../contract/event-chain.ts';
import type { CreatedAccount } from './accounts.ts';
import { listEvents as events, signIn, startTestRegistry, type TestRegistry } from './test-support.ts';

describe('POST/DELETE /api/v1/session', () => {
  let harness: TestRegistry;
  let carol: CreatedAccount;

  before(async () => {
    harness = await startTestRegistry();
    await harness.addUser('alice', 'alice-password', false);
    carol = await harness.addUser('carol', 'carol-password', true);
  });
  after(() => harness.stop());

  // Each test moves the clock well past the previous ones: TOTP steps and rate-limit windows start fresh.
  const nextScene = () => (harness.clock.now += 60 * 60 * 1000);

  test('password-only sign-in returns a token, its expiry (12 h) and the canonical username', async () => {
    nextScene();
    const response = await harness.request('POST', '/api/v1/session', { body: { username: 'ALICE', password: 'alice-password' } });
    assert.equal(response.status, 200);
    assert.match(response.json.token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(response.json.username, 'alice');
    assert.equal(response.json.expiresAt, new Date(harness.clock.now + 12 * 60 * 60 * 1000).toISOString());
    const [latest] = await events(harness, response.json.token);
    const { id, prevHash, hash, ...rest } = latest!;
    assert.match(id, /^\d+$/);
    assert.equal(hash, eventHash(prevHash, latest!), 'a link of the account\'s chain');
    assert.deepEqual(rest, {
      type: 'login.success',
      time: new Date(harness.clock.now).toISOString(),
      ip: '127.0.0.1',
      userAgent: 'vigil-tests/1.0',
      details: { method: 'password' },
    });
  });

  test('a wrong password and an unknown user get the same 401 invalid_credentials', async () => {
    nextScene();
    const wrong = await harness.request('POST', '/api/v1/session', { body: { username: 'alice', password: 'nope' } });
    const unknown = await harness.request('POST', '/api/v1/session', { body: { username: 'mallory', password: 'nope' } });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.deepEqual(wrong.json, unknown.json);
    assert.equal(wrong.json.error.code, 'invalid_credentials');
    const token = await signIn(harness, { username: 'alice', password: 'alice-password' });
    const failure = (await events(harness, token)).find((event) => event.type === 'login.failure');
    assert.deepEqual(failure?.details, { reason: 'invalid_password' });
  });

  test('2FA account without a second factor: 401 otp_required with WWW-Authenticate: OTP, not a failure', async () => {
    nextScene();
    const response = await harness.request('POST', '/api/v1/session', { body: { username: 'carol', password: 'carol-password' } });
    assert.equal(response.status, 401);
    assert.equal(response.json.error.code, 'otp_required');
    assert.equal(response.headers['www-authenticate'], 'OTP');
    const token = await signIn(harness, { username: 'carol', password: 'carol-password', otp: await harness.otp(carol.totpSecret!) });
    const recent = await events(harness, token);
    assert.equal(recent.filter((event) => event.type === 'login.failure').length, 0);
  });

  test('TOTP: accepted once; the same code again is refused as replayed, a wrong code as invalid', async () => {
    nextScene();
    const otp = await harness.otp(carol.totpSecret!);
    const token = await signIn(harness, { username: 'carol', password: 'carol-password', otp });
    const replay = await harness.request('POST', '/api/v1/session', { body: { username: 'carol', password: 'carol-password', otp } });
    assert.equal(replay.status, 401);
    assert.equal(replay.json.error.code, 'invalid_otp');
    // The previous step's code is older than the accepted one: also a replay.
    const older = await harness.request('POST', '/api/v1/session', {
      body: { username: 'carol', password: 'carol-password', otp: await harness.otp(carol.totpSecret!, -1) },
    });
    assert.equal(older.json.error.code, 'invalid_otp');
    const wrongCode = String((Number(otp) + 500_000) % 1_000_000).padStart(6, '0');
    const wrong = await harness.request('POST', '/api/v1/session', { body: { username: 'carol', password: 'carol-password', otp: wrongCode } });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.json.error.code, 'invalid_otp');

    const reasons = (await events(harness, token)).slice(0, 4).map((event) => event.details.reason ?? event.details.method);
    assert.deepEqual(reasons, ['invalid_totp', 'replayed_totp', 'replayed_totp', 'totp']);

    harness.clock.now += 30_000;
    await signIn(harness, { username: 'carol', password: 'carol-password', otp: await harness.otp(carol.totpSecret!) });
  });

  test('recovery codes: accepted in any case without dashes, then burned; unknown ones refused', async () => {
    nextScene();
    const code = carol.recoveryCodes![0]!;
    const token = await signIn(harness, { username: 'carol', password: 'carol-password', recoveryCode: ` ${code.replace(/-/g, '').toUpperCase()} ` });
    const again = await harness.request('POST', '/api/v1/session', { body: { username: 'carol', password: 'carol-password', recoveryCode: code } });
    assert.equal(again.status, 401);
    assert.equal(again.json.error.code, 'burned_recovery_code');
    const unknown = await harness.request('POST', '/api/v1/session', {
      body: { username: 'carol', password: 'carol-password', recoveryCode: '0000-1111-2222-3333' },
    });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.json.error.code, 'invalid_recovery_code');

    const recent = (await events(harness, token)).slice(0, 4);
    assert.deepEqual(
      recent.map((event) => [event.type, event.details]),
      [
        ['login.failure', { reason: 'invalid_recovery_code' }],
        ['login.failure', { reason: 'burned_recovery_code' }],
        ['login.success', { method: 'recovery_code' }],
        ['recovery_code.used', { remaining: 7 }],
      ],
    );
    const account = await harness.request('GET', '/api/v1/account', { token });
    assert.equal(account.json.twoFactor.recoveryCodesRemaining, 7);
  });

  test('sending both otp and recoveryCode is a 400 invalid_request', async () => {
    nextScene();
    const response = await harness.request('POST', '/api/v1/session', {
      body: { username: 'carol', password: 'carol-password', otp: '123456', recoveryCode: carol.recoveryCodes![1] },
    });
    assert.equal(response.status, 400);
    assert.equal(response.json.error.code, 'invalid_request');
  });

  test('sign-out ends that session at once and is recorded; other sessions keep working', async () => {
    nextScene();
    const first = await signIn(harness, { username: 'alice', password: 'alice-password' });
    const second = await signIn(harness, { username: 'alice', password: 'alice-password' });
    const ended = await harness.request('DELETE', '/api/v1/session', { token: first, headers: { 'user-agent': '' } });
    assert.equal(ended.status, 204);
    const refused = await harness.request('GET', '/api/v1/account', { token: first });
    assert.equal(refused.status, 401);
    assert.equal(refused.json.error.code, 'unauthenticated');
    assert.equal((await harness.request('DELETE', '/api/v1/session', { token: first })).status, 401);

    const [latest] = await events(harness, second);
    assert.equal(latest?.type, 'session.ended');
    assert.equal(latest?.userAgent, '');
  });

  test('sessions expire after 12 hours', async () => {
    nextScene();
    const token = await signIn(harness, { username: 'alice', password: 'alice-password' });
    harness.clock.now += 12 * 60 * 60 * 1000 - 1;
    assert.equal((await harness.request('GET', '/api/v1/account', { token })).status, 200);
    harness.clock.now += 1;
    const expired = await harness.request('GET', '/api/v1/account', { token });
    assert.equal(expired.status, 401);
    assert.equal(expired.json.error.code, 'unauthenticated');
  });

  test('missing, malformed or unknown bearer tokens are 401 unauthenticated', async () => {
    const variants: Record<string, string>[] = [{}, { authorization: 'Basic YWxpY2U6cHc=' }, { authorization: `Bearer ${'A'.repeat(43)}` }];
    for (const headers of variants) {
      const response = await harness.request('GET', '/api/v1/account', { headers });
      assert.equal(response.status, 401);
      assert.equal(response.json.error.code, 'unauthenticated');
    }
  });
});

describe('session lifetime option', () => {
  test('sessionTtlMs changes how long a session lasts', async () => {
    const harness = await startTestRegistry({ sessionTtlMs: 60_000 });
    try {
      await harness.addUser('dave', 'dave-password', false);
      const response = await harness.request('POST', '/api/v1/session', { body: { username: 'dave', password: 'dave-password' } });
      assert.equal(response.json.expiresAt, new Date(harness.clock.now + 60_000).toISOString());
      harness.clock.now += 60_000;
      assert.equal((await harness.request('GET', '/api/v1/account', { token: response.json.token })).status, 401);
    } finally {
      await harness.stop();
    }
  });
});
