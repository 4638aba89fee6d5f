import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { routes, type RouteSpec } from '../contract/routes.ts';
import type { CreatedAccount } from './accounts.ts';
import { listEvents, signIn, startTestRegistry, type TestRegistry } from './test-support.ts';

const confirmWindowMs = 60_000;
const fiveMinutes = 5 * 60 * 1000;
const sensitiveRoutes = (Object.values(routes) as RouteSpec[]).filter((route) => route.sensitive);

describe('POST /api/v1/session/confirm and sensitive routes', () => {
  let harness: TestRegistry;
  let carol: CreatedAccount;
  const secrets: string[] = ['alice-Tundra-Parsnip-1', 'carol-Lantern-Quartz-2', 'wrong-Password-Guess-3'];

  before(async () => {
    harness = await startTestRegistry({ confirmWindowMs });
    await harness.addUser('alice', secrets[0]!, false);
    carol = await harness.addUser('carol', secrets[1]!, true);
    secrets.push(carol.totpSecret!, ...carol.recoveryCodes!);
  });
  after(() => harness.stop());

  // Each test moves the clock well past the previous ones: confirmation windows, TOTP steps and rate-limit windows
  // all start fresh.
  const nextScene = () => (harness.clock.now += 60 * 60 * 1000);
  const confirm = (token: string, body: unknown, from?: string) =>
    harness.request('POST', routes.confirmSession.path, { token, body, ...(from ? { from } : {}) });
  const aliceSignIn = () => signIn(harness, { username: 'alice', password: secrets[0]! });
  const carolSignIn = async () => signIn(harness, { username: 'carol', password: secrets[1]!, otp: await harness.otp(carol.totpSecret!) });
  // A harmless sensitive action: starting an enrollment only keeps a secret waiting.
  const sensitiveAction = (token: string) => harness.request('POST', routes.startTotpEnrollment.path, { token });

  test('a new session is confirmed for the window; then every sensitive route answers 403 confirmation_required', async () => {
    nextScene();
    const token = await aliceSignIn();
    assert.equal((await sensitiveAction(token)).status, 200);
    harness.clock.now += confirmWindowMs - 1;
    assert.equal((await sensitiveAction(token)).status, 200);
    harness.clock.now += 1;
    assert.ok(sensitiveRoutes.length >= 4);
    for (const route of sensitiveRoutes) {
      const body = route === routes.changePassword ? { newPassword: 'Orchid-Velvet-Canyon-88' } : undefined;
      const response = await harness.request(route.method, route.path, { token, ...(body ? { body } : {}) });
      assert.equal(response.status, 403, `${route.method} ${route.path}`);
      assert.equal(response.json.error.code, 'confirmation_required');
    }
    // Nothing was done: the password is unchanged.
    await aliceSignIn();
    // Routes that are not sensitive keep working.
    assert.equal((await harness.request('GET', routes.getAccount.path, { token })).status, 200);
    assert.equal((await harness.request('GET', routes.listSessions.path, { token })).status, 200);
  });

  test('password-only account: the password confirms for another window; a wrong one is 401 invalid_credentials', async () => {
    nextScene();
    const token = await aliceSignIn();
    harness.clock.now += confirmWindowMs;
    const wrong = await confirm(token, { password: secrets[2] });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.json.error.code, 'invalid_credentials');
    assert.equal((await sensitiveAction(token)).status, 403);

    const confirmed = await confirm(token, { password: secrets[0] });
    assert.equal(confirmed.status, 200);
    assert.deepEqual(confirmed.json, { confirmedUntil: new Date(harness.clock.now + confirmWindowMs).toISOString() });
    assert.equal((await sensitiveAction(token)).status, 200);
    harness.clock.now += confirmWindowMs;
    assert.equal((await sensitiveAction(token)).status, 403);

    const recent = (await listEvents(harness, token)).slice(0, 2);
    assert.deepEqual(
      recent.map((event) => [event.type, event.details, event.ip, event.userAgent]),
      [
        ['session.confirmed', { method: 'password' }, '127.0.0.1', 'vigil-tests/1.0'],
        ['session.confirm_failed', { reason: 'invalid_password' }, '127.0.0.1', 'vigil-tests/1.0'],
      ],
    );
  });

  test('2FA account: otp_required without a code, invalid_otp for a wrong or replayed one, then a fresh code confirms', async () => {
    nextScene();
    const signInCode = await harness.otp(carol.totpSecret!);
    const token = await signIn(harness, { username: 'carol', password: secrets[1]!, otp: signInCode });
    harness.clock.now += confirmWindowMs;

    const missing = await confirm(token, { password: secrets[1] });
    assert.equal(missing.status, 401);
    assert.equal(missing.json.error.code, 'otp_required');
    assert.equal(missing.headers['www-authenticate'], 'OTP');
    const wrongPassword = await confirm(token, { password: secrets[2], otp: await harness.otp(carol.totpSecret!) });
    assert.equal(wrongPassword.json.error.code, 'invalid_credentials', 'the password is checked first');
    const wrongCode = String((Number(signInCode) + 500_000) % 1_000_000).padStart(6, '0');
    const wrong = await confirm(token, { password: secrets[1], otp: wrongCode });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.json.error.code, 'invalid_otp');
    assert.equal((await sensitiveAction(token)).status, 403);

    const code = await harness.otp(carol.totpSecret!);
    const confirmed = await confirm(token, { password: secrets[1], otp: code });
    assert.equal(confirmed.status, 200);
    assert.equal(confirmed.json.confirmedUntil, new Date(harness.clock.now + confirmWindowMs).toISOString());
    assert.equal((await sensitiveAction(token)).status, 200);
    const replayed = await confirm(token, { password: secrets[1], otp: code });
    assert.equal(replayed.status, 401);
    assert.equal(replayed.json.error.code, 'invalid_otp');
    // Nor can a code used to confirm be used to sign in.
    const signInReplay = await harness.request('POST', routes.createSession.path, { body: { username: 'carol', password: secrets[1], otp: code } });
    assert.equal(signInReplay.json.error.code, 'invalid_otp');

    const recent = (await listEvents(harness, token)).filter((event) => event.type.startsWith('session.confirm')).slice(0, 4);
    assert.deepEqual(
      recent.map((event) => [event.type, event.details]),
      [
        ['session.confirm_failed', { reason: 'replayed_totp' }],
        ['session.confirmed', { method: 'totp' }],
        ['session.confirm_failed', { reason: 'invalid_totp' }],
        ['session.confirm_failed', { reason: 'invalid_password' }],
      ],
    );
  });

  test('password failures count against the sign-in limits: 429 with Retry-After, for confirming and signing in', async () => {
    nextScene();
    const start = harness.clock.now;
    const token = await aliceSignIn();
    for (let i = 0; i < 10; i += 1) {
      const response = await confirm(token, { password: secrets[2] }, `127.0.0.${20 + (i % 5)}`);
      assert.equal(response.status, 401);
      harness.clock.now += 1000;
    }
    const limited = await confirm(token, { password: secrets[0] }, '127.0.0.30');
    assert.equal(limited.status, 429);
    assert.equal(limited.json.error.code, 'rate_limited');
    assert.equal(limited.headers['retry-after'], String((fiveMinutes - 10_000) / 1000));
    // The same limiter guards sign-in: the account's password may not be tried anywhere else either.
    const signInLimited = await harness.request('POST', routes.createSession.path, {
      body: { username: 'ALICE', password: secrets[0] },
      from: '127.0.0.31',
    });
    assert.equal(signInLimited.status, 429);

    // Refusals are tallied as sign-in's are, and become one event per address when the window ends.
    harness.clock.now = start + 10_000 + fiveMinutes;
    const later = await aliceSignIn();
    const tallies = (await listEvents(harness, later)).filter((event) => event.type === 'login.rate_limited');
    assert.deepEqual(tallies.map((event) => [event.ip, event.details.count]).sort(), [
      ['127.0.0.30', 1],
      ['127.0.0.31', 1],
    ]);
  });

  test('code failures count against the second-factor limit: five wrong codes, then 429 for confirm and sign-in', async () => {
    nextScene();
    const token = await carolSignIn();
    for (let i = 0; i < 5; i += 1) {
      const response = await confirm(token, { password: secrets[1], otp: '000000' }, `127.0.0.${40 + i}`);
      assert.equal(response.json.error.code, 'invalid_otp');
    }
    harness.clock.now += 30_000;
    const limited = await confirm(token, { password: secrets[1], otp: await harness.otp(carol.totpSecret!) }, '127.0.0.50');
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    const noCode = await confirm(token, { password: secrets[1] }, '127.0.0.50');
    assert.equal(noCode.status, 429, 'a limited account is not told a code is required');
    const signInLimited = await harness.request('POST', routes.createSession.path, {
      body: { username: 'carol', password: secrets[1], otp: await harness.otp(carol.totpSecret!) },
      from: '127.0.0.51',
    });
    assert.equal(signInLimited.status, 429);
  });

  test('malformed bodies are 400 invalid_request; no session is 401 unauthenticated', async () => {
    nextScene();
    const token = await aliceSignIn();
    for (const body of [{}, { password: '' }, { password: 'x', otp: '12345' }, { password: 'x', extra: 1 }, { username: 'alice', password: 'x' }]) {
      const response = await confirm(token, body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(response.json.error.code, 'invalid_request');
    }
    const anonymous = await harness.request('POST', routes.confirmSession.path, { body: { password: secrets[0] } });
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.json.error.code, 'unauthenticated');
    const forSensitive = await harness.request('POST', routes.startTotpEnrollment.path);
    assert.equal(forSensitive.json.error.code, 'unauthenticated', 'authentication is checked before confirmation');
  });

  test('no event holds a password, code or secret', async () => {
    nextScene();
    for (const token of [await aliceSignIn(), await carolSignIn()]) {
      const text = JSON.stringify(await listEvents(harness, token));
      for (const secret of secrets) assert.equal(text.includes(secret), false);
    }
  });
});
