import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { routes } from '../contract/routes.ts';
import { SessionsResponse } from '../contract/schemas.ts';
import { listEvents, startTestRegistry, type TestRegistry } from './test-support.ts';

const passwords = { kim: 'kim-Tundra-Parsnip-1', lou: 'lou-Lantern-Quartz-2' };
const endOne = (id: string) => routes.endAccountSession.path.replace('{id}', id);

describe('GET /account/sessions, DELETE /account/sessions/{id}, POST /account/sessions/end-others', () => {
  let harness: TestRegistry;

  before(async () => {
    harness = await startTestRegistry({ sessionTtlMs: 60 * 60 * 1000 });
    await harness.addUser('kim', passwords.kim, false);
    await harness.addUser('lou', passwords.lou, false);
  });
  after(() => harness.stop());

  const signInAs = async (username: 'kim' | 'lou', from = '127.0.0.1', userAgent = 'vigil-tests/1.0') => {
    const response = await harness.request('POST', routes.createSession.path, {
      body: { username, password: passwords[username] },
      from,
      headers: { 'user-agent': userAgent },
    });
    assert.equal(response.status, 200);
    return response.json.token as string;
  };
  const list = async (token: string) => {
    const response = await harness.request('GET', routes.listSessions.path, { token });
    assert.equal(response.status, 200);
    return SessionsResponse.parse(response.json).sessions;
  };

  test('lists the active sessions newest first, with where each signed in from and which is the caller', async () => {
    harness.clock.now += 24 * 60 * 60 * 1000;
    const start = harness.clock.now;
    const laptop = await signInAs('kim', '127.0.0.2', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0');
    harness.clock.now += 60_000;
    const ended = await signInAs('kim');
    await harness.request('DELETE', routes.endSession.path, { token: ended });
    harness.clock.now += 60_000;
    const phone = await signInAs('kim', '127.0.0.3', 'Vigil/0.1.0');
    await signInAs('lou');

    const sessions = await list(phone);
    assert.deepEqual(
      sessions.map(({ id: _id, ...rest }) => rest),
      [
        { createdAt: new Date(start + 120_000).toISOString(), lastSeenAt: new Date(start + 120_000).toISOString(), ip: '127.0.0.3', userAgent: 'Vigil/0.1.0', current: true },
        {
          createdAt: new Date(start).toISOString(),
          lastSeenAt: new Date(start).toISOString(),
          ip: '127.0.0.2',
          userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0',
          current: false,
        },
      ],
    );
    assert.ok(sessions.every((session) => /^[1-9]\d*$/.test(session.id)));
    assert.deepEqual((await list(laptop)).map((session) => session.current), [false, true]);

    // Expired sessions drop out of the list.
    harness.clock.now = start + 60 * 60 * 1000;
    assert.deepEqual((await list(phone)).map((session) => session.ip), ['127.0.0.3']);
  });

  test('lastSeenAt follows use, at most once a minute', async () => {
    harness.clock.now += 24 * 60 * 60 * 1000;
    const created = harness.clock.now;
    const token = await signInAs('kim');
    const lastSeen = async () => (await list(token))[0]!.lastSeenAt;
    harness.clock.now += 59_000;
    assert.equal(await lastSeen(), new Date(created).toISOString());
    harness.clock.now += 1_000;
    assert.equal(await lastSeen(), new Date(created + 60_000).toISOString());
    harness.clock.now += 30_000;
    assert.equal(await lastSeen(), new Date(created + 60_000).toISOString());
  });

  test('ending one session: 204, that token stops working, recorded as revoked with its id; then 404', async () => {
    harness.clock.now += 24 * 60 * 60 * 1000;
    const other = await signInAs('kim', '127.0.0.4');
    const token = await signInAs('kim');
    const [, target] = await list(token);
    const response = await harness.request('DELETE', endOne(target!.id), { token });
    assert.equal(response.status, 204);
    assert.equal((await harness.request('GET', routes.getAccount.path, { token: other })).json.error.code, 'unauthenticated');
    const again = await harness.request('DELETE', endOne(target!.id), { token });
    assert.equal(again.status, 404);
    assert.equal(again.json.error.code, 'not_found');

    const [latest] = await listEvents(harness, token);
    assert.deepEqual(
      [latest?.type, latest?.details, latest?.ip, latest?.userAgent],
      ['session.ended', { reason: 'revoked', sessionId: target!.id }, '127.0.0.1', 'vigil-tests/1.0'],
    );
  });

  test("another account's session, an unknown id or a malformed one cannot be ended", async () => {
    harness.clock.now += 24 * 60 * 60 * 1000;
    const token = await signInAs('kim');
    const lou = await signInAs('lou');
    const [louSession] = await list(lou);
    for (const id of [louSession!.id, '999999', '9999999999999999']) {
      const response = await harness.request('DELETE', endOne(id), { token });
      assert.equal(response.status, 404, id);
      assert.equal(response.json.error.code, 'not_found');
    }
    assert.equal((await harness.request('GET', routes.getAccount.path, { token: lou })).status, 200, "lou's session lives on");
    for (const id of ['0', '01', '-1', 'abc', '1.5', '12345678901234567', 'end-others', '%20']) {
      const response = await harness.request('DELETE', endOne(id), { token });
      assert.equal(response.status, 400, id);
      assert.equal(response.json.error.code, 'invalid_request');
    }
    const anonymous = await harness.request('DELETE', endOne(louSession!.id));
    assert.equal(anonymous.status, 401);
  });

  test('ending all the others: how many ended, an event for each, the caller stays; sign-out keeps its own reason', async () => {
    harness.clock.now += 24 * 60 * 60 * 1000;
    const others = [await signInAs('kim', '127.0.0.5'), await signInAs('kim', '127.0.0.6')];
    const lou = await signInAs('lou');
    const token = await signInAs('kim');
    const ids = (await list(token)).filter((session) => !session.current).map((session) => session.id);
    const response = await harness.request('POST', routes.endOtherSessions.path, { token });
    assert.equal(response.status, 200);
    assert.deepEqual(response.json, { ended: 2 });
    for (const other of others) assert.equal((await harness.request('GET', routes.getAccount.path, { token: other })).status, 401);
    assert.equal((await harness.request('GET', routes.getAccount.path, { token: lou })).status, 200);
    assert.deepEqual((await list(token)).map((session) => session.current), [true]);
    assert.deepEqual((await harness.request('POST', routes.endOtherSessions.path, { token })).json, { ended: 0 });

    const ended = (await listEvents(harness, token)).filter((event) => event.type === 'session.ended').slice(0, 2);
    assert.deepEqual(ended.map((event) => event.details.reason), ['revoked', 'revoked']);
    assert.deepEqual(ended.map((event) => String(event.details.sessionId)).sort(), [...ids].sort());

    assert.equal((await harness.request('DELETE', routes.endSession.path, { token: lou })).status, 204);
    const louToken = await signInAs('lou');
    const [signedOut] = (await listEvents(harness, louToken)).filter((event) => event.type === 'session.ended');
    assert.deepEqual(signedOut?.details, { reason: 'sign_out' });
  });
});
