// Tamper evidence in a real browser: the demo account's log checks out; then a copy of the registry's database has
// one event changed behind the registry's back (direct SQL, the append-only triggers dropped: the attacker's
// address in a failed sign-in replaced by the owner's home address), a registry serves that copy, and the console
// signed in to it shows the tamper alert naming that event, before and after "Verify whole history".
import fs from 'node:fs';
import { alterEvent, copyDatabase, queryDatabase } from '../../registry/store/tamper-with-events.ts';
import { Authenticator, ConsolePage } from '../support/console-page.ts';
import { expect, test, type Page } from '../support/fixtures.ts';
import { checkPage } from '../support/page-checks.ts';
import { makeTempDir, startRegistry } from '../support/processes.ts';

const demo = { username: 'demo', password: 'vigil-demo-password', authenticator: new Authenticator('JBSWY3DPEHPK3PXP') };

test.use({ registryArgs: ['--seed', 'demo'] });

async function signInAsDemo(page: Page): Promise<void> {
  const console = new ConsolePage(page);
  await console.signInWithPassword(demo.username, demo.password);
  await console.verifyCode(await demo.authenticator.nextCode());
  await console.expectDashboard();
}

async function openActivity(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Account security' }).getByRole('link', { name: 'Activity', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible();
}

const tamperedHeading = 'This account’s activity log has been tampered with';

test('an event changed in the registry’s database is named by the tamper alert', async ({ page, vigil }, testInfo) => {
  test.setTimeout(150_000);
  await vigil.openConsole();
  await signInAsDemo(page);
  await expect(page.getByRole('region', { name: 'Sign-ins to review' })).toBeVisible();
  await expect(page.getByRole('region', { name: tamperedHeading })).toHaveCount(0);
  await openActivity(page);
  const integrity = page.getByRole('region', { name: 'Log integrity' });
  await expect(integrity).toContainText(/Hash chain intact: all \d+ events verified/);

  const copyDir = makeTempDir('registry-copy');
  copyDatabase(vigil.registryDataDir, copyDir);
  const [victim] = queryDatabase(
    copyDir,
    `SELECT e.id, (SELECT ip FROM events WHERE account_id = e.account_id AND type = 'login.success' ORDER BY id LIMIT 1) AS home
     FROM events e JOIN accounts a ON a.id = e.account_id
     WHERE a.username = 'demo' AND e.type = 'login.failure' ORDER BY e.id DESC LIMIT 1`,
  ) as [{ id: number; home: string }];
  alterEvent(copyDir, String(victim.id), { ip: victim.home });
  const copy = await startRegistry(copyDir);
  try {
    await new ConsolePage(page).signOut();
    await vigil.openConsole({ registryUrl: copy.url });
    await signInAsDemo(page);
    // The Overview says so as soon as the log has been read for its sign-ins to review.
    await expect(page.getByRole('region', { name: tamperedHeading })).toContainText(`Event #${victim.id} (Sign-in failed,`);
    await checkPage(page, testInfo, 'overview-tampered');
    await openActivity(page);
    const alert = page.getByRole('region', { name: tamperedHeading });
    await expect(alert).toContainText(`Event #${victim.id} (Sign-in failed,`);
    await expect(alert).toContainText('does not match its hash: it was changed after it was recorded.');
    await checkPage(page, testInfo, 'activity-tampered');

    await alert.getByRole('button', { name: 'Verify whole history' }).click();
    await expect(alert.getByRole('button', { name: 'Verify whole history' })).toBeEnabled();
    await expect(alert).toContainText(`Event #${victim.id} (Sign-in failed,`);
  } finally {
    await copy.stop();
    fs.rmSync(copyDir, { recursive: true, force: true });
  }
});
