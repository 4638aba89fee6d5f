// A maintainer whose account has no 2FA turns it on from the console, keeps the recovery codes it shows once, and
// signs in with each second factor — against the real browser host, a real registry and Chromium.
import fs from 'node:fs';
import { Authenticator, ConsolePage } from '../support/console-page.ts';
import { expect, test } from '../support/fixtures.ts';
import { checkPage } from '../support/page-checks.ts';
import { expectNoSecretsLeft } from '../support/secret-scan.ts';

// The registry logs every request, so the scan at the end covers its logs too.
test.use({ registryArgs: ['--log'] });

test('enables two-factor without scanning anything, saves the codes, then signs in with TOTP and with a recovery code', async ({
  page,
  context,
  vigil,
}, testInfo) => {
  test.setTimeout(120_000);
  const user = await vigil.addUser('ivan', { totp: false });
  await vigil.openConsole();
  const console = new ConsolePage(page);
  await console.signInWithPassword(user.username, user.password);
  await console.expectDashboard();

  // Overview calls for 2FA and has no recovery-code card for an authenticator that does not exist.
  const call = page.getByRole('region', { name: 'Turn on two-factor authentication' });
  await expect(call).toBeVisible();
  await expect(page.getByRole('region', { name: 'Recovery codes' })).toHaveCount(0);
  await checkPage(page, testInfo, 'overview-without-2fa');
  await call.getByRole('link', { name: 'Set up two-factor authentication' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Two-factor authentication' })).toBeVisible();
  await expect(page).toHaveURL(/#\/two-factor$/);
  await checkPage(page, testInfo, 'two-factor-off');

  await page.getByRole('button', { name: 'Enable two-factor' }).click();
  const qr = page.getByRole('img', { name: /QR code/ });
  await expect(qr).toBeVisible();
  // Drawn locally as SVG: no image is fetched from anywhere.
  expect(await qr.evaluate((element) => element.tagName.toLowerCase())).toBe('svg');
  const grouped = await page.getByLabel('Or type this setup key into the app').inputValue();
  expect(grouped).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
  const authenticator = new Authenticator(grouped.replace(/ /g, ''));
  await checkPage(page, testInfo, 'two-factor-enrolment');

  // Letters are a format problem, not a wrong code.
  await page.getByLabel('One-time code').fill('abcdef');
  await page.getByRole('button', { name: 'Activate' }).click();
  await expect(page.getByText('Enter the six digits shown in your authenticator app.')).toBeVisible();
  await page.getByLabel('One-time code').fill(await authenticator.nextCode());
  await page.getByRole('button', { name: 'Activate' }).click();

  const codes = page.getByRole('list', { name: 'New recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(8);
  const shown = (await codes.allTextContents()).map((code) => code.trim());
  for (const code of shown) expect(code).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){3}$/);
  await checkPage(page, testInfo, 'new-recovery-codes');
  // Shown once, so they cannot be lost by accident: Escape does not close them, nor does Back.
  await page.keyboard.press('Escape');
  await page.goBack();
  await expect(codes).toHaveCount(8);
  await page.goForward();

  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy all' }).click();
  await expect(page.getByText(/Copied\. Vigil clears the clipboard in 30 seconds/)).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  for (const code of shown) expect(copied).toContain(code);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save to file' }).click()]);
  expect(download.suggestedFilename()).toBe('vigil-recovery-codes-ivan.txt');
  const saved = fs.readFileSync(await download.path(), 'utf8');
  for (const code of shown) expect(saved).toContain(code);

  const done = page.getByRole('button', { name: 'Done' });
  await expect(done).toBeDisabled();
  await page.getByLabel('I have saved these codes').check();
  await done.click();
  await expect(page.getByRole('list', { name: 'New recovery codes' })).toHaveCount(0);
  await expect(page.getByText('On', { exact: true })).toBeVisible();

  await console.signOut();
  await console.signInWithPassword(user.username, user.password);
  await console.verifyCode(await authenticator.nextCode());
  await console.expectDashboard();
  await expect(page.getByRole('region', { name: 'Recovery codes' })).toContainText('8 recovery codes remaining');

  await console.signOut();
  await console.signInWithPassword(user.username, user.password);
  await console.verifyRecoveryCode(shown[0] ?? '');
  await console.expectDashboard();
  await console.goTo('Recovery codes');
  await expect(page.getByRole('region', { name: 'Status' })).toContainText('7 of 8');

  // Back and forward move between pages.
  await page.goBack();
  await console.expectDashboard();
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1, name: 'Recovery codes' })).toBeVisible();

  await expectNoSecretsLeft(vigil, page, context, [user.password, authenticator.secret, ...shown]);
});
