import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseCidr, parseIp, rangeContains } from '../contract/cidr.ts';
import { genesisHash, verifyChain } from '../contract/event-chain.ts';
import { eventTypes, failureReasons, loginMethods } from '../contract/schemas.ts';
import { toAuditEvent } from '../server/audit-event.ts';
import { toEvent } from '../store/event-repository.ts';
import { openStore, type RegistryStore } from '../store/store.ts';
import { accountHistory, historyDays, HistorySeedError, minHistoryEvents, seedAccountHistory } from './account-history.ts';
import type { HistoryEvent } from './demo-history.ts';
import { attackNetworks, homeNetworks, networks, travelNetworks, userAgents, type Network } from './history-places.ts';

const day = 24 * 3600_000;
const minute = 60_000;
const until = Date.UTC(2025, 5, 30, 15, 0);

function countryOf(ip: string): string | null {
  const address = parseIp(ip)!;
  const all: Network[] = Object.values(networks);
  const net = all.find((candidate) => {
    const range = parseCidr(`${candidate.base.join('.')}.0.0/${candidate.prefix}`);
    return range.ok && rangeContains(range.range, address);
  });
  return net?.country ?? null;
}

describe('seeded account history', () => {
  let history: HistoryEvent[];
  before(() => {
    history = [...accountHistory({ events: minHistoryEvents, seed: 5, until })];
  });

  test('exactly the events asked for, in time order, ending before the day of until; the same for the same seed', () => {
    assert.equal(history.length, minHistoryEvents);
    assert.ok(history.every((event, index) => index === 0 || history[index - 1]!.time <= event.time));
    const lastDay = Math.floor(until / day) * day;
    assert.ok(history.at(-1)!.time < lastDay);
    assert.ok(history[0]!.time >= lastDay - historyDays(minHistoryEvents) * day);
    assert.deepEqual([...accountHistory({ events: minHistoryEvents, seed: 5, until })], history);
    assert.notDeepEqual([...accountHistory({ events: minHistoryEvents, seed: 6, until })], history);
    assert.deepEqual([historyDays(1_000), historyDays(10_000), historyDays(1_000_000), historyDays(10_000_000)], [83, 90, 2_500, 3_650]);
  });

  test('every event is of a documented type with the details the registry writes for it', () => {
    for (const event of history) {
      assert.ok((eventTypes as readonly string[]).includes(event.type), event.type);
      if (event.type === 'login.success') assert.ok((loginMethods as readonly string[]).includes(String(event.details.method)));
      if (event.type === 'login.failure') assert.ok((failureReasons as readonly string[]).includes(String(event.details.reason)));
      if (event.type === 'release.published') {
        assert.deepEqual(Object.keys(event.details).sort(), ['project', 'tokenId', 'tokenName', 'version', 'via']);
      }
      if (event.type === 'login.rate_limited') {
        assert.deepEqual(Object.keys(event.details).sort(), ['count', 'firstAt', 'lastAt', 'retryAfterSeconds']);
      }
      assert.ok(parseIp(event.ip), event.ip);
      assert.notEqual(countryOf(event.ip), null, `${event.ip} is in one of the known ranges`);
    }
  });

  test('several devices at home in Germany, trips to other countries, attacks from others still', () => {
    const agents = new Set(history.map((event) => event.userAgent));
    for (const agent of [userAgents.laptop, userAgents.workstation, userAgents.phone, userAgents.console, userAgents.ci]) {
      assert.ok(agents.has(agent), agent);
    }
    const countries = (keep: (event: HistoryEvent) => boolean) => new Set(history.filter(keep).map((event) => countryOf(event.ip)));
    const own = (event: HistoryEvent) => event.type === 'login.success' && event.userAgent !== userAgents.ci && !userAgents.attackScripts.includes(event.userAgent as never);
    const ownCountries = countries(own);
    assert.ok(ownCountries.has('DE'));
    assert.ok([...ownCountries].filter((country) => travelNetworks.some((net) => net.country === country)).length >= 2, [...ownCountries].join());
    const attackCountries = countries((event) => event.type === 'login.failure' && userAgents.attackScripts.includes(event.userAgent as never));
    assert.ok([...attackCountries].filter((country) => attackNetworks.some((net) => net.country === country)).length >= 2);
    assert.ok(homeNetworks.every((net) => net.country === 'DE'));
  });

  test('failure bursts of ten in ten minutes, each cut off by the rate limit, and one followed by a success', () => {
    const failuresFrom = new Map<string, number[]>();
    for (const event of history) {
      if (event.type === 'login.failure') failuresFrom.set(event.ip, [...(failuresFrom.get(event.ip) ?? []), event.time]);
    }
    const burstBefore = (ip: string, time: number) =>
      (failuresFrom.get(ip) ?? []).filter((failure) => failure <= time && failure > time - 30 * minute).length >= 10;
    const bursts = [...failuresFrom.values()].filter((times) => times.some((start) => times.filter((time) => time >= start && time < start + 10 * minute).length >= 10));
    assert.ok(bursts.length >= 2, `${bursts.length} bursts`);
    for (const event of history.filter((candidate) => candidate.type === 'login.rate_limited')) assert.ok(burstBefore(event.ip, event.time));
    const stuffed = history.filter((event) => event.type === 'login.success' && burstBefore(event.ip, event.time));
    assert.equal(stuffed.length, 1, 'one credential-stuffing success');
    const after = history.filter((event) => event.time > stuffed[0]!.time && event.time < stuffed[0]!.time + day);
    assert.deepEqual(
      after.filter((event) => event.ip === stuffed[0]!.ip).map((event) => event.type),
      ['session.confirmed', 'token.created'],
      'the attacker plants a token',
    );
    assert.ok(['password.changed', 'token.revoked', 'two_factor.enabled'].every((type) => after.some((event) => event.type === type)), 'the lockdown');
  });

  test('the account\'s own security story: tokens, a recovery code, 2FA off and on, password changes', () => {
    const types = new Set(history.map((event) => event.type));
    for (const type of [
      'token.created',
      'token.revoked',
      'token.used_from_new_ip',
      'release.published',
      'recovery_code.used',
      'two_factor.replaced',
      'two_factor.disabled',
      'two_factor.enabled',
      'password.changed',
      'session.confirmed',
      'session.ended',
    ] as const) {
      assert.ok(types.has(type), type);
    }
    const off = history.findIndex((event) => event.type === 'two_factor.disabled');
    const on = history.findIndex((event) => event.type === 'two_factor.enabled');
    assert.ok(off < on);
    assert.ok(history.slice(off + 1, on).every((event) => event.type !== 'login.success' || event.details.method === 'password'), 'no codes while 2FA is off');
  });
});

describe('seeding a history into an account', () => {
  let dir: string;
  let store: RegistryStore;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-'));
    store = openStore(dir);
    store.accounts.insert({ username: 'Lena', passwordHash: 'x', totpSecret: null, createdAt: 1 });
  });
  after(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('appends to the existing account in one go, every event a link of its chain, in time order too', () => {
    const accountId = store.accounts.findByUsername('lena')!.id;
    store.events.append({ accountId, type: 'login.success', time: until, ip: '192.0.2.1', userAgent: 'ua', details: { method: 'password' } });
    const seeded = seedAccountHistory(store, 'lena', { events: 1_500, seed: 2, until });
    const head = store.events.head(accountId);
    assert.deepEqual(seeded.head, { count: 1_501, lastId: String(head.lastId), hash: head.hash });
    assert.equal(seeded.username, 'Lena');
    assert.equal(seeded.events, 1_500);
    const chain = store.db
      .prepare('SELECT * FROM events WHERE account_id = ? ORDER BY seq')
      .all(accountId)
      .map((row) => toAuditEvent(toEvent(row)));
    assert.equal(chain.length, 1_501);
    assert.equal(verifyChain(chain, genesisHash), null);
    const seededPart = chain.slice(1);
    assert.ok(seededPart.every((event, index) => index === 0 || seededPart[index - 1]!.time <= event.time), 'seeded in time order');
    assert.equal(seeded.from, seededPart[0]!.time);
    assert.equal(seeded.until, seededPart.at(-1)!.time);
  });

  test('refuses an account that does not exist', () => {
    assert.throws(() => seedAccountHistory(store, 'nobody', { events: 1_000, seed: 1, until }), HistorySeedError);
  });
});
