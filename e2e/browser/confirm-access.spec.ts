// Sensitive actions after the confirm window has passed: the console asks to confirm access, then carries on with
// the action exactly once. The registry runs with a 2-second window so the journey does not wait ten minutes.
import { Authenticator, ConsolePage } from '../support/console-page.ts';
import { expect, test } from '../support/fixtures.ts';
import { checkPage } from '../support/page-checks.ts';

test.use({ registryArgs: ['--confirm-window', '2'] });

test('replaces the authenticator and disables two-factor after Confirm access; a wrong password or Cancel changes nothing', async ({
  page,
  vigil,
}, testInfo) => {
  // Four one-time codes from consecutive 30-second steps: up to a minute of waiting for the clock.
  test.setTimeout(150_000);
  const user = await vigil.addUser('leo');
  let authenticator = new Authenticator(user.totpSecret);
  await vigil.openConsole();
  const console = new ConsolePage(page);
  await console.signInWithPassword(user.username, user.password);
  await console.verifyCode(await authenticator.nextCode());
  await console.expectDashboard();
  await console.goTo('Two-factor');
  await checkPage(page, testInfo, 'two-factor-on');
  await page.waitForTimeout(2_500);

  // A new phone: confirm access, scan the new secret, and the old codes stay as they were.
  await page.getByRole('button', { name: 'Replace authenticator' }).click();
  await console.confirmAccess(user.password, await authenticator.nextCode());
  await expect(page.getByRole('heading', { name: 'Set up your new authenticator' })).toBeVisible();
  const newSecret = (await page.getByLabel('Or type this setup key into the app').inputValue()).replace(/ /g, '');
  expect(newSecret).not.toBe(user.totpSecret);
  authenticator = authenticator.replacedWith(newSecret);
  await page.getByLabel('One-time code').fill(await authenticator.nextCode());
  await page.getByRole('button', { name: 'Activate' }).click();
  await expect(page.getByText('Authenticator replaced. Use the new one from now on; your recovery codes still work.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'New recovery codes' })).toHaveCount(0);
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
