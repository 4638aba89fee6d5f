// "Wasn't you? Secure my account": someone else signed in and made a token; the lockdown ends their session,
// revokes the token, shows new recovery codes once (the old ones stop working), then leads to a new password.
// Each outcome is checked against the registry over HTTP.
import { Authenticator, ConsolePage } from '../support/console-page.ts';
import { expect, test } from '../support/fixtures.ts';
import { checkPage } from '../support/page-checks.ts';
import { refusedAtRegistry, registryApi, signInElsewhere } from '../support/registry-api.ts';

test('securing the account ends the other session, revokes its token, replaces the recovery codes, then asks for a password', async ({ page, vigil }, testInfo) => {
  test.setTimeout(120_000);
  const user = await vigil.addUser('lena');
  const authenticator = new Authenticator(user.totpSecret);
  // Someone else, with her password and a code: a session, and a token made with it.
  const elsewhere = await signInElsewhere(vigil.registryUrl, { username: user.username, password: user.password, otp: await authenticator.nextCode() });

  await vigil.openConsole();
  const console = new ConsolePage(page);
  await console.signInWithPassword(user.username, user.password);
  await console.verifyCode(await authenticator.nextCode());
  await console.expectDashboard();
  const lastSignIn = page.getByRole('region', { name: 'Last sign-in' });
  await expect(lastSignIn).toContainText(elsewhere.userAgent);
  await lastSignIn.getByRole('button', { name: "Wasn't you? Secure my account" }).click();

  // The new codes come first, shown once; the lockdown waits for Done.
  const { codes: fresh, steps, dialog } = await console.finishLockdown();
  await expect(steps.nth(0)).toContainText('Ended 1 other session.');
  await expect(steps.nth(1)).toContainText('Revoked 1 token.');
  await checkPage(page, testInfo, 'lockdown');

  // At the registry: the intruder's session and token are refused; an old code no longer works, a new one does.
  expect(await refusedAtRegistry(vigil.registryUrl, elsewhere)).toEqual({ session: 401, token: [401, 'token_revoked'] });
  const withCode = (recoveryCode: string) => registryApi(vigil.registryUrl, '/session', { method: 'POST', body: { username: user.username, password: user.password, recoveryCode } });
  expect((await withCode(user.recoveryCodes[0]!)).status).toBe(401);
  expect((await withCode(fresh[0]!)).status).toBe(200);

  await dialog.getByRole('link', { name: 'Choose a new password' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Password' })).toBeVisible();
});
