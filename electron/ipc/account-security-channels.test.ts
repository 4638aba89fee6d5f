// The account-security channels end to end in main: the real dispatcher and handlers, the real services, and the
// reference registry over HTTP on 127.0.0.1 with a clock the test moves (to pass the confirm window).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTestRegistry, type TestRegistry } from '../../registry/server/test-support.ts';
import { consoleDispatcher } from '../test-support/console-dispatcher.ts';
import { dispatchAssertions } from '../test-support/dispatch-assertions.ts';
import type { IpcDispatcher } from './dispatcher.ts';

const password = 'Granite-orchid-velvet-93';

describe('account-security channels against the reference registry', () => {
  let harness: TestRegistry;
  let dispatcher: IpcDispatcher;
  const { ok, failsWith } = dispatchAssertions(() => dispatcher);
  let directory: string;
  const logs: string[] = [];

  before(async () => {
    harness = await startTestRegistry();
    await harness.addUser('nina', password, false);
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-security-channels-'));
    dispatcher = consoleDispatcher(harness, { directory, home: directory, log: (message) => logs.push(message) });
  });

  after(async () => {
    await harness.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  test('before signing in, every account channel answers not_signed_in', async () => {
    for (const channel of ['two-factor:start', 'sessions:list', 'recovery-codes:generate', 'sessions:end-others']) {
      await failsWith(channel, undefined, 'not_signed_in');
    }
  });

  test('the whole life of two-factor: enable, check and regenerate codes after confirming access, disable', async () => {
    await ok('session:sign-in', { registryUrl: harness.registry.url, username: 'nina', password });
    const enrollment = await ok<{ secret: string; otpauthUri: string }>('two-factor:start');
    assert.match(enrollment.secret, /^[A-Z2-7]{32}$/);
    assert.match(enrollment.otpauthUri, /^otpauth:\/\/totp\/Vigil%20registry:nina\?secret=[A-Z2-7]{32}&issuer=Vigil%20registry&/);
    await failsWith('two-factor:activate', { otp: '000000' }, 'invalid_otp');
    const activated = await ok<{ recoveryCodes: string[] }>('two-factor:activate', { otp: await harness.otp(enrollment.secret) });
    assert.equal(activated.recoveryCodes.length, 8);
    const [first] = activated.recoveryCodes;
    assert.deepEqual(await ok('recovery-codes:check', { code: first }), { status: 'valid' });
    assert.deepEqual(await ok('recovery-codes:check', { code: '0000-0000-0000-0000' }), { status: 'unknown' });

    const overview = await ok<{ twoFactorEnabled: boolean; recoveryCodesRemaining: number }>('account:get-overview');
    assert.equal(overview.twoFactorEnabled, true);
    assert.equal(overview.recoveryCodesRemaining, 8);

    // The sign-in's confirmation lapses: sensitive channels say so, and confirming access lets them through.
    harness.clock.now += 601_000;
    await failsWith('recovery-codes:generate', undefined, 'confirmation_required');
    await failsWith('session:confirm', { password }, 'otp_required');
    await failsWith('session:confirm', { password: 'wrong-password-xx' }, 'invalid_credentials');
    const confirmed = await ok<{ confirmedUntil: string }>('session:confirm', { password, otp: await harness.otp(enrollment.secret, 1) });
    assert.equal(Date.parse(confirmed.confirmedUntil), harness.clock.now + 600_000);
    const regenerated = await ok<{ recoveryCodes: string[] }>('recovery-codes:generate');
    assert.equal(regenerated.recoveryCodes.length, 8);
    assert.deepEqual(await ok('recovery-codes:check', { code: first }), { status: 'unknown' });

    assert.deepEqual(await ok('two-factor:disable'), { done: true });
    await failsWith('recovery-codes:generate', undefined, 'two_factor_disabled');
    assert.equal((await ok<{ twoFactorEnabled: boolean }>('account:get-overview')).twoFactorEnabled, false);
  });

  test('a weak password is refused with the registry reason; a strong one is accepted', async () => {
    const reason = await failsWith('password:change', { newPassword: 'short' }, 'weak_password');
    assert.match(reason, /at least 12 characters/);
    assert.ok(!reason.includes('short'), 'the reason never repeats the password');
    assert.match(await failsWith('password:change', { newPassword: 'nina-Granite-orchid' }, 'weak_password'), /username/);
    assert.deepEqual(await ok('password:change', { newPassword: 'Velvet-granite-orchid-57' }), { done: true });
  });

  test('sessions: listed with this one marked; an unknown id is not_found; ending this one signs the console out', async () => {
    const { sessions } = await ok<{ sessions: Array<{ id: string; current: boolean; userAgent: string }> }>('sessions:list');
    const current = sessions.find((session) => session.current);
    assert.ok(current);
    assert.match(current.userAgent, /^Vigil-Console\//);
    await failsWith('sessions:end', { id: '999999' }, 'not_found');
    assert.deepEqual(await ok('sessions:end-others'), { ended: 0 });
    assert.deepEqual(await ok('sessions:end', { id: current.id }), { done: true });
    await failsWith('sessions:list', undefined, 'session_expired');
    assert.deepEqual(await ok('session:get-current'), { status: 'signed-out' });
  });

  test('no password, code or secret reached a log line', () => {
    assert.ok(logs.every((line) => !line.includes(password) && !line.includes('Velvet')), logs.join('\n'));
  });
});
