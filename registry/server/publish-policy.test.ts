// Publishing over the JSON API while the project requires 2FA: a collaborator without 2FA is refused (403
// two_factor_required), everyone else needs a current one-time code in npm-otp (401 otp_required with
// WWW-Authenticate: OTP; a wrong or replayed one 401 invalid_otp), with a session and with a token alike, unless
// the token bypasses 2FA and the project lets such tokens. Refusals by the policy are logged for the publisher and
// the owners. npm's publish route shares these checks (npm/npm-publish-policy.test.ts drives it with the npm CLI).
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { routes } from '../contract/routes.ts';
import type { AuditEvent } from '../contract/schemas.ts';
import { CreatedToken, type CreateTokenRequest } from '../contract/token-schemas.ts';
import { listEvents, publish, signIn, startTestRegistry, type TestRegistry } from './test-support.ts';

const passwords = { tao: 'tao-Granite-Sparrow-Mint-1', uma: 'uma-Velvet-Harbor-Fig-2', vic: 'vic-Pebble-Lantern-Oak-3' };
type Person = keyof typeof passwords;
const day = 24 * 60 * 60 * 1000;

describe('publishing while the project requires 2FA (JSON API)', () => {
  let harness: TestRegistry;
  const sessions: Record<Person, string> = { tao: '', uma: '', vic: '' };
  const secrets: Partial<Record<Person, string>> = {};
  let version = 0;
  const next = () => `1.0.${(version += 1)}`;

  before(async () => {
    harness = await startTestRegistry({ sessionTtlMs: 400 * day, confirmWindowMs: 400 * day });
    // tao owns "guarded"; uma (2FA) and vic (no 2FA) maintain it.
    for (const person of Object.keys(passwords) as Person[]) {
      const account = await harness.addUser(person, passwords[person], person !== 'vic');
      if (account.totpSecret) secrets[person] = account.totpSecret;
      const otp = account.totpSecret ? await harness.otp(account.totpSecret) : undefined;
      sessions[person] = await signIn(harness, { username: person, password: passwords[person], ...(otp ? { otp } : {}) });
    }
    harness.addProject('guarded', 'tao', { uma: 'maintainer', vic: 'maintainer' });
  });
  after(() => harness.stop());

  // Each code in a TOTP step of its own: the replay guard refuses a step used before.
  const code = async (person: Person) => {
    harness.clock.now += 30_000;
    return harness.otp(secrets[person]!);
  };
  const withCode = (otp: string) => ({ headers: { 'npm-otp': otp } });
  const policy = async (level: 'none' | 'publish' | 'automation') => {
    const body = { publishRequires2fa: level !== 'none', automationTokensBypass2fa: level === 'automation' };
    const response = await harness.request('PUT', routes.setProjectPolicy.path.replace('{name}', 'guarded'), { token: sessions.tao, body });
    assert.equal(response.status, 200, JSON.stringify(response.json));
  };
  let tokens = 0;
  const token = async (person: Person, body: Partial<CreateTokenRequest>) => {
    const request = { name: `token ${(tokens += 1)}`, permission: 'read-write', projects: ['guarded'], expiresInDays: 30, ...body };
    const response = await harness.request('POST', routes.createToken.path, { token: sessions[person], body: request });
    assert.equal(response.status, 201, JSON.stringify(response.json));
    return CreatedToken.parse(response.json);
  };
  const refused = (response: { status: number; headers: http.IncomingHttpHeaders; json: { error: { code: string; message: string } } }, status: number, errorCode: string) => {
    assert.deepEqual([response.status, response.json.error.code], [status, errorCode], JSON.stringify(response.json));
    return response;
  };
  const refusals = async (person: Person) =>
    (await listEvents(harness, sessions[person])).filter((event) => event.type === 'release.refused').map((event: AuditEvent) => event.details);

  test('with the policy off, nothing more is asked; turning it on is allowed with a collaborator who lacks 2FA', async () => {
    assert.equal((await publish(harness, sessions.vic, 'guarded', next())).status, 201);
    await policy('publish');
    assert.equal((await harness.request('GET', routes.getProject.path.replace('{name}', 'guarded'), { token: sessions.vic })).json.policy.publishRequires2fa, true);
  });

  test('a collaborator without 2FA cannot publish, by session or token: 403 two_factor_required, logged for owners', async () => {
    const vicToken = await token('vic', { permission: 'read-only', projects: 'all' });
    const message = refused(await publish(harness, sessions.vic, 'guarded', '9.0.0'), 403, 'two_factor_required').json.error.message;
    assert.match(message, /Publishing "guarded" requires two-factor authentication, and this account has none/);
    // A read-only token is refused for that before the policy is asked.
    refused(await publish(harness, vicToken.token, 'guarded', '9.0.0'), 403, 'read_only_token');
    const expected = { project: 'guarded', actor: 'vic', reason: 'two_factor_required', version: '9.0.0', via: 'session', tokenId: null, tokenName: null };
    assert.deepEqual(await refusals('vic'), [expected]);
    assert.deepEqual(await refusals('tao'), [expected]);
    assert.deepEqual(await refusals('uma'), [], 'a maintainer is not told of others’ refusals');
    // The same refusal again within a minute is not logged again.
    refused(await publish(harness, sessions.vic, 'guarded', '9.0.0'), 403, 'two_factor_required');
    assert.equal((await refusals('tao')).length, 1);
  });

  test('with 2FA: no code is 401 otp_required with WWW-Authenticate: OTP (not logged); a current code publishes', async () => {
    const challenge = refused(await publish(harness, sessions.uma, 'guarded', next()), 401, 'otp_required');
    assert.equal(challenge.headers['www-authenticate'], 'OTP');
    assert.match(challenge.json.error.message, /one-time password: send the code from your authenticator app in the npm-otp header/);
    assert.deepEqual(await refusals('uma'), []);
    const otp = await code('uma');
    const published = await publish(harness, sessions.uma, 'guarded', next(), undefined, withCode(otp));
    assert.equal(published.status, 201, JSON.stringify(published.json));
    // The same code again is spent: 401 invalid_otp, logged.
    refused(await publish(harness, sessions.uma, 'guarded', next(), undefined, withCode(otp)), 401, 'invalid_otp');
    refused(await publish(harness, sessions.uma, 'guarded', next(), undefined, withCode('000000')), 401, 'invalid_otp');
    assert.deepEqual((await refusals('tao')).map((details) => [details.actor, details.reason]), [
      ['uma', 'invalid_otp'],
      ['vic', 'two_factor_required'],
    ]);
    refused(await publish(harness, sessions.uma, 'guarded', next(), undefined, withCode('12345')), 400, 'invalid_request');
  });

  test('a token needs a code too, unless it bypasses 2FA and the project lets automation tokens', async () => {
    const plain = await token('uma', {});
    const bypass = await token('uma', { bypass2fa: true });
    refused(await publish(harness, plain.token, 'guarded', next()), 401, 'otp_required');
    refused(await publish(harness, bypass.token, 'guarded', next()), 401, 'otp_required');
    assert.equal((await publish(harness, plain.token, 'guarded', next(), undefined, withCode(await code('uma')))).status, 201);
    await policy('automation');
    assert.equal((await publish(harness, bypass.token, 'guarded', next())).status, 201);
    refused(await publish(harness, plain.token, 'guarded', next()), 401, 'otp_required');
    await policy('none');
    assert.equal((await publish(harness, plain.token, 'guarded', next())).status, 201);
  });

  test('the policy turned on during an upload: the release is not written (401 otp_required)', async () => {
    const releases = () => harness.withStore((store) => store.releases.list(store.projects.findByNormalizedName('guarded')!.id).length);
    await policy('none');
    const before = releases();
    const artifact = Buffer.alloc(64 * 1024, 1);
    const target = new URL(`/api/v1/projects/guarded/releases/${next()}`, harness.registry.url);
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(target, {
        method: 'PUT',
        headers: { authorization: `Bearer ${sessions.uma}`, 'content-type': 'application/octet-stream', 'content-length': String(artifact.length) },
      }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      request.on('error', reject);
      request.write(artifact.subarray(0, 1024));
      // The checks before the upload have passed (no code asked); then the owner turns the policy on.
      setTimeout(() => {
        policy('publish').then(() => request.end(artifact.subarray(1024)), reject);
      }, 200);
    });
    const { status, body } = await answer;
    assert.deepEqual([status, JSON.parse(body).error.code], [401, 'otp_required']);
    assert.equal(releases(), before);
  });
});
