// Recovery codes, sessions and the password, managed from the console against a real registry: the drill checks a
// code without using it, new codes retire the old ones, another session can be signed out, and a new password
// ends every other session.
import { Authenticator, ConsolePage } from '../support/console-page.ts';
import { expect, test, userPassword } from '../support/fixtures.ts';
import { checkPage } from '../support/page-checks.ts';
import { expectNoSecretsLeft } from '../support/secret-scan.ts';

// The registry logs every request, so the scans cover its logs too.
test.use({ registryArgs: ['--log'] });

// Signs in straight against the registry's API, as npm on another machine would; returns the session token.
async function signInElsewhere(registryUrl: string, body: Record<string, string>): Promise<{ status: number; token?: string }> {
  const response = await fetch(`${registryUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'npm/11.6.0 node/v24.11.0 linux x64' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { token?: string };
  return { status: response.status, token: json.token };
}

async function accountStatus(registryUrl: string, token: string): Promise<number> {
  return (await fetch(`${registryUrl}/api/v1/account`, { headers: { authorization: `Bearer ${token}` } })).status;
}

test('checks a code with the drill, regenerates codes, signs out another session and changes the password', async ({
  page,
  context,
  vigil,
}, testInfo) => {
  test.setTimeout(120_000);
  const user = await vigil.addUser('judy');
  const authenticator = new Authenticator(user.totpSecret);
  const [firstCode, secondCode] = user.recoveryCodes;
  await vigil.openConsole();
  const console = new ConsolePage(page);
  await console.signInWithPassword(user.username, user.password);
  await console.verifyCode(await authenticator.nextCode());
  await console.expectDashboard();
  await checkPage(page, testInfo, 'overview');

  // The drill: a stored code is valid, and checking it does not use it up.
  await console.goTo('Recovery codes');
  const status = page.getByRole('region', { name: 'Status' });
  await expect(status).toContainText('8 of 8');
  await page.getByLabel('Recovery code').fill(firstCode ?? '');
  await page.getByRole('button', { name: 'Check code' }).click();
  await expect(page.getByText(/^Valid: this code works/)).toBeVisible();
  await page.getByLabel('Recovery code').fill('0000-0000-0000-0000');
  await page.getByRole('button', { name: 'Check code' }).click();
  await expect(page.getByText(/^Unknown: this is not one of your current codes/)).toBeVisible();
  await expect(status).toContainText('8 of 8');
  await checkPage(page, testInfo, 'recovery-codes');

  // New codes: the old ones stop working, the new ones work.
  await page.getByRole('button', { name: 'Generate new codes' }).click();
  const codes = page.getByRole('list', { name: 'New recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(8);
  const fresh = (await codes.allTextContents()).map((code) => code.trim());
  await page.getByLabel('I have saved these codes').check();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText('New recovery codes are in use')).toBeVisible();
  expect((await signInElsewhere(vigil.registryUrl, { username: user.username, password: user.password, recoveryCode: secondCode ?? '' })).status).toBe(401);
  const other = await signInElsewhere(vigil.registryUrl, { username: user.username, password: user.password, recoveryCode: fresh[0] ?? '' });
  expect(other.status).toBe(200);

  // Sessions: this one marked, the npm one signed out from here.
  await console.goTo('Sessions');
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(page.getByRole('row', { name: /This session/ })).toContainText('Vigil-Console/');
  const npmRow = page.getByRole('row', { name: /npm\/11\.6\.0/ });
  await checkPage(page, testInfo, 'sessions');
  await npmRow.getByRole('button', { name: /^Sign out the session/ }).click();
  await expect(npmRow).toHaveCount(0);
  expect(await accountStatus(vigil.registryUrl, other.token ?? '')).toBe(401);

  // A new password: strength feedback as it is typed, then every other session ends.
  const elsewhere = await signInElsewhere(vigil.registryUrl, { username: user.username, password: user.password, otp: await authenticator.nextCode() });
  expect(elsewhere.status).toBe(200);
  await console.goTo('Password');
  const newPassword = page.getByLabel('New password', { exact: true });
  await newPassword.fill('password1234');
  await expect(page.getByText(/too easy to guess/)).toBeVisible();
  await newPassword.fill(`${user.username}-Quartz-Meadow-Falcon`);
  await expect(page.getByText('The password must not contain the username.')).toBeVisible();
  const replacement = 'Quartz-meadow-falcon-river-81';
  await newPassword.fill(replacement);
  await expect(page.getByText('Strong enough.')).toBeVisible();
  await page.getByLabel('Confirm new password').fill(replacement);
  await checkPage(page, testInfo, 'password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Password changed. Every other session of your account was signed out.')).toBeVisible();
  expect(await accountStatus(vigil.registryUrl, elsewhere.token ?? '')).toBe(401);
  expect((await signInElsewhere(vigil.registryUrl, { username: user.username, password: userPassword(user.username) })).status).toBe(401);

  // This session stays; the old password no longer signs in, the new one does.
  await console.goTo('Overview');
  await console.expectDashboard();
  await console.signOut();
  await console.signInWithPassword(user.username, user.password);
  await expect(console.alert).toContainText('Wrong username or password');
  await console.signInWithPassword(user.username, replacement);
  await expect(page.getByLabel('One-time code')).toBeVisible();

  await expectNoSecretsLeft(vigil, page, context, [user.password, replacement, user.totpSecret, ...user.recoveryCodes, ...fresh]);
});

test('lists failed sign-ins with when, where and why, newest first', async ({ page, vigil }, testInfo) => {
  const user = await vigil.addUser('kim');
  const authenticator = new Authenticator(user.totpSecret);
  expect((await signInElsewhere(vigil.registryUrl, { username: user.username, password: 'not-the-password' })).status).toBe(401);
  expect((await signInElsewhere(vigil.registryUrl, { username: user.username, password: user.password, otp: '000000' })).status).toBe(401);
  await vigil.openConsole();
  const console = new ConsolePage(page);
  await console.signInWithPassword(user.username, user.password);
  await console.verifyCode(await authenticator.nextCode());
  await console.expectDashboard();

  const newest = page.getByRole('list', { name: 'Newest failed sign-ins' }).getByRole('listitem');
  await expect(newest).toHaveCount(2);
  await expect(newest.first()).toContainText('Right password, wrong one-time code');
  await expect(newest.nth(1)).toContainText('Wrong password');
  await expect(newest.first()).toContainText('127.0.0.1');
  await page.getByRole('link', { name: 'See all failed sign-ins' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Failed sign-ins' })).toBeVisible();
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(3);
  await expect(page.getByRole('table')).toContainText('npm/11.6.0');
  await checkPage(page, testInfo, 'failed-sign-ins');
});
