// POST /-/npm/v1/tokens over plain HTTP, with the bodies npm 10 and npm 11 send, for every answer the CLI tests do
// not reach: npm 10's body, what a granular request may not ask for, the OTP challenge and its failures, the rules
// createApiToken keeps, the shared rate limits; and DELETE /-/npm/v1/tokens/token/<key> with 2FA on.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { routes } from '../../contract/routes.ts';
import { TokensResponse } from '../../contract/token-schemas.ts';
import { listEvents, signIn, startTestRegistry, type TestRegistry } from '../test-support.ts';

const passwords = { eve: 'eve-Saddle-Corona-Whisk-6', fay: 'fay-Meadow-Anchor-Plum-7', gil: 'gil-Ribbon-Falcon-Sage-8' };
const day = 24 * 60 * 60 * 1000;

describe('POST /-/npm/v1/tokens (npm token create), and revoking with 2FA, over HTTP', () => {
  let harness: TestRegistry;
  let eveSecret: string;
  let eve: string;
  let fay: string;

  before(async () => {
    harness = await startTestRegistry({ sessionTtlMs: 30 * day });
    eveSecret = (await harness.addUser('eve', passwords.eve, true)).totpSecret!;
    await harness.addUser('fay', passwords.fay, false);
    await harness.addUser('gil', passwords.gil, false);
    harness.addProject('kit', 'eve', { fay: 'maintainer' });
    harness.addProject('fays-own', 'fay');
    eve = await signIn(harness, { username: 'eve', password: passwords.eve, otp: await harness.otp(eveSecret) });
    fay = await signIn(harness, { username: 'fay', password: passwords.fay });
  });
  after(() => harness.stop());

  const create = (session: string, body: unknown, headers: Record<string, string> = {}, from?: string) =>
    harness.request('POST', '/-/npm/v1/tokens', { token: session, body, headers, ...(from ? { from } : {}) });
  const nextOtp = async () => {
    harness.clock.now += 30_000;
    return harness.otp(eveSecret);
  };
  const activeTokens = async (session: string) =>
    TokensResponse.parse((await harness.request('GET', routes.listTokens.path, { token: session })).json).tokens;
  const assertRefused = (response: { status: number; json: { code: string; error: unknown } }, status: number, code: string) => {
    assert.deepEqual([response.status, response.json.code, typeof response.json.error], [status, code, 'string'], JSON.stringify(response.json));
  };

  test('npm 10’s body: a token for every project, read-only or read-write, named npm-cli-<date>-<n>, in npm’s shape', async () => {
    const first = await create(fay, { password: passwords.fay, readonly: true, cidr_whitelist: [] });
    assert.equal(first.status, 201, JSON.stringify(first.json));
    assert.deepEqual(Object.keys(first.json).sort(), ['cidr_whitelist', 'created', 'expires', 'key', 'name', 'readonly', 'token', 'updated']);
    const now = new Date(harness.clock.now).toISOString();
    const { token, key, ...rest } = first.json;
    assert.match(token, /^vgl_[A-Za-z0-9]{36}$/);
    assert.match(key, /^[0-9a-f]{128}$/);
    assert.deepEqual(rest, {
      name: 'npm-cli-2025-01-07-1',
      cidr_whitelist: null,
      readonly: true,
      created: now,
      updated: now,
      expires: new Date(harness.clock.now + 30 * day).toISOString(),
    });
    const whoami = await harness.request('GET', routes.whoami.path, { token });
    assert.deepEqual([whoami.json.username, whoami.json.token.projects, whoami.json.token.permission], ['fay', 'all', 'read-only']);
    const second = await create(fay, { password: passwords.fay, readonly: true, cidr_whitelist: ['127.0.0.1/32'] });
    assert.deepEqual([second.json.name, second.json.cidr_whitelist], ['npm-cli-2025-01-07-2', ['127.0.0.1/32']]);
    // Not read-only: a write token, which needs 2FA.
    assertRefused(await create(fay, { password: passwords.fay, readonly: false, cidr_whitelist: [] }), 403, 'two_factor_required');
    assertRefused(await create(fay, { password: passwords.fay, readonly: 'no' }), 400, 'invalid_request');
  });

  test('npm 11 granular requests this registry cannot honour are refused before the password is checked', async () => {
    const base = { name: 'granular', password: passwords.fay };
    const eventsBefore = (await listEvents(harness, fay)).length;
    const refusals: [unknown, RegExp][] = [
      [{ name: null, password: passwords.fay }, /--packages <name>.*--packages-all/],
      [{ ...base, packages: ['kit'], packages_all: true }, /not both/],
      [{ ...base, packages_all: true, scopes: ['@fay'] }, /^scopes: /],
      [{ ...base, packages_all: true, orgs: ['acme'] }, /^orgs: /],
      [{ ...base, packages_all: true, packages_and_scopes_permission: 'read-write-stage-only' }, /does not stage releases/],
      [{ ...base, packages_all: true, packages_and_scopes_permission: 'no-access' }, /^packages_and_scopes_permission: /],
      [{ ...base, packages_all: true, expires: 366 }, /^expires: /],
      [{ ...base, packages_all: true, expires: 91, packages_and_scopes_permission: 'read-write' }, /expires: a read-write token lasts at most 90 days/],
      [{ ...base, packages_all: true, cidr_whitelist: ['10.0.0.0/33'] }, /^cidr_whitelist\.0: /],
      [{ ...base, packages: ['@fay/kit'] }, /^packages\.0: /],
      [{ ...base, packages_all: true, allowed_ipv6: ['::1/128'] }, /unknown field\(s\): allowed_ipv6/],
      [{ ...base, name: 'x\u0007', packages_all: true }, /^name: /],
    ];
    for (const [body, message] of refusals) {
      const response = await create(fay, body);
      assertRefused(response, 400, 'invalid_request');
      assert.match(response.json.error, message, JSON.stringify(body));
    }
    assert.equal((await listEvents(harness, fay)).length, eventsBefore, 'no password checked, no confirmation failed');
  });

  test('the password: a wrong one is 401 (no OTP challenge) and logged; tokens and no credentials are refused', async () => {
    const wrong = await create(fay, { name: 'nope', password: 'wrong', packages_all: true });
    assertRefused(wrong, 401, 'invalid_credentials');
    assert.equal(wrong.json.error, 'Wrong password');
    assert.equal(wrong.headers['www-authenticate'], undefined);
    const [failure] = await listEvents(harness, fay);
    assert.deepEqual([failure?.type, failure?.details.reason], ['session.confirm_failed', 'invalid_password']);
    const apiToken = (await create(fay, { password: passwords.fay, readonly: true })).json.token;
    assertRefused(await create(apiToken, { password: passwords.fay, readonly: true }), 401, 'unauthenticated');
    const anonymous = await harness.request('POST', '/-/npm/v1/tokens', { body: { password: passwords.fay, readonly: true } });
    assertRefused(anonymous, 401, 'unauthenticated');
    assert.equal(anonymous.headers['www-authenticate'], undefined, 'no Bearer challenge, so npm prints the message');
  });

  test('password failures here count against sign-in’s limits: 429 with Retry-After, and signing in is limited too', async () => {
    const gil = await signIn(harness, { username: 'gil', password: passwords.gil });
    const from = '127.0.0.9';
    for (let i = 0; i < 10; i += 1) assertRefused(await create(gil, { password: 'wrong', readonly: true }, {}, from), 401, 'invalid_credentials');
    const limited = await create(gil, { password: passwords.gil, readonly: true }, {}, from);
    assertRefused(limited, 429, 'rate_limited');
    assert.match(String(limited.headers['retry-after']), /^\d+$/);
    const signingIn = await harness.request('POST', routes.createSession.path, { body: { username: 'gil', password: passwords.gil }, from });
    assert.equal(signingIn.status, 429);
  });

  test('with 2FA: no npm-otp is the OTP challenge; a wrong, replayed or malformed code is refused; a current one creates', async () => {
    const body = {
      name: 'ci',
      password: passwords.eve,
      description: 'Deploys kit',
      packages: ['kit'],
      packages_and_scopes_permission: 'read-write',
      expires: 30,
      cidr_whitelist: ['127.0.0.0/8'],
      bypass_2fa: true,
    };
    const challenged = await create(eve, body);
    assertRefused(challenged, 401, 'otp_required');
    assert.equal(challenged.headers['www-authenticate'], 'OTP');
    assert.match(challenged.json.error, /--otp <code>/);
    assertRefused(await create(eve, body, { 'npm-otp': await harness.otp(eveSecret, 5) }), 401, 'invalid_otp');
    assertRefused(await create(eve, body, { 'npm-otp': '12ab' }), 400, 'invalid_request');
    const otp = await nextOtp();
    const created = await create(eve, body, { 'npm-otp': otp });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    assert.deepEqual([created.json.readonly, created.json.cidr_whitelist, created.json.expires], [false, ['127.0.0.0/8'], new Date(harness.clock.now + 30 * day).toISOString()]);
    const [ci] = await activeTokens(eve);
    assert.deepEqual(
      [ci?.key, ci?.name, ci?.description, ci?.permission, ci?.projects, ci?.allowedCidrs, ci?.bypass2fa, ci?.createdWith2fa],
      [created.json.key, 'ci', 'Deploys kit', 'read-write', ['kit'], ['127.0.0.0/8'], true, true],
    );
    const events = await listEvents(harness, eve);
    assert.deepEqual([events[0]?.type, events[0]?.details], [
      'token.created',
      { id: ci!.id, name: 'ci', permission: 'read-write', projects: 'kit', expiresAt: ci!.expiresAt },
    ]);
    // The password and code proved presence for this request only: the session is not confirmed by it.
    assert.ok(!events.some((entry) => entry.type === 'session.confirmed'), JSON.stringify(events.map((entry) => entry.type)));
    assertRefused(await create(eve, body, { 'npm-otp': otp }), 401, 'invalid_otp');
  });

  test('a token made through npm does not confirm the session: the JSON API still asks for Confirm access after it', async () => {
    // Past the confirmation the sign-in gave.
    harness.clock.now += 11 * 60_000;
    const made = await create(fay, { password: passwords.fay, readonly: true, cidr_whitelist: [] });
    assert.equal(made.status, 201, JSON.stringify(made.json));
    const json = await harness.request('POST', routes.createToken.path, {
      token: fay,
      body: { name: 'after-npm', permission: 'read-only', projects: 'all' },
    });
    assert.deepEqual([json.status, (json.json as { error: { code: string } }).error.code], [403, 'confirmation_required']);
  });

  test('createApiToken’s rules hold: name_taken, not_a_collaborator for a project not the caller’s or unknown', async () => {
    const body = { name: 'ci', password: passwords.eve, packages: ['kit'] };
    assertRefused(await create(eve, body, { 'npm-otp': await nextOtp() }), 409, 'name_taken');
    for (const project of ['fays-own', 'no-such-project']) {
      const refused = await create(eve, { ...body, name: project, packages: [project] }, { 'npm-otp': await nextOtp() });
      assertRefused(refused, 403, 'not_a_collaborator');
      assert.match(refused.json.error, new RegExp(project));
    }
  });

  test('revoking with 2FA: the OTP challenge without npm-otp, invalid_otp for a wrong code, 204 with a current one', async () => {
    const [ci] = await activeTokens(eve);
    const path = `/-/npm/v1/tokens/token/${ci!.key}`;
    const challenged = await harness.request('DELETE', path, { token: eve });
    assertRefused(challenged, 401, 'otp_required');
    assert.equal(challenged.headers['www-authenticate'], 'OTP');
    assertRefused(await harness.request('DELETE', path, { token: eve, headers: { 'npm-otp': await harness.otp(eveSecret, -5) } }), 401, 'invalid_otp');
    assert.ok((await activeTokens(eve)).some((token) => token.id === ci!.id), 'still active');
    const [failure] = await listEvents(harness, eve);
    assert.deepEqual([failure?.type, failure?.details.reason], ['session.confirm_failed', 'invalid_totp']);
    // A key that matches nothing is answered before the code is checked, so the code is still good afterwards.
    const otp = await nextOtp();
    assertRefused(await harness.request('DELETE', `/-/npm/v1/tokens/token/${'0'.repeat(12)}`, { token: eve, headers: { 'npm-otp': otp } }), 404, 'not_found');
    const revoked = await harness.request('DELETE', path, { token: eve, headers: { 'npm-otp': otp } });
    assert.equal(revoked.status, 204);
    assert.ok(!(await activeTokens(eve)).some((token) => token.id === ci!.id));
    // Without 2FA, no code is asked for (npm-token-http.test.ts revokes so).
    const [fays] = await activeTokens(fay);
    assert.equal((await harness.request('DELETE', `/-/npm/v1/tokens/token/${fays!.key}`, { token: fay })).status, 204);
  });
});
