// A fresh world for every test: its own registry data folder and server, its own console data folder and
// browser host (per-test keychain entries are keyed by that registry's URL, so tests never share a session).
import { test as base, type Page } from '@playwright/test';
import { addUser, makeTempDir, startConsole, startRegistry, type CreatedUser, type RunningProcess } from './processes.ts';

export interface VigilWorld {
  registryUrl: string;
  registryDataDir: string;
  consoleDataDir: string;
  addUser(username: string): Promise<CreatedUser>;
  // Starts (or restarts, keeping its data folder) the console and opens it in the page; `env` adds to its
  // environment (e.g. to cut it off from the keyring).
  openConsole(options?: { demo?: boolean; registryUrl?: string; env?: NodeJS.ProcessEnv }): Promise<void>;
  // The one-time launch link the console printed and the page opened last.
  launchUrl: string | null;
  stopConsole(): Promise<void>;
}

export const test = base.extend<{ vigil: VigilWorld }>({
  vigil: async ({ page }, use) => {
    const registryDataDir = makeTempDir('registry');
    const consoleDataDir = makeTempDir('console');
    const registry = await startRegistry(registryDataDir);
    let consoleProcess: RunningProcess | null = null;

    const world: VigilWorld = {
      registryUrl: registry.url,
      registryDataDir,
      consoleDataDir,
      addUser: (username) => addUser(registryDataDir, username, `${username}-correct-horse-battery`),
      launchUrl: null,
      async openConsole(options = {}) {
        await world.stopConsole();
        const args = options.demo ? ['--demo'] : ['--registry', options.registryUrl ?? registry.url];
        consoleProcess = await startConsole(consoleDataDir, args, options.env);
        world.launchUrl = consoleProcess.url;
        await page.goto(consoleProcess.url);
      },
      async stopConsole() {
        await consoleProcess?.stop();
        consoleProcess = null;
      },
    };
    await use(world);
    await world.stopConsole();
    await registry.stop();
  },
});

export { expect } from '@playwright/test';
export type { Page };
