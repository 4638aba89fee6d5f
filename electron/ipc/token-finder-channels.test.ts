// "Find tokens on this computer" through the real dispatcher: a scan of a test HOME with a planted .npmrc, each
// Vigil token matched by its key to what the reference registry (over HTTP on 127.0.0.1) says of it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { generateApiToken } from '../../registry/security/api-tokens.ts';
import { signIn, startTestRegistry, type TestRegistry } from '../../registry/server/test-support.ts';
import { consoleDispatcher } from '../test-support/console-dispatcher.ts';
import type { Result, TokenScanStatus } from './contract.ts';
import type { IpcDispatcher } from './dispatcher.ts';

const password = 'Granite-orchid-velvet-93';
const day = 24 * 3600_000;
let harness: TestRegistry;
let dispatcher: IpcDispatcher;
let home: string;
let settingsDir: string;
const planted: Record<'active' | 'revoked' | 'expired' | 'stranger', string> = { active: '', revoked: '', expired: '', stranger: '' };

async function createToken(session: string, name: string, expiresInDays: number): Promise<{ id: string; token: string }> {
  const response = await harness.request('POST', '/api/v1/tokens', {
    token: session,
    body: { name, permission: 'read-only', projects: 'all', expiresInDays },
  });
  assert.equal(response.status, 201, JSON.stringify(response.json));
  return response.json as { id: string; token: string };
}

before(async () => {
  harness = await startTestRegistry();
  await harness.addUser('olga', password, false);
  const session = await signIn(harness, { username: 'olga', password });
  const active = await createToken(session, 'laptop', 30);
  const revoked = await createToken(session, 'old laptop', 30);
  const expiring = await createToken(session, 'one day', 1);
  assert.equal((await harness.request('DELETE', `/api/v1/tokens/${revoked.id}`, { token: session })).status, 204);
  Object.assign(planted, { active: active.token, revoked: revoked.token, expired: expiring.token, stranger: generateApiToken() });
  harness.clock.now += 2 * day;

  home = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-finder-home-'));
  settingsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-finder-settings-'));
  fs.writeFileSync(
    path.join(home, '.npmrc'),
    Object.values(planted)
      .map((token, index) => `//r${index}.example/:_authToken=${token}`)
      .join('\n'),
  );
  dispatcher = consoleDispatcher(harness, { directory: settingsDir, home });
  const signedIn = await dispatcher.dispatch('session:sign-in', { registryUrl: harness.registry.url, username: 'olga', password });
  assert.ok(signedIn.ok);
});

after(async () => {
  await harness.stop();
  for (const dir of [home, settingsDir]) fs.rmSync(dir, { recursive: true, force: true });
});

test('finds each planted token with its file, line and state, and never returns a whole token', async () => {
  const started = (await dispatcher.dispatch('token-finder:start', { folders: [] })) as Result<{ scanId: string }>;
  assert.ok(started.ok);
  let status: TokenScanStatus;
  for (;;) {
    const polled = (await dispatcher.dispatch('token-finder:status', { scanId: started.value.scanId })) as Result<TokenScanStatus>;
    assert.ok(polled.ok, JSON.stringify(polled));
    status = polled.value;
    if (status.status !== 'running') break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.equal(status.status, 'done');
  assert.deepEqual(
    status.findings.map((finding) => [path.basename(finding.where), finding.line, finding.state, finding.preview]),
    [
      ['.npmrc', 1, 'active', `${planted.active.slice(0, 8)}…`],
      ['.npmrc', 2, 'revoked', `${planted.revoked.slice(0, 8)}…`],
      ['.npmrc', 3, 'expired', `${planted.expired.slice(0, 8)}…`],
      ['.npmrc', 4, 'unknown', `${planted.stranger.slice(0, 8)}…`],
    ],
  );
  const answer = JSON.stringify(status);
  for (const token of Object.values(planted)) assert.ok(!answer.includes(token.slice(8)), 'no whole token leaves main');
});

test('an unknown or ended scan is not_found; cancelling one is fine', async () => {
  const unknown = await dispatcher.dispatch('token-finder:status', { scanId: '00000000-0000-4000-8000-000000000000' });
  assert.ok(!unknown.ok && unknown.error.code === 'not_found');
  const started = (await dispatcher.dispatch('token-finder:start', { folders: [home] })) as Result<{ scanId: string }>;
  assert.ok(started.ok);
  assert.deepEqual(await dispatcher.dispatch('token-finder:cancel', { scanId: started.value.scanId }), { ok: true, value: { done: true } });
});
