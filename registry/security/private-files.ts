// Files that hold secrets (the registry's database with its TOTP secrets, the console's settings) are readable by
// their owner only: folders Vigil creates are 0700 and its files 0600, set explicitly after creation because
// the process umask can only take permissions away — under umask 000 a plain create would make them 0644/0755.
import fs from 'node:fs';
import path from 'node:path';

export const privateDirMode = 0o700;
export const privateFileMode = 0o600;

/**
 * Creates `dir` (and missing parents) as 0700. A folder that already exists keeps its mode: it may be the
 * user's own (`--data .`), and the files inside are private whatever the folder allows.
 */
export function ensurePrivateDir(dir: string): void {
  const absolute = path.resolve(dir);
  const firstCreated = fs.mkdirSync(absolute, { recursive: true, mode: privateDirMode });
  if (firstCreated === undefined) return;
  for (let current = absolute; ; current = path.dirname(current)) {
    fs.chmodSync(current, privateDirMode);
    if (current === firstCreated || current === path.dirname(current)) break;
  }
}

/** Creates `file` empty if missing, and makes it 0600 either way (an older Vigil may have left it 0644). */
export function ensurePrivateFile(file: string): void {
  const descriptor = fs.openSync(file, 'a', privateFileMode);
  try {
    fs.fchmodSync(descriptor, privateFileMode);
  } finally {
    fs.closeSync(descriptor);
  }
}
