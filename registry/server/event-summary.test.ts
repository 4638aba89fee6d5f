import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { NewEvent } from '../store/event-repository.ts';
import { openStore } from '../store/store.ts';
import { signIn, startTestRegistry, type TestRegistry } from './test-support.ts';

const day = 24 * 3600_000;

describe('GET /api/v1/account/events/summary', () => {
  let harness: TestRegistry;
  let token: string;
  const since = () => new Date(harness.clock.now - 30 * day).toISOString();
  const summary = (query: string, bearer = token) =>
    harness.request('GET', `/api/v1/account/events/summary${query}`, { token: bearer });

  before(async () => {
    harness = await startTestRegistry();
    await harness.addUser('grace', 'grace-password', false);
    token = await signIn(harness, { username: 'grace', password: 'grace-password' });
    // A long history written straight into the data folder: 3,000 failures inside the window, 500 older ones, and
    // two tallies of refused attempts (one inside, one outside the window).
    const store = openStore(harness.dataDir);
    try {
      const accountId = store.accounts.findByUsername('grace')!.id;
      const events: NewEvent[] = [];
      const append = (type: 'login.failure' | 'login.rate_limited' | 'login.success', time: number, details: Record<string, number | string>) =>
        events.push({ accountId, type, time, ip: '203.0.113.9', userAgent: 'curl/8', details });
      for (let i = 0; i < 3_000; i += 1) append('login.failure', harness.clock.now - (i + 1) * 60_000, { reason: 'invalid_password' });
      for (let i = 0; i < 500; i += 1) append('login.failure', harness.clock.now - 31 * day - i * 60_000, { reason: 'invalid_password' });
      append('login.rate_limited', harness.clock.now - 2 * day, { count: 4_321 });
      append('login.rate_limited', harness.clock.now - 40 * day, { count: 99 });
      append('login.success', harness.clock.now - 3 * day, {});
      // One transaction, not 3,505 synced commits: the session's keep-alive connection would time out meanwhile.
      store.events.appendAll(events);
    } finally {
      store.close();
    }
  });
  after(() => harness.stop());

  test('counts every failed attempt in the range exactly, however long the history', async () => {
    const response = await summary(`?since=${since()}`);
    assert.equal(response.status, 200);
    assert.deepEqual(response.json, {
      since: since(),
      until: new Date(harness.clock.now).toISOString(),
      successfulSignIns: 2,
      failedSignIns: 3_000 + 4_321,
      rateLimitedSignIns: 4_321,
    });
  });

  test('includes attempts refused a moment ago, before their tally was written', async () => {
    // 10 wrong passwords reach grace's limit; the next 25 attempts are refused while she is locked.
    for (let i = 0; i < 35; i += 1) {
      await harness.request('POST', '/api/v1/session', { body: { username: 'grace', password: 'wrong' }, from: '127.0.0.5' });
    }
    const response = await summary(`?since=${since()}`);
    assert.equal(response.json.failedSignIns, 3_000 + 4_321 + 35);
    assert.equal(response.json.rateLimitedSignIns, 4_321 + 25);
  });

  test('since is required and must be an ISO time; a session is required', async () => {
    for (const query of ['', '?since=yesterday', `?since=${since()}&limit=5`]) {
      const response = await summary(query);
      assert.equal(response.status, 400, query);
      assert.equal(response.json.error.code, 'invalid_request');
    }
    assert.equal((await summary(`?since=${since()}`, 'not-a-token')).status, 401);
  });
});
