// npm's package routes over plain HTTP, for what the CLI runs (npm-access.test.ts) do not show: the package
// document and the collaborators list for collaborators only (404 for anyone else, a token only for what it
// covers), and POST /-/package/<name>/access for owners only, proven present by a one-time code (2FA) or a fresh
// sign-in (no 2FA), sessions only, with npm's error shape throughout.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { routes } from '../../contract/routes.ts';
import { CreatedToken } from '../../contract/token-schemas.ts';
import { listEvents, signIn, startTestRegistry, type TestRegistry, type TestResponse } from '../test-support.ts';

const passwords = { yan: 'yan-Quartz-Bramble-Tide-1', zoe: 'zoe-Lichen-Cove-Anvil-2', abe: 'abe-Garnet-Willow-Pike-3' };
type Person = keyof typeof passwords;
const confirmWindowMs = 10 * 60 * 1000;
const day = 24 * 60 * 60 * 1000;

describe('npm’s package document, access and collaborators routes over HTTP', () => {
  let harness: TestRegistry;
  let yanSecret = '';
  const sessions: Record<Person, string> = { yan: '', zoe: '', abe: '' };

  before(async () => {
    harness = await startTestRegistry({ sessionTtlMs: 400 * day, confirmWindowMs });
    // yan (2FA) owns both; zoe (no 2FA) maintains "lib-one" and owns "lib-two" too; abe is on neither.
    yanSecret = (await harness.addUser('yan', passwords.yan, true)).totpSecret!;
    await harness.addUser('zoe', passwords.zoe, false);
    await harness.addUser('abe', passwords.abe, false);
    harness.addProject('lib-one', 'yan', { zoe: 'maintainer' });
    harness.addProject('Lib_Two', 'yan', { zoe: 'owner' });
    sessions.yan = await signIn(harness, { username: 'yan', password: passwords.yan, otp: await harness.otp(yanSecret) });
    sessions.zoe = await signIn(harness, { username: 'zoe', password: passwords.zoe });
    sessions.abe = await signIn(harness, { username: 'abe', password: passwords.abe });
  });
  after(() => harness.stop());

  const npmRefused = (response: TestResponse, status: number, code: string) => {
    assert.deepEqual([response.status, response.json.code, typeof response.json.error], [status, code, 'string'], JSON.stringify(response.json));
    assert.ok(!/^Bearer/i.test(String(response.headers['www-authenticate'] ?? '')), 'no Bearer challenge: npm would hide the message');
    return response.json.error as string;
  };
  const setMfa = (token: string, name: string, body: unknown, otp?: string) =>
    harness.request('POST', `/-/package/${name}/access`, { token, body, ...(otp ? { headers: { 'npm-otp': otp } } : {}) });
  const publishRequires = async (name: string) =>
    (await harness.request('GET', routes.getProject.path.replace('{name}', name), { token: sessions.yan })).json.policy;

  test('GET /<name>: a minimal package document for its collaborators, maintainers owners first', async () => {
    const document = await harness.request('GET', '/lib_two', { token: sessions.zoe });
    assert.equal(document.status, 200, JSON.stringify(document.json));
    assert.deepEqual(document.json, {
      _id: 'Lib_Two',
      name: 'Lib_Two',
      maintainers: [
        { name: 'yan', email: '' },
        { name: 'zoe', email: '' },
      ],
      versions: {},
      'dist-tags': {},
    });
    npmRefused(await harness.request('GET', '/lib-one', { token: sessions.abe }), 404, 'not_found');
    npmRefused(await harness.request('GET', '/no-such-project', { token: sessions.yan }), 404, 'not_found');
    npmRefused(await harness.request('GET', '/@yan%2flib-one', { token: sessions.yan }), 404, 'not_found');
    npmRefused(await harness.request('GET', '/lib-one'), 401, 'unauthenticated');
    // Other paths and static routes are not package names.
    assert.equal((await harness.request('GET', '/-/whoami', { token: sessions.yan })).json.username, 'yan');
    assert.equal((await harness.request('GET', '/api/openapi.json')).status, 200);
  });

  test('GET /-/package/<name>/collaborators: every collaborator can publish, so each is read-write', async () => {
    const listed = await harness.request('GET', '/-/package/lib-one/collaborators', { token: sessions.zoe });
    assert.deepEqual([listed.status, listed.json], [200, { yan: 'read-write', zoe: 'read-write' }]);
    npmRefused(await harness.request('GET', '/-/package/lib-one/collaborators', { token: sessions.abe }), 404, 'not_found');
  });

  test('with an API token: what it covers, as on the JSON API', async () => {
    const body = { name: 'reader', permission: 'read-only', projects: ['lib-one'], expiresInDays: 30 };
    const { token } = CreatedToken.parse((await harness.request('POST', routes.createToken.path, { token: sessions.zoe, body })).json);
    assert.equal((await harness.request('GET', '/lib-one', { token })).status, 200);
    assert.equal((await harness.request('GET', '/-/package/lib-one/collaborators', { token })).status, 200);
    npmRefused(await harness.request('GET', '/lib-two', { token }), 404, 'not_found');
    npmRefused(await setMfa(token, 'lib-one', { publish_requires_tfa: true }), 401, 'unauthenticated');
  });

  test('POST /-/package/<name>/access with 2FA: a code in npm-otp, else 401 otp_required with WWW-Authenticate: OTP', async () => {
    const challenge = await setMfa(sessions.yan, 'lib-one', { publish_requires_tfa: true, automation_token_overrides_tfa: false });
    assert.match(npmRefused(challenge, 401, 'otp_required'), /--otp <code>/);
    assert.equal(challenge.headers['www-authenticate'], 'OTP');
    harness.clock.now += 30_000;
    const set = await setMfa(sessions.yan, 'lib-one', { publish_requires_tfa: true, automation_token_overrides_tfa: true }, await harness.otp(yanSecret));
    assert.deepEqual([set.status, set.json], [200, { publish_requires_tfa: true, automation_token_overrides_tfa: true }]);
    assert.deepEqual(await publishRequires('lib-one'), { publishRequires2fa: true, automationTokensBypass2fa: true });
    harness.clock.now += 30_000;
    const none = await setMfa(sessions.yan, 'lib-one', { publish_requires_tfa: false }, await harness.otp(yanSecret));
    assert.deepEqual([none.status, none.json], [200, { publish_requires_tfa: false, automation_token_overrides_tfa: false }]);
    const events = (await listEvents(harness, sessions.yan)).filter((event) => event.type === 'project.policy_changed');
    assert.deepEqual(events.map((event) => event.details), [
      { project: 'lib-one', actor: 'yan', before: 'automation', after: 'none' },
      { project: 'lib-one', actor: 'yan', before: 'none', after: 'automation' },
    ]);
  });

  test('without 2FA: a session signed in within the confirmation window; owners only; npm’s shape for refusals', async () => {
    const set = await setMfa(sessions.zoe, 'lib-two', { publish_requires_tfa: true, automation_token_overrides_tfa: false });
    assert.deepEqual([set.status, set.json], [200, { publish_requires_tfa: true, automation_token_overrides_tfa: false }]);
    assert.match(npmRefused(await setMfa(sessions.zoe, 'lib-one', { publish_requires_tfa: true }), 403, 'owner_required'), /you maintain it/);
    npmRefused(await setMfa(sessions.abe, 'lib-one', { publish_requires_tfa: true }), 404, 'not_found');
    npmRefused(await setMfa(sessions.zoe, '@zoe%2flib-two', { publish_requires_tfa: true }), 404, 'not_found');
    npmRefused(await setMfa(sessions.zoe, 'lib-two', { access: 'public' }), 400, 'invalid_request');
    npmRefused(await setMfa(sessions.zoe, 'lib-two', { publish_requires_tfa: 'yes' }), 400, 'invalid_request');
    harness.clock.now += confirmWindowMs;
    assert.match(npmRefused(await setMfa(sessions.zoe, 'lib-two', { publish_requires_tfa: false }), 403, 'confirmation_required'), /npm login/);
    assert.deepEqual(await publishRequires('lib-two'), { publishRequires2fa: true, automationTokensBypass2fa: false });
  });
});
