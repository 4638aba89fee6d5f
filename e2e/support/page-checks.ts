// Checks run on every page a journey visits: axe finds no serious or critical accessibility issue, and a
// full-page screenshot is kept as an artifact of the run.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
}

export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

// Both, for a page the journey has just reached.
export async function checkPage(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await expectNoSeriousAxeViolations(page);
  await keepScreenshot(page, testInfo, name);
}
