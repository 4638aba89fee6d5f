// Where the Electron binary is, or null when it was never downloaded. Requiring the `electron` package would
// start a download when the binary is missing (and hang or fail offline), so its layout is read directly:
// path.txt names the executable inside dist/, and ELECTRON_OVERRIDE_DIST_PATH replaces dist/.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export function findElectronBinary(): string | null {
  const packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = path.join(packageDir, 'path.txt');
  const executable = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : 'electron';
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist');
  const binary = path.join(distDir, executable);
  return fs.existsSync(binary) ? binary : null;
}
