import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { routes } from '../contract/routes.ts';
import { ActivateTotpResponse, TotpEnrollment } from '../contract/schemas.ts';
import { totpCode } from '../security/totp.ts';
import { listEvents, signIn, startTestRegistry, type TestRegistry } from './test-support.ts';

const issuer = 'Acme Packages & Co';
const passwords = { dana: 'dana-Tundra-Parsnip-1', emil: 'emil-Lantern-Quartz-2', finn: 'finn-Harbour-Violet-3' };
const fiveMinutes = 5 * 60 * 1000;

describe('TOTP enrollment: POST /account/totp, POST /account/totp/activate, DELETE /account/totp', () => {
  let harness: TestRegistry;
  const secrets: string[] = [...Object.values(passwords)];

  before(async () => {
    harness = await startTestRegistry({ name: issuer });
    await harness.addUser('dana', passwords.dana, false);
    await harness.addUser('emil.k', passwords.emil, false);
    await harness.addUser('finn', passwords.finn, false);
  });
  after(() => harness.stop());

  const nextScene = () => (harness.clock.now += 60 * 60 * 1000);
  const start = async (token: string) => {
    const response = await harness.request('POST', routes.startTotpEnrollment.path, { token });
    assert.equal(response.status, 200, JSON.stringify(response.json));
    const enrollment = TotpEnrollment.parse(response.json);
    secrets.push(enrollment.secret);
    return enrollment;
  };
  const activate = (token: string, otp: string) => harness.request('POST', routes.activateTotp.path, { token, body: { otp } });
  const codeFor = (secret: string, stepOffset = 0) => totpCode(secret, harness.clock.now + stepOffset * 30_000);

  test('starting gives a new 160-bit secret and its otpauth URI with the registry as issuer', async () => {
    nextScene();
    const token = await signIn(harness, { username: 'emil.k', password: passwords.emil });
    const { secret, otpauthUri } = await start(token);
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.equal(
      otpauthUri,
      `otpauth://totp/Acme%20Packages%20%26%20Co:emil.k?secret=${secret}&issuer=Acme%20Packages%20%26%20Co&algorithm=SHA1&digits=6&period=30`,
    );
    const uri = new URL(otpauthUri);
    assert.equal(uri.searchParams.get('issuer'), issuer);
    assert.notEqual((await start(token)).secret, secret);
  });

  test('nothing waiting, or waiting over 10 minutes, is 409 no_pending_enrollment; a wrong code is 400 invalid_otp', async () => {
    nextScene();
    const token = await signIn(harness, { username: 'dana', password: passwords.dana });
    const nothing = await activate(token, '123456');
    assert.equal(nothing.status, 409);
    assert.equal(nothing.json.error.code, 'no_pending_enrollment');

    const first = await start(token);
    const replaced = await start(token);
    const stale = await activate(token, await codeFor(first.secret));
    assert.equal(stale.status, 400, 'starting again replaced the first secret');
    assert.equal(stale.json.error.code, 'invalid_otp');
    const wrong = await activate(token, String((Number(await codeFor(replaced.secret)) + 1) % 1_000_000).padStart(6, '0'));
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json.error.code, 'invalid_otp');

    harness.clock.now += 10 * 60 * 1000;
    const expired = await activate(token, await codeFor(replaced.secret));
    assert.equal(expired.status, 409);
    assert.equal(expired.json.error.code, 'no_pending_enrollment');
    const account = await harness.request('GET', routes.getAccount.path, { token });
    assert.equal(account.json.twoFactor.enabled, false);

    for (const body of [{}, { otp: '12345' }, { otp: 123456 }, { otp: '123456', extra: true }]) {
      const malformed = await harness.request('POST', routes.activateTotp.path, { token, body });
      assert.equal(malformed.status, 400);
      assert.equal(malformed.json.error.code, 'invalid_request');
    }
  });

  test('wrong activation codes count against the second-factor limit: five, then 429 even for the right code', async () => {
    nextScene();
    const token = await signIn(harness, { username: 'finn', password: passwords.finn });
    const { secret } = await start(token);
    const wrong = String((Number(await codeFor(secret)) + 1) % 1_000_000).padStart(6, '0');
    // From several addresses: the limit is the account's, so a stolen token gains nothing by moving.
    for (let i = 0; i < 5; i += 1) {
      const response = await harness.request('POST', routes.activateTotp.path, { token, body: { otp: wrong }, from: `127.0.0.${20 + i}` });
      assert.equal(response.status, 400);
      assert.equal(response.json.error.code, 'invalid_otp');
      harness.clock.now += 1000;
    }
    const limited = await activate(token, await codeFor(secret));
    assert.equal(limited.status, 429);
    assert.equal(limited.json.error.code, 'rate_limited');
    assert.equal(limited.headers['retry-after'], String((fiveMinutes - 5_000) / 1000));
    assert.equal((await harness.request('GET', routes.getAccount.path, { token })).json.twoFactor.enabled, false);

    // Concurrent guesses cannot slip past the limit either: once the window frees one slot, one guess is checked.
    harness.clock.now += fiveMinutes - 5_000;
    const guesses = await Promise.all(Array.from({ length: 6 }, () => activate(token, wrong)));
    assert.deepEqual(guesses.map((response) => response.status).sort(), [400, 429, 429, 429, 429, 429]);

    // Once the window has passed, a right code activates (a new enrollment: the first has expired meanwhile).
    harness.clock.now += fiveMinutes;
    const again = await signIn(harness, { username: 'finn', password: passwords.finn });
    const response = await activate(again, await codeFor((await start(again)).secret));
    assert.equal(response.status, 200, JSON.stringify(response.json));
    secrets.push(...ActivateTotpResponse.parse(response.json).recoveryCodes!);
  });

  test('off to on: 8 recovery codes shown once, 2FA required at sign-in, the activation code cannot be replayed', async () => {
    nextScene();
    const token = await signIn(harness, { username: 'dana', password: passwords.dana });
    const { secret } = await start(token);
    const code = await codeFor(secret);
    const response = await activate(token, code);
    assert.equal(response.status, 200, JSON.stringify(response.json));
    const { account, recoveryCodes } = ActivateTotpResponse.parse(response.json);
    assert.ok(recoveryCodes);
    secrets.push(...recoveryCodes);
    assert.equal(new Set(recoveryCodes).size, 8);
    const now = new Date(harness.clock.now).toISOString();
    assert.deepEqual(account.twoFactor, {
      enabled: true,
      methods: ['totp'],
      enabledAt: now,
      recoveryCodesRemaining: 8,
      recoveryCodesGeneratedAt: now,
    });
    assert.equal((await activate(token, code)).json.error.code, 'no_pending_enrollment', 'activation used it up');

    const withoutCode = await harness.request('POST', routes.createSession.path, { body: { username: 'dana', password: passwords.dana } });
    assert.equal(withoutCode.json.error.code, 'otp_required');
    const replay = await harness.request('POST', routes.createSession.path, { body: { username: 'dana', password: passwords.dana, otp: code } });
    assert.equal(replay.status, 401);
    assert.equal(replay.json.error.code, 'invalid_otp');
    harness.clock.now += 30_000;
    await signIn(harness, { username: 'dana', password: passwords.dana, otp: await codeFor(secret) });
    await signIn(harness, { username: 'dana', password: passwords.dana, recoveryCode: recoveryCodes[0]! });

    const events = (await listEvents(harness, token)).filter((event) => event.type.startsWith('two_factor') || event.type === 'recovery_codes.generated');
    assert.deepEqual(
      events.map((event) => [event.type, event.details, event.ip, event.userAgent]),
      [
        ['recovery_codes.generated', { reason: 'enabled', count: 8 }, '127.0.0.1', 'vigil-tests/1.0'],
        ['two_factor.enabled', { method: 'totp' }, '127.0.0.1', 'vigil-tests/1.0'],
      ],
    );
  });

  test('replacing the authenticator: no new codes, the old ones still work, the old app\'s codes do not', async () => {
    nextScene();
    const secret = secrets.at(-9)!; // dana's current authenticator, from the previous test
    const token = await signIn(harness, { username: 'dana', password: passwords.dana, otp: await codeFor(secret) });
    const before = (await harness.request('GET', routes.getAccount.path, { token })).json.twoFactor;
    const next = await start(token);
    // The account's own authenticator still signs in while the new one waits.
    harness.clock.now += 30_000;
    await signIn(harness, { username: 'dana', password: passwords.dana, otp: await codeFor(secret) });
    const response = await activate(token, await codeFor(next.secret));
    assert.equal(response.status, 200);
    assert.equal(response.json.recoveryCodes, null);
    assert.deepEqual(response.json.account.twoFactor, before, 'enabledAt and the codes stay as they were');

    harness.clock.now += 30_000;
    const oldApp = await harness.request('POST', routes.createSession.path, {
      body: { username: 'dana', password: passwords.dana, otp: await codeFor(secret) },
    });
    assert.equal(oldApp.json.error.code, 'invalid_otp');
    await signIn(harness, { username: 'dana', password: passwords.dana, otp: await codeFor(next.secret) });
    await signIn(harness, { username: 'dana', password: passwords.dana, recoveryCode: secrets.at(-2)! });
    const [latest] = (await listEvents(harness, token)).filter((event) => event.type.startsWith('two_factor'));
    assert.deepEqual([latest?.type, latest?.details], ['two_factor.replaced', { method: 'totp' }]);
  });

  test('turning 2FA off: no second factor needed, every recovery code stops working for good', async () => {
    nextScene();
    const secret = secrets.at(-1)!; // dana's authenticator since the replacement
    const token = await signIn(harness, { username: 'dana', password: passwords.dana, otp: await codeFor(secret) });
    const response = await harness.request('DELETE', routes.disableTotp.path, { token });
    assert.equal(response.status, 200);
    assert.deepEqual(response.json.account.twoFactor, {
      enabled: false,
      methods: [],
      enabledAt: null,
      recoveryCodesRemaining: 0,
      recoveryCodesGeneratedAt: null,
    });
    await signIn(harness, { username: 'dana', password: passwords.dana });
    const check = await harness.request('POST', routes.checkRecoveryCode.path, { token, body: { code: secrets.at(-3)! } });
    assert.equal(check.status, 409);
    assert.equal(check.json.error.code, 'two_factor_disabled');
    assert.equal((await harness.request('DELETE', routes.disableTotp.path, { token })).status, 200, 'turning off again is a no-op');

    // Turned on again, only the new set works: the codes from before are unknown.
    const { secret: newSecret } = await start(token);
    const enabled = ActivateTotpResponse.parse((await activate(token, await codeFor(newSecret))).json);
    secrets.push(...enabled.recoveryCodes!);
    // The earlier set's last code was used in the previous test, the one before it never.
    for (const code of [secrets.at(-11)!, secrets.at(-12)!]) {
      const old = await harness.request('POST', routes.createSession.path, {
        body: { username: 'dana', password: passwords.dana, recoveryCode: code },
      });
      assert.equal(old.status, 401);
      assert.equal(old.json.error.code, 'invalid_recovery_code');
    }
    await signIn(harness, { username: 'dana', password: passwords.dana, recoveryCode: enabled.recoveryCodes![0]! });

    const events = (await listEvents(harness, token)).filter((event) => event.type.startsWith('two_factor'));
    assert.deepEqual(
      events.slice(0, 2).map((event) => [event.type, event.details]),
      [
        ['two_factor.enabled', { method: 'totp' }],
        ['two_factor.disabled', { method: 'totp', recoveryCodesRevoked: 8 }],
      ],
    );
  });

  test('no event holds a password, secret or recovery code', async () => {
    nextScene();
    for (const username of ['dana', 'emil.k'] as const) {
      const password = username === 'dana' ? passwords.dana : passwords.emil;
      const response = await harness.request('POST', routes.createSession.path, { body: { username, password, recoveryCode: secrets.at(-1)! } });
      const token = response.status === 200 ? (response.json.token as string) : await signIn(harness, { username, password });
      const text = JSON.stringify(await listEvents(harness, token));
      for (const secret of secrets) {
        assert.equal(text.includes(secret), false);
        assert.equal(text.includes(secret.replace(/-/g, '')), false);
      }
    }
  });
});
