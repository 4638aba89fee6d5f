// The console as a user sees it: controls found by their accessible names, as a screen reader would.
import { expect, type Page } from '@playwright/test';
import { totpCode } from '../../registry/security/totp.ts';

// The registry's own TOTP generator: it accepts the demo's published 80-bit secret, which otplib's defaults refuse.
export function totpNow(secret: string): Promise<string> {
  return totpCode(secret, Date.now());
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
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await this.expectSignInScreen();
  }
}
