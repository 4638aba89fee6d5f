// The Activity page on the demo account (a registry seeded as the demo is, which outlives the console): its
// history's flagged sign-ins with their reasons, "Yes, it was me" still answered after the console restarts,
// filters kept in the URL across a reload, and an export that parses.
import fs from 'node:fs';
import { Authenticator, ConsolePage } from '../support/console-page.ts';
import { expect, test, type Page } from '../support/fixtures.ts';
import { checkPage } from '../support/page-checks.ts';
import { refusedAtRegistry, signInElsewhere } from '../support/registry-api.ts';

const demo = { username: 'demo', password: 'vigil-demo-password', authenticator: new Authenticator('JBSWY3DPEHPK3PXP') };

async function signInToDemo(page: Page): Promise<void> {
  const console = new ConsolePage(page);
  await console.signInWithPassword(demo.username, demo.password);
  await console.verifyCode(await demo.authenticator.nextCode());
  await console.expectDashboard();
}

test.use({ registryArgs: ['--seed', 'demo'] });

const openActivity = (page: Page) => page.getByRole('navigation', { name: 'Account security' }).getByRole('link', { name: 'Activity', exact: true }).click();

test('the demo’s activity: flagged sign-ins with reasons, one answered for good, filters in the URL, an export', async ({ page, vigil }, testInfo) => {
  test.setTimeout(150_000);
  await vigil.openConsole();
  await signInToDemo(page);
  // The Overview asks first.
  const card = page.getByRole('region', { name: 'Sign-ins to review' });
  await expect(card).toContainText(/\d+ sign-ins looked unusual/);
  await checkPage(page, testInfo, 'overview-review');

  await openActivity(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible();
  const review = page.getByRole('region', { name: 'Was this you?' });
  const questions = review.getByRole('group', { name: /^Was this you: / });
  await expect(questions.first()).toBeVisible();
  // The demo has more than the few shown at first (its break-in, its trip, its new devices): show them all.
  const showAll = () => review.getByRole('button', { name: /^Show all \d+$/ }).click();
  await showAll();
  const before = await questions.count();
  expect(before).toBeGreaterThanOrEqual(2);
  // Each flagged sign-in says why, in words (the demo's laptop: a device not seen for 90 days), and where it was,
  // from the bundled IP database: the demo's addresses are real ones (its trip to London, the owner's sign-in
  // hours after the intruder's from Hanoi).
  await expect(review).toContainText('New device');
  await expect(review).toContainText('New country: United Kingdom');
  await expect(review).toContainText(/Impossible travel: Berlin.* after a sign-in from Hanoi, Vietnam/);
  await expect(page.getByRole('figure', { name: /Sign-ins per day/ })).toContainText(/successful and \d+ failed sign-ins/);
  await checkPage(page, testInfo, 'activity');

  const answered = (await questions.first().getAttribute('aria-label')) ?? '';
  await questions.first().getByRole('button', { name: 'Yes, it was me' }).click();
  await expect(questions).toHaveCount(before - 1);
  await expect(review.getByRole('group', { name: answered })).toHaveCount(0);

  // The console restarts (it still holds the session): still answered.
  await vigil.openConsole();
  await new ConsolePage(page).expectDashboard();
  await openActivity(page);
  await showAll();
  await expect(questions).toHaveCount(before - 1);
  await expect(review.getByRole('group', { name: answered })).toHaveCount(0);

  // Filters live in the URL: flagged only, kept across a reload.
  await page.getByRole('checkbox', { name: 'Flagged only' }).click();
  await expect(page.getByRole('checkbox', { name: 'Flagged only' })).toBeChecked();
  await expect(page).toHaveURL(/flagged=1/);
  const table = page.getByRole('table', { name: /Account activity/ });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Flagged only' })).toBeChecked();
  const rows = table.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(rows.first()).toBeVisible();
  for (const flags of await rows.locator('td:last-child').allTextContents()) expect(flags).toMatch(/High|Medium|Low/);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const lines = fs.readFileSync(await download.path(), 'utf8').trimEnd().split('\r\n');
  expect(lines[0]).toBe('"id","time","type","ip","place","device","user agent","flags","was this you","details"');
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((line) => /"(high|medium|low): /.test(line))).toBe(true);
  await checkPage(page, testInfo, 'activity-flagged');
});

test('“No, secure my account” on a flagged sign-in: the other sessions end, tokens are revoked, new codes are shown once, and it is not asked again', async ({ page, vigil }, testInfo) => {
  test.setTimeout(150_000);
  // Someone else holding the demo's password and a code: a session of theirs, and a token made with it.
  const elsewhere = await signInElsewhere(vigil.registryUrl, { username: demo.username, password: demo.password, otp: await demo.authenticator.nextCode() });

  await vigil.openConsole();
  await signInToDemo(page);
  await openActivity(page);
  const review = page.getByRole('region', { name: 'Was this you?' });
  const questions = review.getByRole('group', { name: /^Was this you: / });
  await review.getByRole('button', { name: /^Show all \d+$/ }).click();
  const before = await questions.count();
  const disowned = (await questions.first().getAttribute('aria-label')) ?? '';
  await questions.first().getByRole('button', { name: 'No, secure my account' }).click();

  // The new recovery codes come first, shown once; then every step is done, and at the registry the other session
  // and its token are refused.
  const { dialog } = await new ConsolePage(page).finishLockdown();
  expect(await refusedAtRegistry(vigil.registryUrl, elsewhere)).toEqual({ session: 401, token: [401, 'token_revoked'] });

  // The answer is kept: the sign-in is no longer asked about, and its row says what the owner said.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(questions).toHaveCount(before - 1);
  await expect(review.getByRole('group', { name: disowned })).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Flagged only' }).click();
  await expect(page.getByRole('table', { name: /Account activity/ })).toContainText('You said this was not you');
  await checkPage(page, testInfo, 'activity-disowned');
});
