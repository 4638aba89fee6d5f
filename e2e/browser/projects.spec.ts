// The Projects page across two accounts on two registries: the demo registry (its estate in every compliance
// state) and a test registry of another maintainer. A project whose collaborator lacks 2FA is failing and names
// her; requiring 2FA previews her as blocked and then her publish is refused over HTTP; the exports parse.
import fs from 'node:fs';
import { Authenticator, ConsolePage } from '../support/console-page.ts';
import { expect, test } from '../support/fixtures.ts';
import { checkPage } from '../support/page-checks.ts';

const demo = { username: 'demo', password: 'vigil-demo-password', authenticator: new Authenticator('JBSWY3DPEHPK3PXP') };
const ines = { username: 'ines', password: 'vigil-demo-ines-password' };

async function publishAs(registryUrl: string, username: string, password: string, project: string, version: string) {
  const session = (await fetch(`${registryUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  }).then((response) => response.json())) as { token: string };
  const response = await fetch(`${registryUrl}/api/v1/projects/${project}/releases/${version}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/octet-stream' },
    body: new TextEncoder().encode(`${project} ${version}`),
  });
  const json = (await response.json()) as { error?: { code: string } };
  return { status: response.status, code: json.error?.code };
}

// Every cell of the export is quoted (compliance-table.ts), so a line splits on the quotes between cells.
const csvCells = (line: string) => line.slice(1, -1).split('","').map((cell) => cell.replace(/""/g, '"'));

test('two registries’ estates in one table; requiring 2FA previews who is blocked, then blocks her publish; removing her clears it; exports parse', async ({ page, vigil }, testInfo) => {
  test.setTimeout(180_000);
  const rhea = await vigil.addUser('rhea');
  await vigil.addProject('rhea-tool', 'rhea');
  await vigil.openConsole({ demo: true });
  const console = new ConsolePage(page);
  const demoUrl = await page.getByLabel('Registry URL').inputValue();
  await console.signInWithPassword(demo.username, demo.password);
  await console.verifyCode(await demo.authenticator.nextCode());
  await console.expectDashboard();

  // The second account, on the other registry, through Add account; the demo stays signed in.
  await page.getByRole('link', { name: 'Add account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add an account' })).toBeVisible();
  await console.signInWithPassword(rhea.username, rhea.password, vigil.registryUrl);
  await console.verifyCode(await new Authenticator(rhea.totpSecret).nextCode());
  await console.expectDashboard();
  await expect(page.getByRole('combobox', { name: 'Account' })).toHaveValue(`rhea on ${vigil.registryUrl}`);

  await console.goTo('Projects');
  const table = page.getByRole('table', { name: /Projects and their 2FA compliance/ });
  const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  await expect(row('rhea-tool')).toContainText(`rhea on ${vigil.registryUrl}`);
  for (const name of ['Acme.CLI', 'acme-testkit', 'acme-http', 'yaml-lint-rules']) await expect(row(name)).toContainText(`demo on ${demoUrl}`);
  // acme-testkit: ines maintains it without 2FA, and publishing does not require 2FA.
  const testkit = row('acme-testkit');
  await expect(testkit.getByRole('cell').nth(2)).toHaveText('ines');
  await expect(testkit).toContainText('Failing');
  await expect(testkit.getByRole('listitem').filter({ hasText: 'ines' })).toHaveCount(1);
  await expect(page.getByText(/\d+ failing/)).toBeVisible();
  await checkPage(page, testInfo, 'projects');

  await page.getByLabel('Status').selectOption('At risk');
  await expect(table.getByRole('rowheader')).not.toHaveCount(0);
  for (const status of await table.getByRole('row').filter({ has: page.getByRole('rowheader') }).locator('.status').allTextContents()) {
    expect(status).toBe('At risk');
  }
  await page.getByLabel('Status').selectOption('Any');
  await page.getByLabel('Search').fill('ines');
  await expect(table.getByRole('rowheader', { name: 'rhea-tool' })).toHaveCount(0);
  await expect(row('acme-testkit')).toBeVisible();
  await page.getByLabel('Search').fill('');
  const projectCount = await table.getByRole('rowheader').count();

  // Export, through main, as the browser downloads it.
  const exported = async (button: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    return { name: download.suggestedFilename(), text: fs.readFileSync(await download.path(), 'utf8') };
  };
  const csv = await exported('Export CSV');
  expect(csv.name).toMatch(/\.csv$/);
  const lines = csv.text.trimEnd().split('\r\n').map(csvCells);
  expect(lines[0]).toEqual(expect.arrayContaining(['registry', 'account', 'project', 'status', 'collaborators without 2FA']));
  expect(lines).toHaveLength(projectCount + 1);
  const header = lines[0]!;
  const testkitLine = lines.find((cells) => cells[header.indexOf('project')] === 'acme-testkit')!;
  expect(testkitLine[header.indexOf('status')]).toBe('failing');
  expect(testkitLine[header.indexOf('collaborators without 2FA')]).toBe('ines');
  const json = await exported('Export JSON');
  expect(json.name).toMatch(/\.json$/);
  const { projects } = JSON.parse(json.text) as { projects: Array<{ name: string; account: { registryUrl: string } }> };
  expect(projects).toHaveLength(projectCount);
  expect(new Set(projects.map((project) => project.account.registryUrl))).toEqual(new Set([demoUrl, vigil.registryUrl]));

  // Before the policy, ines may publish acme-testkit without a second factor.
  expect(await publishAs(demoUrl, ines.username, ines.password, 'acme-testkit', '3.0.0')).toEqual({ status: 201, code: undefined });

  await table.getByRole('link', { name: 'acme-testkit', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'acme-testkit' })).toBeVisible();
  // rhea is the active account; changes are made as the project's own account.
  await page.getByRole('button', { name: `Switch to demo on ${demoUrl}` }).click();
  await page.getByRole('button', { name: 'Require 2FA for publishing' }).click();
  const preview = page.getByRole('dialog', { name: 'Require 2FA for publishing acme-testkit?' });
  await expect(preview.getByRole('list', { name: 'Collaborators who would be blocked' }).getByRole('listitem')).toHaveText(['ines']);
  await checkPage(page, testInfo, 'require-2fa-preview');
  // The demo signed in moments ago, which counts as Confirm access (its own journey covers the dialog).
  await preview.getByRole('button', { name: 'Require 2FA', exact: true }).click();
  await expect(page.getByText('Publishing now requires 2FA.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Publishing policy' })).toContainText('2FA required.');
  // Still failing, now only because ines has no 2FA.
  const status = page.getByRole('region', { name: 'Status' });
  await expect(status).toContainText('Failing');
  const failing = status.getByRole('listitem').filter({ hasText: /^Failing:/ });
  await expect(failing).toHaveCount(1);
  await expect(failing).toContainText('ines (maintainer) can publish acme-testkit without two-factor authentication');
  await checkPage(page, testInfo, 'project');

  expect(await publishAs(demoUrl, ines.username, ines.password, 'acme-testkit', '3.0.1')).toEqual({ status: 403, code: 'two_factor_required' });

  // Removing her leaves nobody without 2FA: no failing finding is left.
  await page.getByRole('button', { name: 'Remove ines' }).click();
  await page.getByRole('dialog', { name: 'Remove ines from acme-testkit?' }).getByRole('button', { name: 'Remove ines' }).click();
  await expect(page.getByText('Removed ines from acme-testkit.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Collaborators' }).getByRole('rowheader')).toHaveText(['demo']);
  await expect(status).toContainText('At risk');
  await expect(failing).toHaveCount(0);
  expect(await publishAs(demoUrl, ines.username, ines.password, 'acme-testkit', '3.0.2')).toEqual({ status: 403, code: 'not_a_collaborator' });
});
