// The real npm CLI (the pinned devDependency) against a test registry: `npm access set mfa=...`, `npm access list
// collaborators`, `npm owner ls`, and `npm publish` once the project requires 2FA (EOTP without --otp, published
// with it). The same routes over plain HTTP, with every refusal, are in npm-access-http.test.ts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { routes } from '../../contract/routes.ts';
import { signIn, startTestRegistry, type TestRegistry } from '../test-support.ts';
import { npmRunner, type NpmRunner } from './npm-cli-runner.ts';

const passwords = { bea: 'bea-Sorrel-Compass-Inlet-1', cal: 'cal-Tamarind-Quill-Brook-2' };
const day = 24 * 60 * 60 * 1000;

describe('npm access, npm owner ls and npm publish with a 2FA policy, through the npm CLI', () => {
  let harness: TestRegistry;
  let npm: NpmRunner;
  let packages: string;
  let beaSecret = '';
  const sessions = { bea: '', cal: '' };

  before(async () => {
    harness = await startTestRegistry({ sessionTtlMs: 400 * day, confirmWindowMs: 400 * day });
    beaSecret = (await harness.addUser('bea', passwords.bea, true)).totpSecret!;
    await harness.addUser('cal', passwords.cal, false);
    harness.addProject('tiny-queue', 'bea', { cal: 'maintainer' });
    sessions.bea = await signIn(harness, { username: 'bea', password: passwords.bea, otp: await harness.otp(beaSecret) });
    sessions.cal = await signIn(harness, { username: 'cal', password: passwords.cal });
    npm = npmRunner(harness.registry.url);
    packages = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-npm-packages-'));
  });
  after(async () => {
    npm.cleanup();
    fs.rmSync(packages, { recursive: true, force: true });
    await harness.stop();
  });

  // A code of a TOTP step not used before (the replay guard refuses a step twice).
  const code = async () => {
    harness.clock.now += 30_000;
    return harness.otp(beaSecret);
  };
  const policy = async () => (await harness.request('GET', routes.getProject.path.replace('{name}', 'tiny-queue'), { token: sessions.bea })).json.policy;

  test('npm access set mfa=publish|automation|none: with 2FA, npm needs --otp, then the policy is set', async () => {
    const withoutCode = await npm.run(['access', 'set', 'mfa=publish', 'tiny-queue'], { authToken: sessions.bea });
    assert.notEqual(withoutCode.code, 0);
    assert.match(withoutCode.stderr, /EOTP/);
    assert.deepEqual(await policy(), { publishRequires2fa: false, automationTokensBypass2fa: false });
    for (const [level, expected] of [
      ['automation', { publishRequires2fa: true, automationTokensBypass2fa: true }],
      ['none', { publishRequires2fa: false, automationTokensBypass2fa: false }],
      ['publish', { publishRequires2fa: true, automationTokensBypass2fa: false }],
    ] as const) {
      const result = await npm.run(['access', 'set', `mfa=${level}`, 'tiny-queue', '--otp', await code()], { authToken: sessions.bea });
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(await policy(), expected, level);
    }
  });

  test('a maintainer is refused with the registry’s message', async () => {
    const result = await npm.run(['access', 'set', 'mfa=none', 'tiny-queue'], { authToken: sessions.cal });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /403 Forbidden - POST http:\/\/127\.0\.0\.1:\d+\/-\/package\/tiny-queue\/access - Only an owner of "tiny-queue"/);
  });

  test('npm access list collaborators and npm owner ls name everyone who can publish', async () => {
    const listed = await npm.run(['access', 'list', 'collaborators', 'tiny-queue', '--json'], { authToken: sessions.cal });
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(JSON.parse(listed.stdout), { bea: 'read-write', cal: 'read-write' });
    const owners = await npm.run(['owner', 'ls', 'tiny-queue'], { authToken: sessions.cal });
    assert.equal(owners.code, 0, owners.stderr);
    assert.deepEqual(owners.stdout.trim().split('\n'), ['bea <>', 'cal <>']);
  });

  test('npm publish while 2FA is required: EOTP without --otp, published with it; cal, without 2FA, is refused', async () => {
    const folder = path.join(packages, 'tiny-queue');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'tiny-queue', version: '1.0.0', license: 'MIT' }));
    fs.writeFileSync(path.join(folder, 'index.js'), 'export const queue = [];\n');
    const withoutCode = await npm.run(['publish', folder], { authToken: sessions.bea });
    assert.notEqual(withoutCode.code, 0);
    assert.match(withoutCode.stderr, /EOTP/);
    const published = await npm.run(['publish', folder, '--otp', await code()], { authToken: sessions.bea });
    assert.equal(published.code, 0, published.stderr);
    assert.match(published.stdout, /\+ tiny-queue@1\.0\.0/);
    fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'tiny-queue', version: '1.0.1', license: 'MIT' }));
    const refused = await npm.run(['publish', folder], { authToken: sessions.cal });
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /403 Forbidden - PUT .*\/tiny-queue - Publishing "tiny-queue" requires two-factor authentication, and this account has none/);
  });
});
