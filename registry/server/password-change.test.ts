import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { routes } from '../contract/routes.ts';
import { listEvents, signIn, startTestRegistry, type TestRegistry } from './test-support.ts';

const confirmWindowMs = 60_000;
const original = 'Granite-Meadow-Kettle-5';
const replacement = 'Saffron-Lighthouse-Drum-74';

describe('POST /api/v1/account/password', () => {
  let harness: TestRegistry;

  before(async () => {
    harness = await startTestRegistry({ confirmWindowMs });
    await harness.addUser('ines', original, false);
    await harness.addUser('jon', 'jon-Other-Account-Pass-9', false);
  });
  after(() => harness.stop());

  const change = (token: string, newPassword: unknown) =>
    harness.request('POST', routes.changePassword.path, { token, body: { newPassword } });

  test('weak passwords are 400 weak_password with a plain reason, and nothing changes', async () => {
    const token = await signIn(harness, { username: 'ines', password: original });
    const cases: Array<[string, RegExp]> = [
      ['Sh0rt-pw', /at least 12 characters; this password has 8/],
      ['my-INES-password-77', /must not contain the username/],
      ['password1234', /^This password is too easy to guess\. This is similar to a commonly used password\./],
      ['qwertyuiopasdf', /too easy to guess/],
    ];
    for (const [password, reason] of cases) {
      const response = await change(token, password);
      assert.equal(response.status, 400, password);
      assert.equal(response.json.error.code, 'weak_password');
      assert.match(response.json.error.message, reason);
      assert.equal(response.json.error.message.includes(password), false, 'the password is never repeated');
    }
    await signIn(harness, { username: 'ines', password: original });
    const types = (await listEvents(harness, token)).map((event) => event.type);
    assert.equal(types.includes('password.changed'), false);
  });

  test('malformed bodies are 400 invalid_request; an unconfirmed session gets 403 confirmation_required', async () => {
    const token = await signIn(harness, { username: 'ines', password: original });
    for (const body of [{}, { newPassword: '' }, { newPassword: 5 }, { password: replacement }, { newPassword: 'x'.repeat(1025) }]) {
      const response = await harness.request('POST', routes.changePassword.path, { token, body });
      assert.equal(response.status, 400, JSON.stringify(body).slice(0, 40));
      assert.equal(response.json.error.code, 'invalid_request');
    }
    harness.clock.now += confirmWindowMs;
    const unconfirmed = await change(token, replacement);
    assert.equal(unconfirmed.status, 403);
    assert.equal(unconfirmed.json.error.code, 'confirmation_required');
  });

  test('a change ends every other session of the account, keeps the caller\'s, and only the new password signs in', async () => {
    harness.clock.now += 60 * 60 * 1000;
    const others = [
      await signIn(harness, { username: 'ines', password: original }),
      await signIn(harness, { username: 'ines', password: original }),
    ];
    const jon = await signIn(harness, { username: 'jon', password: 'jon-Other-Account-Pass-9' });
    harness.clock.now += 1000;
    const token = await signIn(harness, { username: 'ines', password: original });
    const ids = (await harness.request('GET', routes.listSessions.path, { token })).json.sessions
      .filter((session: { current: boolean }) => !session.current)
      .map((session: { id: string }) => session.id);
    assert.equal(ids.length, 2 + 3, 'two here, three from the earlier tests');

    const response = await change(token, replacement);
    assert.equal(response.status, 204);
    assert.equal(response.json, null);
    for (const other of others) {
      const refused = await harness.request('GET', routes.getAccount.path, { token: other });
      assert.equal(refused.status, 401);
      assert.equal(refused.json.error.code, 'unauthenticated');
    }
    assert.equal((await harness.request('GET', routes.getAccount.path, { token })).status, 200);
    assert.equal((await harness.request('GET', routes.getAccount.path, { token: jon })).status, 200, 'other accounts untouched');
    const left = (await harness.request('GET', routes.listSessions.path, { token })).json.sessions;
    assert.deepEqual(left.map((session: { current: boolean }) => session.current), [true]);

    const wrong = await harness.request('POST', routes.createSession.path, { body: { username: 'ines', password: original } });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.json.error.code, 'invalid_credentials');
    await signIn(harness, { username: 'ines', password: replacement });

    const events = (await listEvents(harness, token)).filter((event) => event.time === new Date(harness.clock.now).toISOString());
    const ended = events.filter((event) => event.type === 'session.ended');
    assert.deepEqual(ended.map((event) => event.details.reason), Array(5).fill('password_changed'));
    assert.deepEqual(ended.map((event) => String(event.details.sessionId)).sort(), [...ids].sort());
    const [changed] = events.filter((event) => event.type === 'password.changed');
    assert.deepEqual([changed?.details, changed?.ip, changed?.userAgent], [{ sessionsEnded: 5 }, '127.0.0.1', 'vigil-tests/1.0']);

    const text = JSON.stringify(await listEvents(harness, token));
    for (const secret of [original, replacement, 'Sh0rt-pw', 'my-INES-password-77', 'password1234']) {
      assert.equal(text.includes(secret), false);
    }
  });
});
