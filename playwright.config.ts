// End-to-end journeys. The browser project drives Debian's Chromium (Playwright's own browser download is not
// reachable here) against the real browser host and a real reference registry; the Electron project drives the
// real app and skips, saying why, where the Electron binary is not installed.
import { execFileSync } from 'node:child_process';
import { defineConfig } from '@playwright/test';

export function systemChromium(): string | undefined {
  if (process.env.VIGIL_CHROMIUM) return process.env.VIGIL_CHROMIUM;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const chromium = {
  browserName: 'chromium' as const,
  viewport: { width: 1280, height: 800 },
  launchOptions: { executablePath: systemChromium(), args: chromiumArgs },
};

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  fullyParallel: true,
  // The list reporter shows a skip without its reason, so another reporter prints the reasons. It comes first so
  // that its lines end before the list's summary, which stays the last thing printed (scripts/test.sh counts it).
  reporter: [['./e2e/support/skip-reasons-reporter.ts'], ['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    { name: 'browser', testDir: 'e2e/browser', use: chromium },
    // Journeys of the security suite (npm run test:security), e.g. what other local services can see.
    { name: 'security', testDir: 'e2e/security', use: chromium },
    { name: 'electron', testDir: 'e2e/electron' },
  ],
});
