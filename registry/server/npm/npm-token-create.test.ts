// `npm token create` and, on an account with 2FA, `npm token revoke`, with the real npm CLI: the password and the
// one-time password npm sends, npm's output, and npm's OTP prompt in a pseudo-terminal. The exact bodies and the
// error codes over plain HTTP are in npm-token-create-http.test.ts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { routes } from '../../contract/routes.ts';
import { TokensResponse } from '../../contract/token-schemas.ts';
import { listEvents, signIn, startTestRegistry, type TestRegistry } from '../test-support.ts';
import { npmRunner, scriptCommand, type NpmRunner } from './npm-cli-runner.ts';

const passwords = { ada: 'ada-Harbor-Violet-Anvil-3', bo: 'bo-Quill-Lagoon-Ember-4' };

describe('npm token create (and revoke with 2FA) through the npm CLI', () => {
  let harness: TestRegistry;
  let npm: NpmRunner;
  let adaSecret: string;
  let ada: string;
  let bo: string;

  before(async () => {
    harness = await startTestRegistry();
    adaSecret = (await harness.addUser('ada', passwords.ada, true)).totpSecret!;
    await harness.addUser('bo', passwords.bo, false);
    harness.addProject('widget', 'ada', { bo: 'maintainer' });
    harness.addProject('gadget', 'ada');
    npm = npmRunner(harness.registry.url);
    ada = await signIn(harness, { username: 'ada', password: passwords.ada, otp: await harness.otp(adaSecret) });
    bo = await signIn(harness, { username: 'bo', password: passwords.bo });
  });
  after(async () => {
    npm.cleanup();
    await harness.stop();
  });

  // Each code is good once: the next one needs the authenticator's next step.
  const nextOtp = async () => {
    harness.clock.now += 30_000;
    return harness.otp(adaSecret);
  };
  const createdToken = (output: string) => /Created token (vgl_\w+)/.exec(output)?.[1];
  const activeTokens = async (session: string) =>
    TokensResponse.parse((await harness.request('GET', routes.listTokens.path, { token: session })).json).tokens;

  test('without 2FA: a read-only token for every project, named for npm; logged as a creation, the session left unconfirmed', async () => {
    const result = await npm.run(['token', 'create', '--password', passwords.bo, '--packages-all'], { authToken: bo });
    assert.equal(result.code, 0, result.stderr);
    const token = createdToken(result.stdout);
    assert.ok(token, result.stdout);
    assert.match(result.stdout, /expires: 2025-02-06T12:00:15\.000Z/);
    const [creation] = await listEvents(harness, bo);
    assert.deepEqual([creation?.type, creation?.details.name], ['token.created', 'npm-cli-2025-01-07-1']);
    const [created] = await activeTokens(bo);
    assert.deepEqual([created?.name, created?.permission, created?.projects], ['npm-cli-2025-01-07-1', 'read-only', 'all']);
    const whoami = await harness.request('GET', '/-/whoami', { token });
    assert.deepEqual([whoami.status, whoami.json], [200, { username: 'bo' }]);
  });

  test('a wrong password, and a write token without 2FA, fail with the registry’s message', async () => {
    const wrong = await npm.run(['token', 'create', '--password', 'not-it', '--packages-all'], { authToken: bo });
    assert.notEqual(wrong.code, 0);
    assert.match(wrong.stderr, /401 Unauthorized - POST http:\/\/127\.0\.0\.1:\d+\/-\/npm\/v1\/tokens - Wrong password/);
    const writer = await npm.run(
      ['token', 'create', '--password', passwords.bo, '--packages', 'widget', '--packages-and-scopes-permission', 'read-write'],
      { authToken: bo },
    );
    assert.notEqual(writer.code, 0);
    assert.match(writer.stderr, /403 Forbidden - POST .*\/-\/npm\/v1\/tokens - Read-write tokens need two-factor authentication/);
    assert.equal((await activeTokens(bo)).length, 1, 'nothing more made');
  });

  test('with 2FA and no terminal: EOTP without --otp; with it, a scoped write token with its name, ranges and expiry', async () => {
    const args = ['token', 'create', '--password', passwords.ada, '--name', 'deploy', '--packages', 'widget'];
    const refused = await npm.run([...args, '--packages-and-scopes-permission', 'read-write'], { authToken: ada });
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /code EOTP/);
    assert.match(refused.stderr, /This operation requires a one-time password from your authenticator/);
    const withOtp = await npm.run(
      [...args, '--packages-and-scopes-permission', 'read-write', '--expires', '30', '--cidr', '127.0.0.0/8', '--otp', await nextOtp()],
      { authToken: ada },
    );
    assert.equal(withOtp.code, 0, withOtp.stderr);
    assert.ok(createdToken(withOtp.stdout), withOtp.stdout);
    assert.match(withOtp.stdout, /with IP whitelist: 127\.0\.0\.0\/8/);
    const [deploy] = await activeTokens(ada);
    assert.deepEqual(
      [deploy?.name, deploy?.permission, deploy?.projects, deploy?.allowedCidrs, deploy?.expiresAt],
      ['deploy', 'read-write', ['widget'], ['127.0.0.0/8'], new Date(harness.clock.now + 30 * 86_400_000).toISOString()],
    );
  });

  test('in a terminal, npm asks for the one-time password and retries with it', { skip: !fs.existsSync(scriptCommand) && `${scriptCommand} is missing (util-linux)` }, async () => {
    const otp = await nextOtp();
    const result = await npm.run(['token', 'create', '--password', passwords.ada, '--name', 'typed', '--packages-all'], {
      authToken: ada,
      terminal: true,
      answers: [{ prompt: 'Enter OTP:', answer: otp }],
    });
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /This operation requires a one-time password\.\nEnter OTP: /);
    assert.ok(createdToken(result.stdout), result.stdout);
    assert.ok((await activeTokens(ada)).some((token) => token.name === 'typed'));
    const [creation] = await listEvents(harness, ada);
    assert.deepEqual([creation?.type, creation?.details.name], ['token.created', 'typed']);
  });

  test('revoking with 2FA takes a one-time password too: EOTP without one, revoked with --otp', async () => {
    const [target] = (await activeTokens(ada)).filter((token) => token.name === 'deploy');
    assert.ok(target);
    const refused = await npm.run(['token', 'revoke', target.key.slice(0, 10)], { authToken: ada });
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /code EOTP/);
    assert.ok((await activeTokens(ada)).some((token) => token.id === target.id), 'still active');
    const revoked = await npm.run(['token', 'revoke', target.key.slice(0, 10), '--otp', await nextOtp()], { authToken: ada });
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match(revoked.stdout, /Removed 1 token/);
    assert.ok(!(await activeTokens(ada)).some((token) => token.id === target.id));
  });
});
