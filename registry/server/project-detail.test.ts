// GET /api/v1/projects/{name}: one project in full, for its owners and maintainers only (404 for anyone else,
// as for a project that does not exist), with a session or a token that covers it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ProjectDetail } from '../contract/estate-schemas.ts';
import { routes } from '../contract/routes.ts';
import { CreatedToken } from '../contract/token-schemas.ts';
import { latestReleaseCount } from './project-detail.ts';
import { publish, signIn, startTestRegistry, type TestRegistry } from './test-support.ts';

const passwords = { fay: 'fay-Walnut-Canyon-Drum-1', gil: 'gil-Saffron-Pier-Moss-2', hua: 'hua-Lagoon-Ember-Wren-3' };
const day = 24 * 60 * 60 * 1000;

describe('GET /api/v1/projects/{name}', () => {
  let harness: TestRegistry;
  const sessions = { fay: '', gil: '', hua: '' };
  const path = (name: string) => routes.getProject.path.replace('{name}', encodeURIComponent(name));

  before(async () => {
    harness = await startTestRegistry({ sessionTtlMs: 400 * day, confirmWindowMs: 400 * day });
    for (const person of ['fay', 'gil', 'hua'] as const) {
      const account = await harness.addUser(person, passwords[person], person === 'fay');
      const otp = account.totpSecret ? await harness.otp(account.totpSecret) : undefined;
      sessions[person] = await signIn(harness, { username: person, password: passwords[person], ...(otp ? { otp } : {}) });
    }
    harness.addProject('Web_Kit', 'fay', { gil: 'maintainer' });
    harness.addProject('other', 'fay');
  });
  after(() => harness.stop());

  test('a collaborator sees the policy, the collaborators with their 2FA, and the newest releases with who published', async () => {
    const versions = ['1.0.0', '1.1.0', '1.2.0', '1.3.0', '1.4.0', '2.0.0'];
    for (const [index, version] of versions.entries()) {
      harness.clock.now += 60_000;
      const response = await publish(harness, index % 2 === 0 ? sessions.fay : sessions.gil, 'web-kit', version);
      assert.equal(response.status, 201, JSON.stringify(response.json));
    }
    const response = await harness.request('GET', path('WEB.KIT'), { token: sessions.gil });
    assert.equal(response.status, 200, JSON.stringify(response.json));
    const detail = ProjectDetail.strict().parse(response.json);
    assert.equal(detail.name, 'Web_Kit');
    assert.deepEqual(detail.policy, { publishRequires2fa: false, automationTokensBypass2fa: false });
    assert.deepEqual(
      detail.collaborators.map((collaborator) => [collaborator.username, collaborator.role, collaborator.twoFactor.enabled]),
      [
        ['fay', 'owner', true],
        ['gil', 'maintainer', false],
      ],
    );
    assert.equal(detail.collaborators[1]!.lastPublishedAt, new Date(harness.clock.now).toISOString());
    assert.equal(detail.latestReleases.length, latestReleaseCount);
    assert.deepEqual(detail.latestReleases.slice(0, 2), [
      { version: '2.0.0', publishedAt: new Date(harness.clock.now).toISOString(), publishedBy: 'gil' },
      { version: '1.4.0', publishedAt: new Date(harness.clock.now - 60_000).toISOString(), publishedBy: 'fay' },
    ]);
  });

  test('anyone else, an unknown project and a malformed name: 404 not_found, 404 and 400', async () => {
    for (const [token, name] of [[sessions.hua, 'web-kit'], [sessions.gil, 'other'], [sessions.fay, 'no-such-project']] as const) {
      const response = await harness.request('GET', path(name), { token });
      assert.deepEqual([response.status, response.json.error.code], [404, 'not_found'], name);
    }
    const malformed = await harness.request('GET', path('-web-kit'), { token: sessions.fay });
    assert.deepEqual([malformed.status, malformed.json.error.code], [400, 'invalid_request']);
    assert.equal((await harness.request('GET', path('web-kit'))).status, 401);
  });

  test('with an API token: a project it covers (read-only is enough); any other is 404, as for a stranger', async () => {
    const make = async (projects: string[] | 'all') => {
      const body = { name: `reader ${projects}`, permission: 'read-only', projects, expiresInDays: 30 };
      const response = await harness.request('POST', routes.createToken.path, { token: sessions.fay, body });
      assert.equal(response.status, 201, JSON.stringify(response.json));
      return CreatedToken.parse(response.json).token;
    };
    const scoped = await make(['other']);
    assert.equal((await harness.request('GET', path('other'), { token: scoped })).status, 200);
    const elsewhere = await harness.request('GET', path('web-kit'), { token: scoped });
    assert.deepEqual([elsewhere.status, elsewhere.json.error.code], [404, 'not_found']);
    const all = await make('all');
    assert.equal((await harness.request('GET', path('web-kit'), { token: all })).status, 200);
  });
});
