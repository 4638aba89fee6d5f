// The Projects page's channels end to end in main: the real dispatcher, handlers and services over two reference
// registries on 127.0.0.1, with one account signed in on each, and the publish policy proved over HTTP.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { removeCollaborator } from '../../registry/server/project-admin.ts';
import { publish, signIn, startTestRegistry, type TestRegistry } from '../../registry/server/test-support.ts';
import { consoleDispatcher } from '../test-support/console-dispatcher.ts';
import { dispatchAssertions } from '../test-support/dispatch-assertions.ts';
import type { AccountCompliance, AccountRef, ComplianceRow, ProjectCompliance } from './contract.ts';
import type { IpcDispatcher } from './dispatcher.ts';

const passwords = { ada: 'Ada-quartz-willow-41', bo: 'Bo-saffron-ledger-52', cy: 'Cy-marble-heron-63', dee: 'Dee-cobalt-thimble-74' };
// A token name a spreadsheet would run as a formula if it began a cell.
const formulaName = '=HYPERLINK("https://evil.example","ci")';

describe('project channels against two reference registries', () => {
  // ada (2FA) on north: owns lax-lib with bo (no 2FA) and cy; maintains cy's cy-tools; cy-private is cy's alone.
  // dee (2FA) on south: owns harbor, which requires 2FA for publishing.
  let north: TestRegistry;
  let south: TestRegistry;
  let dispatcher: IpcDispatcher;
  const { ok, failsWith } = dispatchAssertions(() => dispatcher);
  let directory: string;
  let ada: AccountRef;
  let dee: AccountRef;
  const secrets: Record<string, string> = {};

  // Both registries and the console keep one time.
  const tick = (ms: number) => {
    north.clock.now += ms;
    south.clock.now += ms;
  };

  async function signInTo(harness: TestRegistry, username: 'ada' | 'dee'): Promise<AccountRef> {
    const started = await ok<{ challengeId: string }>('session:sign-in', { registryUrl: harness.registry.url, username, password: passwords[username] });
    return (await ok<{ account: AccountRef }>('session:verify', { challengeId: started.challengeId, otp: await harness.otp(secrets[username]!) })).account;
  }
  const compliance = async () => (await ok<{ accounts: AccountCompliance[] }>('projects:compliance')).accounts;
  const rows = async () => (await compliance()).flatMap((part) => (part.status === 'ok' ? part.rows : []));
  const row = async (name: string) => (await rows()).find((each) => each.name === name)!;
  const detail = (account: AccountRef, name: string) => ok<ProjectCompliance>('projects:detail', { account, name });

  before(async () => {
    [north, south] = await Promise.all([startTestRegistry(), startTestRegistry()]);
    for (const name of ['ada', 'bo', 'cy'] as const) {
      const created = await north.addUser(name, passwords[name], name !== 'bo');
      if (created.totpSecret) secrets[name] = created.totpSecret;
    }
    secrets.dee = (await south.addUser('dee', passwords.dee, true)).totpSecret!;
    north.addProject('lax-lib', 'ada', { bo: 'maintainer', cy: 'maintainer' });
    north.addProject('cy-tools', 'cy', { ada: 'maintainer' });
    north.addProject('cy-private', 'cy');
    south.addProject('harbor', 'dee');
    south.withStore((store) => store.projects.setPolicy(store.projects.findByNormalizedName('harbor')!.id, { publishRequires2fa: true, automationTokensBypass2fa: false }));

    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-project-channels-'));
    dispatcher = consoleDispatcher(north, { directory, home: directory });
    ada = await signInTo(north, 'ada');
    // A publishing token that skips the one-time code from anywhere: an at-risk finding naming it.
    await ok('tokens:create', { name: formulaName, permission: 'read-write', projects: ['lax-lib'], expiresInDays: 30, bypass2fa: true });
    // Add account: dee joins ada, and is now the active account.
    dee = await signInTo(south, 'dee');
  });

  after(async () => {
    await Promise.all([north.stop(), south.stop()]);
    fs.rmSync(directory, { recursive: true, force: true });
  });

  test('the table holds both accounts’ projects, each row labelled with its account, registry and your role', async () => {
    const accounts = await compliance();
    assert.deepEqual(
      accounts.map((part) => [part.status, part.account]),
      [
        ['ok', ada],
        ['ok', dee],
      ],
    );
    assert.notEqual(ada.registryUrl, dee.registryUrl);
    assert.deepEqual(
      (await rows()).map((each) => [each.account.registryUrl, each.account.username, each.name, each.role, each.status]),
      [
        [ada.registryUrl, 'ada', 'cy-tools', 'maintainer', 'failing'],
        [ada.registryUrl, 'ada', 'lax-lib', 'owner', 'failing'],
        [dee.registryUrl, 'dee', 'harbor', 'owner', 'compliant'],
      ],
    );
    const lax = await row('lax-lib');
    assert.deepEqual([lax.collaboratorsWithout2fa, lax.writeTokens, lax.bypassTokens], [['bo'], 1, 1]);
    const bo = lax.findings.find((finding) => finding.rule === 'collaborator-without-2fa')!;
    assert.equal(bo.severity, 'failing');
    assert.match(bo.reason, /^bo \(maintainer\) can publish lax-lib without two-factor authentication/);
    assert.deepEqual((await row('harbor')).findings, []);
  });

  test('a project page shows collaborators’ 2FA, the tokens that reach it and how to fix each finding', async () => {
    // ada's project, read while dee is the active account.
    const page = await detail(ada, 'lax-lib');
    assert.equal(page.status, 'failing');
    assert.deepEqual(
      page.project.collaborators.map((person) => [person.username, person.role, person.twoFactor.enabled]),
      [
        ['ada', 'owner', true],
        ['bo', 'maintainer', false],
        ['cy', 'maintainer', true],
      ],
    );
    assert.deepEqual(
      page.project.tokens.map((token) => [token.holder, token.name, token.permission, token.bypass2fa, token.allowedCidrs]),
      [['ada', formulaName, 'read-write', true, []]],
    );
    assert.ok(!JSON.stringify(page).includes('vgl_'), 'no token secret on the page');
    assert.deepEqual(
      page.findings.map((finding) => [finding.rule, finding.severity]),
      [
        ['collaborator-without-2fa', 'failing'],
        ['publish-without-2fa', 'failing'],
        ['bypass-token-without-ip-limit', 'at-risk'],
      ],
    );
    assert.equal(page.findings[0]!.fix, 'Ask bo to turn on 2FA, or remove them from lax-lib.');
    assert.ok(page.findings.every((finding) => finding.fix.length > 0));
    const harbor = await detail(dee, 'harbor');
    assert.deepEqual([harbor.status, harbor.findings], ['compliant', []]);
  });

  test('a project the account is not on is not found, nor is the other account’s project on the other registry', async () => {
    await failsWith('projects:detail', { account: ada, name: 'cy-private' }, 'not_found');
    await failsWith('projects:detail', { account: ada, name: 'harbor' }, 'not_found');
  });

  test('Require 2FA for publishing: needs the active account and Confirm access, then bo can no longer publish', async () => {
    const on = { publishRequires2fa: true, automationTokensBypass2fa: false };
    const bo = await signIn(north, { username: 'bo', password: passwords.bo });
    assert.equal((await publish(north, bo, 'lax-lib', '1.0.0')).status, 201, 'bo publishes while the policy is off');

    assert.match(await failsWith('projects:set-policy', { account: ada, name: 'lax-lib', policy: on }, 'invalid_request'), /switch to this account/);
    await ok('session:switch', ada);
    // Past the confirm window of ada's sign-in.
    tick(11 * 60_000);
    await failsWith('projects:set-policy', { account: ada, name: 'lax-lib', policy: on }, 'confirmation_required');
    assert.equal((await row('lax-lib')).policy.publishRequires2fa, false);
    await ok('session:confirm', { password: passwords.ada, otp: await north.otp(secrets.ada!) });
    assert.deepEqual(await ok('projects:set-policy', { account: ada, name: 'lax-lib', policy: on }), { done: true });
    // Only owners change a policy, and only of their own projects.
    await failsWith('projects:set-policy', { account: ada, name: 'cy-tools', policy: on }, 'owner_required');
    await failsWith('projects:set-policy', { account: ada, name: 'cy-private', policy: on }, 'not_found');

    assert.deepEqual((await detail(ada, 'lax-lib')).project.policy, on);
    const lax = await row('lax-lib');
    assert.deepEqual(lax.policy, on);
    assert.ok(!lax.findings.some((finding) => finding.rule === 'publish-without-2fa'));
    const refused = await publish(north, bo, 'lax-lib', '1.0.1');
    assert.deepEqual([refused.status, refused.json.error.code], [403, 'two_factor_required']);
  });

  test('removing collaborators: never the last owner, only as an owner; a removed maintainer leaves the page', async () => {
    await failsWith('projects:remove-collaborator', { account: ada, name: 'lax-lib', username: 'ada' }, 'last_owner');
    await failsWith('projects:remove-collaborator', { account: ada, name: 'cy-tools', username: 'cy' }, 'owner_required');
    assert.deepEqual(await ok('projects:remove-collaborator', { account: ada, name: 'lax-lib', username: 'bo' }), { done: true });
    const page = await detail(ada, 'lax-lib');
    assert.deepEqual(page.project.collaborators.map((person) => person.username), ['ada', 'cy']);
    // What is left is the token that skips the one-time code.
    assert.deepEqual([page.status, page.findings.map((finding) => finding.rule)], ['at-risk', ['bypass-token-without-ip-limit']]);
    assert.deepEqual((await row('lax-lib')).collaboratorsWithout2fa, []);
  });

  test('removing someone already removed elsewhere says it is gone, and the page then shows who is left', async () => {
    // cy leaves lax-lib through the registry's CLI while the console still shows them.
    north.withStore((store) => removeCollaborator(store, { project: 'lax-lib', username: 'cy' }));
    await failsWith('projects:remove-collaborator', { account: ada, name: 'lax-lib', username: 'cy' }, 'not_found');
    assert.deepEqual((await detail(ada, 'lax-lib')).project.collaborators.map((person) => person.username), ['ada']);
  });

  test('export: the CSV has a header and one line per row, cells quoted and never a formula; the JSON has the same rows', async () => {
    const table = await rows();
    const csv = await ok<{ savedBy: string; fileName: string; mediaType: string; content: string }>('projects:export', { format: 'csv' });
    assert.deepEqual([csv.savedBy, csv.fileName, csv.mediaType], ['page', 'vigil-compliance-2025-01-07.csv', 'text/csv']);
    const [header, ...lines] = csv.content.trimEnd().split('\r\n').map(parseCsvLine);
    assert.equal(header![2], 'project');
    assert.deepEqual(
      lines.map((cells) => cells.slice(0, 5)),
      table.map((each) => [each.account.registryUrl, each.account.username, each.name, each.role, each.status]),
    );
    assert.ok(lines.flat().every((cell) => !/^[=+\-@\t\r]/.test(cell)));
    // The formula-like token name only inside its finding, its quotes intact.
    const lax = lines.find((cells) => cells[2] === 'lax-lib')!;
    assert.match(lax.at(-1)!, /^at-risk: ada's token "=HYPERLINK\("https:\/\/evil\.example","ci"\)" can publish lax-lib/);

    const json = await ok<{ fileName: string; mediaType: string; content: string }>('projects:export', { format: 'json' });
    assert.deepEqual([json.fileName, json.mediaType], ['vigil-compliance-2025-01-07.json', 'application/json']);
    const parsed = JSON.parse(json.content) as { generatedAt: string; projects: ComplianceRow[] };
    assert.equal(parsed.generatedAt, new Date(north.clock.now).toISOString());
    assert.deepEqual(parsed.projects, table);
  });

  test('invalid requests get the validation error, naming the field, and change nothing', async () => {
    const before = await compliance();
    const off = { publishRequires2fa: false, automationTokensBypass2fa: false };
    const invalid: Array<[string, unknown, RegExp]> = [
      ['projects:compliance', { everything: true }, /^request: /],
      ['projects:detail', { account: ada }, /^name: /],
      ['projects:detail', { account: { ...ada, token: 'x' }, name: 'lax-lib' }, /^account: /],
      ['projects:detail', { account: ada, name: 42 }, /^name: /],
      ['projects:set-policy', { account: ada, name: 'lax-lib', policy: { publishRequires2fa: false } }, /^policy\.automationTokensBypass2fa: /],
      ['projects:set-policy', { account: ada, name: 'lax-lib', policy: { ...off, level: 'none' } }, /^policy: /],
      ['projects:set-policy', { account: ada, name: 'lax-lib', policy: { ...off, publishRequires2fa: 'no' } }, /^policy\.publishRequires2fa: /],
      ['projects:set-policy', { account: ada, name: '-lax-lib', policy: off }, /^name: /],
      ['projects:remove-collaborator', { account: ada, name: 'lax-lib' }, /^username: /],
      ['projects:remove-collaborator', { account: ada, name: 'lax-lib', username: 'cy', role: 'maintainer' }, /^request: /],
      ['projects:remove-collaborator', { account: ada, name: 'lax-lib', username: ['cy'] }, /^username: /],
      ['projects:export', { format: 'xlsx' }, /^format: /],
      ['projects:export', undefined, /^request: /],
    ];
    for (const [channel, payload, field] of invalid) {
      const result = await dispatcher.dispatch(channel, payload);
      assert.deepEqual(result.ok ? result : { ok: false, code: result.error.code }, { ok: false, code: 'invalid_request' }, `${channel} ${JSON.stringify(payload)}`);
      assert.match(result.ok ? '' : result.error.message, field, `${channel} ${JSON.stringify(payload)}`);
    }
    assert.deepEqual(await compliance(), before);
  });
});

/** One CSV line whose cells are all quoted; fails unless the whole line is such cells. */
function parseCsvLine(line: string): string[] {
  const cells = [...line.matchAll(/"((?:[^"]|"")*)"(?:,|$)/g)];
  assert.equal(cells.map((match) => match[0]).join(''), line, `every cell quoted: ${line}`);
  return cells.map((match) => match[1]!.replace(/""/g, '"'));
}
