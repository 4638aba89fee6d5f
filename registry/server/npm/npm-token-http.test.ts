// The npm token routes over plain HTTP, for what the CLI does not exercise: pages, another account's token, an
// ambiguous or malformed target, and API tokens refused.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { routes } from '../../contract/routes.ts';
import { CreatedToken } from '../../contract/token-schemas.ts';
import { signIn, startTestRegistry, type TestRegistry } from '../test-support.ts';

describe('GET /-/npm/v1/tokens and DELETE /-/npm/v1/tokens/token/<key-or-token> over HTTP', () => {
  let harness: TestRegistry;
  let kim: string;
  let lou: string;
  const kims: CreatedToken[] = [];

  before(async () => {
    harness = await startTestRegistry();
    await harness.addUser('kim', 'kim-Thistle-Canyon-Oar-8', false);
    await harness.addUser('lou', 'lou-Marble-Fennel-Bay-9', false);
    kim = await signIn(harness, { username: 'kim', password: 'kim-Thistle-Canyon-Oar-8' });
    lou = await signIn(harness, { username: 'lou', password: 'lou-Marble-Fennel-Bay-9' });
    for (const name of ['one', 'two', 'three']) {
      const body = { name, permission: 'read-only', projects: 'all', expiresInDays: 30, allowedCidrs: name === 'one' ? ['127.0.0.0/8'] : [] };
      const response = await harness.request('POST', routes.createToken.path, { token: kim, body });
      kims.push(CreatedToken.parse(response.json));
    }
  });
  after(() => harness.stop());

  test('pages follow urls.next until it is empty, with npm’s object shape', async () => {
    const first = await harness.request('GET', '/-/npm/v1/tokens?perPage=2', { token: kim });
    assert.equal(first.status, 200);
    assert.equal(first.json.total, 3);
    assert.equal(first.json.objects.length, 2);
    assert.equal(first.json.urls.next, '/-/npm/v1/tokens?page=1&perPage=2');
    const second = await harness.request('GET', first.json.urls.next, { token: kim });
    assert.equal(second.json.objects.length, 1);
    assert.equal(second.json.urls.next, '');
    const all = [...first.json.objects, ...second.json.objects];
    const one = all.find((entry) => entry.key === kims[0]!.key);
    assert.deepEqual(one, {
      token: kims[0]!.preview,
      key: kims[0]!.key,
      name: 'one',
      cidr_whitelist: ['127.0.0.0/8'],
      readonly: true,
      created: kims[0]!.createdAt,
      updated: kims[0]!.createdAt,
    });
    assert.equal(all.find((entry) => entry.key === kims[1]!.key).cidr_whitelist, null);
    const bad = await harness.request('GET', '/-/npm/v1/tokens?perPage=0', { token: kim });
    assert.deepEqual([bad.status, bad.json.code, typeof bad.json.error], [400, 'invalid_request', 'string']);
  });

  test('API tokens can neither list nor revoke tokens; no credentials is 401 without a Bearer challenge', async () => {
    const listed = await harness.request('GET', '/-/npm/v1/tokens', { token: kims[1]!.token });
    assert.deepEqual([listed.status, listed.json.code], [401, 'unauthenticated']);
    const revoked = await harness.request('DELETE', `/-/npm/v1/tokens/token/${kims[1]!.key}`, { token: kims[1]!.token });
    assert.deepEqual([revoked.status, revoked.json.code], [401, 'unauthenticated']);
    const anonymous = await harness.request('GET', '/-/whoami');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers['www-authenticate'], undefined);
  });

  test('another account’s token, a short or malformed target, and an already revoked one are 404 or 400', async () => {
    const others = await harness.request('DELETE', `/-/npm/v1/tokens/token/${kims[1]!.key}`, { token: lou });
    assert.deepEqual([others.status, others.json.code], [404, 'not_found']);
    const othersWhole = await harness.request('DELETE', `/-/npm/v1/tokens/token/${kims[1]!.token}`, { token: lou });
    assert.equal(othersWhole.status, 404);
    const short = await harness.request('DELETE', `/-/npm/v1/tokens/token/${kims[1]!.key.slice(0, 7)}`, { token: kim });
    assert.equal(short.status, 404);
    const slash = await harness.request('DELETE', `/-/npm/v1/tokens/token/${kims[1]!.key}/x`, { token: kim });
    assert.deepEqual([slash.status, slash.json.code], [400, 'invalid_request']);
    const byKey = await harness.request('DELETE', `/-/npm/v1/tokens/token/${kims[1]!.key}`, { token: kim });
    assert.equal(byKey.status, 204);
    const again = await harness.request('DELETE', `/-/npm/v1/tokens/token/${kims[1]!.key}`, { token: kim });
    assert.equal(again.status, 404);
    const listed = await harness.request('GET', '/-/npm/v1/tokens', { token: kim });
    assert.equal(listed.json.total, 2);
  });
});
