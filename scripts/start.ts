// `npm start`: launch the Electron console; where the Electron binary is not installed (it is downloaded
// separately and cannot be on every machine), say so and start the browser host with the same arguments.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { findElectronBinary } from './electron-binary.ts';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);

function launch(): ChildProcess {
  const binary = findElectronBinary();
  if (binary) return spawn(binary, [root, ...args], { stdio: 'inherit' });
  console.log('The Electron binary is not installed here, so Vigil is starting in your browser instead.');
  return spawn(process.execPath, [path.join(root, 'electron/browser-host/cli.ts'), ...args], { stdio: 'inherit' });
}

const child = launch();

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
