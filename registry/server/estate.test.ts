// GET /api/v1/projects with include=collaborators,tokens: the whole estate in one answer. Which tokens reach which
// project, and who sees them (owners: every collaborator's; maintainers: their own), revoked, expired and removed
// ones left out, never a preview, key or token; plain GET /projects as before plus the policy; a token's scope;
// and the number of queries, which does not grow with the number of projects.
import assert from 'node:assert/strict';
import { StatementSync } from 'node:sqlite';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod';
import { Collaborator, EstateResponse, ReachingToken } from '../contract/estate-schemas.ts';
import { ProjectsResponse, ProjectSummary } from '../contract/project-schemas.ts';
import { routes } from '../contract/routes.ts';
import { CreatedToken, type CreateTokenRequest } from '../contract/token-schemas.ts';
import { estateJson } from './estate-json.ts';
import { removeCollaborator } from './project-admin.ts';
import { publish, signIn, startTestRegistry, type TestRegistry } from './test-support.ts';

const passwords = { ann: 'ann-Copper-Willow-Fjord-1', ben: 'ben-Harbor-Quince-Slate-2', cy: 'cy-Meadow-Tinsel-Rook-3', dee: 'dee-Cobalt-Fern-Lark-4' };
type Person = keyof typeof passwords;
const day = 24 * 60 * 60 * 1000;
// Every entry exactly as the contract has it: a field more (a preview, a key) fails.
const StrictEstate = z.object({
  projects: z.array(
    ProjectSummary.extend({
      policy: z.object({ publishRequires2fa: z.boolean(), automationTokensBypass2fa: z.boolean() }).strict(),
      collaborators: z.array(Collaborator.strict()).optional(),
      tokens: z.array(ReachingToken.strict()).optional(),
    }).strict(),
  ),
}).strict();

describe('GET /api/v1/projects?include=collaborators,tokens', () => {
  let harness: TestRegistry;
  const sessions: Record<Person, string> = { ann: '', ben: '', cy: '', dee: '' };
  const tokens: Record<string, CreatedToken> = {};

  before(async () => {
    harness = await startTestRegistry({ sessionTtlMs: 400 * day, confirmWindowMs: 400 * day });
    for (const person of ['ann', 'ben', 'cy', 'dee'] as const) {
      const created = await harness.addUser(person, passwords[person], person !== 'cy');
      const otp = created.totpSecret ? await harness.otp(created.totpSecret) : undefined;
      sessions[person] = await signIn(harness, { username: person, password: passwords[person], ...(otp ? { otp } : {}) });
    }
    harness.addProject('alpha', 'ann', { ben: 'maintainer', cy: 'maintainer' });
    harness.addProject('beta', 'ann', { ben: 'owner' });
    harness.addProject('gamma', 'ben');
    harness.addProject('Delta', 'dee', { ann: 'maintainer' });
    const make = async (person: Person, name: string, body: Partial<CreateTokenRequest>) => {
      harness.clock.now += 1_000;
      const request = { name, permission: 'read-write', projects: 'all', expiresInDays: 30, ...body };
      const response = await harness.request('POST', routes.createToken.path, { token: sessions[person], body: request });
      assert.equal(response.status, 201, JSON.stringify(response.json));
      tokens[name] = CreatedToken.parse(response.json);
    };
    await make('ann', 'ann-alpha', { projects: ['alpha'], allowedCidrs: ['127.0.0.0/8'] });
    await make('ann', 'ann-all-read', { permission: 'read-only' });
    await make('ann', 'ann-revoked', { projects: ['alpha'] });
    await make('ann', 'ann-short', { projects: ['alpha'], expiresInDays: 1 });
    await make('ben', 'ben-alpha-gamma', { projects: ['alpha', 'gamma'] });
    await make('ben', 'ben-all', { bypass2fa: true });
    await make('cy', 'cy-all-read', { permission: 'read-only' });
    await make('dee', 'dee-all', {});
    const revoked = await harness.request('DELETE', routes.revokeToken.path.replace('{id}', tokens['ann-revoked']!.id), { token: sessions.ann });
    assert.equal(revoked.status, 204);
    // ann-short has expired; the rest are active.
    harness.clock.now += day + 1_000;
  });
  after(() => harness.stop());

  const estate = async (person: Person | string, query = '?include=collaborators,tokens') => {
    const credential = person in sessions ? sessions[person as Person] : person;
    const response = await harness.request('GET', `${routes.listProjects.path}${query}`, { token: credential });
    assert.equal(response.status, 200, JSON.stringify(response.json));
    return StrictEstate.parse(response.json);
  };
  const reaching = (answer: EstateResponse) =>
    Object.fromEntries(answer.projects.map((project) => [project.name, (project.tokens ?? []).map((token) => token.name).sort()]));

  test('an owner sees every collaborator’s active tokens that reach each project; a maintainer only their own', async () => {
    assert.deepEqual(reaching(await estate('ann')), {
      alpha: ['ann-all-read', 'ann-alpha', 'ben-all', 'ben-alpha-gamma', 'cy-all-read'],
      beta: ['ann-all-read', 'ben-all'],
      // ann maintains Delta: dee's token for all projects reaches it, but is dee's to see.
      Delta: ['ann-all-read'],
    });
    assert.deepEqual(reaching(await estate('ben')), {
      alpha: ['ben-all', 'ben-alpha-gamma'],
      beta: ['ann-all-read', 'ben-all'],
      gamma: ['ben-all', 'ben-alpha-gamma'],
    });
    assert.deepEqual(reaching(await estate('dee')), { Delta: ['ann-all-read', 'dee-all'] });
  });

  test('each token as the contract has it, newest first; never its preview, key or secret', async () => {
    const response = await harness.request('GET', `${routes.listProjects.path}?include=collaborators,tokens`, { token: sessions.ann });
    const text = JSON.stringify(response.json);
    for (const token of Object.values(tokens)) {
      for (const secret of [token.token, token.key, token.preview]) assert.ok(!text.includes(secret), `${token.name}: ${secret.slice(0, 8)}…`);
    }
    const alpha = (await estate('ann')).projects.find((project) => project.name === 'alpha')!;
    assert.deepEqual(alpha.tokens!.map((token) => token.name), ['cy-all-read', 'ben-all', 'ben-alpha-gamma', 'ann-all-read', 'ann-alpha']);
    const benAll = alpha.tokens!.find((token) => token.name === 'ben-all')!;
    assert.deepEqual(benAll, {
      id: tokens['ben-all']!.id,
      holder: 'ben',
      name: 'ben-all',
      permission: 'read-write',
      allProjects: true,
      createdAt: tokens['ben-all']!.createdAt,
      expiresAt: tokens['ben-all']!.expiresAt,
      lastUsed: null,
      bypass2fa: true,
      allowedCidrs: [],
    });
    assert.deepEqual(alpha.tokens!.find((token) => token.name === 'ann-alpha')?.allowedCidrs, ['127.0.0.0/8']);
  });

  test('collaborators with their role and 2FA, owners first; the last publish of each', async () => {
    harness.clock.now += 60_000;
    const published = await publish(harness, sessions.cy, 'alpha', '1.0.0');
    assert.equal(published.status, 201, JSON.stringify(published.json));
    const alpha = (await estate('ben')).projects.find((project) => project.name === 'alpha')!;
    assert.deepEqual(
      alpha.collaborators!.map((collaborator) => [collaborator.username, collaborator.role, collaborator.twoFactor.enabled, collaborator.lastPublishedAt]),
      [
        ['ann', 'owner', true, null],
        ['ben', 'maintainer', true, null],
        ['cy', 'maintainer', false, new Date(harness.clock.now).toISOString()],
      ],
    );
    assert.equal(alpha.collaborators![2]!.twoFactor.enabledAt, null);
    assert.match(alpha.collaborators![0]!.twoFactor.enabledAt ?? '', /^\d{4}-/);
    assert.deepEqual(alpha.policy, { publishRequires2fa: false, automationTokensBypass2fa: false });
  });

  test('a collaborator taken off a project: their tokens stop reaching it at once', async () => {
    harness.withStore((store) => removeCollaborator(store, { project: 'alpha', username: 'cy' }));
    const alpha = (await estate('ann')).projects.find((project) => project.name === 'alpha')!;
    assert.ok(!alpha.tokens!.some((token) => token.holder === 'cy'));
    assert.ok(!alpha.collaborators!.some((collaborator) => collaborator.username === 'cy'));
    harness.addProject('epsilon', 'ann', { cy: 'maintainer' });
    assert.deepEqual(reaching(await estate('ann')).epsilon, ['ann-all-read', 'cy-all-read']);
  });

  test('plain GET /projects is what it was, plus the policy; the parts come only when asked for', async () => {
    const plain = await harness.request('GET', routes.listProjects.path, { token: sessions.ann });
    assert.deepEqual(ProjectsResponse.parse(plain.json).projects.map((project) => project.name), ['alpha', 'beta', 'Delta', 'epsilon']);
    for (const project of plain.json.projects) assert.deepEqual(Object.keys(project), ['name', 'role', 'createdAt', 'latestRelease', 'policy']);
    const onlyTokens = await estate('ann', '?include=tokens');
    assert.ok(onlyTokens.projects.every((project) => project.tokens && project.collaborators === undefined));
    const onlyPeople = await estate('ann', '?include=collaborators');
    assert.ok(onlyPeople.projects.every((project) => project.collaborators && project.tokens === undefined));
    const repeated = await estate('ann', '?include=tokens&include=collaborators');
    assert.deepEqual(repeated, await estate('ann'));
    for (const query of ['?include=secrets', '?include=tokens,', '?include=', '?limit=5']) {
      const refused = await harness.request('GET', `${routes.listProjects.path}${query}`, { token: sessions.ann });
      assert.deepEqual([refused.status, refused.json.error.code], [400, 'invalid_request'], query);
    }
  });

  test('with an API token: the projects it covers (a read-only token for all of them sees the whole estate)', async () => {
    const scoped = await estate(tokens['ann-alpha']!.token);
    assert.deepEqual(scoped.projects.map((project) => project.name), ['alpha']);
    assert.deepEqual(reaching(scoped), { alpha: ['ann-all-read', 'ann-alpha', 'ben-all', 'ben-alpha-gamma'] });
    assert.deepEqual(await estate(tokens['ann-all-read']!.token), await estate('ann'));
  });

  test('a fixed number of queries, whatever the number of projects', () => {
    const counted = (work: () => void) => {
      let count = 0;
      const methods = ['all', 'get', 'iterate'] as const;
      const originals = methods.map((method) => StatementSync.prototype[method]);
      methods.forEach((method, index) => {
        (StatementSync.prototype as unknown as Record<string, unknown>)[method] = function (this: StatementSync, ...args: unknown[]) {
          count += 1;
          return (originals[index] as (...a: unknown[]) => unknown).apply(this, args);
        };
      });
      try {
        work();
      } finally {
        methods.forEach((method, index) => ((StatementSync.prototype as unknown as Record<string, unknown>)[method] = originals[index]));
      }
      return count;
    };
    const queries = (username: Person) =>
      harness.withStore((store) => {
        const accountId = store.accounts.findByUsername(username)!.id;
        const caller = { via: 'session' as const, accountId, session: { sessionId: 0, accountId, createdAt: 0, confirmedUntil: 0 }, token: null };
        return counted(() => estateJson(store, caller, new Set(['collaborators', 'tokens']), harness.clock.now));
      });
    const few = queries('dee');
    for (let index = 0; index < 12; index += 1) harness.addProject(`many-${index}`, 'dee', { ann: 'maintainer', ben: 'owner' });
    assert.equal(queries('dee'), few);
    assert.ok(few <= 7, `${few} queries`);
  });
});
