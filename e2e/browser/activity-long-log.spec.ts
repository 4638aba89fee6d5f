// A long audit log on the Activity page: the table knows its length from the first page (assistive technology
// hears it, and the page's height does not change as pages arrive), rows not loaded yet are placeholders that say
// so, and a jump to the end (End, or the scrollbar) fills in as the pages between arrive; a log taller than a page
// can be still has every row within reach.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ConsolePage } from '../support/console-page.ts';
import { expect, test, userPassword, type Page, type VigilWorld } from '../support/fixtures.ts';
import { checkPage } from '../support/page-checks.ts';

const seeded = 1_200;

/** A user whose history the registry's CLI seeds with `events` events, signed in, on the Activity page. */
async function openActivityWithHistory(page: Page, vigil: VigilWorld, username: string, events: number) {
  await vigil.addUser(username, { totp: false });
  execFileSync(process.execPath, [path.resolve(import.meta.dirname, '../../registry/cli.ts'), 'seed', 'history', username, '--events', String(events), '--data', vigil.registryDataDir]);
  await vigil.openConsole();
  const console = new ConsolePage(page);
  await console.signInWithPassword(username, userPassword(username));
  await console.expectDashboard();
  await page.getByRole('navigation', { name: 'Account security' }).getByRole('link', { name: 'Activity', exact: true }).click();
  return page.getByRole('table', { name: /Account activity/ });
}

test('a log of 1,200 events: counted from the first page, placeholders until their page arrives, the end reached', async ({ page, vigil }, testInfo) => {
  test.setTimeout(120_000);
  const table = await openActivityWithHistory(page, vigil, 'hana', seeded);
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

// Chromium lays nothing out taller than 33,554,432 px: at about 71 px a row, a log past some 470,000 events would
// leave its oldest rows out of reach. The rows then get a box a page can hold, scrolled through faster in the middle
// (renderer/src/scroll-scale.ts).
test('a log taller than a page can be (500,000 events): the page holds it, and its last row can be scrolled to', async ({ page, vigil }) => {
  test.setTimeout(240_000);
  const table = await openActivityWithHistory(page, vigil, 'ines', 500_000);
  await expect(table.locator('tbody tr[aria-rowindex]').first()).toBeVisible({ timeout: 120_000 });
  const events = Number(await table.getAttribute('aria-rowcount')) - 1;
  expect(events).toBeGreaterThan(500_000);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height).toBeGreaterThan(29_000_000);
  expect(height).toBeLessThan(33_554_432);

  const topRow = () =>
    page.evaluate(() => {
      const row = [...document.querySelectorAll('table.activity-table tbody tr[aria-rowindex]')].find((one) => one.getBoundingClientRect().bottom > 0);
      return Number(row?.getAttribute('aria-rowindex'));
    });
  // Halfway down the page is about halfway down the log; a small scroll from there moves a few rows, not thousands.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
  await expect.poll(topRow).toBeGreaterThan(events * 0.4);
  const middle = await topRow();
  expect(middle).toBeLessThan(events * 0.6);
  await page.evaluate(() => window.scrollBy(0, 400));
  await expect.poll(async () => (await topRow()) - middle).toBeGreaterThan(2);
  expect((await topRow()) - middle).toBeLessThan(20);

  // The end of the page is the end of the log: its oldest event's row is there (loading, pages away).
  await page.keyboard.press('End');
  await expect(table.locator(`tbody tr[aria-rowindex="${events + 1}"]`)).toBeInViewport();
  expect(await table.locator('tbody tr[aria-rowindex]').count()).toBeLessThan(100);
});
