import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ProjectsResponse, ReleaseResponse } from '../contract/project-schemas.ts';
import { routes } from '../contract/routes.ts';
import { listEvents, publish, signIn, startTestRegistry, type TestRegistry } from './test-support.ts';

const passwords = { ann: 'ann-Tundra-Parsnip-1', ben: 'ben-Lantern-Quartz-2', cy: 'cy-Harbor-Violin-Fig-3' };
const MiB = 1024 * 1024;

describe('GET /projects and PUT /projects/{name}/releases/{version} with a session', () => {
  let harness: TestRegistry;
  const sessions = { ann: '', ben: '', cy: '' };

  before(async () => {
    harness = await startTestRegistry({ sessionTtlMs: 365 * 24 * 60 * 60 * 1000 });
    for (const name of ['ann', 'ben', 'cy'] as const) {
      await harness.addUser(name, passwords[name], false);
      sessions[name] = await signIn(harness, { username: name, password: passwords[name] });
    }
    harness.addProject('Foo_Bar', 'ann', { ben: 'maintainer' });
    harness.clock.now += 1_000;
    harness.addProject('alpha', 'ben');
  });
  after(() => harness.stop());

  const projects = async (token: string) => {
    const response = await harness.request('GET', routes.listProjects.path, { token });
    assert.equal(response.status, 200);
    return ProjectsResponse.parse(response.json).projects;
  };

  test("lists the caller's projects by name, with role, creation time and the latest release", async () => {
    assert.deepEqual(await projects(sessions.ben), [
      { name: 'alpha', role: 'owner', createdAt: new Date(harness.clock.now).toISOString(), latestRelease: null },
      { name: 'Foo_Bar', role: 'maintainer', createdAt: new Date(harness.clock.now - 1_000).toISOString(), latestRelease: null },
    ]);
    assert.deepEqual((await projects(sessions.ann)).map((project) => [project.name, project.role]), [['Foo_Bar', 'owner']]);
    assert.deepEqual(await projects(sessions.cy), []);
    assert.equal((await harness.request('GET', routes.listProjects.path)).status, 401);
  });

  test('publishing: 201 with the digest and size; the latest release follows; the bytes are kept', async () => {
    harness.clock.now += 60_000;
    const artifact = Buffer.from('a small tarball, as far as the registry cares');
    const first = await publish(harness, sessions.ann, 'Foo_Bar', '1.0.0', artifact);
    assert.equal(first.status, 201, JSON.stringify(first.json));
    assert.deepEqual(ReleaseResponse.parse(first.json), {
      project: 'Foo_Bar',
      version: '1.0.0',
      sha256: createHash('sha256').update(artifact).digest('hex'),
      size: artifact.length,
      publishedAt: new Date(harness.clock.now).toISOString(),
    });
    harness.clock.now += 60_000;
    const second = await publish(harness, sessions.ben, 'foo-bar', '1.1.0-rc.1+build.5');
    assert.equal(second.status, 201, JSON.stringify(second.json));
    const [fooBar] = (await projects(sessions.ann)).filter((project) => project.name === 'Foo_Bar');
    assert.deepEqual(fooBar?.latestRelease, { version: '1.1.0-rc.1+build.5', publishedAt: new Date(harness.clock.now).toISOString() });

    const stored = harness.withStore((store) => {
      const project = store.projects.findByNormalizedName('foo-bar')!;
      const [newest, oldest] = store.releases.list(project.id);
      return { versions: [newest!.version, oldest!.version], bytes: Buffer.from(store.releases.artifact(oldest!.id)!) };
    });
    assert.deepEqual(stored.versions, ['1.1.0-rc.1+build.5', '1.0.0']);
    assert.deepEqual(stored.bytes, artifact);
  });

  test('names are normalised as PyPI does: Foo_Bar, foo-bar, FOO.bar and foo__bar are one project', async () => {
    for (const [index, name] of ['foo-bar', 'FOO.bar', 'foo__bar', 'fOO_-.BAR'].entries()) {
      const response = await publish(harness, sessions.ann, name, `2.0.${index}`);
      assert.equal(response.status, 201, name);
      assert.equal(response.json.project, 'Foo_Bar', 'shown as created');
    }
  });

  test('the same version again: 409 release_exists, and nothing is replaced', async () => {
    const response = await publish(harness, sessions.ben, 'FOO_BAR', '1.0.0', Buffer.from('something else'));
    assert.equal(response.status, 409);
    assert.equal(response.json.error.code, 'release_exists');
    const count = harness.withStore((store) => store.releases.list(store.projects.findByNormalizedName('foo-bar')!.id).length);
    assert.equal(count, 6);
  });

  test('an unknown project is 404 not_found; one the caller does not collaborate on is 403 not_a_collaborator', async () => {
    const unknown = await publish(harness, sessions.ann, 'no-such-project', '1.0.0');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error.code, 'not_found');
    for (const [who, project] of [['cy', 'Foo_Bar'], ['ann', 'alpha']] as const) {
      const refused = await publish(harness, sessions[who], project, '9.9.9');
      assert.equal(refused.status, 403, `${who} on ${project}`);
      assert.equal(refused.json.error.code, 'not_a_collaborator');
    }
    const written = harness.withStore((store) => store.releases.list(store.projects.findByNormalizedName('alpha')!.id).length);
    assert.equal(written, 0);
  });

  test('an artifact over 10 MiB is 413 payload_too_large; exactly 10 MiB is accepted', async () => {
    const over = await publish(harness, sessions.ben, 'alpha', '1.0.0', Buffer.alloc(10 * MiB + 1, 7));
    assert.equal(over.status, 413);
    assert.equal(over.json.error.code, 'payload_too_large');
    assert.match(over.json.error.message, /10 MiB/);
    const limit = await publish(harness, sessions.ben, 'alpha', '1.0.0', Buffer.alloc(10 * MiB, 7));
    assert.equal(limit.status, 201, JSON.stringify(limit.json));
    assert.equal(limit.json.size, 10 * MiB);
    // Elsewhere the JSON limit is unchanged, and no other route reads an artifact.
    const session = await harness.request('POST', routes.createSession.path, { body: { username: 'ann', password: 'x'.repeat(65 * 1024) } });
    assert.equal(session.status, 413);
    const octets = await harness.request('POST', routes.createSession.path, {
      rawBody: Buffer.alloc(MiB),
      headers: { 'content-type': 'application/octet-stream' },
    });
    assert.equal(octets.status, 400);
    assert.match(octets.json.error.message, /application\/json/);
  });

  test('a malformed name or version, an empty artifact or another content type: 400 invalid_request', async () => {
    for (const [name, version] of [
      ['-foo', '1.0.0'],
      ['foo bar', '1.0.0'],
      ['a'.repeat(101), '1.0.0'],
      ['alpha', 'v1.0.0'],
      ['alpha', '1..0'],
      ['alpha', '1.0.0-'],
      ['alpha', `1.${'0'.repeat(64)}`],
      ['alpha', '1.0/2'],
    ]) {
      const response = await publish(harness, sessions.ben, name!, version!);
      assert.equal(response.status, 400, `${name} ${version}`);
      assert.equal(response.json.error.code, 'invalid_request');
    }
    const empty = await publish(harness, sessions.ben, 'alpha', '3.0.0', Buffer.alloc(0));
    assert.equal(empty.status, 400);
    assert.match(empty.json.error.message, /empty/);
    const json = await harness.request('PUT', '/api/v1/projects/alpha/releases/3.0.0', { token: sessions.ben, body: { artifact: 'x' } });
    assert.equal(json.status, 400);
    assert.match(json.json.error.message, /application\/octet-stream/);
    const none = await harness.request('PUT', '/api/v1/projects/alpha/releases/3.0.0', { token: sessions.ben });
    assert.equal(none.status, 400);
  });

  test('credentials are checked before the artifact is read: no session, 401, whatever the size', async () => {
    const anonymous = await harness.request('PUT', '/api/v1/projects/alpha/releases/4.0.0', {
      rawBody: Buffer.alloc(10 * MiB + 1),
      headers: { 'content-type': 'application/octet-stream' },
    });
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.json.error.code, 'unauthenticated');
  });

  test('each release is in the publisher\'s log as release.published via session', async () => {
    const published = (await listEvents(harness, sessions.ann)).filter((event) => event.type === 'release.published');
    assert.deepEqual(published.at(-1)?.details, { project: 'Foo_Bar', version: '1.0.0', via: 'session', tokenId: null, tokenName: null });
    const ben = (await listEvents(harness, sessions.ben)).filter((event) => event.type === 'release.published');
    assert.deepEqual(ben.map((event) => event.details.version), ['1.0.0', '1.1.0-rc.1+build.5']);
    assert.deepEqual(ben.map((event) => event.details.project), ['alpha', 'Foo_Bar']);
  });
});
