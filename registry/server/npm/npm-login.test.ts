// `npm login --auth-type=legacy` with the real npm CLI (answering its Username/Password prompts over a pipe), and
// the PUT /-/user/org.couchdb.user:<name> route it calls, which signs in as POST /api/v1/session does.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listEvents, startTestRegistry, type TestRegistry } from '../test-support.ts';
import { npmRunner, type NpmRunner } from './npm-cli-runner.ts';

const passwords = { ivy: 'ivy-Garnet-Willow-Drum-6', jon: 'jon-Pebble-Saffron-Mast-7' };

describe('npm login --auth-type=legacy: PUT /-/user/org.couchdb.user:<name>', () => {
  let harness: TestRegistry;
  let npm: NpmRunner;
  let jonSecret: string;

  before(async () => {
    harness = await startTestRegistry();
    await harness.addUser('ivy', passwords.ivy, false);
    jonSecret = (await harness.addUser('jon', passwords.jon, true)).totpSecret!;
    npm = npmRunner(harness.registry.url);
  });
  after(async () => {
    npm.cleanup();
    await harness.stop();
  });

  const login = (username: string, password: string, extraArgs: string[] = []) =>
    npm.run(['login', '--auth-type=legacy', ...extraArgs], {
      answers: [
        { prompt: 'Username:', answer: username },
        { prompt: 'Password:', answer: password },
      ],
    });
  const savedToken = (userconfig: string) => /:_authToken=(\S+)/.exec(userconfig)?.[1];
  // npm's exact body (npm-profile's loginCouch).
  const couchBody = (name: string, password: string) => ({
    _id: `org.couchdb.user:${name}`,
    name,
    password,
    type: 'user',
    roles: [],
    date: new Date(harness.clock.now).toISOString(),
  });
  const put = (name: string, body: unknown, headers: Record<string, string> = {}) =>
    harness.request('PUT', `/-/user/org.couchdb.user:${encodeURIComponent(name)}`, { body, headers });

  test('npm login saves a session token that npm whoami then uses; the sign-in is logged as one', async () => {
    const result = await login('ivy', passwords.ivy);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Logged in on http:\/\/127\.0\.0\.1:\d+\//);
    const token = savedToken(result.userconfig);
    assert.ok(token, result.userconfig);
    const whoami = await npm.run(['whoami'], { authToken: token });
    assert.equal(whoami.stdout.trim(), 'ivy', whoami.stderr);
    const events = await listEvents(harness, token);
    assert.equal(events[0]?.type, 'login.success');
    assert.equal(events[0]?.details.method, 'password');
  });

  test('npm login with a wrong password fails showing the registry’s message, and logs the failure', async () => {
    const result = await login('ivy', 'not-the-password');
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /401 Unauthorized - PUT .*org\.couchdb\.user:ivy - Wrong username or password/);
    assert.equal(savedToken(result.userconfig), undefined);
    const ivy = await put('ivy', couchBody('ivy', passwords.ivy));
    const events = await listEvents(harness, ivy.json.token);
    assert.deepEqual([events[1]?.type, events[1]?.details.reason], ['login.failure', 'invalid_password']);
  });

  test('with 2FA on, npm login needs --otp: without it npm reports EOTP, with it the login succeeds', async () => {
    const refused = await login('jon', passwords.jon);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /EOTP/);
    assert.match(refused.stderr, /one-time password/);
    harness.clock.now += 30_000;
    const otp = await harness.otp(jonSecret);
    const result = await login('jon', passwords.jon, ['--otp', otp]);
    assert.equal(result.code, 0, result.stderr);
    const token = savedToken(result.userconfig);
    assert.ok(token);
    const events = await listEvents(harness, token);
    assert.equal(events[0]?.details.method, 'totp');
  });

  test('the route over HTTP: {ok, token}; OTP challenge header; a wrong or replayed code; a mismatched name', async () => {
    const ok = await put('ivy', couchBody('ivy', passwords.ivy));
    assert.equal(ok.status, 201);
    assert.deepEqual(Object.keys(ok.json).sort(), ['ok', 'token']);
    assert.equal(ok.json.ok, true);

    const challenged = await put('jon', couchBody('jon', passwords.jon));
    assert.equal(challenged.status, 401);
    assert.equal(challenged.headers['www-authenticate'], 'OTP');
    assert.equal(challenged.json.code, 'otp_required');

    harness.clock.now += 30_000;
    const otp = await harness.otp(jonSecret);
    const accepted = await put('jon', couchBody('jon', passwords.jon), { 'npm-otp': otp });
    assert.equal(accepted.status, 201, JSON.stringify(accepted.json));
    const replayed = await put('jon', couchBody('jon', passwords.jon), { 'npm-otp': otp });
    assert.deepEqual([replayed.status, replayed.json.code, typeof replayed.json.error], [401, 'invalid_otp', 'string']);

    const mismatched = await put('jon', couchBody('ivy', passwords.ivy));
    assert.deepEqual([mismatched.status, mismatched.json.code], [400, 'invalid_request']);
    const notCouch = await harness.request('PUT', '/-/user/ivy', { body: couchBody('ivy', passwords.ivy) });
    assert.deepEqual([notCouch.status, notCouch.json.code], [404, 'not_found']);
  });
});
