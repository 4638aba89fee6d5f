// The console as a user sees it: controls found by their accessible names, as a screen reader would.
import { expect, type Locator, type Page } from '@playwright/test';
import { totpCode } from '../../registry/security/totp.ts';

// The registry's own TOTP generator: it accepts the demo's published 80-bit secret, which otplib's defaults refuse.
export function totpNow(secret: string): Promise<string> {
  return totpCode(secret, Date.now());
}

const stepMs = 30_000;

// An authenticator app that never offers the same code twice: the registry refuses a time step it has accepted
// already, and takes codes up to one step ahead. A journey using several codes gets the next unused step, waiting
// only when that step is not yet within reach.
export class Authenticator {
  private lastStep = -Infinity;
  readonly secret: string;

  constructor(secret: string) {
    this.secret = secret;
  }

  // The app after the account's authenticator was replaced: the registry remembers the last step it accepted
  // for the account, whatever the secret, so the new one carries on from there.
  replacedWith(secret: string): Authenticator {
    const next = new Authenticator(secret);
    next.lastStep = this.lastStep;
    return next;
  }

  async nextCode(): Promise<string> {
    const current = Math.floor(Date.now() / stepMs);
    const step = Math.max(current, this.lastStep + 1);
    if (step > current + 1) await new Promise((resolve) => setTimeout(resolve, (step - 1) * stepMs - Date.now() + 250));
    this.lastStep = step;
    return totpCode(this.secret, step * stepMs);
  }
}

const keychainAlertText = 'No system keychain is available';

export class ConsolePage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  // The failure of the last action. The keychain alert, a standing condition, can be shown beside it.
  get alert() {
    return this.page.getByRole('alert').filter({ hasNotText: keychainAlertText });
  }

  get keychainAlert() {
    return this.page.getByRole('alert').filter({ hasText: keychainAlertText });
  }

  async signInWithPassword(username: string, password: string, registryUrl?: string): Promise<void> {
    const { page } = this;
    if (registryUrl) await page.getByLabel('Registry URL').fill(registryUrl);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async verifyCode(code: string): Promise<void> {
    await this.page.getByLabel('One-time code').fill(code);
    await this.page.getByRole('button', { name: 'Verify' }).click();
  }

  async verifyRecoveryCode(code: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Use a recovery code' }).click();
    await this.page.getByLabel('Recovery code').fill(code);
    await this.page.getByRole('button', { name: 'Verify' }).click();
  }

  async expectDashboard(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Account security' })).toBeVisible();
  }

  async expectSignInScreen(): Promise<void> {
    await expect(this.page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await this.expectSignInScreen();
  }

  // A page of the signed-in console, through its navigation.
  async goTo(name: 'Overview' | 'Two-factor' | 'Recovery codes' | 'Sessions' | 'Password' | 'Tokens' | 'Projects'): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Account security' }).getByRole('link', { name, exact: true }).click();
  }

  get confirmDialog() {
    return this.page.getByRole('dialog', { name: 'Confirm access' });
  }

  /**
   * The lockdown once it has started: the new recovery codes first (shown once; saved, then Done), then every step
   * done. Returns the new codes and the steps.
   */
  async finishLockdown(): Promise<{ codes: string[]; steps: Locator; dialog: Locator }> {
    const { page } = this;
    const listed = page.getByRole('list', { name: 'New recovery codes' }).getByRole('listitem');
    await expect(listed).toHaveCount(8);
    const codes = (await listed.allTextContents()).map((code) => code.trim());
    await page.getByLabel('I have saved these codes').check();
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('list', { name: 'New recovery codes' })).toHaveCount(0);
    const dialog = page.getByRole('dialog', { name: 'Securing your account' });
    const steps = dialog.getByRole('list', { name: 'Lockdown steps' }).getByRole('listitem');
    await expect(steps.nth(0)).toContainText('End every other session: Done');
    await expect(steps.nth(1)).toContainText('Revoke every API token: Done');
    await expect(steps.nth(2)).toContainText('Generate new recovery codes: Done');
    return { codes, steps, dialog };
  }

  async confirmAccess(password: string, otp?: string): Promise<void> {
    const dialog = this.confirmDialog;
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Password', { exact: true }).fill(password);
    if (otp !== undefined) await dialog.getByLabel('One-time code').fill(otp);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(dialog).toBeHidden();
  }
}
