// Where the Electron binary is, or null when it was never downloaded. Requiring the `electron` package would
// start a download when the binary is missing (and hang or fail offline), so its layout is read directly:
// path.txt names the executable inside dist/, and ELECTRON_OVERRIDE_DIST_PATH replaces dist/.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// VIGIL_ELECTRON_PACKAGE_DIR points at another copy of the `electron` package, so the tests can let its real
// installer write into a scratch copy instead of node_modules.
export function electronPackageDir(): string {
  const override = process.env.VIGIL_ELECTRON_PACKAGE_DIR;
  if (override) return path.resolve(override);
  return path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
}

export function findElectronBinary(packageDir = electronPackageDir()): string | null {
  const pathFile = path.join(packageDir, 'path.txt');
  const executable = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : 'electron';
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist');
  const binary = path.join(distDir, executable);
  return fs.existsSync(binary) ? binary : null;
}
