// The CI check end to end against the reference registry on 127.0.0.1: each exit code, both formats, and that
// the token never appears in what it prints. The real command (node compliance/audit-cli.ts) is run once to prove
// the wiring; the rest call runAudit directly, which is what that command runs.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { closedPort } from '../electron/test-support/http-server.ts';
import { generateApiToken } from '../registry/security/api-tokens.ts';
import { signIn, startTestRegistry, type TestRegistry } from '../registry/server/test-support.ts';
import { runAudit } from './audit-cli.ts';

const passwords = { ann: 'Ann-harbor-violet-copper-41', bo: 'Bo-lantern-thistle-meadow-52', cy: 'Cy-orchard-pepper-falcon-63' };
const day = 24 * 3600_000;

describe('npm run audit', () => {
  let harness: TestRegistry;
  let readOnly: string;
  let readWrite: string;
  let cysToken: string;
  const now = () => new Date(harness.clock.now);
  const audit = (args: string[], token: string | null = readOnly) =>
    runAudit(['--registry', harness.registry.url, ...args], token === null ? {} : { VIGIL_TOKEN: token }, now);

  before(async () => {
    harness = await startTestRegistry({ sessionTtlMs: 400 * day });
    const annSecret = (await harness.addUser('ann', passwords.ann, true)).totpSecret!;
    await harness.addUser('bo', passwords.bo, false);
    const cySecret = (await harness.addUser('cy', passwords.cy, true)).totpSecret!;
    // tidy: compliant once its policy requires 2FA; shared: bo has no 2FA, so it fails; solo (cy's) is compliant.
    harness.addProject('tidy', 'ann');
    harness.addProject('shared', 'ann', { bo: 'maintainer' });
    harness.addProject('solo', 'cy');
    const owner = async (username: 'ann' | 'cy', secret: string, project: string) => {
      const session = await signIn(harness, { username, password: passwords[username], otp: await harness.otp(secret) });
      const policy = await harness.request('PUT', `/api/v1/projects/${project}/policy`, {
        token: session,
        body: { publishRequires2fa: true, automationTokensBypass2fa: false },
      });
      assert.equal(policy.status, 200, JSON.stringify(policy.json));
      harness.clock.now += 30_000;
      return async (body: object) => {
        const response = await harness.request('POST', '/api/v1/tokens', { token: session, body });
        assert.equal(response.status, 201, JSON.stringify(response.json));
        return (response.json as { token: string }).token;
      };
    };
    const annMakes = await owner('ann', annSecret, 'tidy');
    readOnly = await annMakes({ name: 'ci-audit', permission: 'read-only', projects: 'all', expiresInDays: 30 });
    readWrite = await annMakes({ name: 'publish', permission: 'read-write', projects: ['tidy'], expiresInDays: 7, allowedCidrs: ['127.0.0.0/8'] });
    cysToken = await (await owner('cy', cySecret, 'solo'))({ name: 'ci-audit', permission: 'read-only', projects: 'all', expiresInDays: 30 });
  });
  after(() => harness.stop());

  test('exit 1 when a project fails, with a table naming who and what to do; the token is never printed', async () => {
    const outcome = await audit([]);
    assert.equal(outcome.code, 1, outcome.stderr);
    assert.match(outcome.stdout, /^Vigil compliance for ann on http:\/\/127\.0\.0\.1:\d+: 2 projects/);
    assert.match(outcome.stdout, /shared\s+FAILING/);
    assert.match(outcome.stdout, /tidy\s+compliant/);
    assert.match(outcome.stdout, /shared: failing \[collaborator-without-2fa\] bo \(maintainer\) can publish shared without two-factor/);
    assert.match(outcome.stderr, /1 project at or above "failing"/);
    assert.ok(!(outcome.stdout + outcome.stderr).includes(readOnly));
  });

  test('JSON for machines: every project with its status and findings', async () => {
    const outcome = await audit(['--format', 'json', '--fail-on', 'at-risk']);
    assert.equal(outcome.code, 1);
    const report = JSON.parse(outcome.stdout) as { account: string; projects: Array<{ name: string; status: string }> };
    assert.equal(report.account, 'ann');
    assert.deepEqual(report.projects.map((project) => [project.name, project.status]).sort(), [
      ['shared', 'failing'],
      ['tidy', 'compliant'],
    ]);
  });

  test('exit 0 when nothing reaches the threshold', async () => {
    const outcome = await audit(['--fail-on', 'at-risk'], cysToken);
    assert.equal(outcome.code, 0, outcome.stdout);
    assert.match(outcome.stdout, /solo\s+compliant\s+0/);
    assert.equal(outcome.stderr, '');
  });

  test('exit 2, with one line saying why, for usage, authentication and connection trouble', async () => {
    const cases: Array<[Promise<{ code: number; stderr: string; stdout: string }>, RegExp]> = [
      [runAudit([], { VIGIL_TOKEN: readOnly }), /--registry is required/],
      [audit(['--format', 'yaml']), /--format must be table or json/],
      [audit(['--fail-on', 'sometimes']), /--fail-on must be failing or at-risk/],
      [audit(['--token', readOnly]), /the token goes in the VIGIL_TOKEN environment variable/],
      [audit([], null), /VIGIL_TOKEN is not set/],
      [audit([], 'npm_abc'), /VIGIL_TOKEN is not a Vigil API token/],
      [audit([], generateApiToken()), /the registry refused VIGIL_TOKEN: The API token is not valid/],
      [audit([], readWrite), /VIGIL_TOKEN can publish; give the check a read-only token/],
      [runAudit(['--registry', `http://127.0.0.1:${await closedPort()}`], { VIGIL_TOKEN: readOnly }), /cannot reach the registry at http:\/\/127\.0\.0\.1:\d+/],
    ];
    for (const [pending, reason] of cases) {
      const outcome = await pending;
      assert.equal(outcome.code, 2, outcome.stderr);
      assert.equal(outcome.stdout, '');
      assert.match(outcome.stderr, /^vigil audit: /);
      assert.match(outcome.stderr, reason);
      assert.equal(outcome.stderr.trim().split('\n').length, 1, 'one line');
      assert.ok(!outcome.stderr.includes(readOnly) && !outcome.stderr.includes(readWrite));
    }
  });

  test('the command itself: npm run audit runs this file with the token from the environment', async () => {
    const cli = path.resolve(import.meta.dirname, 'audit-cli.ts');
    const result = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, [cli, '--registry', harness.registry.url], { env: { ...process.env, VIGIL_TOKEN: readOnly } }, (error, stdout) =>
        resolve({ code: error ? Number(error.code) : 0, stdout }),
      );
    });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /shared\s+FAILING/);
  });
});
