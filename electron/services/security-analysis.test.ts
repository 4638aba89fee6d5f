import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { eventHash, genesisHash } from '../../registry/contract/event-chain.ts';
import type { Account, AuditEvent, EventSummary } from '../../registry/contract/schemas.ts';
import { startFakeRegistry } from '../test-support/fake-registry.ts';
import { sendJson } from '../test-support/http-server.ts';
import { credentialKey } from './credential-store.ts';
import { createMemoryCredentialStore } from './memory-credential-store.ts';
import { createRegistryCaller } from './registry-caller.ts';
import { createRegistryClient } from './registry-client.ts';
import { createSecurityAnalysis, summariseAccount } from './security-analysis.ts';
import { createSessionService } from './session-service.ts';
import { createSettingsStore } from './settings-store.ts';
import { createTokenVault } from './token-vault.ts';

const now = new Date('2025-06-30T12:00:00.000Z');
const day = 24 * 3600_000;
const cleanups: Array<() => unknown> = [];
after(async () => {
  for (const cleanup of cleanups) await cleanup();
});

// Each event hashed as if it began a chain of its own: these tests are about counting, not the chain.
function event(type: AuditEvent['type'], daysAgo: number, index: number): AuditEvent {
  const fields = { id: `e${index}`, type, time: new Date(now.getTime() - daysAgo * day).toISOString(), ip: '203.0.113.7', userAgent: 'npm', details: {} };
  return { ...fields, prevHash: genesisHash, hash: eventHash(genesisHash, fields) };
}

// Newest first, as the registry returns them: a failure every 12 hours for 40 days, with successes between.
function history(): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (let index = 0; index < 160; index += 1) events.push(event(index % 2 === 0 ? 'login.failure' : 'login.success', index / 4 + 0.01, index));
  return events;
}

const account: Account = {
  username: 'alice',
  createdAt: '2024-01-01T00:00:00.000Z',
  twoFactor: {
    enabled: true,
    methods: ['totp'],
    enabledAt: '2024-01-01T00:00:00.000Z',
    recoveryCodesRemaining: 2,
    recoveryCodesGeneratedAt: '2024-01-01T00:00:00.000Z',
  },
  lastSignIn: { time: '2025-06-30T11:59:00.000Z', ip: '127.0.0.1', userAgent: 'Vigil-Console/0.1' },
  previousSignIn: { time: '2025-06-29T00:00:00.000Z', ip: '203.0.113.7', userAgent: 'npm' },
};

const summary: EventSummary = {
  since: '2025-05-31T12:00:00.000Z',
  until: now.toISOString(),
  successfulSignIns: 0,
  failedSignIns: 0,
  rateLimitedSignIns: 0,
};

describe('security analysis (pure parts)', () => {
  test('flags recovery codes as low at two or fewer, only when 2FA is on', () => {
    const overview = (remaining: number, enabled = true) =>
      summariseAccount({
        registryUrl: 'https://r.example',
        storage: 'keychain',
        account: { ...account, twoFactor: { ...account.twoFactor, enabled, recoveryCodesRemaining: remaining } },
        summary,
        recentFailures: [],
      }).recoveryCodesLow;
    assert.deepEqual([overview(0), overview(2), overview(3), overview(8), overview(0, false)], [true, true, false, false, false]);
  });
});

async function signedInWorld(events: AuditEvent[]) {
  const password = 'pw-alice-0123456789';
  const registry = await startFakeRegistry([{ username: 'alice', password, events, recoveryCodes: ['a', 'b', 'c'], otp: '111111' }]);
  cleanups.push(() => registry.close());
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-analysis-'));
  cleanups.push(() => fs.rmSync(directory, { recursive: true, force: true }));
  const store = createMemoryCredentialStore();
  const clientFor = (registryUrl: string) => createRegistryClient({ baseUrl: registryUrl });
  const sessions = createSessionService({
    settings: createSettingsStore({ directory }),
    vault: createTokenVault({ primary: store, primaryKind: 'keychain' }),
    clientFor,
  });
  const challenge = await sessions.signIn({ registryUrl: registry.url, username: 'alice', password });
  assert.ok(challenge.status === 'second-factor-required');
  await sessions.verify({ challengeId: challenge.challengeId, otp: '111111' });
  const analysis = createSecurityAnalysis({ call: createRegistryCaller({ sessions, clientFor }), now: () => now });
  return { registry, store, sessions, analysis, clientFor };
}

describe('security analysis (against a registry)', () => {
  test('asks the registry to count the last 30 days (refusals while rate limited included) and for the newest failures', async () => {
    const events = [
      event('login.failure', 29.9, 1),
      event('login.failure', 30.1, 2),
      { ...event('login.rate_limited', 3, 3), details: { count: 5000 } },
      event('login.success', 1, 4),
    ];
    const { registry, analysis } = await signedInWorld(events);
    const overview = await analysis.getOverview();
    assert.equal(overview.failedSignInsLast30Days, 5001);
    assert.equal(overview.rateLimitedSignInsLast30Days, 5000);
    const eventRequests = registry.requests.filter((request) => request.url.startsWith('/api/v1/account/events'));
    const since = new Date(now.getTime() - 30 * day).toISOString();
    assert.deepEqual(eventRequests.map((request) => request.url).sort(), [
      `/api/v1/account/events/summary?since=${encodeURIComponent(since)}`,
      '/api/v1/account/events?type=login.failure&type=login.rate_limited&limit=5',
    ]);
  });

  test('builds the overview the dashboard shows', async () => {
    const { registry, analysis } = await signedInWorld(history());
    const overview = await analysis.getOverview();
    assert.deepEqual(overview, {
      registryUrl: registry.url,
      username: 'alice',
      createdAt: '2024-01-02T03:04:05.000Z',
      twoFactorEnabled: true,
      twoFactorEnabledAt: '2024-01-02T03:04:05.000Z',
      recoveryCodesRemaining: 3,
      recoveryCodesGeneratedAt: '2024-01-02T03:04:05.000Z',
      recoveryCodesLow: false,
      // The sign-in before this console's own.
      lastSignIn: { time: '2025-01-01T00:00:00.000Z', ip: '127.0.0.1', userAgent: 'test' },
      failedSignInsLast30Days: 60,
      rateLimitedSignInsLast30Days: 0,
      recentFailedSignIns: [0, 2, 4, 6, 8].map((index) => ({
        id: `e${index}`,
        time: new Date(now.getTime() - (index / 4 + 0.01) * day).toISOString(),
        ip: '203.0.113.7',
        userAgent: 'npm',
        cause: 'password',
        count: 1,
      })),
      storage: 'keychain',
    });
  });

  test('a 401 from the registry ends the local session: token deleted, session_expired answered', async () => {
    const { registry, analysis, store, sessions } = await signedInWorld(history());
    registry.sessions.clear();
    await assert.rejects(analysis.getOverview(), { code: 'session_expired' });
    assert.equal(await store.get(credentialKey({ registryUrl: registry.url, username: 'alice' })), null);
    assert.deepEqual(await sessions.current(), { status: 'signed-out' });
    await assert.rejects(analysis.getOverview(), { code: 'not_signed_in' });
  });

  test('a malformed registry answer is an unexpected_response, and the session is kept', async () => {
    const { registry, analysis, sessions } = await signedInWorld(history());
    registry.interceptNext((_request, response) => sendJson(response, 200, { username: 42 }));
    await assert.rejects(analysis.getOverview(), { code: 'unexpected_response' });
    assert.equal((await sessions.current()).status, 'signed-in');
  });
});
