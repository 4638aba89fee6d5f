import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signIn, startTestRegistry, type TestRegistry } from './test-support.ts';

describe('GET /api/v1/account and /account/events', () => {
  let harness: TestRegistry;
  let token: string;

  before(async () => {
    harness = await startTestRegistry();
    const created = await harness.addUser('erin', 'erin-password', true);
    await harness.addUser('frank', 'frank-password', false);
    // 1 invalid_password + 1 otp_required (not an event) + 3 successes + 1 ended = 5 events before the final sign-in.
    await harness.request('POST', '/api/v1/session', { body: { username: 'erin', password: 'typo' } });
    for (let i = 0; i < 3; i += 1) {
      harness.clock.now += 60_000;
      const t = await signIn(harness, { username: 'erin', password: 'erin-password', otp: await harness.otp(created.totpSecret!) });
      if (i === 0) await harness.request('DELETE', '/api/v1/session', { token: t });
    }
    harness.clock.now += 60_000;
    token = await signIn(harness, { username: 'erin', password: 'erin-password', otp: await harness.otp(created.totpSecret!) });
  });
  after(() => harness.stop());

  test('account shows 2FA state, recovery codes left, the most recent sign-in and the one before this session', async () => {
    const response = await harness.request('GET', '/api/v1/account', { token });
    assert.equal(response.status, 200);
    const created = new Date(harness.clock.now - 4 * 60_000).toISOString();
    const signedIn = (minutesAgo: number) => ({
      time: new Date(harness.clock.now - minutesAgo * 60_000).toISOString(),
      ip: '127.0.0.1',
      userAgent: 'vigil-tests/1.0',
    });
    assert.deepEqual(response.json, {
      username: 'erin',
      createdAt: created,
      twoFactor: { enabled: true, methods: ['totp'], enabledAt: created, recoveryCodesRemaining: 8, recoveryCodesGeneratedAt: created },
      lastSignIn: signedIn(0),
      previousSignIn: signedIn(1),
    });
  });

  test('an account without 2FA reports no methods and no recovery codes', async () => {
    const frankToken = await signIn(harness, { username: 'frank', password: 'frank-password' });
    const response = await harness.request('GET', '/api/v1/account', { token: frankToken });
    assert.deepEqual(response.json.twoFactor, {
      enabled: false,
      methods: [],
      enabledAt: null,
      recoveryCodesRemaining: 0,
      recoveryCodesGeneratedAt: null,
    });
    assert.equal(response.json.previousSignIn, null, 'the first sign-in has none before it');
  });

  test('previousSignIn is the one before the calling session even when another device signed in later', async () => {
    harness.clock.now += 60_000;
    const older = await signIn(harness, { username: 'frank', password: 'frank-password' });
    harness.clock.now += 60_000;
    await signIn(harness, { username: 'frank', password: 'frank-password' });
    const account = (await harness.request('GET', '/api/v1/account', { token: older })).json;
    assert.notDeepEqual(account.lastSignIn, account.previousSignIn);
    assert.equal(account.lastSignIn.time, new Date(harness.clock.now).toISOString());
    assert.ok(Date.parse(account.previousSignIn.time) < harness.clock.now - 60_000);
  });

  test('events page newest first with an opaque cursor, null on the last page, and only the own account', async () => {
    const seen: Array<{ id: string; type: string; time: string }> = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const response = await harness.request('GET', `/api/v1/account/events${query}`, { token });
      assert.equal(response.status, 200);
      assert.ok(response.json.events.length <= 2);
      seen.push(...response.json.events);
      cursor = response.json.nextCursor;
      pages += 1;
    } while (cursor !== null);
    assert.equal(pages, 3);
    assert.deepEqual(
      seen.map((event) => event.type),
      ['login.success', 'login.success', 'login.success', 'session.ended', 'login.success', 'login.failure'],
    );
    const times = seen.map((event) => event.time);
    assert.deepEqual([...times].sort().reverse(), times);
    assert.equal(new Set(seen.map((event) => event.id)).size, seen.length);

    const all = await harness.request('GET', '/api/v1/account/events', { token });
    assert.equal(all.json.events.length, 6, 'default limit covers them all');
    assert.equal(all.json.nextCursor, null);
  });

  test('?type= keeps only events of the given types, repeated for several, and pages the same way', async () => {
    const types = async (query: string) => {
      const response = await harness.request('GET', `/api/v1/account/events?${query}`, { token });
      assert.equal(response.status, 200, query);
      return response.json.events.map((event: { type: string }) => event.type);
    };
    assert.deepEqual(await types('type=login.failure'), ['login.failure']);
    assert.deepEqual(await types('type=session.ended&type=login.failure'), ['session.ended', 'login.failure']);
    assert.deepEqual(await types('type=two_factor.disabled'), []);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `type=login.success&type=login.failure&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await harness.request('GET', `/api/v1/account/events?${query}`, { token });
      seen.push(...response.json.events.map((event: { type: string }) => event.type));
      cursor = response.json.nextCursor;
    } while (cursor !== null);
    assert.deepEqual(seen, ['login.success', 'login.success', 'login.success', 'login.success', 'login.failure']);

    for (const query of ['type=made.up', 'type=login.success&type=nope', 'type=', 'type[]=login.success']) {
      const response = await harness.request('GET', `/api/v1/account/events?${query}`, { token });
      assert.equal(response.status, 400, query);
      assert.equal(response.json.error.code, 'invalid_request');
      assert.match(response.json.error.message, /type/);
    }
  });

  test('bad limit or cursor, or unknown query fields, are 400 invalid_request naming the field', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=abc', 'limit'],
      ['cursor=not*valid', 'cursor'],
      ['cursor=AAAA', 'cursor'],
      ['page=2', 'page'],
    ] as const) {
      const response = await harness.request('GET', `/api/v1/account/events?${query}`, { token });
      assert.equal(response.status, 400, query);
      assert.equal(response.json.error.code, 'invalid_request');
      assert.match(response.json.error.message, new RegExp(field));
    }
  });

  test('both endpoints require a session', async () => {
    for (const pathname of ['/api/v1/account', '/api/v1/account/events']) {
      const response = await harness.request('GET', pathname);
      assert.equal(response.status, 401);
      assert.equal(response.json.error.code, 'unauthenticated');
    }
  });
});
