// A maintainer signs in with 2FA and reads their account's security posture — through the real renderer, the
// real IPC handlers behind the browser host, the real keyring and a real reference registry.
import { ConsolePage, totpNow } from '../support/console-page.ts';
import { expect, test } from '../support/fixtures.ts';
import { expectNoSeriousAxeViolations } from '../support/page-checks.ts';

test('signs in with a password and an authenticator code and shows the account security posture', async ({ page, vigil }, testInfo) => {
  const user = await vigil.addUser('alice');
  await vigil.openConsole();
  const console = new ConsolePage(page);

  await expect(page.getByLabel('Registry URL')).toHaveValue(vigil.registryUrl);
  await expectNoSeriousAxeViolations(page);

  await console.signInWithPassword(user.username, user.password);
  await expect(page.getByLabel('One-time code')).toBeFocused();
  await expectNoSeriousAxeViolations(page);
  await console.verifyCode(await totpNow(user.totpSecret));
  await console.expectDashboard();

  const main = page.getByRole('main');
  await expect(main).toContainText('alice');
  await expect(page.getByRole('region', { name: 'Two-factor authentication' })).toContainText('On');
  await expect(page.getByRole('region', { name: 'Recovery codes' })).toContainText('8 recovery codes remaining');
  await expect(page.getByRole('region', { name: 'Failed sign-ins' })).toContainText('0 in the last 30 days');
  // The console's own sign-in is not news: "last sign-in" is the one before it, and a new account has none.
  await expect(page.getByRole('region', { name: 'Last sign-in' })).toContainText('No sign-in before this one');
  await expectNoSeriousAxeViolations(page);

  const screenshot = await page.screenshot({ path: testInfo.outputPath('dashboard.png'), fullPage: true });
  await testInfo.attach('dashboard', { body: screenshot, contentType: 'image/png' });
});

test('refuses an authenticator code that was already used, with a visible message', async ({ page, vigil }) => {
  const user = await vigil.addUser('bob');
  await vigil.openConsole();
  const console = new ConsolePage(page);

  const code = await totpNow(user.totpSecret);
  await console.signInWithPassword(user.username, user.password);
  await console.verifyCode(code);
  await console.expectDashboard();
  await console.signOut();

  await console.signInWithPassword(user.username, user.password);
  await console.verifyCode(code);
  await expect(console.alert).toContainText('already used');
  await expect(page.getByLabel('One-time code')).toBeVisible();
});

test('signs in with a recovery code, which is then burned and counted down', async ({ page, vigil }) => {
  const user = await vigil.addUser('carol');
  await vigil.openConsole();
  const console = new ConsolePage(page);
  const [firstCode] = user.recoveryCodes;
  if (!firstCode) throw new Error('the registry gave no recovery codes');

  await console.signInWithPassword(user.username, user.password);
  await console.verifyRecoveryCode(firstCode);
  await console.expectDashboard();
  await expect(page.getByRole('region', { name: 'Recovery codes' })).toContainText('7 recovery codes remaining');
  await console.signOut();

  await console.signInWithPassword(user.username, user.password);
  await console.verifyRecoveryCode(firstCode);
  await expect(console.alert).toContainText('recovery code was already used');
});

test('warns when only two recovery codes are left', async ({ page, vigil }) => {
  const user = await vigil.addUser('heidi');
  // Five codes were used before, straight against the registry's API; the sixth is used here.
  for (const recoveryCode of user.recoveryCodes.slice(0, 5)) {
    const response = await fetch(`${vigil.registryUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: user.password, recoveryCode }),
    });
    expect(response.status).toBe(200);
  }
  await vigil.openConsole();
  const console = new ConsolePage(page);
  await console.signInWithPassword(user.username, user.password);
  await console.verifyRecoveryCode(user.recoveryCodes[5] ?? '');
  await console.expectDashboard();
  const recoveryCodes = page.getByRole('region', { name: 'Recovery codes' });
  await expect(recoveryCodes).toContainText('2 recovery codes remaining');
  await expect(recoveryCodes).toContainText('Only 2 recovery codes left');
});

test('locks the sign-in out after repeated wrong codes and counts down to when it may be tried again', async ({ page, vigil }) => {
  const user = await vigil.addUser('dave');
  await vigil.openConsole();
  const console = new ConsolePage(page);

  await console.signInWithPassword(user.username, user.password);
  const wrong = (Number(await totpNow(user.totpSecret)) + 500_000) % 1_000_000;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    await console.verifyCode(String(wrong).padStart(6, '0'));
    await expect(console.alert).toContainText('wrong');
  }
  await console.verifyCode(await totpNow(user.totpSecret));

  await expect(console.alert).toContainText(/Too many failed attempts\. Try again in [45]:\d\d/);
  const first = await console.alert.textContent();
  await expect(console.alert).not.toHaveText(first ?? '', { timeout: 5_000 });
  await expect(page.getByRole('button', { name: 'Verify' })).toBeDisabled();
});

test('stays signed in across a console restart and signs out for good', async ({ page, vigil }) => {
  const user = await vigil.addUser('erin');
  await vigil.openConsole();
  const console = new ConsolePage(page);
  await console.signInWithPassword(user.username, user.password);
  await console.verifyCode(await totpNow(user.totpSecret));
  await console.expectDashboard();

  await vigil.openConsole();
  await console.expectDashboard();

  await console.signOut();
  await vigil.openConsole();
  await console.expectSignInScreen();
});

test('says plainly when the registry cannot be reached, answers nonsense or a password is wrong', async ({ page, vigil }) => {
  const user = await vigil.addUser('frank');
  await vigil.openConsole();
  const console = new ConsolePage(page);

  await console.signInWithPassword(user.username, 'not-the-password');
  await expect(console.alert).toContainText('Wrong username or password');

  await console.signInWithPassword(user.username, user.password, 'http://127.0.0.1:9');
  await expect(console.alert).toContainText("Can't reach the registry");

  // A server that answers, but not with the Registry Security API at that address.
  await console.signInWithPassword(user.username, user.password, `${vigil.registryUrl}/not-the-api`);
  await expect(console.alert).toContainText("The registry sent a response Vigil doesn't understand");
});

test('says plainly when no keychain is available, and keeps the session for this run only', async ({ page, vigil }) => {
  const user = await vigil.addUser('grace');
  // No D-Bus session bus, so no Secret Service: the console must fall back to memory, never to a file.
  const noKeyring = { env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/vigil-bus' } };
  await vigil.openConsole(noKeyring);
  const console = new ConsolePage(page);
  const notice = console.keychainAlert;
  await expect(notice).toContainText('Your session is kept in memory and ends when Vigil closes.');

  await console.signInWithPassword(user.username, user.password);
  await console.verifyCode(await totpNow(user.totpSecret));
  await console.expectDashboard();
  await expect(notice).toBeVisible();

  await vigil.openConsole(noKeyring);
  await console.expectSignInScreen();
});

test('demo mode shows the demo credentials, recovery codes included, and signs in to the demo registry', async ({ page, vigil }, testInfo) => {
  await vigil.openConsole({ demo: true });
  const console = new ConsolePage(page);
  await expect(page.getByText('JBSWY3DPEHPK3PXP')).toBeVisible();
  await expect(page.getByText('vigil-demo-password')).toBeVisible();
  const codes = page.getByRole('region', { name: 'Demo registry' }).getByRole('list', { name: 'Demo recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(8);
  await expect(codes.first()).toContainText('(used)');
  await expect(codes.filter({ hasText: 'used' })).toHaveCount(1);
  await expectNoSeriousAxeViolations(page);
  const screenshot = await page.screenshot({ path: testInfo.outputPath('demo-sign-in.png'), fullPage: true });
  await testInfo.attach('demo sign-in', { body: screenshot, contentType: 'image/png' });

  // A listed code works; the console then counts it.
  const unused = (await codes.nth(1).textContent())?.trim() ?? '';
  await console.signInWithPassword('demo', 'vigil-demo-password');
  await console.verifyRecoveryCode(unused);
  await console.expectDashboard();
  await expect(page.getByRole('region', { name: 'Recovery codes' })).toContainText('6 recovery codes remaining');
  // The demo's break-in three weeks ago: ten wrong guesses, then 212 attempts refused while the account was locked.
  await expect(page.getByRole('region', { name: 'Failed sign-ins' })).toContainText(/[1-9]\d* in the last 30 days/);
  await expect(page.getByRole('region', { name: 'Failed sign-ins' })).toContainText('212 of them refused by the rate limit');
  // The sign-in before this one was the demo's CI runner (at Hetzner), and two other sessions are still open.
  await expect(page.getByRole('region', { name: 'Last sign-in' })).toContainText('88.198.21.99');
  await console.goTo('Sessions');
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(4);
  await expect(page.getByRole('row', { name: /This session/ })).toBeVisible();
});
