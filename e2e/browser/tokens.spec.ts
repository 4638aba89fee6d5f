// The Tokens page against a real registry: a token made in the UI publishes only where it is scoped to, its use
// shows up, and once revoked it is refused; stale tokens (the demo's) are flagged and revoked in bulk; the local
// finder, on a test HOME with a planted .npmrc, shows the file, the line and each token's state.
import fs from 'node:fs';
import path from 'node:path';
import { Authenticator, ConsolePage } from '../support/console-page.ts';
import { expect, test, type Page } from '../support/fixtures.ts';
import { checkPage } from '../support/page-checks.ts';
import { makeTempDir } from '../support/processes.ts';
import { expectNoSecretsLeft } from '../support/secret-scan.ts';

test.use({ registryArgs: ['--log'] });

async function publish(registryUrl: string, token: string, project: string, version: string): Promise<{ status: number; code?: string }> {
  const response = await fetch(`${registryUrl}/api/v1/projects/${project}/releases/${version}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: new TextEncoder().encode(`${project} ${version}`),
  });
  const json = (await response.json()) as { error?: { code: string } };
  return { status: response.status, code: json.error?.code };
}

function tokenRow(page: Page, name: string) {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
}

test('a token made in the UI publishes only to its project, shows its use, and is refused once revoked', async ({ page, context, vigil }, testInfo) => {
  test.setTimeout(120_000);
  const user = await vigil.addUser('kim');
  await vigil.addProject('kim-http', 'kim');
  await vigil.addProject('kim-cli', 'kim');
  const authenticator = new Authenticator(user.totpSecret);
  await vigil.openConsole();
  const console = new ConsolePage(page);
  await console.signInWithPassword(user.username, user.password);
  await console.verifyCode(await authenticator.nextCode());
  await console.expectDashboard();

  await console.goTo('Tokens');
  await expect(page.getByText('No active tokens.')).toBeVisible();
  await checkPage(page, testInfo, 'tokens-empty');

  await page.getByRole('button', { name: 'Create token' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create token' });
  await dialog.getByLabel('Name').fill('CI publish');
  await dialog.getByLabel('Read and publish').check();
  await dialog.getByLabel('kim-http').check();
  await dialog.getByLabel('In 30 days').check();
  // Ranges are checked as they are typed.
  const ranges = dialog.getByLabel('Allowed IP ranges (optional)');
  await ranges.fill('127.0.0.0/33');
  await expect(dialog.getByText(/"127\.0\.0\.0\/33" \(range 1\)/)).toBeVisible();
  await expect(ranges).toHaveAttribute('aria-invalid', 'true');
  await ranges.fill('127.0.0.0/8\n::1/128');
  await expect(ranges).not.toHaveAttribute('aria-invalid', 'true');
  await checkPage(page, testInfo, 'create-token');
  await dialog.getByRole('button', { name: 'Create token' }).click();

  // Shown once, with Copy and the lines to paste.
  const shown = page.getByRole('dialog', { name: 'Copy your new token' });
  await expect(shown).toBeVisible();
  const token = ((await shown.locator('code').first().textContent()) ?? '').trim();
  expect(token).toMatch(/^vgl_[A-Za-z0-9]{36}$/);
  const port = new URL(vigil.registryUrl).port;
  await expect(shown.locator('code').nth(1)).toHaveText(`//127.0.0.1:${port}/:_authToken=${token}`);
  await expect(shown.locator('code').nth(2)).toHaveText(`export VIGIL_TOKEN=${token}`);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await shown.getByRole('button', { name: 'Copy Token' }).click();
  await expect(shown.getByText(/Token copied\. Vigil clears the clipboard in 30 seconds/)).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(token);
  await checkPage(page, testInfo, 'new-token');
  await shown.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText(/^Created CI publish\./)).toBeVisible();
  // Gone from the page for good: only the preview is listed.
  await expect(page.getByText(token)).toHaveCount(0);
  const row = tokenRow(page, 'CI publish');
  await expect(row).toContainText(token.slice(0, 8));
  await expect(row).toContainText('kim-http');
  await expect(row).toContainText('Never');

  expect(await publish(vigil.registryUrl, copied, 'kim-http', '1.0.0')).toEqual({ status: 201 });
  expect(await publish(vigil.registryUrl, copied, 'kim-cli', '1.0.0')).toEqual({ status: 403, code: 'out_of_scope' });

  await page.reload();
  await expect(row).toContainText('from 127.0.0.1');
  await checkPage(page, testInfo, 'tokens');

  await row.getByRole('button', { name: 'Revoke CI publish' }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke CI publish?' });
  await expect(confirm.getByRole('list', { name: 'Tokens to revoke' })).toContainText('CI publish');
  await confirm.getByRole('button', { name: 'Revoke 1 token' }).click();
  await expect(page.getByText('Revoked CI publish.')).toBeVisible();
  await expect(row).toHaveCount(0);
  expect(await publish(vigil.registryUrl, copied, 'kim-http', '1.0.1')).toEqual({ status: 401, code: 'token_revoked' });

  await page.evaluate(() => navigator.clipboard.writeText(''));
  await expectNoSecretsLeft(vigil, page, context, [token, user.password, user.totpSecret]);
});

test('the demo’s stale tokens are flagged, filtered, and revoked in bulk after a preview of exactly which', async ({ page, vigil }, testInfo) => {
  await vigil.openConsole({ demo: true });
  const console = new ConsolePage(page);
  await console.signInWithPassword('demo', 'vigil-demo-password');
  await console.verifyCode(await new Authenticator('JBSWY3DPEHPK3PXP').nextCode());
  await console.expectDashboard();
  // The Overview counts what is worth a look and links to the page.
  const card = page.getByRole('region', { name: 'API tokens' });
  await expect(card).toContainText('6 active');
  await expect(card).toContainText('2 stale, 1 bypasses 2FA, 2 reach all projects, 1 expires within 7 days.');
  await card.getByRole('link', { name: 'Review tokens' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tokens' })).toBeFocused();

  const table = page.getByRole('table');
  await expect(table.getByText('Bypasses 2FA').first()).toBeVisible();
  await expect(table.getByText('Expiring soon').first()).toBeVisible();
  const staleRows = page.getByRole('row').filter({ has: page.getByText('Stale', { exact: true }) });
  const staleNames = (await staleRows.getByRole('rowheader').allTextContents()).length;
  expect(staleNames).toBeGreaterThanOrEqual(2);
  await checkPage(page, testInfo, 'demo-tokens');

  await page.getByLabel('Warning').selectOption('Stale');
  await expect(page.getByText(`Showing ${staleNames} of`)).toBeVisible();
  await page.getByLabel('Warning').selectOption('Any');

  await page.getByRole('button', { name: /^Revoke stale tokens/ }).click();
  const preview = page.getByRole('dialog', { name: 'Revoke stale tokens?' });
  await expect(preview.getByRole('list', { name: 'Tokens to revoke' }).getByRole('listitem')).toHaveCount(staleNames);
  await checkPage(page, testInfo, 'revoke-stale');
  await preview.getByRole('button', { name: `Revoke ${staleNames} tokens` }).click();
  await expect(page.getByText(`Revoked ${staleNames} tokens.`)).toBeVisible();
  await expect(staleRows).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Revoke stale tokens/ })).toBeDisabled();

  // Selecting from the keyboard: Space on a row's checkbox, then Revoke selected.
  const before = await page.getByRole('table').getByRole('rowheader').count();
  await page.getByRole('checkbox', { name: /^Select (?!all)/ }).first().focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Revoke selected (1)' }).click();
  await page.getByRole('dialog', { name: 'Revoke selected tokens?' }).getByRole('button', { name: 'Revoke 1 token' }).click();
  await expect(page.getByRole('table').getByRole('rowheader')).toHaveCount(before - 1);
});

test('the finder shows each planted token by file and line with its state, never the whole token', async ({ page, context, vigil }, testInfo) => {
  const user = await vigil.addUser('lou', { totp: false });
  // Two tokens made over the API, as the user's CLI would; one is then revoked.
  const session = await fetch(`${vigil.registryUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user.username, password: user.password }),
  }).then((response) => response.json() as Promise<{ token: string }>);
  const make = async (name: string) => {
    const response = await fetch(`${vigil.registryUrl}/api/v1/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
      body: JSON.stringify({ name, permission: 'read-only', projects: 'all' }),
    });
    return (await response.json()) as { id: string; token: string };
  };
  const active = await make('laptop');
  const revoked = await make('old laptop');
  await fetch(`${vigil.registryUrl}/api/v1/tokens/${revoked.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${session.token}` } });

  const home = makeTempDir('home');
  const registryKey = `//127.0.0.1:${new URL(vigil.registryUrl).port}/:_authToken`;
  fs.writeFileSync(path.join(home, '.npmrc'), `registry=${vigil.registryUrl}/\n${registryKey}=${active.token}\n${registryKey}=${revoked.token}\n`);
  const project = makeTempDir('project');
  fs.writeFileSync(path.join(project, '.env'), `# deploy\nNPM_TOKEN=npm_${'a'.repeat(36)}\n`);

  await vigil.openConsole({ env: { HOME: home } });
  const console = new ConsolePage(page);
  await console.signInWithPassword(user.username, user.password);
  await console.expectDashboard();
  await console.goTo('Tokens');
  await page.getByRole('link', { name: 'Find tokens on this computer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Find tokens on this computer' })).toBeFocused();
  await page.getByLabel('Also scan this folder').fill('projects');
  await page.getByRole('button', { name: 'Add folder' }).click();
  await expect(page.getByText(/Enter a full path/)).toBeVisible();
  await page.getByLabel('Also scan this folder').fill(project);
  await page.getByRole('button', { name: 'Add folder' }).click();
  await expect(page.getByRole('list', { name: 'Added folders' })).toContainText(project);
  await page.getByRole('button', { name: 'Scan', exact: true }).click();
  await expect(page.getByText(/^Done: \d+ files? scanned, 3 tokens found\./)).toBeVisible();

  const found = page.getByRole('region', { name: 'Tokens found' });
  const npmrc = path.join(home, '.npmrc');
  const cells = (token: string) => found.getByRole('row').filter({ hasText: token.slice(0, 8) }).getByRole('cell');
  await expect(cells(active.token)).toHaveText([npmrc, '2', `Vigil ${active.token.slice(0, 8)}…`, /^Active/]);
  await expect(cells(revoked.token)).toHaveText([npmrc, '3', `Vigil ${revoked.token.slice(0, 8)}…`, 'Revoked: remove this line.']);
  await expect(found.getByRole('row').filter({ hasText: path.join(project, '.env') }).getByRole('cell')).toHaveText([
    path.join(project, '.env'),
    '2',
    'npm npm_aaaa…',
    "Another registry's token: check it on npm.",
  ]);
  await checkPage(page, testInfo, 'token-finder');
  await expectNoSecretsLeft(vigil, page, context, [active.token, revoked.token, session.token, user.password]);
});
