// Files that hold secrets (the registry's database with its TOTP secrets, the console's settings) are readable by
// their owner only: folders Vigil creates are 0700 and its files 0600. Creating with those modes is enough (the
// umask can only take permissions away); what needs care is a file someone else creates (SQLite makes its file
// 0644) or one an older version left readable.
import fs from 'node:fs';

export const privateDirMode = 0o700;
export const privateFileMode = 0o600;

/**
 * Creates `dir` (and missing parents) as 0700. A folder that already exists keeps its mode: it may be the
 * user's own (`--data .`), and the files inside are private whatever the folder allows.
 */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: privateDirMode });
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
