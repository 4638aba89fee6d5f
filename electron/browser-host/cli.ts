// `node electron/browser-host/cli.ts [--demo] [--port n] [--data dir] [--registry url]`: runs the console in the
// user's browser where Electron is not available. Prints one line with the one-time link to open (and, in demo
// mode, the demo registry's address), a new link whenever Enter is pressed, and stops cleanly on Ctrl-C or SIGTERM.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensurePrivateDir } from '../../registry/security/private-files.ts';
import { createAppContext } from '../app-context.ts';
import { canonicalRegistryUrl } from '../services/registry-url.ts';
import { startBrowserHost } from './browser-host.ts';

const usage = 'usage: node electron/browser-host/cli.ts [--demo] [--port n] [--data dir] [--registry url]';

function fail(message: string): never {
  console.error(`vigil: ${message}`);
  process.exit(2);
}

function parseCommandLine() {
  try {
    const { values } = parseArgs({
      options: {
        demo: { type: 'boolean', default: false },
        port: { type: 'string' },
        data: { type: 'string' },
        registry: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
    return values;
  } catch (error) {
    fail(`${error instanceof Error ? error.message : 'bad arguments'}\n${usage}`);
  }
}

function defaultDataDir(): string {
  const configHome = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(configHome, 'vigil-browser');
}

async function main(): Promise<void> {
  const args = parseCommandLine();
  if (args.help) {
    console.log(usage);
    return;
  }
  const port = args.port === undefined ? 0 : Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`--port must be a port number\n${usage}`);
  const registryUrl = args.registry ?? process.env.VIGIL_REGISTRY_URL ?? null;
  if (registryUrl !== null) {
    try {
      canonicalRegistryUrl(registryUrl);
    } catch (error) {
      fail(error instanceof Error ? error.message : 'bad --registry');
    }
  }
  const rendererDir = path.resolve(import.meta.dirname, '..', '..', 'dist', 'renderer');
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    fail(`the console is not built (${rendererDir} is missing); run \`npm run build\` first`);
  }

  const userDataDir = path.resolve(args.data ?? defaultDataDir());
  ensurePrivateDir(userDataDir);
  const context = await createAppContext({
    userDataDir,
    transport: 'browser',
    demo: args.demo || process.env.VIGIL_DEMO === '1',
    registryUrl,
  });
  let host;
  try {
    host = await startBrowserHost({ rendererDir, dispatcher: context.dispatcher, port });
  } catch (error) {
    await context.close();
    throw error;
  }

  console.log(`Vigil is running at ${host.url}`);
  if (context.demoRegistry) console.log(`Demo registry: ${context.demoRegistry.url}`);
  // Each link opens Vigil once; someone at the terminal can ask for another (e.g. for a second browser).
  if (process.stdin.isTTY) {
    console.log('Each link works once. Press Enter here for a new one.');
    process.stdin.on('data', () => console.log(`New link: ${host.newLaunchUrl()}`));
  }

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    Promise.allSettled([host.close(), context.close()]).finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  console.error(`vigil: could not start (${error instanceof Error ? error.message : 'unknown error'}${typeof code === 'string' ? `, ${code}` : ''})`);
  process.exit(1);
});
