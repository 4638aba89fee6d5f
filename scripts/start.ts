// `npm start`: launch the Electron console. Electron 45 downloads its binary on first use rather than at install,
// so where it is missing this fetches it first; where that cannot be done, it says why in one line and starts the
// browser host with the same arguments.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { findElectronBinary } from './electron-binary.ts';
import { downloadElectronBinary } from './electron-download.ts';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);

const signals = ['SIGINT', 'SIGTERM'] as const;
// Until the console runs, a signal ends start itself: exiting (rather than dying of it) lets a download in progress
// stop its installer.
const exitOnSignal = (signal: NodeJS.Signals) => process.exit(128 + os.constants.signals[signal]);
for (const signal of signals) process.on(signal, exitOnSignal);

async function electronBinary(): Promise<string | null> {
  const installed = findElectronBinary();
  if (installed) return installed;
  const download = await downloadElectronBinary();
  if (download.ok) return download.binary;
  console.log(`vigil: ${download.reason}; starting Vigil in your browser instead.`);
  return null;
}

const binary = await electronBinary();
const child = binary
  ? spawn(binary, [root, ...args], { stdio: 'inherit' })
  : spawn(process.execPath, [path.join(root, 'electron/browser-host/cli.ts'), ...args], { stdio: 'inherit' });
for (const signal of signals) {
  process.off(signal, exitOnSignal);
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
