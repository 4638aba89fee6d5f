// PUT /<name> (npm publish) over plain HTTP, with the package document npm 11 sends
// (libnpmpublish): every refusal the JSON API's publish route gives, in npm's error shape; the documents that
// cannot be one release; the size limits; and that this catch-all route leaves every other route alone.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { maxArtifactBytes } from '../../contract/project-schemas.ts';
import { routes } from '../../contract/routes.ts';
import { CreatedToken, type CreateTokenRequest } from '../../contract/token-schemas.ts';
import { listEvents, publish, signIn, startTestRegistry, type TestRegistry } from '../test-support.ts';
import { npmPublishBodyLimit } from './npm-publish-route.ts';

const passwords = { hank: 'hank-Cobalt-Prairie-Mint-9', ida: 'ida-Walnut-Signal-Reef-1' };
const day = 24 * 60 * 60 * 1000;

/** A package document as npm 11 sends it, for `name` at `version` with `tarball` attached. */
function npmDocument(name: string, version: string, tarball: Buffer, readme = 'ERROR: No README data found!') {
  return {
    _id: name,
    name,
    'dist-tags': { latest: version },
    versions: {
      [version]: {
        name,
        version,
        readme,
        _id: `${name}@${version}`,
        _nodeVersion: '24.21.0',
        _npmVersion: '11.21.2',
        dist: {
          integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
          shasum: createHash('sha1').update(tarball).digest('hex'),
          tarball: `http://127.0.0.1/${name}/-/${name}-${version}.tgz`,
        },
      },
    },
    access: null,
    _attachments: {
      [`${name}-${version}.tgz`]: { content_type: 'application/octet-stream', data: tarball.toString('base64'), length: tarball.length },
    },
  };
}

describe('PUT /<name> (npm publish) over HTTP', () => {
  let harness: TestRegistry;
  let totpSecret: string;
  let hank: string;
  let ida: string;
  const tarball = gzipSync(Buffer.from('package/package.json'));

  before(async () => {
    harness = await startTestRegistry({ sessionTtlMs: 400 * day });
    totpSecret = (await harness.addUser('hank', passwords.hank, true)).totpSecret!;
    await harness.addUser('ida', passwords.ida, false);
    harness.addProject('Cli.Tool', 'hank');
    harness.addProject('hanks-other', 'hank');
    harness.addProject('ida-only', 'ida');
    hank = await signIn(harness, { username: 'hank', password: passwords.hank, otp: await harness.otp(totpSecret) });
    ida = await signIn(harness, { username: 'ida', password: passwords.ida });
  });
  after(() => harness.stop());

  // npm escapes a scoped name's slash only (npm-package-arg's escapedName).
  const put = (name: string, body: unknown, credential?: string, from?: string) =>
    harness.request('PUT', `/${name.replace('/', '%2f')}`, { body, ...(credential ? { token: credential } : {}), ...(from ? { from } : {}) });
  const token = async (body: Partial<CreateTokenRequest>) => {
    const request = { name: `t${harness.clock.now}`, permission: 'read-write', projects: ['cli-tool'], ...body };
    const response = await harness.request('POST', routes.createToken.path, { token: hank, body: request });
    assert.equal(response.status, 201, JSON.stringify(response.json));
    harness.clock.now += 1;
    return CreatedToken.parse(response.json);
  };
  const releaseCount = () => harness.withStore((store) => (store.db.prepare('SELECT count(*) AS n FROM releases').get() as { n: number }).n);
  const assertRefused = (response: { status: number; headers: Record<string, unknown>; json: { code: string; error: unknown } }, status: number, code: string) => {
    assert.deepEqual([response.status, response.json.code, typeof response.json.error], [status, code, 'string'], JSON.stringify(response.json));
    // npm shows a Bearer challenge as "your token seems to be invalid" instead of the message.
    assert.equal(response.headers['www-authenticate'], undefined);
  };

  test('with a session: 201 {ok, project, version, sha256, size, publishedAt}, any spelling of the name; then release_exists', async () => {
    const published = await put('cli-tool', npmDocument('cli-tool', '1.0.0', tarball), hank);
    assert.equal(published.status, 201, JSON.stringify(published.json));
    assert.deepEqual(published.json, {
      ok: true,
      project: 'Cli.Tool',
      version: '1.0.0',
      sha256: createHash('sha256').update(tarball).digest('hex'),
      size: tarball.length,
      publishedAt: new Date(harness.clock.now).toISOString(),
    });
    const [event] = await listEvents(harness, hank);
    assert.deepEqual([event?.type, event?.details], [
      'release.published',
      { project: 'Cli.Tool', version: '1.0.0', via: 'session', tokenId: null, tokenName: null },
    ]);
    const again = await put('CLI_TOOL', npmDocument('CLI_TOOL', '1.0.0', tarball), hank);
    assertRefused(again, 409, 'release_exists');
    assert.match(again.json.error, /Version 1\.0\.0 of this project was published already/);
    assertRefused(await put('cli-tool', npmDocument('cli-tool', '1.0.1', tarball), ida), 403, 'not_a_collaborator');
    assertRefused(await put('cli-tool', npmDocument('cli-tool', '1.0.1', tarball)), 401, 'unauthenticated');
  });

  test('with API tokens: the token refusals of the JSON API, each logged, nothing written; a covering token publishes', async () => {
    const scoped = await token({ name: 'scoped' });
    const elsewhere = await token({ name: 'elsewhere', projects: ['hanks-other'] });
    const readOnly = await token({ name: 'reader', permission: 'read-only' });
    const all = await token({ name: 'all', projects: 'all' });
    const limited = await token({ name: 'limited', allowedCidrs: ['127.0.0.2/32'] });
    const revoked = await token({ name: 'revoked' });
    assert.equal((await harness.request('DELETE', routes.revokeToken.path.replace('{id}', revoked.id), { token: hank })).status, 204);
    const shortLived = await token({ name: 'short', expiresInDays: 1 });
    const document = npmDocument('cli-tool', '2.0.0', tarball);
    const before = releaseCount();

    assertRefused(await put('cli-tool', document, readOnly.token), 403, 'read_only_token');
    const outOfScope = await put('cli-tool', document, elsewhere.token);
    assertRefused(outOfScope, 403, 'out_of_scope');
    assert.equal(outOfScope.json.error, 'This API token does not cover project "Cli.Tool"');
    const [refusal] = await listEvents(harness, hank);
    assert.deepEqual([refusal?.type, refusal?.details], ['token.refused', { reason: 'out_of_scope', id: elsewhere.id, name: 'elsewhere', project: 'Cli.Tool' }]);
    assertRefused(await put('ida-only', npmDocument('ida-only', '1.0.0', tarball), all.token), 403, 'not_a_collaborator');
    assertRefused(await put('no-such-project', npmDocument('no-such-project', '1.0.0', tarball), all.token), 404, 'not_found');
    assertRefused(await put('cli-tool', document, limited.token), 403, 'ip_not_allowed');
    assertRefused(await put('cli-tool', document, revoked.token), 401, 'token_revoked');
    assertRefused(await put('cli-tool', document, `vgl_${'0'.repeat(36)}`), 401, 'invalid_token');
    harness.clock.now = Date.parse(shortLived.expiresAt);
    assertRefused(await put('cli-tool', document, shortLived.token), 401, 'token_expired');
    assert.equal(releaseCount(), before, 'nothing written');

    assert.equal((await put('cli-tool', document, limited.token, '127.0.0.2')).status, 201);
    const published = await put('cli-tool', npmDocument('cli-tool', '2.0.1', tarball), scoped.token);
    assert.equal(published.status, 201, JSON.stringify(published.json));
    const [event] = await listEvents(harness, hank);
    assert.deepEqual(event?.details, { project: 'Cli.Tool', version: '2.0.1', via: 'token', tokenId: scoped.id, tokenName: 'scoped' });
  });

  test('names: a scoped one names no project (404 in npm’s shape); other paths are unknown routes', async () => {
    const scoped = await put('@hank/cli-tool', npmDocument('@hank/cli-tool', '1.0.0', tarball), hank);
    assertRefused(scoped, 404, 'not_found');
    assert.match(scoped.json.error, /no @scope/);
    // npm asks for the package document first (npm-package.test.ts): a scoped name is npm's 404 there too.
    assertRefused(await harness.request('GET', '/@hank%2fcli-tool', { token: hank }), 404, 'not_found');
    for (const [method, path] of [['GET', '/.env'], ['PUT', '/.env'], ['PUT', '/cli%20tool']] as const) {
      const unknown = await harness.request(method, path, { token: hank, ...(method === 'PUT' ? { body: {} } : {}) });
      assert.deepEqual([unknown.status, unknown.json.error.code], [404, 'not_found'], `${method} ${path}`);
    }
  });

  test('a document that is not one release is 400, and writes nothing', async () => {
    const good = () => npmDocument('cli-tool', '3.0.0', tarball);
    const attachment = (document: ReturnType<typeof good>) => document._attachments['cli-tool-3.0.0.tgz']!;
    const twoVersions = good();
    twoVersions.versions['3.0.1'] = { ...twoVersions.versions['3.0.0']!, version: '3.0.1' };
    const withProvenance = good();
    Object.assign(withProvenance._attachments, { 'cli-tool-3.0.0.sigstore': { content_type: 'application/json', data: '{}', length: 2 } });
    const notBase64 = good();
    attachment(notBase64).data = `${attachment(notBase64).data.slice(0, -4)}*@!=`;
    const wrongLength = good();
    attachment(wrongLength).length += 1;
    const cases: [unknown, RegExp][] = [
      [{ ...good(), name: 'other' }, /not for cli-tool/],
      [{ ...good(), _id: 'other' }, /not for cli-tool/],
      [{ ...good(), versions: {} }, /exactly one/],
      [twoVersions, /exactly one/],
      [{ ...good(), versions: { '3.0.0': { ...good().versions['3.0.0']!, version: '3.0.1' } } }, /disagree/],
      [npmDocument('cli-tool', 'v3', tarball), /^version: /],
      [withProvenance, /nothing else/],
      [{ ...good(), _attachments: { 'other-3.0.0.tgz': attachment(good()) } }, /attach the package tarball, cli-tool-3\.0\.0\.tgz/],
      [notBase64, /not base64/],
      [wrongLength, /length says/],
      [{ _id: 'cli-tool', name: 'cli-tool' }, /^versions: /],
    ];
    const before = releaseCount();
    for (const [body, message] of cases) {
      const response = await put('cli-tool', body, hank);
      assertRefused(response, 400, 'invalid_request');
      assert.match(response.json.error, message);
    }
    const text = await harness.request('PUT', '/cli-tool', { token: hank, rawBody: 'x', headers: { 'content-type': 'text/plain' } });
    assertRefused(text, 400, 'invalid_request');
    assert.equal(releaseCount(), before);
  });

  test('sizes: a 10 MiB tarball with a readme fits the body limit; 1 byte more is 413, as is a body over the limit', async () => {
    const largest = Buffer.alloc(maxArtifactBytes, 7);
    const accepted = await put('cli-tool', npmDocument('cli-tool', '4.0.0', largest, 'r'.repeat(512 * 1024)), hank);
    assert.equal(accepted.status, 201, JSON.stringify(accepted.json));
    assert.equal(accepted.json.size, maxArtifactBytes);
    const over = await put('cli-tool', npmDocument('cli-tool', '4.0.1', Buffer.alloc(maxArtifactBytes + 1, 7)), hank);
    assertRefused(over, 413, 'payload_too_large');
    assert.equal(over.json.error, 'The artifact is larger than 10 MiB');
    const huge = await put('cli-tool', npmDocument('cli-tool', '4.0.2', tarball, 'r'.repeat(npmPublishBodyLimit)), hank);
    assertRefused(huge, 413, 'payload_too_large');
    assert.match(huge.json.error, /package document is too large/);
  });

  test('the catch-all route shadows nothing: the JSON API, its 404s, /-/ routes and the JSON publish route are as before', async () => {
    const unknownApi = await harness.request('GET', '/api/v1/nothing', { token: hank });
    assert.deepEqual([unknownApi.status, unknownApi.json.error.code], [404, 'not_found']);
    const unknownPut = await harness.request('PUT', '/api/v1/session', { body: {} });
    assert.deepEqual([unknownPut.status, unknownPut.json.error.code], [404, 'not_found']);
    const unknownDash = await harness.request('GET', '/-/nothing');
    assert.deepEqual([unknownDash.status, unknownDash.json.error.code], [404, 'not_found']);
    assert.equal((await harness.request('GET', '/api/openapi.json')).status, 200);
    assert.deepEqual((await harness.request('GET', '/-/whoami', { token: hank })).json, { username: 'hank' });
    const login = await harness.request('PUT', '/-/user/org.couchdb.user:ida', { body: { name: 'ida', password: passwords.ida } });
    assert.equal(login.status, 201);
    const viaJson = await publish(harness, hank, 'cli-tool', '5.0.0');
    assert.deepEqual([viaJson.status, viaJson.json.project], [201, 'Cli.Tool']);
    const projects = await harness.request('GET', routes.listProjects.path, { token: hank });
    assert.equal(projects.json.projects.find((project: { name: string }) => project.name === 'Cli.Tool').latestRelease.version, '5.0.0');
  });
});
