// A fresh world for every test: its own registry data folder and server, its own console data folder and
// browser host (per-test keychain entries are keyed by that registry's URL, so tests never share a session).
import { test as base, type Page } from '@playwright/test';
import { addProject, addUser, makeTempDir, startConsole, startRegistry, type CreatedUser, type RunningProcess } from './processes.ts';

export interface VigilWorld {
  registryUrl: string;
  registryDataDir: string;
  consoleDataDir: string;
  // With 2FA (TOTP secret and recovery codes) unless `totp: false`.
  addUser(username: string, options?: { totp?: boolean }): Promise<CreatedUser>;
  addProject(name: string, owner: string): Promise<void>;
  // Starts (or restarts, keeping its data folder) the console and opens it in the page; `env` adds to its
  // environment (e.g. to cut it off from the keyring).
  openConsole(options?: { demo?: boolean; registryUrl?: string; env?: NodeJS.ProcessEnv }): Promise<void>;
  // The one-time launch link the console printed and the page opened last.
  launchUrl: string | null;
  // What the registry and every console started in this test printed (their logs).
  logs(): string;
  stopConsole(): Promise<void>;
}

// A password the registry's policy accepts (long, not guessable, without the username).
export const userPassword = (username: string) => `Tundra-parsnip-lantern-${username.length}7`;

export const test = base.extend<{ vigil: VigilWorld; registryArgs: string[] }>({
  // Extra registry command-line options for a test file, e.g. test.use({ registryArgs: ['--confirm-window', '2'] }).
  registryArgs: [[], { option: true }],
  vigil: async ({ page, registryArgs }, use) => {
    const registryDataDir = makeTempDir('registry');
    const consoleDataDir = makeTempDir('console');
    const registry = await startRegistry(registryDataDir, registryArgs);
    let consoleProcess: RunningProcess | null = null;
    let earlierConsoleOutput = '';

    const world: VigilWorld = {
      registryUrl: registry.url,
      registryDataDir,
      consoleDataDir,
      addUser: (username, options = {}) => addUser(registryDataDir, username, userPassword(username), options.totp ?? true),
      addProject: (name, owner) => addProject(registryDataDir, name, owner),
      launchUrl: null,
      logs: () => registry.output() + earlierConsoleOutput + (consoleProcess?.output() ?? ''),
      async openConsole(options = {}) {
        await world.stopConsole();
        const args = options.demo ? ['--demo'] : ['--registry', options.registryUrl ?? registry.url];
        consoleProcess = await startConsole(consoleDataDir, args, options.env);
        world.launchUrl = consoleProcess.url;
        await page.goto(consoleProcess.url);
      },
      async stopConsole() {
        await consoleProcess?.stop();
        earlierConsoleOutput += consoleProcess?.output() ?? '';
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
