import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ProjectsResponse } from '../contract/project-schemas.ts';
import { routes } from '../contract/routes.ts';
import { CreatedToken, TokensResponse, type CreateTokenRequest } from '../contract/token-schemas.ts';
import { removeCollaborator } from './project-admin.ts';
import { listEvents, publish, signIn, startTestRegistry, type TestRegistry } from './test-support.ts';

const passwords = { gus: 'gus-Tundra-Parsnip-1', hal: 'hal-Lantern-Quartz-2' };
const day = 24 * 60 * 60 * 1000;

describe('API tokens as credentials: publishing, scope, expiry, address ranges, revocation and last use', () => {
  let harness: TestRegistry;
  let totpSecret = '';
  // A long-lived session of gus's for reading tokens and events, so reads need no new sign-in (and TOTP step).
  let reader = '';

  before(async () => {
    harness = await startTestRegistry({ sessionTtlMs: 400 * day });
    totpSecret = (await harness.addUser('gus', passwords.gus, true)).totpSecret!;
    await harness.addUser('hal', passwords.hal, false);
    harness.addProject('api-client', 'gus');
    harness.addProject('Cli.Tool', 'gus');
    harness.addProject('shared', 'hal', { gus: 'maintainer' });
    harness.addProject('hal-only', 'hal');
    reader = await signIn(harness, { username: 'gus', password: passwords.gus, otp: await harness.otp(totpSecret) });
  });
  after(() => harness.stop());

  const gus = async () => {
    harness.clock.now += 30_000;
    return signIn(harness, { username: 'gus', password: passwords.gus, otp: await harness.otp(totpSecret) });
  };
  const token = async (body: Partial<CreateTokenRequest>) => {
    const response = await harness.request('POST', routes.createToken.path, {
      token: await gus(),
      body: { name: `t${harness.clock.now}`, permission: 'read-write', projects: 'all', ...body },
    });
    assert.equal(response.status, 201, JSON.stringify(response.json));
    return CreatedToken.parse(response.json);
  };
  const releaseCount = () => harness.withStore((store) => (store.db.prepare('SELECT count(*) AS n FROM releases').get() as { n: number }).n);
  const refusedWith = async (response: Promise<{ status: number; json: { error: { code: string } } }>, status: number, code: string) => {
    const answered = await response;
    assert.equal(answered.status, status, JSON.stringify(answered.json));
    assert.equal(answered.json.error.code, code);
  };
  const tokenInfo = async (id: string) => {
    const response = await harness.request('GET', `${routes.listTokens.path}?state=all`, { token: reader });
    return TokensResponse.parse(response.json).tokens.find((entry) => entry.id === id)!;
  };
  const latestEvents = async (count: number) => (await listEvents(harness, reader)).filter((event) => event.type !== 'login.success').slice(0, count);

  test('a scoped token publishes its projects (any spelling), and nothing else: 403 out_of_scope', async () => {
    const scoped = await token({ name: 'scoped', projects: ['cli-tool'] });
    const published = await publish(harness, scoped.token, 'CLI_TOOL', '1.0.0');
    assert.equal(published.status, 201, JSON.stringify(published.json));
    assert.equal(published.json.project, 'Cli.Tool');
    const [event] = await latestEvents(1);
    assert.deepEqual([event?.type, event?.details], [
      'release.published',
      { project: 'Cli.Tool', version: '1.0.0', via: 'token', tokenId: scoped.id, tokenName: 'scoped' },
    ]);

    const before = releaseCount();
    // Another of the holder's projects, one of someone else's, and one nobody has: not this token's to touch.
    for (const project of ['api-client', 'hal-only', 'no-such-project']) {
      await refusedWith(publish(harness, scoped.token, project, '1.0.0'), 403, 'out_of_scope');
    }
    assert.equal(releaseCount(), before, 'nothing written');
    const [refusal] = await latestEvents(1);
    assert.deepEqual(refusal?.details, { reason: 'out_of_scope', id: scoped.id, name: 'scoped', project: 'no-such-project' });

    // With the token, the project list shows only what it covers.
    const listed = await harness.request('GET', routes.listProjects.path, { token: scoped.token });
    assert.deepEqual(ProjectsResponse.parse(listed.json).projects.map((project) => project.name), ['Cli.Tool']);
  });

  test('an "all" token covers every project of the holder: unknown is 404, not theirs is 403 not_a_collaborator', async () => {
    const all = await token({ name: 'everything', projects: 'all' });
    for (const project of ['api-client', 'shared']) {
      assert.equal((await publish(harness, all.token, project, '2.0.0')).status, 201, project);
    }
    await refusedWith(publish(harness, all.token, 'no-such-project', '1.0.0'), 404, 'not_found');
    await refusedWith(publish(harness, all.token, 'hal-only', '1.0.0'), 403, 'not_a_collaborator');
    await refusedWith(publish(harness, all.token, 'api-client', '2.0.0'), 409, 'release_exists');
    const listed = await harness.request('GET', routes.listProjects.path, { token: all.token });
    assert.deepEqual(ProjectsResponse.parse(listed.json).projects.map((project) => [project.name, project.role]), [
      ['api-client', 'owner'],
      ['Cli.Tool', 'owner'],
      ['shared', 'maintainer'],
    ]);
  });

  test('a read-only token cannot publish: 403 read_only_token, nothing written, the refusal logged', async () => {
    const readOnly = await token({ name: 'reader', permission: 'read-only', projects: ['api-client'] });
    const before = releaseCount();
    await refusedWith(publish(harness, readOnly.token, 'api-client', '3.0.0'), 403, 'read_only_token');
    assert.equal(releaseCount(), before);
    const [refusal] = await latestEvents(1);
    assert.deepEqual([refusal?.type, refusal?.details], [
      'token.refused',
      { reason: 'read_only_token', id: readOnly.id, name: 'reader', project: 'api-client' },
    ]);
    assert.equal((await harness.request('GET', routes.whoami.path, { token: readOnly.token })).status, 200, 'but it may read');
  });

  test('expiry: accepted until a millisecond before expiresAt; at it and after, 401 token_expired', async () => {
    const shortLived = await token({ name: 'short', projects: ['api-client'], expiresInDays: 1 });
    const expiresAt = Date.parse(shortLived.expiresAt);
    harness.clock.now = expiresAt - 1;
    assert.equal((await harness.request('GET', routes.whoami.path, { token: shortLived.token })).status, 200);
    assert.equal((await publish(harness, shortLived.token, 'api-client', '4.0.0')).status, 201);
    harness.clock.now = expiresAt;
    await refusedWith(harness.request('GET', routes.whoami.path, { token: shortLived.token }), 401, 'token_expired');
    await refusedWith(publish(harness, shortLived.token, 'api-client', '4.0.1'), 401, 'token_expired');
    harness.clock.now = expiresAt + 30 * day;
    await refusedWith(publish(harness, shortLived.token, 'api-client', '4.0.1'), 401, 'token_expired');
    const [refusal] = await latestEvents(1);
    assert.deepEqual(refusal?.details, { reason: 'token_expired', id: shortLived.id, name: 'short' });
  });

  test('a revoked token: 401 token_revoked for publishing and whoami alike', async () => {
    const revoked = await token({ name: 'revoked', projects: ['api-client'] });
    const session = await gus();
    assert.equal((await harness.request('DELETE', routes.revokeToken.path.replace('{id}', revoked.id), { token: session })).status, 204);
    await refusedWith(publish(harness, revoked.token, 'api-client', '5.0.0'), 401, 'token_revoked');
    await refusedWith(harness.request('GET', routes.whoami.path, { token: revoked.token }), 401, 'token_revoked');
  });

  test('allowed ranges: from outside them, 403 ip_not_allowed for every use; from inside, accepted', async () => {
    const limited = await token({ name: 'limited', projects: ['api-client'], allowedCidrs: ['127.0.0.2/32', '2001:db8::/32'] });
    const before = releaseCount();
    await refusedWith(publish(harness, limited.token, 'api-client', '6.0.0', undefined, { from: '127.0.0.1' }), 403, 'ip_not_allowed');
    await refusedWith(harness.request('GET', routes.whoami.path, { token: limited.token, from: '127.0.0.3' }), 403, 'ip_not_allowed');
    assert.equal(releaseCount(), before);
    const [refusal] = await latestEvents(1);
    assert.deepEqual([refusal?.type, refusal?.ip, refusal?.details], [
      'token.refused',
      '127.0.0.3',
      { reason: 'ip_not_allowed', id: limited.id, name: 'limited' },
    ]);
    assert.equal((await publish(harness, limited.token, 'api-client', '6.0.0', undefined, { from: '127.0.0.2' })).status, 201);
    assert.equal((await harness.request('GET', routes.whoami.path, { token: limited.token, from: '127.0.0.2' })).status, 200);

    // A token limited to IPv6 ranges is refused to an IPv4 client (the matching itself is unit-tested in cidr.test.ts).
    const ipv6Only = await token({ name: 'ipv6-only', projects: 'all', allowedCidrs: ['::1/128', '2001:db8::/32'] });
    await refusedWith(harness.request('GET', routes.whoami.path, { token: ipv6Only.token }), 403, 'ip_not_allowed');
    const wide = await token({ name: 'loopback', projects: 'all', allowedCidrs: ['127.0.0.0/8'] });
    assert.equal((await harness.request('GET', routes.whoami.path, { token: wide.token, from: '127.0.0.9' })).status, 200);
  });

  test('a holder removed from the project since the token was made: 403 not_a_collaborator', async () => {
    const onShared = await token({ name: 'on-shared', projects: ['shared'] });
    assert.equal((await publish(harness, onShared.token, 'shared', '7.0.0')).status, 201);
    harness.withStore((store) => removeCollaborator(store, { project: 'shared', username: 'gus' }));
    const before = releaseCount();
    await refusedWith(publish(harness, onShared.token, 'shared', '7.0.1'), 403, 'not_a_collaborator');
    assert.equal(releaseCount(), before);
    const [refusal] = await latestEvents(1);
    assert.deepEqual(refusal?.details, { reason: 'not_a_collaborator', id: onShared.id, name: 'on-shared', project: 'shared' });
    const listed = await harness.request('GET', routes.listProjects.path, { token: onShared.token });
    assert.deepEqual(listed.json.projects, [], 'and the project list no longer shows it');
  });

  test('last use: every publish, reads at most once a second per address, and each new address logged once', async () => {
    const used = await token({ name: 'used', projects: ['api-client'] });
    assert.equal((await tokenInfo(used.id)).lastUsed, null);
    const whoamiFrom = (from: string) => harness.request('GET', routes.whoami.path, { token: used.token, from });
    const lastUsed = async () => (await tokenInfo(used.id)).lastUsed;
    const at = (time: number, ip: string) => ({ time: new Date(time).toISOString(), ip });

    const start = harness.clock.now;
    assert.equal((await whoamiFrom('127.0.0.3')).status, 200);
    assert.deepEqual(await lastUsed(), at(start, '127.0.0.3'));
    harness.clock.now = start + 999;
    await whoamiFrom('127.0.0.3');
    assert.deepEqual(await lastUsed(), at(start, '127.0.0.3'), 'a read within the second is not written');
    harness.clock.now = start + 1_000;
    await whoamiFrom('127.0.0.3');
    assert.deepEqual(await lastUsed(), at(start + 1_000, '127.0.0.3'));
    harness.clock.now = start + 1_100;
    await whoamiFrom('127.0.0.4');
    assert.deepEqual(await lastUsed(), at(start + 1_100, '127.0.0.4'), 'another address is written at once');
    harness.clock.now = start + 1_200;
    await whoamiFrom('127.0.0.3');
    assert.deepEqual(await lastUsed(), at(start + 1_200, '127.0.0.3'));
    harness.clock.now = start + 1_300;
    assert.equal((await publish(harness, used.token, 'api-client', '8.0.0', undefined, { from: '127.0.0.3' })).status, 201);
    assert.deepEqual(await lastUsed(), at(start + 1_300, '127.0.0.3'), 'a publish is always written');

    const newAddresses = (await listEvents(harness, reader)).filter(
      (event) => event.type === 'token.used_from_new_ip' && event.details.id === used.id,
    );
    assert.deepEqual(newAddresses.map((event) => [event.ip, event.details]), [
      ['127.0.0.4', { id: used.id, name: 'used' }],
      ['127.0.0.3', { id: used.id, name: 'used' }],
    ]);
  });

  test('a refusal repeated from one address is logged once a minute, not once a request', async () => {
    const repeat = await token({ name: 'repeat', permission: 'read-only', projects: 'all' });
    const refusals = async () =>
      (await listEvents(harness, reader)).filter((event) => event.type === 'token.refused' && event.details.id === repeat.id).length;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await refusedWith(publish(harness, repeat.token, 'api-client', '9.0.0'), 403, 'read_only_token');
    }
    assert.equal(await refusals(), 1);
    await refusedWith(publish(harness, repeat.token, 'api-client', '9.0.0', undefined, { from: '127.0.0.5' }), 403, 'read_only_token');
    assert.equal(await refusals(), 2, 'another address is logged');
    harness.clock.now += 60_000;
    await refusedWith(publish(harness, repeat.token, 'api-client', '9.0.0'), 403, 'read_only_token');
    assert.equal(await refusals(), 3, 'a minute later, again');
  });

  test('a token revoked while its artifact uploads publishes nothing', async () => {
    const slow = await token({ name: 'slow-upload', projects: ['api-client'] });
    const session = await gus();
    const before = releaseCount();
    // Send the headers, revoke the token, then finish the body.
    const http = await import('node:http');
    const url = new URL('/api/v1/projects/api-client/releases/10.0.0', harness.registry.url);
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(url, {
        method: 'PUT',
        headers: { authorization: `Bearer ${slow.token}`, 'content-type': 'application/octet-stream', 'content-length': '8' },
      }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      request.on('error', reject);
      request.write('half');
      setTimeout(async () => {
        await harness.request('DELETE', routes.revokeToken.path.replace('{id}', slow.id), { token: session });
        request.end('done');
      }, 100);
    });
    const { status, body } = await answer;
    assert.equal(status, 401, body);
    assert.equal(JSON.parse(body).error.code, 'token_revoked');
    assert.equal(releaseCount(), before);
  });
});
