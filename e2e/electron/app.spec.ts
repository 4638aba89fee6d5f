// The same journey in the real Electron shell. The Electron binary is downloaded separately from the npm
// package; where it is absent (as on machines without GitHub access), this project skips and says so.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary.ts';
import { totpNow } from '../support/console-page.ts';

const root = path.resolve(import.meta.dirname, '../..');

const binary = findElectronBinary();
test.skip(
  !binary,
  'The Electron binary is not installed (a separate download, which `npm start` fetches on first run); the browser ' +
    'project covers the same journeys, since the browser host serves the same renderer over the same IPC handlers.',
);

test('the Electron console signs in to the demo registry with 2FA and keeps renderer hardening on', async () => {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-electron-'));
  const app = await electron.launch({
    executablePath: binary ?? undefined,
    args: [root, '--demo', '--no-sandbox'],
    env: { ...process.env, VIGIL_USER_DATA_DIR: userData },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('button', { name: 'Sign in' })).toBeVisible();
    // Served from the privileged app:// scheme, never from file://.
    expect(window.url()).toBe('app://vigil/index.html');
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');

    await window.getByLabel('Username').fill('demo');
    await window.getByLabel('Password', { exact: true }).fill('vigil-demo-password');
    await window.getByRole('button', { name: 'Sign in' }).click();
    await window.getByLabel('One-time code').fill(await totpNow('JBSWY3DPEHPK3PXP'));
    await window.getByRole('button', { name: 'Verify' }).click();
    await expect(window.getByRole('heading', { name: 'Account security' })).toBeVisible();
  } finally {
    await app.close();
  }
});
