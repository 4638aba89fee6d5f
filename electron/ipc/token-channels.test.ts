// The Tokens page's channels end to end in main: the real dispatcher, handlers and services over the reference
// registry on 127.0.0.1, with its clock moved to make tokens stale and to lapse the confirm window.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTestRegistry, type TestRegistry } from '../../registry/server/test-support.ts';
import { consoleDispatcher } from '../test-support/console-dispatcher.ts';
import { dispatchAssertions } from '../test-support/dispatch-assertions.ts';
import type { Result, TokenRow } from './contract.ts';
import type { IpcDispatcher } from './dispatcher.ts';

const password = 'Harbor-thistle-copper-58';
const day = 24 * 3600_000;

describe('token channels against the reference registry', () => {
  let harness: TestRegistry;
  let dispatcher: IpcDispatcher;
  const { ok, failsWith } = dispatchAssertions(() => dispatcher);
  let directory: string;
  let totpSecret: string;
  const logs: string[] = [];

  before(async () => {
    harness = await startTestRegistry({ sessionTtlMs: 400 * day });
    totpSecret = (await harness.addUser('pia', password, true)).totpSecret!;
    await harness.addUser('quin', 'Quin-lantern-meadow-77', false);
    harness.addProject('left-pad', 'pia');
    harness.addProject('Right_Pad', 'quin', { pia: 'maintainer' });
    harness.addProject('not-hers', 'quin');
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-token-channels-'));
    dispatcher = consoleDispatcher(harness, { directory, home: directory, log: (message) => logs.push(message) });
    const started = (await dispatcher.dispatch('session:sign-in', { registryUrl: harness.registry.url, username: 'pia', password })) as Result<{
      challengeId: string;
    }>;
    assert.ok(started.ok);
    assert.ok((await dispatcher.dispatch('session:verify', { challengeId: started.value.challengeId, otp: await harness.otp(totpSecret) })).ok);
  });

  after(async () => {
    await harness.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  const listTokens = async () => (await ok<{ tokens: TokenRow[] }>('tokens:list')).tokens;

  test('projects:list gives the projects a token may be scoped to, with the role', async () => {
    const { projects } = await ok<{ projects: Array<{ name: string; role: string }> }>('projects:list');
    assert.deepEqual(
      projects.map(({ name, role }) => [name, role]).sort(),
      [
        ['Right_Pad', 'maintainer'],
        ['left-pad', 'owner'],
      ],
    );
  });

  test('a created token is answered once with its flags; the list never holds it, nor its key', async () => {
    const created = await ok<TokenRow & { token: string }>('tokens:create', {
      name: 'release',
      permission: 'read-write',
      projects: ['left-pad'],
      expiresInDays: 30,
      allowedCidrs: ['2001:db8::/32'],
    });
    assert.match(created.token, /^vgl_[A-Za-z0-9]{36}$/);
    assert.deepEqual(created.flags, { expiringSoon: false, stale: false, allProjects: false, bypasses2fa: false, noIpLimit: false });
    const listed = await listTokens();
    assert.equal(listed.length, 1);
    assert.ok(!JSON.stringify(listed).includes(created.token));
    assert.ok(!('key' in listed[0]!) && !('token' in listed[0]!));
    assert.equal(listed[0]!.preview, created.token.slice(0, 8));
  });

  test('the registry’s refusals arrive as codes the page explains', async () => {
    await failsWith('tokens:create', { name: 'release', permission: 'read-only', projects: 'all' }, 'name_taken');
    await failsWith('tokens:create', { name: 'theirs', permission: 'read-only', projects: ['not-hers'] }, 'not_a_collaborator');
    // Once the sign-in's confirmation lapses, a new token needs Confirm access.
    harness.clock.now += 601_000;
    await failsWith('tokens:create', { name: 'later', permission: 'read-only', projects: 'all' }, 'confirmation_required');
    await ok('session:confirm', { password, otp: await harness.otp(totpSecret, 1) });
    await ok('tokens:create', { name: 'later', permission: 'read-only', projects: 'all', bypass2fa: true, expiresInDays: 5 });
    const later = (await listTokens()).find((token) => token.name === 'later')!;
    assert.deepEqual(later.flags, { expiringSoon: true, stale: false, allProjects: true, bypasses2fa: true, noIpLimit: true });
  });

  test('tokens nobody used for 30 days turn stale; revoking one, then several', async () => {
    await ok('tokens:create', { name: 'old-ci', permission: 'read-only', projects: ['Right_Pad'], expiresInDays: 200 });
    harness.clock.now += 31 * day;
    const stale = (await listTokens()).filter((token) => token.flags.stale);
    assert.deepEqual(stale.map((token) => token.name).sort(), ['old-ci']);
    assert.deepEqual(await ok('tokens:revoke', { id: stale[0]!.id }), { done: true });
    await failsWith('tokens:revoke', { id: stale[0]!.id }, 'not_found');
    // The others made earlier have expired meanwhile, and are no longer listed.
    await ok('session:confirm', { password, otp: await harness.otp(totpSecret) });
    const fresh = await ok<TokenRow>('tokens:create', { name: 'fresh', permission: 'read-only', projects: 'all' });
    assert.deepEqual((await listTokens()).map((token) => token.name), ['fresh']);
    // Ids already revoked are skipped, not refused.
    assert.deepEqual(await ok('tokens:revoke-many', { ids: [fresh.id, stale[0]!.id] }), { revoked: 1 });
    assert.deepEqual(await listTokens(), []);
  });

  test('read-write tokens need 2FA: an account without it hears two_factor_required', async () => {
    await ok('session:sign-out');
    await ok('session:sign-in', { registryUrl: harness.registry.url, username: 'quin', password: 'Quin-lantern-meadow-77' });
    await failsWith('tokens:create', { name: 'rw', permission: 'read-write', projects: 'all' }, 'two_factor_required');
  });

  test('no token reached a log line', () => {
    assert.ok(logs.every((line) => !line.includes('vgl_')), logs.join('\n'));
  });
});
