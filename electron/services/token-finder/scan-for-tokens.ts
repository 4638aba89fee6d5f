// Finds tokens on this computer: the usual places (~/.npmrc, ~/.pypirc, ~/.config, the environment) and folders the
// user adds. Bounded, so a scan of a home folder ends: a maximum depth and file size, no node_modules or .git, no
// symbolic links followed, and binary files skipped. It reports progress as it goes and stops when cancelled.
import fs from 'node:fs/promises';
import path from 'node:path';
import { recogniseTokens, type RecognisedToken } from './token-recognisers.ts';

export interface TokenFinding extends RecognisedToken {
  // A file path, or "environment variable NAME".
  where: string;
  // 1-based; 0 for an environment variable.
  line: number;
}

export interface ScanProgress {
  filesScanned: number;
  // The folder being read now, or null when done.
  current: string | null;
}

export interface ScanOptions {
  home: string;
  env: Readonly<Record<string, string | undefined>>;
  // Folders the user added, scanned like ~/.config.
  folders?: readonly string[];
  maxDepth?: number;
  maxFileBytes?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
}

export const defaultMaxDepth = 6;
export const defaultMaxFileBytes = 1024 * 1024;
const skippedFolders = new Set(['node_modules', '.git']);

export async function scanForTokens(options: ScanOptions): Promise<TokenFinding[]> {
  const maxDepth = options.maxDepth ?? defaultMaxDepth;
  const maxFileBytes = options.maxFileBytes ?? defaultMaxFileBytes;
  const findings: TokenFinding[] = [];
  const seenFiles = new Set<string>();
  let filesScanned = 0;

  for (const [name, value] of Object.entries(options.env)) {
    if (value === undefined) continue;
    for (const token of recogniseTokens(value)) findings.push({ ...token, where: `environment variable ${name}`, line: 0 });
  }

  async function scanFile(file: string): Promise<void> {
    if (seenFiles.has(file)) return;
    seenFiles.add(file);
    options.signal?.throwIfAborted();
    let content: Buffer;
    try {
      const stat = await fs.lstat(file);
      if (!stat.isFile() || stat.size > maxFileBytes) return;
      content = await fs.readFile(file);
    } catch {
      return; // Unreadable or gone: nothing to report.
    }
    filesScanned += 1;
    // A NUL byte in the first kilobytes: a binary file, where a "line" means nothing.
    if (content.subarray(0, 8192).includes(0)) return;
    content
      .toString('utf8')
      .split('\n')
      .forEach((text, index) => {
        for (const token of recogniseTokens(text)) findings.push({ ...token, where: file, line: index + 1 });
      });
  }

  async function scanFolder(folder: string, depth: number): Promise<void> {
    options.signal?.throwIfAborted();
    options.onProgress?.({ filesScanned, current: folder });
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isFile()) await scanFile(full);
      else if (entry.isDirectory() && depth < maxDepth && !skippedFolders.has(entry.name)) await scanFolder(full, depth + 1);
    }
  }

  await scanFile(path.join(options.home, '.npmrc'));
  await scanFile(path.join(options.home, '.pypirc'));
  await scanFolder(path.join(options.home, '.config'), 1);
  for (const folder of options.folders ?? []) await scanFolder(path.resolve(folder), 1);
  options.onProgress?.({ filesScanned, current: null });
  return findings;
}
