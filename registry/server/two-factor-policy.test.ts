// Turning 2FA off while a project the account collaborates on requires it for publishing: refused with 409
// two_factor_required_by_project, naming those projects, until an owner turns the policy off or the account leaves.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Account, AccountResponse } from '../contract/schemas.ts';
import { routes } from '../contract/routes.ts';
import { removeCollaborator } from './project-admin.ts';
import { listEvents, signIn, startTestRegistry, type TestRegistry } from './test-support.ts';

const passwords = { wes: 'wes-Thimble-Canyon-Reed-1', xia: 'xia-Opal-Meadow-Sprig-2' };
const day = 24 * 60 * 60 * 1000;

describe('DELETE /api/v1/account/totp while a project requires 2FA', () => {
  let harness: TestRegistry;
  const sessions = { wes: '', xia: '' };

  before(async () => {
    harness = await startTestRegistry({ sessionTtlMs: 400 * day, confirmWindowMs: 400 * day });
    for (const person of ['wes', 'xia'] as const) {
      harness.clock.now += 30_000;
      const account = await harness.addUser(person, passwords[person], true);
      sessions[person] = await signIn(harness, { username: person, password: passwords[person], otp: await harness.otp(account.totpSecret!) });
    }
    // wes owns all three; xia maintains two of them.
    harness.addProject('zeta', 'wes', { xia: 'maintainer' });
    harness.addProject('Eta', 'wes', { xia: 'maintainer' });
    harness.addProject('theta', 'wes');
    for (const name of ['zeta', 'Eta']) {
      const body = { publishRequires2fa: true, automationTokensBypass2fa: false };
      const response = await harness.request('PUT', routes.setProjectPolicy.path.replace('{name}', name), { token: sessions.wes, body });
      assert.equal(response.status, 200);
    }
  });
  after(() => harness.stop());

  const disable = (person: 'wes' | 'xia') => harness.request('DELETE', routes.disableTotp.path, { token: sessions[person] });
  const twoFactorOn = async (person: 'wes' | 'xia') =>
    Account.parse((await harness.request('GET', routes.getAccount.path, { token: sessions[person] })).json).twoFactor.enabled;

  test('refused with 409 two_factor_required_by_project naming every such project; 2FA stays on', async () => {
    const refused = await disable('xia');
    assert.deepEqual([refused.status, refused.json.error.code], [409, 'two_factor_required_by_project']);
    assert.match(refused.json.error.message, /^Publishing "Eta", "zeta" requires two-factor authentication, and you collaborate on them/);
    assert.equal(await twoFactorOn('xia'), true);
    assert.ok(!(await listEvents(harness, sessions.xia)).some((event) => event.type === 'two_factor.disabled'));
    // An owner is held to their own policy too.
    assert.equal((await disable('wes')).status, 409);
  });

  test('once no project of theirs requires it, 2FA goes off', async () => {
    const body = { publishRequires2fa: false, automationTokensBypass2fa: false };
    assert.equal((await harness.request('PUT', routes.setProjectPolicy.path.replace('{name}', 'Eta'), { token: sessions.wes, body })).status, 200);
    const still = await disable('xia');
    assert.deepEqual([still.status, still.json.error.code], [409, 'two_factor_required_by_project']);
    assert.match(still.json.error.message, /^Publishing "zeta" requires two-factor authentication, and you collaborate on it: /);
    harness.withStore((store) => removeCollaborator(store, { project: 'zeta', username: 'xia' }));
    const disabled = await disable('xia');
    assert.equal(disabled.status, 200, JSON.stringify(disabled.json));
    assert.equal(AccountResponse.parse(disabled.json).account.twoFactor.enabled, false);
  });
});
