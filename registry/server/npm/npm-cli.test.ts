// The real npm CLI (the pinned devDependency) against a test registry over HTTP: whoami, token list and revoke.
// Legacy login is interactive (npm prompts for username and password), so its route is driven over HTTP with the
// exact body npm sends; see npm-login.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { routes } from '../../contract/routes.ts';
import { CreatedToken } from '../../contract/token-schemas.ts';
import { listEvents, signIn, startTestRegistry, type TestRegistry } from '../test-support.ts';
import { npmRunner, type NpmRunner } from './npm-cli-runner.ts';

const password = 'gus-Meadow-Copper-Kite-4';

describe('the npm CLI: npm whoami, npm token list, npm token revoke', () => {
  let harness: TestRegistry;
  let npm: NpmRunner;
  let session: string;

  before(async () => {
    harness = await startTestRegistry();
    await harness.addUser('gus', password, false);
    await harness.addUser('hal', 'hal-Orchard-Pepper-Loom-5', false);
    npm = npmRunner(harness.registry.url);
    session = await signIn(harness, { username: 'gus', password });
  });
  after(async () => {
    npm.cleanup();
    await harness.stop();
  });

  const createToken = async (name: string, credential = session) => {
    const body = { name, permission: 'read-only', projects: 'all', expiresInDays: 30 };
    const response = await harness.request('POST', routes.createToken.path, { token: credential, body });
    assert.equal(response.status, 201, JSON.stringify(response.json));
    return CreatedToken.parse(response.json);
  };

  test('npm whoami prints the username for an API token and for a session token', async () => {
    const { token } = await createToken('laptop');
    const withToken = await npm.run(['whoami'], { authToken: token });
    assert.equal(withToken.code, 0, withToken.stderr);
    assert.equal(withToken.stdout.trim(), 'gus');
    const withSession = await npm.run(['whoami'], { authToken: session });
    assert.equal(withSession.code, 0, withSession.stderr);
    assert.equal(withSession.stdout.trim(), 'gus');
  });

  test('npm whoami without credentials or with a made-up token fails with the registry message', async () => {
    const none = await npm.run(['whoami']);
    assert.notEqual(none.code, 0);
    assert.match(none.stderr, /ENEEDAUTH/);
    const madeUp = await npm.run(['whoami'], { authToken: 'vgl_000000000000000000000000000000000000' });
    assert.notEqual(madeUp.code, 0);
    assert.match(madeUp.stderr, /401 Unauthorized - GET http:\/\/127\.0\.0\.1:\d+\/-\/whoami - The API token is not valid/);
  });

  test('npm token list shows the account’s active tokens, and only theirs', async () => {
    const ci = await createToken('ci-read');
    const halSession = await signIn(harness, { username: 'hal', password: 'hal-Orchard-Pepper-Loom-5' });
    const hals = await createToken('hal-only', halSession);
    const listed = await npm.run(['token', 'list', '--json'], { authToken: session });
    assert.equal(listed.code, 0, listed.stderr);
    const tokens = JSON.parse(listed.stdout) as { key: string; token: string; name: string; readonly: boolean }[];
    const mine = tokens.find((entry) => entry.key === ci.key);
    assert.ok(mine, listed.stdout);
    assert.deepEqual({ token: mine.token, name: mine.name, readonly: mine.readonly }, { token: ci.preview, name: 'ci-read', readonly: true });
    assert.ok(!tokens.some((entry) => entry.key === hals.key));
    const human = await npm.run(['token', 'list'], { authToken: session });
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, new RegExp(`Token ${ci.preview}… with id ${ci.key.slice(0, 6)}\\w* name ci-read created \\d{4}-`));
  });

  test('npm token list with an API token is refused: tokens cannot see tokens', async () => {
    const { token } = await createToken('no-listing');
    const listed = await npm.run(['token', 'list'], { authToken: token });
    assert.notEqual(listed.code, 0);
    assert.match(listed.stderr, /401 Unauthorized - GET .*\/-\/npm\/v1\/tokens - API tokens are not accepted here/);
  });

  test('npm token revoke by key prefix revokes it (reason user); npm whoami then shows the registry’s message', async () => {
    const doomed = await createToken('doomed');
    const revoked = await npm.run(['token', 'revoke', doomed.key.slice(0, 10)], { authToken: session });
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match(revoked.stdout, /Removed 1 token/);
    const after = await npm.run(['whoami'], { authToken: doomed.token });
    assert.notEqual(after.code, 0);
    assert.match(after.stderr, /401 Unauthorized - GET .*\/-\/whoami - This API token was revoked/);
    const events = await listEvents(harness, session);
    const event = events.find((entry) => entry.type === 'token.revoked' && entry.details.name === 'doomed');
    assert.equal(event?.details.reason, 'user');
  });

  test('npm token revoke by the whole token revokes it too', async () => {
    const doomed = await createToken('pasted');
    const revoked = await npm.run(['token', 'revoke', doomed.token], { authToken: session });
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match(revoked.stdout, /Removed 1 token/);
    const check = await harness.request('GET', '/-/whoami', { token: doomed.token });
    assert.deepEqual([check.status, check.json], [401, { error: 'This API token was revoked', code: 'token_revoked' }]);
  });
});
