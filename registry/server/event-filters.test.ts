import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AuditEvent, EventType } from '../contract/schemas.ts';
import { seedAccountHistory } from '../seed/account-history.ts';
import { toEvent } from '../store/event-repository.ts';
import { toAuditEvent } from './audit-event.ts';
import { signIn, startTestRegistry, type TestRegistry } from './test-support.ts';

const day = 24 * 3600_000;

describe('GET /api/v1/account/events: filters and cursors over a long history', () => {
  let harness: TestRegistry;
  let token: string;
  // The whole log newest first, read with plain SQL: what every listing is checked against.
  let log: AuditEvent[];

  before(async () => {
    harness = await startTestRegistry();
    await harness.addUser('mia', 'mia-password', false);
    harness.withStore((store) => seedAccountHistory(store, 'mia', { events: 2_500, seed: 7, until: harness.clock.now }));
    token = await signIn(harness, { username: 'mia', password: 'mia-password' });
    log = harness.withStore((store) =>
      store.db
        .prepare("SELECT * FROM events WHERE account_id = (SELECT id FROM accounts WHERE username = 'mia') ORDER BY time DESC, id DESC")
        .all()
        .map((row) => toAuditEvent(toEvent(row))),
    );
  });
  after(() => harness.stop());

  async function walk(query: string, limit: number): Promise<{ events: AuditEvent[]; pages: number }> {
    const events: AuditEvent[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/account/events?limit=${limit}${query ? `&${query}` : ''}${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await harness.request('GET', url, { token });
      assert.equal(response.status, 200, `${url}: ${JSON.stringify(response.json)}`);
      assert.ok(response.json.events.length <= limit);
      events.push(...response.json.events);
      cursor = response.json.nextCursor;
      pages += 1;
    } while (cursor !== null);
    return { events, pages };
  }

  const ids = (events: AuditEvent[]) => events.map((event) => event.id);
  const iso = (time: number) => new Date(time).toISOString();

  test('walking the whole log returns every event once, newest first, at any page size up to 500', async () => {
    assert.equal(log.length, 2_501, 'the seeded history and this session\'s sign-in');
    for (const limit of [500, 37]) {
      const { events, pages } = await walk('', limit);
      assert.deepEqual(ids(events), ids(log), `limit ${limit}`);
      assert.equal(pages, Math.ceil(log.length / limit));
    }
    assert.deepEqual((await walk('', 500)).events, log, 'every field as stored');
  });

  test('each filter alone and combined selects exactly the matching events, in order, across pages', async () => {
    const newest = Date.parse(log[0]!.time);
    const since = newest - 20 * day;
    const until = newest - 5 * day;
    const counts = new Map<string, number>();
    for (const event of log) counts.set(event.ip, (counts.get(event.ip) ?? 0) + 1);
    const [busyIp] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    const rareIp = log.find((event) => event.type === 'login.rate_limited')!.ip;
    const failures: EventType[] = ['login.failure', 'login.rate_limited'];
    const inRange = (event: AuditEvent) => Date.parse(event.time) >= since && Date.parse(event.time) < until;

    const cases: [string, (event: AuditEvent) => boolean][] = [
      ['type=login.success', (event) => event.type === 'login.success'],
      ['type=login.failure&type=login.rate_limited&type=two_factor.disabled', (event) => [...failures, 'two_factor.disabled'].includes(event.type)],
      [`since=${iso(since)}`, (event) => Date.parse(event.time) >= since],
      [`until=${iso(until)}`, (event) => Date.parse(event.time) < until],
      [`since=${iso(since)}&until=${iso(until)}`, inRange],
      [`ip=${busyIp}`, (event) => event.ip === busyIp],
      [`ip=${rareIp}`, (event) => event.ip === rareIp],
      [`ip=${busyIp}&type=release.published&type=token.used_from_new_ip`, (event) => event.ip === busyIp && ['release.published', 'token.used_from_new_ip'].includes(event.type)],
      [`type=login.failure&type=login.rate_limited&since=${iso(since)}&until=${iso(until)}`, (event) => failures.includes(event.type) && inRange(event)],
      [`type=login.success&type=login.success&since=${iso(since)}`, (event) => event.type === 'login.success' && Date.parse(event.time) >= since],
      [`ip=${rareIp}&type=login.failure&since=${iso(since - 400 * day)}&until=${iso(newest)}`, (event) => event.ip === rareIp && event.type === 'login.failure' && Date.parse(event.time) < newest],
    ];
    for (const [query, keep] of cases) {
      const expected = log.filter(keep);
      assert.ok(expected.length > 0, `${query} selects something`);
      const { events } = await walk(query, 25);
      assert.deepEqual(ids(events), ids(expected), query);
    }
  });

  test('an address matches however it is written; a range with nothing in it is one empty page', async () => {
    const ip = log.at(-1)!.ip;
    const mapped = await walk(`ip=${encodeURIComponent(`::ffff:${ip}`)}`, 500);
    assert.deepEqual(ids(mapped.events), ids(log.filter((event) => event.ip === ip)));
    const empty = await harness.request('GET', `/api/v1/account/events?since=${iso(harness.clock.now + day)}`, { token });
    assert.deepEqual(empty.json, { events: [], nextCursor: null });
  });

  test('bad filters are typed 400s naming the field: times, types, limit, ranges, addresses', async () => {
    const now = iso(harness.clock.now);
    for (const [query, field] of [
      ['since=yesterday', 'since'],
      ['since=2025-13-01T00:00:00Z', 'since'],
      ['until=2025-01-01', 'until'],
      ['until=2025-01-01T00:00:00%2B02:00', 'until'],
      // Finer than the millisecond events are timed to: it would be cut, and take in events before it.
      ['since=2025-01-01T00:00:00.0009Z', 'since'],
      ['type=login.sucess', 'type'],
      ['type=login.success&type=made.up', 'type'],
      ['limit=501', 'limit'],
      ['limit=0', 'limit'],
      [`since=${now}&until=${now}`, 'until'],
      [`since=${now}&until=2020-01-01T00:00:00Z`, 'until'],
      ['ip=300.1.2.3', 'ip'],
      ['ip=example.com', 'ip'],
      ['ip=192.0.2.0/24', 'ip'],
      ['country=DE', 'country'],
    ] as const) {
      const response = await harness.request('GET', `/api/v1/account/events?${query}`, { token });
      assert.equal(response.status, 400, query);
      assert.equal(response.json.error.code, 'invalid_request', query);
      assert.match(response.json.error.message, new RegExp(field), query);
    }
  });
});
