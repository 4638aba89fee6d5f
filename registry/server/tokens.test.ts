import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { routes } from '../contract/routes.ts';
import { CreatedToken, TokensResponse, WhoamiResponse, type CreateTokenRequest } from '../contract/token-schemas.ts';
import { apiTokenKey, generateApiToken, isWellFormedApiToken } from '../security/api-tokens.ts';
import { listEvents, signIn, startTestRegistry, type TestRegistry } from './test-support.ts';

const passwords = { dana: 'dana-Tundra-Parsnip-1', eli: 'eli-Lantern-Quartz-2', fay: 'fay-Harbor-Violin-Fig-3' };
type User = keyof typeof passwords;
const day = 24 * 60 * 60 * 1000;
const revokeOne = (id: string) => routes.revokeToken.path.replace('{id}', id);

describe('API tokens: POST/GET /tokens, DELETE /tokens/{id}, POST /tokens/revoke, GET /whoami', () => {
  let harness: TestRegistry;
  const secrets: Partial<Record<User, string>> = {};
  // Every token these tests are handed, to check none is ever shown again.
  const issued: string[] = [];

  before(async () => {
    harness = await startTestRegistry({ sessionTtlMs: 400 * day });
    secrets.dana = (await harness.addUser('dana', passwords.dana, true)).totpSecret;
    await harness.addUser('eli', passwords.eli, false);
    secrets.fay = (await harness.addUser('fay', passwords.fay, true)).totpSecret;
    harness.addProject('web-kit', 'dana', { eli: 'maintainer' });
    harness.addProject('Data.Tools', 'dana');
    harness.addProject('fay-only', 'fay');
  });
  after(() => harness.stop());

  // A fresh (so confirmed) session; each sign-in of a 2FA account is a TOTP step later, so no code is replayed.
  const session = async (user: User) => {
    harness.clock.now += 30_000;
    const secret = secrets[user];
    return signIn(harness, { username: user, password: passwords[user], ...(secret ? { otp: await harness.otp(secret) } : {}) });
  };
  const create = (token: string, body: Partial<CreateTokenRequest> | Record<string, unknown>) =>
    harness.request('POST', routes.createToken.path, { token, body });
  const createOk = async (token: string, body: Partial<CreateTokenRequest>) => {
    const response = await create(token, body);
    assert.equal(response.status, 201, JSON.stringify(response.json));
    const created = CreatedToken.parse(response.json);
    issued.push(created.token);
    return created;
  };
  const list = async (token: string, query = '') => {
    const response = await harness.request('GET', `${routes.listTokens.path}${query}`, { token });
    assert.equal(response.status, 200, JSON.stringify(response.json));
    return TokensResponse.parse(response.json).tokens;
  };
  const whoami = (token: string) => harness.request('GET', routes.whoami.path, { token });

  test('a read-write token: shown once, with its key, preview, scope, ranges and a 7-day default expiry', async () => {
    const dana = await session('dana');
    const created = await createOk(dana, {
      name: '  CI publish  ',
      description: 'GitHub Actions\nrelease workflow',
      permission: 'read-write',
      projects: ['WEB_KIT', 'data-tools', 'web.kit'],
      allowedCidrs: ['198.51.100.0/24', '2001:DB8::/32', '198.51.100.0/24', '::ffff:203.0.113.7'],
    });
    assert.ok(isWellFormedApiToken(created.token));
    const { token, ...metadata } = created;
    assert.deepEqual(metadata, {
      id: metadata.id,
      key: apiTokenKey(token),
      name: 'CI publish',
      description: 'GitHub Actions\nrelease workflow',
      preview: token.slice(0, 8),
      permission: 'read-write',
      projects: ['Data.Tools', 'web-kit'],
      allowedCidrs: ['198.51.100.0/24', '2001:db8::/32', '203.0.113.7/32'],
      bypass2fa: false,
      createdAt: new Date(harness.clock.now).toISOString(),
      expiresAt: new Date(harness.clock.now + 7 * day).toISOString(),
      lastUsed: null,
      createdWith2fa: true,
      revokedAt: null,
    });
    const [event] = await listEvents(harness, dana);
    assert.equal(event?.type, 'token.created');
    assert.deepEqual(event?.details, {
      id: metadata.id,
      name: 'CI publish',
      permission: 'read-write',
      projects: 'Data.Tools,web-kit',
      expiresAt: metadata.expiresAt,
    });
    const listed = await list(dana);
    assert.deepEqual(listed.find((entry) => entry.id === metadata.id), metadata, 'listed as created, without the token');
  });

  test('expiry: read-write up to 90 days, read-only 30 by default and up to 365; beyond is 400', async () => {
    const dana = await session('dana');
    const now = harness.clock.now;
    const longest = await createOk(dana, { name: 'rw-90', permission: 'read-write', projects: 'all', expiresInDays: 90, bypass2fa: true });
    assert.equal(longest.expiresAt, new Date(now + 90 * day).toISOString());
    assert.deepEqual([longest.projects, longest.bypass2fa, longest.allowedCidrs], ['all', true, []]);
    const readOnly = await createOk(dana, { name: 'ro-default', permission: 'read-only', projects: 'all' });
    assert.equal(readOnly.expiresAt, new Date(now + 30 * day).toISOString());
    const year = await createOk(dana, { name: 'ro-365', permission: 'read-only', projects: ['web-kit'], expiresInDays: 365 });
    assert.equal(year.expiresAt, new Date(now + 365 * day).toISOString());
    for (const body of [
      { name: 'rw-91', permission: 'read-write', projects: 'all', expiresInDays: 91 },
      { name: 'ro-366', permission: 'read-only', projects: 'all', expiresInDays: 366 },
      { name: 'zero', permission: 'read-only', projects: 'all', expiresInDays: 0 },
      { name: 'half', permission: 'read-only', projects: 'all', expiresInDays: 1.5 },
    ] as const) {
      const response = await create(dana, body);
      assert.equal(response.status, 400, body.name);
      assert.equal(response.json.error.code, 'invalid_request');
      assert.match(response.json.error.message, /expiresInDays/);
    }
  });

  test('read-write needs 2FA on the account (403 two_factor_required); read-only does not', async () => {
    const eli = await session('eli');
    const refused = await create(eli, { name: 'rw', permission: 'read-write', projects: ['web-kit'] });
    assert.equal(refused.status, 403);
    assert.equal(refused.json.error.code, 'two_factor_required');
    const readOnly = await createOk(eli, { name: 'ro', permission: 'read-only', projects: ['web-kit'] });
    assert.equal(readOnly.createdWith2fa, false);
    assert.deepEqual((await list(eli)).map((token) => token.name), ['ro']);
  });

  test('an unknown project or one the caller does not collaborate on: 403 not_a_collaborator, nothing made', async () => {
    const dana = await session('dana');
    const before = (await list(dana)).length;
    for (const projects of [['no-such-project'], ['web-kit', 'fay-only'], ['FAY_ONLY']]) {
      const response = await create(dana, { name: 'scoped', permission: 'read-only', projects });
      assert.equal(response.status, 403, projects.join());
      assert.equal(response.json.error.code, 'not_a_collaborator');
    }
    assert.equal((await list(dana)).length, before);
  });

  test('bad ranges, names, fields and project lists: 400 invalid_request naming the field', async () => {
    const dana = await session('dana');
    for (const [body, field] of [
      [{ allowedCidrs: ['10.0.0.1/8'] }, /allowedCidrs.0: .*did you mean 10\.0\.0\.0\/8/],
      [{ allowedCidrs: ['10.0.0.0/33'] }, /allowedCidrs/],
      [{ allowedCidrs: ['2001:db8::/129'] }, /allowedCidrs/],
      [{ allowedCidrs: ['example.com'] }, /allowedCidrs/],
      [{ allowedCidrs: Array.from({ length: 33 }, (_, index) => `10.0.${index}.0/24`) }, /allowedCidrs/],
      [{ name: '   ' }, /name/],
      [{ name: 'x'.repeat(65) }, /name/],
      [{ name: 'tab\there' }, /name/],
      [{ description: 'd'.repeat(501) }, /description/],
      [{ permission: 'admin' }, /permission/],
      [{ projects: [] }, /projects/],
      [{ projects: 'some' }, /projects/],
      [{ projects: ['-bad-'] }, /projects/],
      [{ bypass2fa: 'yes' }, /bypass2fa/],
      [{ scopes: ['publish'] }, /scopes/],
    ] as const) {
      const response = await create(dana, { name: 'checked', permission: 'read-only', projects: 'all', ...body });
      assert.equal(response.status, 400, JSON.stringify(body).slice(0, 80));
      assert.equal(response.json.error.code, 'invalid_request');
      assert.match(response.json.error.message, field);
    }
  });

  test('a name an active token of the account has (in any case) is 409 name_taken; revoked or expired ones free it', async () => {
    const dana = await session('dana');
    const first = await createOk(dana, { name: 'Deploy', permission: 'read-only', projects: 'all', expiresInDays: 1 });
    const taken = await create(dana, { name: 'deploy', permission: 'read-only', projects: 'all' });
    assert.equal(taken.status, 409);
    assert.equal(taken.json.error.code, 'name_taken');
    // Another account may use the name.
    await createOk(await session('fay'), { name: 'deploy', permission: 'read-only', projects: 'all' });
    assert.equal((await harness.request('DELETE', revokeOne(first.id), { token: dana })).status, 204);
    const second = await createOk(dana, { name: 'DEPLOY', permission: 'read-only', projects: 'all', expiresInDays: 1 });
    harness.clock.now = Date.parse(second.expiresAt);
    await createOk(await session('dana'), { name: 'deploy', permission: 'read-only', projects: 'all' });
  });

  test('creating is sensitive: outside the confirmation window, 403 confirmation_required', async () => {
    const dana = await session('dana');
    harness.clock.now += 10 * 60 * 1000;
    const response = await create(dana, { name: 'late', permission: 'read-only', projects: 'all' });
    assert.equal(response.status, 403);
    assert.equal(response.json.error.code, 'confirmation_required');
  });

  test('GET /tokens lists active tokens newest first; state=all adds revoked and expired ones', async () => {
    const eli = await session('eli');
    const soon = await createOk(eli, { name: 'soon', permission: 'read-only', projects: 'all', expiresInDays: 1 });
    harness.clock.now += 1_000;
    const gone = await createOk(eli, { name: 'gone', permission: 'read-only', projects: 'all' });
    harness.clock.now += 1_000;
    const kept = await createOk(eli, { name: 'kept', permission: 'read-only', projects: ['web-kit'] });
    assert.equal((await harness.request('DELETE', revokeOne(gone.id), { token: eli })).status, 204);
    const revokedAt = new Date(harness.clock.now).toISOString();
    assert.deepEqual((await list(eli)).map((token) => token.name), ['kept', 'soon', 'ro']);
    harness.clock.now = Date.parse(soon.expiresAt);
    assert.deepEqual((await list(eli)).map((token) => token.name), ['kept', 'ro']);
    const all = await list(eli, '?state=all');
    assert.deepEqual(all.map((token) => [token.name, token.revokedAt]), [
      ['kept', null],
      ['gone', revokedAt],
      ['soon', null],
      ['ro', null],
    ]);
    assert.equal(all[0]?.id, kept.id);
    const bad = await harness.request('GET', `${routes.listTokens.path}?state=revoked`, { token: eli });
    assert.equal(bad.status, 400);
  });

  test('DELETE /tokens/{id}: 204, the token stops working, token.revoked (user); then, or for another account, 404', async () => {
    const dana = await session('dana');
    const fay = await session('fay');
    const mine = await createOk(dana, { name: 'to-revoke', permission: 'read-only', projects: 'all' });
    const theirs = await createOk(fay, { name: 'theirs', permission: 'read-only', projects: 'all' });
    assert.equal((await whoami(mine.token)).status, 200);

    assert.equal((await harness.request('DELETE', revokeOne(mine.id), { token: dana })).status, 204);
    const refused = await whoami(mine.token);
    assert.equal(refused.status, 401);
    assert.equal(refused.json.error.code, 'token_revoked');
    const [refusal, revoked] = await listEvents(harness, dana);
    assert.deepEqual([revoked?.type, revoked?.details], ['token.revoked', { reason: 'user', id: mine.id, name: 'to-revoke' }]);
    assert.deepEqual([refusal?.type, refusal?.details], ['token.refused', { reason: 'token_revoked', id: mine.id, name: 'to-revoke' }]);

    for (const id of [mine.id, theirs.id, '999999']) {
      const response = await harness.request('DELETE', revokeOne(id), { token: dana });
      assert.equal(response.status, 404, id);
      assert.equal(response.json.error.code, 'not_found');
    }
    assert.equal((await whoami(theirs.token)).status, 200, "fay's token still works");
    for (const id of ['0', '01', '-1', 'abc', '1.5', '12345678901234567', 'revoke']) {
      const response = await harness.request('DELETE', revokeOne(id), { token: dana });
      assert.equal(response.status, 400, id);
    }
  });

  test("POST /tokens/revoke: revokes the caller's unrevoked tokens among ids, each as token.revoked (bulk); others untouched", async () => {
    const dana = await session('dana');
    const fay = await session('fay');
    const [a, b] = [
      await createOk(dana, { name: 'bulk-a', permission: 'read-only', projects: 'all' }),
      await createOk(dana, { name: 'bulk-b', permission: 'read-only', projects: 'all' }),
    ];
    const theirs = await createOk(fay, { name: 'bulk-theirs', permission: 'read-only', projects: 'all' });
    const response = await harness.request('POST', routes.revokeTokens.path, { token: dana, body: { ids: [a.id, b.id, b.id, theirs.id, '999999'] } });
    assert.equal(response.status, 200);
    assert.deepEqual(response.json, { revoked: 2 });
    for (const token of [a, b]) assert.equal((await whoami(token.token)).json.error.code, 'token_revoked');
    assert.equal((await whoami(theirs.token)).status, 200);
    const events = (await listEvents(harness, dana)).filter((event) => event.type === 'token.revoked').slice(0, 2);
    assert.deepEqual(events.map((event) => event.details).sort((x, y) => String(x.name).localeCompare(String(y.name))), [
      { reason: 'bulk', id: a.id, name: 'bulk-a' },
      { reason: 'bulk', id: b.id, name: 'bulk-b' },
    ]);
    assert.deepEqual((await harness.request('POST', routes.revokeTokens.path, { token: dana, body: { ids: [a.id] } })).json, { revoked: 0 });
    for (const body of [{ ids: [] }, { ids: ['x'] }, { ids: a.id }, {}]) {
      assert.equal((await harness.request('POST', routes.revokeTokens.path, { token: dana, body })).status, 400);
    }
  });

  test('whoami answers for a session and for a token', async () => {
    const dana = await session('dana');
    assert.deepEqual(WhoamiResponse.parse((await whoami(dana)).json), { username: 'dana', via: 'session', token: null });
    const created = await createOk(dana, { name: 'who', permission: 'read-write', projects: ['web-kit'] });
    const response = await whoami(created.token);
    assert.equal(response.status, 200);
    assert.deepEqual(WhoamiResponse.parse(response.json), {
      username: 'dana',
      via: 'token',
      token: { id: created.id, name: 'who', permission: 'read-write', projects: ['web-kit'], expiresAt: created.expiresAt },
    });
    assert.equal((await harness.request('GET', routes.whoami.path)).status, 401);
  });

  test('a malformed, mistyped or unknown token is 401 invalid_token, and logs nothing anywhere', async () => {
    const dana = await session('dana');
    const created = await createOk(dana, { name: 'typo', permission: 'read-only', projects: 'all' });
    const before = (await listEvents(harness, dana)).length;
    const typo = `${created.token.slice(0, 12)}${created.token[12] === 'x' ? 'y' : 'x'}${created.token.slice(13)}`;
    const unknown = generateApiToken();
    for (const token of [typo, created.token.slice(0, -1), unknown, 'vgl_', `vgl_${'a'.repeat(200)}`]) {
      const response = await whoami(token);
      assert.equal(response.status, 401, token);
      assert.equal(response.json.error.code, 'invalid_token');
      assert.equal(response.headers['www-authenticate'], 'Bearer error="invalid_token"');
    }
    assert.equal((await listEvents(harness, dana)).length, before);
  });

  test('routes that take sessions only refuse tokens with 401 unauthenticated', async () => {
    const dana = await session('dana');
    const created = await createOk(dana, { name: 'no-account-access', permission: 'read-write', projects: 'all' });
    for (const [method, route] of [
      ['GET', routes.getAccount.path],
      ['GET', routes.listTokens.path],
      ['POST', routes.createToken.path],
      ['POST', routes.revokeTokens.path],
      ['DELETE', revokeOne(created.id)],
      ['GET', routes.listEvents.path],
      ['POST', routes.endOtherSessions.path],
    ] as const) {
      const body = method === 'POST' ? { ids: [created.id], name: 'x', permission: 'read-only', projects: 'all' } : undefined;
      const response = await harness.request(method, route, { token: created.token, ...(body ? { body } : {}) });
      assert.equal(response.status, 401, `${method} ${route}`);
      assert.equal(response.json.error.code, 'unauthenticated');
    }
    assert.equal((await whoami(created.token)).status, 200, 'not revoked by any of that');
  });

  test('no token is ever shown again: not in lists, events, or the database file', async () => {
    assert.ok(issued.length > 10);
    const texts: string[] = [];
    for (const user of ['dana', 'eli', 'fay'] as const) {
      const token = await session(user);
      texts.push(JSON.stringify(await list(token, '?state=all')), JSON.stringify(await listEvents(harness, token)));
    }
    const files = fs.readdirSync(harness.dataDir).map((name) => fs.readFileSync(path.join(harness.dataDir, name)).toString('latin1'));
    for (const token of issued) {
      for (const text of [...texts, ...files]) assert.equal(text.includes(token), false);
      assert.ok(texts.some((text) => text.includes(token.slice(0, 8))), 'the preview is');
    }
  });
});
