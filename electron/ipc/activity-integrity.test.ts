// Tamper evidence end to end in main: the real dispatcher and services over the reference registry on 127.0.0.1,
// whose database file is then edited behind its back (direct SQL, the append-only triggers dropped). Each account
// has its own chain, so each test tampers with its own account's log and leaves the others intact.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTestRegistry, type TestRegistry } from '../../registry/server/test-support.ts';
import { alterEvent, deleteEvent, rewriteEvent } from '../../registry/store/tamper-with-events.ts';
import type { Settings } from '../services/settings-store.ts';
import { consoleDispatcher } from '../test-support/console-dispatcher.ts';
import { dispatchAssertions } from '../test-support/dispatch-assertions.ts';
import type { AccountRef, ActivityRow, ResponseOf } from './contract.ts';
import type { IpcDispatcher } from './dispatcher.ts';

type Integrity = ResponseOf<'activity:integrity'>;
const password = 'Harbor-thistle-copper-58';

describe('the activity log’s hash chain, checked by the console', () => {
  let harness: TestRegistry;
  let dispatcher: IpcDispatcher;
  let directory: string;
  const { ok, failsWith } = dispatchAssertions(() => dispatcher);

  before(async () => {
    harness = await startTestRegistry();
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-activity-integrity-'));
    dispatcher = consoleDispatcher(harness, { directory, home: directory });
  });

  after(async () => {
    await harness.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  /** A new account with a short history: a few failed sign-ins and two sign-ins through the console. */
  async function accountWithHistory(username: string): Promise<AccountRef> {
    await harness.addUser(username, password, false);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await harness.request('POST', '/api/v1/session', { body: { username, password: `wrong-${attempt}` } });
      harness.clock.now += 60_000;
    }
    await ok('session:sign-in', { registryUrl: harness.registry.url, username, password });
    harness.clock.now += 60_000;
    return (await ok<{ account: AccountRef }>('session:sign-in', { registryUrl: harness.registry.url, username, password })).account;
  }

  const list = async (account: AccountRef) => (await ok<{ events: ActivityRow[] }>('activity:list', { account, filter: {} })).events;
  const integrity = (account: AccountRef) => ok<Integrity>('activity:integrity', { account });

  async function verifyWhole(account: AccountRef): Promise<Integrity> {
    let state = await ok<Integrity>('activity:verify', { account });
    while (state.state === 'checking') {
      await new Promise((resolve) => setTimeout(resolve, 10));
      state = await integrity(account);
    }
    return state;
  }

  const remembered = (account: AccountRef) =>
    (JSON.parse(fs.readFileSync(path.join(directory, 'settings.json'), 'utf8')) as Settings).activityHeads?.[`${account.username}@${account.registryUrl}`];

  test('an untouched log checks out, and its head is remembered in the settings (no secrets)', async () => {
    const account = await accountWithHistory('ada');
    assert.equal((await integrity(account)).state, 'unread', 'nothing is claimed before the log is read');
    const events = await list(account);
    const checked = await integrity(account);
    assert.deepEqual({ ...checked, checking: null }, { state: 'checked', checking: null, verified: events.length, problem: null, interrupted: false });
    const { hash } = harness.withStore((store) => store.db.prepare('SELECT hash FROM events WHERE id = ?').get(Number(events[0]!.id))) as { hash: string };
    assert.deepEqual(remembered(account), { count: events.length, lastId: events[0]!.id, hash, seenAt: new Date(harness.clock.now).toISOString() });
    assert.deepEqual(await verifyWhole(account), checked);
  });

  test('an event changed in place is named by the next page shown, and again by the whole-history check', async () => {
    const account = await accountWithHistory('ben');
    const events = await list(account);
    const victim = events.find((event) => event.type === 'login.failure')!;
    alterEvent(harness.dataDir, victim.id, { ip: '192.0.2.1' });
    await list(account);
    const problem = { eventId: victim.id, reason: 'altered', type: 'login.failure', time: victim.time };
    assert.deepEqual((await integrity(account)).problem, problem);
    const whole = await verifyWhole(account);
    assert.deepEqual([whole.state, whole.problem], ['checked', problem]);
    // A broken log does not move the remembered head on: the evidence stays.
    assert.equal(remembered(account)?.lastId, events[0]!.id);
  });

  test('a chain rewritten to verify on its own is named by the head this console remembered, even after a restart', async () => {
    const account = await accountWithHistory('cy');
    const events = await list(account);
    const head = events[0]!;
    const rewritten = events.at(-2)!;
    rewriteEvent(harness.dataDir, rewritten.id, { ip: '192.0.2.2' });
    // In this run the console still knows each event's hash: the first changed one is named.
    assert.deepEqual((await verifyWhole(account)).problem?.eventId, rewritten.id);
    // A new console over the same settings only has the remembered head: the last event it had verified.
    dispatcher = consoleDispatcher(harness, { directory, home: directory });
    const again = (await ok<{ account: AccountRef }>('session:sign-in', { registryUrl: harness.registry.url, username: 'cy', password })).account;
    await list(again);
    assert.deepEqual((await integrity(again)).problem, { eventId: head.id, reason: 'rewritten', type: head.type, time: head.time });
  });

  test('a deleted event breaks the link after it; a log cut short names the last event it had', async () => {
    const account = await accountWithHistory('dee');
    const events = await list(account);
    const middle = events[2]!;
    deleteEvent(harness.dataDir, middle.id);
    const after = events[events.indexOf(middle) - 1]!;
    assert.deepEqual((await verifyWhole(account)).problem, { eventId: after.id, reason: 'unlinked', type: after.type, time: after.time });

    const cut = await accountWithHistory('eve');
    const cutEvents = await list(cut);
    deleteEvent(harness.dataDir, cutEvents[0]!.id);
    assert.deepEqual((await verifyWhole(cut)).problem, { eventId: cutEvents[0]!.id, reason: 'removed' });
  });

  test('an export larger than the limit holds the newest events and says it stopped short', async () => {
    const account = await accountWithHistory('gus');
    const events = await list(account);
    const limited = dispatchAssertions(() => consoleDispatcherWithLimit);
    const consoleDispatcherWithLimit = consoleDispatcher(harness, { directory, home: directory, activityExportLimit: 3 });
    await limited.ok('session:sign-in', { registryUrl: harness.registry.url, username: 'gus', password });
    const answer = await limited.ok<{ limitedTo?: number; content: string }>('activity:export', { format: 'json', filter: {} });
    assert.equal(answer.limitedTo, 3);
    const exported = (JSON.parse(answer.content) as { events: ActivityRow[] }).events.map((event) => event.id);
    // Her sign-in through this console, then the two newest before it.
    assert.deepEqual(exported.slice(1), events.slice(0, 2).map((event) => event.id));
    assert.ok(Number(exported[0]) > Number(events[0]!.id));
    const whole = await limited.ok<{ limitedTo?: number; content: string }>('activity:export', { format: 'csv', filter: { types: ['login.failure'] } });
    assert.equal(whole.limitedTo, undefined);
    assert.equal(whole.content.trimEnd().split('\r\n').length, 4, 'a header and her three failed sign-ins');
  });

  test('a whole-history check is under way as soon as it is asked for, and finds nothing in an intact log', async () => {
    const account = await accountWithHistory('fay');
    await list(account);
    const started = await ok<Integrity>('activity:verify', { account });
    assert.equal(started.state, 'checking');
    const finished = await verifyWhole(account);
    assert.deepEqual([finished.problem, finished.verified], [null, (await list(account)).length]);
    await failsWith('activity:verify', { account, extra: true }, 'invalid_request');
    await failsWith('activity:integrity', { account: { registryUrl: harness.registry.url } }, 'invalid_request');
  });
});
