// The Activity page's channels end to end in main: the real dispatcher, handlers, analyzer and IP database over the
// reference registry on 127.0.0.1. A burst of wrong passwords followed by a successful sign-in is what the page
// must put in front of the owner; "Yes, it was me" is kept in the settings, across a restart of the console.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTestRegistry, type TestRegistry } from '../../registry/server/test-support.ts';
import { consoleDispatcher } from '../test-support/console-dispatcher.ts';
import { dispatchAssertions } from '../test-support/dispatch-assertions.ts';
import type { AccountRef, ActivityRow, DayCount } from './contract.ts';
import type { IpcDispatcher } from './dispatcher.ts';

const password = 'Harbor-thistle-copper-58';
const minute = 60_000;

describe('activity channels against the reference registry', () => {
  let harness: TestRegistry;
  let dispatcher: IpcDispatcher;
  let directory: string;
  let account: AccountRef;
  let secret: string;
  const { ok, failsWith } = dispatchAssertions(() => dispatcher);

  async function signIn(secret: string) {
    const started = await ok<{ challengeId: string }>('session:sign-in', { registryUrl: harness.registry.url, username: 'ada', password });
    return (await ok<{ account: AccountRef }>('session:verify', { challengeId: started.challengeId, otp: await harness.otp(secret) })).account;
  }

  before(async () => {
    harness = await startTestRegistry();
    const { totpSecret } = await harness.addUser('ada', password, true);
    secret = totpSecret!;
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-activity-channels-'));
    dispatcher = consoleDispatcher(harness, { directory, home: directory });
    // Her usual sign-in; a week later someone guessing her password from another address, and then getting in
    // there (waiting out the lock the burst earned); half an hour later she opens the console again.
    account = await signIn(secret);
    harness.clock.now += 8 * 24 * 60 * minute;
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await harness.request('POST', '/api/v1/session', { body: { username: 'ada', password: `wrong-${attempt}` }, from: '127.0.0.2' });
      harness.clock.now += 5_000;
    }
    for (;;) {
      const response = await harness.request('POST', '/api/v1/session', { body: { username: 'ada', password, otp: await harness.otp(secret) }, from: '127.0.0.2' });
      if (response.status === 200) break;
      harness.clock.now += (Number(response.json.error?.retryAfterSeconds) || 30) * 1000 + 1000;
    }
    harness.clock.now += 30 * minute;
    account = await signIn(secret);
  });

  after(async () => {
    await harness.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  const list = async (filter: Record<string, unknown> = {}, cursor?: string) =>
    ok<{ events: ActivityRow[]; nextCursor: string | null; total: number | null }>('activity:list', { filter, ...(cursor ? { cursor } : {}) });

  test('each event comes with its place, device and flags; the sign-in after the burst is flagged high', async () => {
    const { events } = await list();
    const [own, intruder] = events.filter((event) => event.type === 'login.success');
    assert.deepEqual([own!.place, own!.device, own!.flags], ['This computer', 'Vigil-Console', []]);
    assert.equal(intruder!.ip, '127.0.0.2');
    const afterBurst = intruder!.flags.find((flag) => flag.kind === 'sign_in_after_burst');
    assert.equal(afterBurst?.severity, 'high');
    assert.match(afterBurst!.reason, /failed sign-ins/);
    const burst = events.find((event) => event.flags.some((flag) => flag.kind === 'failed_sign_in_burst'));
    assert.ok(burst, 'the burst itself is flagged');
    assert.equal(events.at(-1)!.flags.length, 0, 'her first sign-in is not flagged (warm-up)');
  });

  test('the flagged sign-ins to review, and the answer to "Was this you?" kept across a restart of the console', async () => {
    const { events: flagged } = await ok<{ events: ActivityRow[] }>('activity:flagged');
    assert.deepEqual(flagged.map((event) => event.type), ['login.success']);
    const answerOf = async (id: string) => (await list()).events.find((event) => event.id === id)?.answer;
    // "No, secure my account" is an answer too: the sign-in is not asked about again.
    await ok('activity:review', { account, eventId: flagged[0]!.id, answer: 'not-me' });
    assert.deepEqual((await ok<{ events: ActivityRow[] }>('activity:flagged')).events, []);
    assert.equal(await answerOf(flagged[0]!.id), 'not-me');
    // Answered again, the new answer replaces the first.
    await ok('activity:review', { account, eventId: flagged[0]!.id, answer: 'me' });
    assert.equal(await answerOf(flagged[0]!.id), 'me');

    // A new console over the same settings folder (its keychain is new: she signs in again, later, as usual).
    dispatcher = consoleDispatcher(harness, { directory, home: directory });
    harness.clock.now += 30 * minute;
    await signIn(secret);
    assert.deepEqual((await ok<{ events: ActivityRow[] }>('activity:flagged')).events, []);
    assert.equal(await answerOf(flagged[0]!.id), 'me');
    await failsWith('activity:review', { account, eventId: '999999', answer: 'me' }, 'not_found');
    await failsWith('activity:review', { account, eventId: flagged[0]!.id, answer: 'maybe' }, 'invalid_request');
  });

  test('filters: flagged only, and by type', async () => {
    const flagged = (await list({ flaggedOnly: true })).events;
    assert.ok(flagged.length >= 2 && flagged.every((event) => event.flags.length > 0));
    const failures = (await list({ types: ['login.failure'] })).events;
    assert.ok(failures.length > 0 && failures.every((event) => event.type === 'login.failure'));
  });

  test('the first page says how long the whole log and the flagged list are, so the table can be that tall', async () => {
    const whole = await list();
    assert.ok(whole.total !== null && whole.total > 0);
    // Every event, read page by page, is as many; later pages leave the count to the first.
    let read = whole.events.length;
    for (let cursor = whole.nextCursor; cursor !== null; ) {
      const page = await list({}, cursor);
      assert.equal(page.total, null);
      read += page.events.length;
      cursor = page.nextCursor;
    }
    assert.equal(read, whole.total);
    const flagged = await list({ flaggedOnly: true });
    assert.equal(flagged.total, flagged.events.length);
    // A filter the registry would have to read to its end to count: unknown, the table grows page by page.
    assert.equal((await list({ types: ['login.failure'] })).total, null);
    assert.equal((await list({ since: '2020-01-01T00:00:00.000Z' })).total, null);
  });

  test('sign-ins per day count today’s successes and failures', async () => {
    const { days } = await ok<{ days: DayCount[] }>('activity:sign-ins-per-day');
    assert.equal(days.length, 90);
    const today = days.at(-1)!;
    assert.equal(today.day, new Date(harness.clock.now).toISOString().slice(0, 10));
    assert.equal(today.successes, 3);
    assert.ok(today.failures >= 10, JSON.stringify(today));
  });

  test('exports what the filter selects as CSV and JSON that parse', async () => {
    const csv = await ok<{ savedBy: 'page'; fileName: string; content: string }>('activity:export', { format: 'csv', filter: { types: ['login.success'] } });
    assert.match(csv.fileName, /^vigil-activity-ada-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.content.trimEnd().split('\r\n');
    assert.equal(lines[0], '"id","time","type","ip","place","device","user agent","flags","was this you","details"');
    assert.equal(lines.length, 5);
    const json = await ok<{ content: string }>('activity:export', { format: 'json', filter: {} });
    const parsed = JSON.parse(json.content) as { account: AccountRef; events: ActivityRow[] };
    assert.deepEqual(parsed.account, account);
    assert.deepEqual(parsed.events.map((event) => event.id), (await list()).events.map((event) => event.id).slice(0, parsed.events.length));
  });

  test('invalid requests are refused with the field named', async () => {
    const message = await failsWith('activity:list', { filter: { types: ['nonsense'] } }, 'invalid_request');
    assert.match(message, /types/);
    await failsWith('activity:list', { filter: {}, extra: 1 }, 'invalid_request');
    await failsWith('activity:list', { filter: { flaggedOnly: true }, cursor: 'not-a-cursor' }, 'invalid_request');
    await failsWith('activity:review', { eventId: '1' }, 'invalid_request');
  });
});
