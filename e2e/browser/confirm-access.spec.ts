// Sensitive actions after the confirm window has passed: the console asks to confirm access, then carries on with
// the action exactly once. The registry runs with a 2-second window so the journey does not wait ten minutes.
import { Authenticator, ConsolePage } from '../support/console-page.ts';
import { expect, test } from '../support/fixtures.ts';
import { checkPage } from '../support/page-checks.ts';

test.use({ registryArgs: ['--confirm-window', '2'] });

test('disables two-factor after Confirm access; a wrong password or Cancel changes nothing', async ({ page, vigil }, testInfo) => {
  test.setTimeout(90_000);
  const user = await vigil.addUser('leo');
  const authenticator = new Authenticator(user.totpSecret);
  await vigil.openConsole();
  const console = new ConsolePage(page);
  await console.signInWithPassword(user.username, user.password);
  await console.verifyCode(await authenticator.nextCode());
  await console.expectDashboard();
  await console.goTo('Two-factor');
  await checkPage(page, testInfo, 'two-factor-on');
  await page.waitForTimeout(2_500);

  // Cancel: the dialog closes and 2FA stays on.
  await page.getByRole('button', { name: 'Disable two-factor' }).click();
  await expect(page.getByText(/Without it, your password alone signs in/)).toBeVisible();
  await page.getByRole('button', { name: 'Turn off two-factor' }).click();
  const dialog = console.confirmDialog;
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Password', { exact: true })).toBeFocused();
  await checkPage(page, testInfo, 'confirm-access');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('alert')).toHaveCount(0);

  // A wrong password is refused in the dialog, which stays open for another try.
  await page.getByRole('button', { name: 'Turn off two-factor' }).click();
  await dialog.getByLabel('Password', { exact: true }).fill('not-the-password');
  await dialog.getByLabel('One-time code').fill('123456');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Wrong username or password');
  await console.confirmAccess(user.password, await authenticator.nextCode());

  await expect(page.getByText('Two-factor authentication is off, and your recovery codes no longer work.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enable two-factor' })).toBeVisible();
  await console.goTo('Overview');
  await expect(page.getByRole('region', { name: 'Turn on two-factor authentication' })).toBeVisible();
  // Once, not twice: the registry recorded exactly one two_factor.disabled.
  const token = await fetch(`${vigil.registryUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user.username, password: user.password }),
  }).then((response) => response.json() as Promise<{ token: string }>);
  const events = await fetch(`${vigil.registryUrl}/api/v1/account/events?type=two_factor.disabled`, {
    headers: { authorization: `Bearer ${token.token}` },
  }).then((response) => response.json() as Promise<{ events: unknown[] }>);
  expect(events.events).toHaveLength(1);
});
