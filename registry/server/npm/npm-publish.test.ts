// `npm publish` with the real npm CLI and API tokens made through the JSON API: a token that covers the project
// publishes a release, and every token refusal (scope, read-only, expired, revoked) reaches the user as the
// registry's own message, with nothing written. The document npm sends and the other answers, over plain HTTP, are
// in npm-publish-http.test.ts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ProjectsResponse } from '../../contract/project-schemas.ts';
import { routes } from '../../contract/routes.ts';
import { CreatedToken, TokensResponse, type CreateTokenRequest } from '../../contract/token-schemas.ts';
import { listEvents, signIn, startTestRegistry, type TestRegistry } from '../test-support.ts';
import { npmRunner, type NpmRunner } from './npm-cli-runner.ts';

const password = 'cy-Juniper-Basalt-Heron-5';
const day = 24 * 60 * 60 * 1000;

describe('npm publish through the npm CLI', () => {
  let harness: TestRegistry;
  let npm: NpmRunner;
  let packages: string;
  let session: string;

  before(async () => {
    harness = await startTestRegistry({ sessionTtlMs: 400 * day });
    const { totpSecret } = await harness.addUser('cy', password, true);
    harness.addProject('left-pad', 'cy');
    harness.addProject('right-pad', 'cy');
    session = await signIn(harness, { username: 'cy', password, otp: await harness.otp(totpSecret!) });
    npm = npmRunner(harness.registry.url);
    packages = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-npm-packages-'));
  });
  after(async () => {
    npm.cleanup();
    fs.rmSync(packages, { recursive: true, force: true });
    await harness.stop();
  });

  const token = async (body: Partial<CreateTokenRequest>) => {
    const request = { name: `t${Object.keys(body).join('')}${harness.clock.now}`, permission: 'read-write', projects: ['left-pad'], ...body };
    const response = await harness.request('POST', routes.createToken.path, { token: session, body: request });
    assert.equal(response.status, 201, JSON.stringify(response.json));
    return CreatedToken.parse(response.json);
  };
  /** A package folder as a user would have one: package.json and a module. */
  const packageFolder = (name: string, version: string) => {
    const folder = path.join(packages, `${name}-${version}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name, version, main: 'index.js', license: 'MIT' }, null, 2));
    fs.writeFileSync(path.join(folder, 'index.js'), 'export const pad = (text, width) => text.padStart(width);\n');
    return folder;
  };
  const latestRelease = async (project: string) => {
    const listed = ProjectsResponse.parse((await harness.request('GET', routes.listProjects.path, { token: session })).json);
    return listed.projects.find((entry) => entry.name === project)?.latestRelease?.version ?? null;
  };
  const refused = async (authToken: string, message: RegExp) => {
    const result = await npm.run(['publish', packageFolder('left-pad', '2.0.0')], { authToken });
    assert.notEqual(result.code, 0, result.stdout);
    assert.match(result.stderr, message);
    assert.equal(await latestRelease('left-pad'), '1.0.0', 'nothing written');
  };

  test('a read-write token that covers the project publishes it: the tarball as the artifact, the event, the token’s use', async () => {
    const publisher = await token({ name: 'publisher' });
    const result = await npm.run(['publish', packageFolder('left-pad', '1.0.0')], { authToken: publisher.token });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /\+ left-pad@1\.0\.0/);
    assert.equal(await latestRelease('left-pad'), '1.0.0');
    const artifact = harness.withStore((store) => {
      const [release] = store.releases.list(store.projects.findByNormalizedName('left-pad')!.id);
      return Buffer.from(store.releases.artifact(release!.id)!);
    });
    assert.deepEqual([...artifact.subarray(0, 2)], [0x1f, 0x8b], 'npm’s gzipped tarball');
    const tokens = TokensResponse.parse((await harness.request('GET', routes.listTokens.path, { token: session })).json).tokens;
    assert.equal(tokens.find((entry) => entry.id === publisher.id)?.lastUsed?.ip, '127.0.0.1');
    const [published] = (await listEvents(harness, session)).filter((event) => event.type === 'release.published');
    assert.deepEqual(published?.details, { project: 'left-pad', version: '1.0.0', via: 'token', tokenId: publisher.id, tokenName: 'publisher' });
    const again = await npm.run(['publish', packageFolder('left-pad', '1.0.0')], { authToken: publisher.token });
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /409 Conflict - PUT http:\/\/127\.0\.0\.1:\d+\/left-pad - Version 1\.0\.0 of this project was published already/);
  });

  test('a token for another project, or a read-only one, is refused with the registry’s message', async () => {
    const elsewhere = await token({ name: 'elsewhere', projects: ['right-pad'] });
    await refused(elsewhere.token, /403 Forbidden - PUT http:\/\/127\.0\.0\.1:\d+\/left-pad - This API token does not cover project "left-pad"/);
    const reader = await token({ name: 'reader', permission: 'read-only' });
    await refused(reader.token, /403 Forbidden - PUT .*\/left-pad - This API token is read-only: it cannot publish/);
  });

  test('an expired or a revoked token is refused with the registry’s message', async () => {
    const revoked = await token({ name: 'revoked' });
    const revocation = await harness.request('DELETE', routes.revokeToken.path.replace('{id}', revoked.id), { token: session });
    assert.equal(revocation.status, 204);
    await refused(revoked.token, /401 Unauthorized - PUT .*\/left-pad - This API token was revoked/);
    const shortLived = await token({ name: 'short', expiresInDays: 1 });
    harness.clock.now = Date.parse(shortLived.expiresAt);
    await refused(shortLived.token, /401 Unauthorized - PUT .*\/left-pad - This API token has expired; create a new one/);
  });
});
