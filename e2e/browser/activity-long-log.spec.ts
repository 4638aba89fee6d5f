// A long audit log on the Activity page: the table knows its length from the first page (assistive technology
// hears it, and the page's height does not change as pages arrive), rows not loaded yet are placeholders that say
// so, and a jump to the end (End, or the scrollbar) fills in as the pages between arrive.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ConsolePage } from '../support/console-page.ts';
import { expect, test, userPassword } from '../support/fixtures.ts';
import { checkPage } from '../support/page-checks.ts';

const seeded = 1_200;

test('a log of 1,200 events: counted from the first page, placeholders until their page arrives, the end reached', async ({ page, vigil }, testInfo) => {
  test.setTimeout(120_000);
  await vigil.addUser('hana', { totp: false });
  execFileSync(process.execPath, [path.resolve(import.meta.dirname, '../../registry/cli.ts'), 'seed', 'history', 'hana', '--events', String(seeded), '--data', vigil.registryDataDir]);
  await vigil.openConsole();
  const console = new ConsolePage(page);
  await console.signInWithPassword('hana', userPassword('hana'));
  await console.expectDashboard();
  await page.getByRole('navigation', { name: 'Account security' }).getByRole('link', { name: 'Activity', exact: true }).click();

  const table = page.getByRole('table', { name: /Account activity/ });
  const rows = table.locator('tbody tr[aria-rowindex]');
  await expect(rows.first()).toBeVisible({ timeout: 60_000 });
  // Her seeded history, the sign-in that made the account and this one: the header row and every event.
  const events = Number(await table.getAttribute('aria-rowcount')) - 1;
  expect(events).toBeGreaterThanOrEqual(seeded);
  await expect(page.getByText(`${events.toLocaleString('en')} events, all there are.`)).toBeVisible();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);

  // Far past the first page: placeholders say they are loading, and the pages between follow.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
  await expect(table.getByText('Loading…').first()).toBeAttached();
  await page.keyboard.press('End');
  const last = table.locator(`tbody tr[aria-rowindex="${events + 1}"]`);
  await expect(last.getByRole('button')).toBeVisible({ timeout: 60_000 });
  await expect(table.getByText('Loading…')).toHaveCount(0);
  // Only a window of rows is in the DOM, whatever the length.
  expect(await rows.count()).toBeLessThan(100);
  // The page ends with the last row: the room kept below it while scrolling is gone.
  const end = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(end).toBeLessThanOrEqual(height);
  expect(await page.evaluate(() => document.documentElement.scrollHeight - (window.scrollY + window.innerHeight))).toBeLessThan(300);
  await checkPage(page, testInfo, 'activity-long-log');
});
