// "Wasn't you? Secure my account": someone else signed in and made a token; the lockdown ends their session,
// revokes the token, shows new recovery codes once (the old ones stop working), then leads to a new password.
// Each outcome is checked against the registry over HTTP.
import { Authenticator, ConsolePage } from '../support/console-page.ts';
import { expect, test } from '../support/fixtures.ts';
import { checkPage } from '../support/page-checks.ts';

const npmAgent = 'npm/11.6.0 node/v24.11.0 linux x64 workspaces/false';

async function api(registryUrl: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const response = await fetch(`${registryUrl}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'user-agent': npmAgent,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, json: (await response.json().catch(() => ({}))) as Record<string, unknown> };
}

test('securing the account ends the other session, revokes its token, replaces the recovery codes, then asks for a password', async ({ page, vigil }, testInfo) => {
  test.setTimeout(120_000);
  const user = await vigil.addUser('lena');
  const authenticator = new Authenticator(user.totpSecret);
  // Someone else, with her password and a code: a session, and a token made with it.
  const intruder = await api(vigil.registryUrl, '/session', { method: 'POST', body: { username: user.username, password: user.password, otp: await authenticator.nextCode() } });
  expect(intruder.status).toBe(200);
  const intruderSession = String(intruder.json.token);
  const made = await api(vigil.registryUrl, '/tokens', {
    method: 'POST',
    token: intruderSession,
    body: { name: 'backup', permission: 'read-only', projects: 'all' },
  });
  expect(made.status).toBe(201);
  const intruderToken = String(made.json.token);

  await vigil.openConsole();
  const console = new ConsolePage(page);
  await console.signInWithPassword(user.username, user.password);
  await console.verifyCode(await authenticator.nextCode());
  await console.expectDashboard();
  const lastSignIn = page.getByRole('region', { name: 'Last sign-in' });
  await expect(lastSignIn).toContainText(npmAgent);
  await lastSignIn.getByRole('button', { name: "Wasn't you? Secure my account" }).click();

  // The new codes come first, shown once; the lockdown waits for Done.
  const codes = page.getByRole('list', { name: 'New recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(8);
  const fresh = (await codes.allTextContents()).map((code) => code.trim());
  await page.getByLabel('I have saved these codes').check();
  await page.getByRole('button', { name: 'Done' }).click();

  const dialog = page.getByRole('dialog', { name: 'Securing your account' });
  const steps = dialog.getByRole('list', { name: 'Lockdown steps' }).getByRole('listitem');
  await expect(steps.nth(0)).toContainText('End every other session: Done');
  await expect(steps.nth(0)).toContainText('Ended 1 other session.');
  await expect(steps.nth(1)).toContainText('Revoke every API token: Done');
  await expect(steps.nth(1)).toContainText('Revoked 1 token.');
  await expect(steps.nth(2)).toContainText('Generate new recovery codes: Done');
  await checkPage(page, testInfo, 'lockdown');

  // At the registry: the intruder's session and token are refused; an old code no longer works, a new one does.
  expect((await api(vigil.registryUrl, '/account', { token: intruderSession })).status).toBe(401);
  const tokenUse = await api(vigil.registryUrl, '/whoami', { token: intruderToken });
  expect([tokenUse.status, (tokenUse.json.error as { code?: string } | undefined)?.code]).toEqual([401, 'token_revoked']);
  const withCode = (recoveryCode: string) => api(vigil.registryUrl, '/session', { method: 'POST', body: { username: user.username, password: user.password, recoveryCode } });
  expect((await withCode(user.recoveryCodes[0]!)).status).toBe(401);
  expect((await withCode(fresh[0]!)).status).toBe(200);

  await dialog.getByRole('link', { name: 'Choose a new password' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Password' })).toBeVisible();
});
