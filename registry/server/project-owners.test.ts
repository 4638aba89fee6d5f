// What only a project's owners may change: PUT /projects/{name}/policy, POST /projects/{name}/collaborators and
// DELETE /projects/{name}/collaborators/{username}. Confirm access first, sessions only; maintainers get 403
// owner_required, strangers 404; the last owner stays; while the policy requires 2FA nobody without it joins; and
// each change is in the log of the owner who made it, of every other owner, and of the collaborator concerned.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Collaborator, ProjectDetail } from '../contract/estate-schemas.ts';
import { routes } from '../contract/routes.ts';
import type { AuditEvent } from '../contract/schemas.ts';
import { CreatedToken } from '../contract/token-schemas.ts';
import { listEvents, signIn, startTestRegistry, type TestRegistry } from './test-support.ts';

const passwords = {
  ola: 'ola-Juniper-Canal-Wisp-1',
  pim: 'pim-Falcon-Orchid-Dune-2',
  quin: 'quin-Basalt-Lemon-Reef-3',
  ria: 'ria-Cedar-Mosaic-Kelp-4',
  sol: 'sol-Ember-Harbor-Vane-5',
};
type Person = keyof typeof passwords;
const confirmWindowMs = 10 * 60 * 1000;
const day = 24 * 60 * 60 * 1000;

describe('the owners’ routes: policy and collaborators', () => {
  let harness: TestRegistry;
  const secrets: Partial<Record<Person, string>> = {};

  before(async () => {
    harness = await startTestRegistry({ sessionTtlMs: 400 * day, confirmWindowMs });
    // ola and pim own "shared"; quin maintains it; ria has 2FA and sol has not, and neither is on it yet.
    for (const person of Object.keys(passwords) as Person[]) {
      const account = await harness.addUser(person, passwords[person], person !== 'sol');
      if (account.totpSecret) secrets[person] = account.totpSecret;
    }
    harness.addProject('shared', 'ola', { pim: 'owner', quin: 'maintainer' });
    harness.addProject('solo', 'ola');
  });
  after(() => harness.stop());

  // A fresh session, confirmed by signing in (each sign-in a TOTP step later, so no code is reused).
  const session = async (person: Person) => {
    harness.clock.now += 30_000;
    const otp = secrets[person] ? await harness.otp(secrets[person]!) : undefined;
    return signIn(harness, { username: person, password: passwords[person], ...(otp ? { otp } : {}) });
  };
  const path = (route: { path: string }, name: string, username = '') =>
    route.path.replace('{name}', encodeURIComponent(name)).replace('{username}', encodeURIComponent(username));
  const setPolicy = (token: string, name: string, body: unknown) => harness.request('PUT', path(routes.setProjectPolicy, name), { token, body });
  const add = (token: string, name: string, body: unknown) => harness.request('POST', path(routes.addCollaborator, name), { token, body });
  const remove = (token: string, name: string, username: string) =>
    harness.request('DELETE', path(routes.removeCollaborator, name, username), { token });
  const refused = (response: { status: number; json: { error: { code: string; message: string } } }, status: number, code: string) => {
    assert.deepEqual([response.status, response.json.error.code], [status, code], JSON.stringify(response.json));
    return response.json.error.message;
  };
  const detail = async (token: string, name: string) =>
    ProjectDetail.parse((await harness.request('GET', path(routes.getProject, name), { token })).json);
  const projectEvents = async (person: Person) =>
    (await listEvents(harness, await session(person))).filter((event) =>
      ['project.policy_changed', 'collaborator.added', 'collaborator.removed'].includes(event.type),
    );
  const summary = (events: AuditEvent[]) => events.map((event) => [event.type, event.details]);

  test('an owner sets the policy: 200 with it as stored; the bypass means nothing without the requirement', async () => {
    const ola = await session('ola');
    const on = await setPolicy(ola, 'shared', { publishRequires2fa: true, automationTokensBypass2fa: true });
    assert.equal(on.status, 200, JSON.stringify(on.json));
    assert.deepEqual(on.json, { publishRequires2fa: true, automationTokensBypass2fa: true });
    const off = await setPolicy(ola, 'SHARED', { publishRequires2fa: false, automationTokensBypass2fa: true });
    assert.deepEqual([off.status, off.json], [200, { publishRequires2fa: false, automationTokensBypass2fa: false }]);
    assert.deepEqual((await detail(ola, 'shared')).policy, { publishRequires2fa: false, automationTokensBypass2fa: false });
    // Setting it again as it is changes nothing, and logs nothing.
    assert.equal((await setPolicy(ola, 'shared', { publishRequires2fa: false, automationTokensBypass2fa: false })).status, 200);
    const publishOnly = await setPolicy(ola, 'shared', { publishRequires2fa: true, automationTokensBypass2fa: false });
    assert.equal(publishOnly.status, 200);
  });

  test('the change is in the log of the owner who made it and of the other owner, not of the maintainer', async () => {
    const expected = [
      ['project.policy_changed', { project: 'shared', actor: 'ola', before: 'none', after: 'publish' }],
      ['project.policy_changed', { project: 'shared', actor: 'ola', before: 'automation', after: 'none' }],
      ['project.policy_changed', { project: 'shared', actor: 'ola', before: 'none', after: 'automation' }],
    ];
    assert.deepEqual(summary(await projectEvents('ola')), expected);
    assert.deepEqual(summary(await projectEvents('pim')), expected);
    assert.deepEqual(await projectEvents('quin'), []);
  });

  test('a maintainer: 403 owner_required; a stranger or an unknown project: 404; a malformed body: 400', async () => {
    const quin = await session('quin');
    const policy = { publishRequires2fa: false, automationTokensBypass2fa: false };
    assert.match(refused(await setPolicy(quin, 'shared', policy), 403, 'owner_required'), /Only an owner of "shared"/);
    refused(await add(quin, 'shared', { username: 'ria', role: 'maintainer' }), 403, 'owner_required');
    refused(await remove(quin, 'shared', 'quin'), 403, 'owner_required');
    const ria = await session('ria');
    refused(await setPolicy(ria, 'shared', policy), 404, 'not_found');
    refused(await add(ria, 'shared', { username: 'ria', role: 'owner' }), 404, 'not_found');
    refused(await remove(ria, 'no-such-project', 'ola'), 404, 'not_found');
    const ola = await session('ola');
    for (const body of [{ publishRequires2fa: true }, { ...policy, extra: 1 }, { publishRequires2fa: 'yes', automationTokensBypass2fa: false }]) {
      refused(await setPolicy(ola, 'shared', body), 400, 'invalid_request');
    }
    refused(await add(ola, 'shared', { username: 'ria', role: 'admin' }), 400, 'invalid_request');
    refused(await add(ola, 'shared', { username: '   ', role: 'owner' }), 400, 'invalid_request');
  });

  test('sensitive: an unconfirmed session gets 403 confirmation_required; an API token 401', async () => {
    const ola = await session('ola');
    const body = { name: 'ci', permission: 'read-write', projects: ['shared'], expiresInDays: 7 };
    const token = CreatedToken.parse((await harness.request('POST', routes.createToken.path, { token: ola, body })).json).token;
    harness.clock.now += confirmWindowMs;
    const policy = { publishRequires2fa: false, automationTokensBypass2fa: false };
    refused(await setPolicy(ola, 'shared', policy), 403, 'confirmation_required');
    refused(await add(ola, 'shared', { username: 'ria', role: 'maintainer' }), 403, 'confirmation_required');
    refused(await remove(ola, 'shared', 'quin'), 403, 'confirmation_required');
    refused(await setPolicy(token, 'shared', policy), 401, 'unauthenticated');
    refused(await add(token, 'shared', { username: 'ria', role: 'maintainer' }), 401, 'unauthenticated');
    refused(await remove(token, 'shared', 'quin'), 401, 'unauthenticated');
  });

  test('adding: 201 with the collaborator; unknown 404; already there 409; without 2FA while the policy asks 403', async () => {
    const ola = await session('ola');
    const added = await add(ola, 'shared', { username: ' RIA ', role: 'maintainer' });
    assert.equal(added.status, 201, JSON.stringify(added.json));
    assert.deepEqual(Collaborator.parse(added.json), {
      username: 'ria',
      role: 'maintainer',
      twoFactor: { enabled: true, enabledAt: added.json.twoFactor.enabledAt },
      addedAt: new Date(harness.clock.now).toISOString(),
      lastPublishedAt: null,
    });
    assert.equal(refused(await add(ola, 'shared', { username: 'nobody', role: 'owner' }), 404, 'not_found'), 'No account has that username');
    assert.match(refused(await add(ola, 'shared', { username: 'ria', role: 'owner' }), 409, 'already_collaborator'), /"ria" is already maintainer of "shared"/);
    // "shared" requires 2FA for publishing (the first test), and sol has none.
    assert.match(refused(await add(ola, 'shared', { username: 'sol', role: 'maintainer' }), 403, 'two_factor_required'), /"sol" has no two-factor/);
    // Where 2FA is not required, sol may join.
    assert.equal((await add(ola, 'solo', { username: 'sol', role: 'maintainer' })).status, 201);
    assert.deepEqual((await detail(ola, 'shared')).collaborators.map((collaborator) => collaborator.username), ['ola', 'pim', 'quin', 'ria']);
  });

  test('removing: 204; not a collaborator 404; the last owner stays (409 last_owner); an owner may leave', async () => {
    const ola = await session('ola');
    assert.equal((await remove(ola, 'shared', 'ria')).status, 204);
    refused(await remove(ola, 'shared', 'ria'), 404, 'not_found');
    refused(await remove(ola, 'shared', 'nobody'), 404, 'not_found');
    assert.match(refused(await remove(ola, 'solo', 'ola'), 409, 'last_owner'), /last owner of "solo"/);
    const pim = await session('pim');
    assert.equal((await remove(pim, 'shared', 'pim')).status, 204);
    refused(await remove(ola, 'shared', 'ola'), 409, 'last_owner');
    assert.deepEqual((await detail(ola, 'shared')).collaborators.map((collaborator) => collaborator.username), ['ola', 'quin']);
    refused(await setPolicy(pim, 'shared', { publishRequires2fa: false, automationTokensBypass2fa: false }), 404, 'not_found');
  });

  test('collaborator events go to the actor, the owners and the collaborator concerned', async () => {
    const added = ['collaborator.added', { project: 'shared', actor: 'ola', username: 'ria', role: 'maintainer' }];
    const removed = ['collaborator.removed', { project: 'shared', actor: 'ola', username: 'ria', role: 'maintainer' }];
    const pimLeft = ['collaborator.removed', { project: 'shared', actor: 'pim', username: 'pim', role: 'owner' }];
    const solAdded = ['collaborator.added', { project: 'solo', actor: 'ola', username: 'sol', role: 'maintainer' }];
    const olaEvents = summary(await projectEvents('ola')).filter(([type]) => type !== 'project.policy_changed');
    assert.deepEqual(olaEvents, [pimLeft, removed, solAdded, added]);
    assert.deepEqual(summary(await projectEvents('ria')), [removed, added]);
    assert.deepEqual(summary(await projectEvents('sol')), [solAdded]);
    // pim was an owner when ria came and went, and acted last.
    assert.deepEqual(summary(await projectEvents('pim')).filter(([type]) => type !== 'project.policy_changed'), [pimLeft, removed, added]);
    assert.deepEqual(await projectEvents('quin'), []);
  });
});
