// The demo seed's compliance states, judged by the console's own rules (compliance/compliance-rules.ts) over the
// registry's estate answer: failing and at-risk projects in the demo's estate, compliant ones in olu's, a second
// demo user (ines) without 2FA who is blocked from the project that requires it, and the demo's token figures that
// the console's end-to-end tests count on unchanged.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { auditProject } from '../../compliance/compliance-rules.ts';
import { EstateResponse } from '../contract/estate-schemas.ts';
import { routes } from '../contract/routes.ts';
import { TokensResponse } from '../contract/token-schemas.ts';
import { demoAccount, demoPeople } from '../seed/demo.ts';
import { listEvents, publish, signIn, startTestRegistry, type TestRegistry } from './test-support.ts';

const day = 24 * 60 * 60 * 1000;

describe('the demo seed’s projects in every compliance state', () => {
  let harness: TestRegistry;
  const sessions = { demo: '', ines: '', olu: '' };

  before(async () => {
    harness = await startTestRegistry({ seed: 'demo' });
    sessions.demo = await signIn(harness, { username: 'demo', password: demoAccount.password, otp: await harness.otp(demoAccount.totpSecret) });
    sessions.ines = await signIn(harness, { username: 'ines', password: demoPeople.ines.password });
    sessions.olu = await signIn(harness, { username: 'olu', password: demoPeople.olu.password, otp: await harness.otp(demoPeople.olu.totpSecret) });
  });
  after(() => harness.stop());

  const statuses = async (person: keyof typeof sessions) => {
    const response = await harness.request('GET', `${routes.listProjects.path}?include=collaborators,tokens`, { token: sessions[person] });
    const { projects } = EstateResponse.parse(response.json);
    return Object.fromEntries(
      projects.map((project) => {
        const subject = { name: project.name, policy: project.policy, collaborators: project.collaborators ?? [], tokens: project.tokens ?? [] };
        return [project.name, auditProject(subject, harness.clock.now).status];
      }),
    );
  };

  test('the demo’s projects fail or are at risk; olu’s are compliant', async () => {
    assert.deepEqual(await statuses('demo'), {
      'Acme.CLI': 'failing',
      'acme-docs-theme': 'failing',
      'acme-http': 'at-risk',
      'acme-schema': 'at-risk',
      'acme-testkit': 'failing',
      'yaml-lint-rules': 'failing',
    });
    assert.deepEqual(await statuses('olu'), { 'olu-config': 'compliant', 'olu-lint': 'compliant' });
    assert.deepEqual(await statuses('ines'), { 'acme-docs-theme': 'failing', 'acme-testkit': 'failing', 'yaml-lint-rules': 'failing' });
  });

  test('ines, the second demo user, has no 2FA: blocked where 2FA is required, logged for her and the demo', async () => {
    const refused = await publish(harness, sessions.ines, 'acme-docs-theme', '0.4.1');
    assert.deepEqual([refused.status, refused.json.error.code], [403, 'two_factor_required']);
    assert.equal((await publish(harness, sessions.ines, 'acme-testkit', '0.1.0')).status, 201);
    const demoLog = (await listEvents(harness, sessions.demo)).filter((event) => event.type === 'release.refused');
    assert.deepEqual(demoLog.map((event) => [event.details.actor, event.details.version]), [
      ['ines', '0.4.1'],
      ['ines', '0.4.0'],
    ]);
    const types = new Set((await listEvents(harness, sessions.ines)).map((event) => event.type));
    for (const type of ['collaborator.added', 'release.refused', 'release.published', 'token.created'] as const) assert.ok(types.has(type), type);
  });

  test('the demo’s own tokens are as the console’s tests expect: 6 active; 2 stale, 1 bypasses 2FA, 2 for all, 1 expiring', async () => {
    const { tokens } = TokensResponse.parse((await harness.request('GET', routes.listTokens.path, { token: sessions.demo })).json);
    const now = harness.clock.now;
    const stale = tokens.filter((token) =>
      token.lastUsed ? now - Date.parse(token.lastUsed.time) > 90 * day : now - Date.parse(token.createdAt) > 30 * day,
    );
    assert.deepEqual(
      [tokens.length, stale.length, tokens.filter((token) => token.bypass2fa).length, tokens.filter((token) => token.projects === 'all').length],
      [6, 2, 1, 2],
    );
    assert.equal(tokens.filter((token) => Date.parse(token.expiresAt) - now < 7 * day).length, 1);
  });
});
