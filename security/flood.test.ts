// A client hammering a locked account cannot grow the append-only audit log: refusals are summarised, and the log
// still accounts for every one of them.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { listEvents, signIn, startTestRegistry, type TestRegistry } from '../registry/server/test-support.ts';
import { openStore } from '../registry/store/store.ts';

let harness: TestRegistry;
before(async () => {
  harness = await startTestRegistry();
  await harness.addUser('mallory-target', 'target-password', false);
});
after(() => harness.stop());

function countEvents(): number {
  const store = openStore(harness.dataDir);
  try {
    return Number((store.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n);
  } finally {
    store.close();
  }
}

// Wrong passwords over a few keep-alive connections, as a script would send them; resolves with the statuses.
async function hammer(count: number, from: string): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8, localAddress: from });
  const body = JSON.stringify({ username: 'mallory-target', password: 'guess' });
  const one = () =>
    new Promise<number>((resolve, reject) => {
      const request = http.request(
        new URL('/api/v1/session', harness.registry.url),
        { method: 'POST', agent, headers: { 'content-type': 'application/json', 'user-agent': 'flood/1.0' } },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < count) {
        next += 1;
        statuses.push(await one());
      }
    }),
  );
  agent.destroy();
  return statuses;
}

test('5,000 attempts refused while rate limited add at most 10 events, and the count stays exact', async () => {
  const before = countEvents();
  // The owner watches from another address while the flood runs, reading the log and the count as the console
  // does: reading must never split the summary.
  const owner = await signIn(harness, { username: 'mallory-target', password: 'target-password' });
  const since = new Date(harness.clock.now - 24 * 3600_000).toISOString();
  let watching = true;
  let reads = 0;
  const watcher = (async () => {
    while (watching) {
      await harness.request('GET', '/api/v1/account/events?limit=10', { token: owner });
      await harness.request('GET', `/api/v1/account/events/summary?since=${since}`, { token: owner });
      reads += 1;
    }
  })();
  const statuses = await hammer(5_010, '127.0.9.1');
  watching = false;
  await watcher;
  assert.ok(reads >= 10, `the owner read ${reads} times during the flood`);
  assert.equal(statuses.filter((status) => status === 401).length, 10, 'the first ten are checked and fail');
  assert.equal(statuses.filter((status) => status === 429).length, 5_000);
  const during = await harness.request('GET', `/api/v1/account/events/summary?since=${since}`, { token: owner });
  assert.equal(during.json.failedSignIns, 5_010, 'counted exactly while the window is still open');

  // The window ends; the owner signs in again and reads the log.
  harness.clock.now += 5 * 60_000;
  const token = await signIn(harness, { username: 'mallory-target', password: 'target-password' });
  const events = await listEvents(harness, token);
  const added = countEvents() - before;
  assert.ok(added <= 2 + 10 + 10, `two sign-ins, 10 failures and at most 10 summaries; got ${added}`);
  const summaries = events.filter((event) => event.type === 'login.rate_limited');
  assert.ok(summaries.length >= 1 && summaries.length <= 10, String(summaries.length));
  assert.equal(summaries.reduce((sum, event) => sum + Number(event.details.count), 0), 5_000);
  assert.ok(summaries.every((event) => event.ip === '127.0.9.1' && event.userAgent === 'flood/1.0'));
  assert.equal(events.filter((event) => event.type === 'login.failure').length, 10);

  const summary = await harness.request('GET', `/api/v1/account/events/summary?since=${since}`, { token });
  assert.equal(summary.json.failedSignIns, 5_010);
});
