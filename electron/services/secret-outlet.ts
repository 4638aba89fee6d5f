// How secrets shown once (recovery codes) leave the window, when the user asks: copied to the clipboard or saved to
// a file. In Electron main does both, so it can clear the clipboard after 30 seconds — unless the user copied
// something else meanwhile — and write the file readable by the user alone. In a browser tab only the page can
// reach the clipboard or start a download, so that outlet answers 'page'.
import fs from 'node:fs/promises';
import { privateFileMode } from '../../registry/security/private-files.ts';
import type { CopySecretResponse, SaveSecretResponse } from '../ipc/contract.ts';

export const clipboardClearSeconds = 30;

export interface SecretOutlet {
  // Who copies and saves: main, or the page itself (told to the window in app:get-info, so a browser tab does
  // not send the codes to the host only to be told to do it itself).
  readonly kind: 'main' | 'page';
  copy(text: string): Promise<CopySecretResponse>;
  save(suggestedName: string, text: string): Promise<SaveSecretResponse>;
  // On quit: codes still on the clipboard are cleared now rather than left behind.
  dispose(): Promise<void>;
}

export const pageSecretOutlet: SecretOutlet = {
  kind: 'page',
  copy: async () => ({ copiedBy: 'page', clearAfterSeconds: clipboardClearSeconds }),
  save: async () => ({ savedBy: 'page', saved: false }),
  dispose: async () => undefined,
};

export interface DesktopParts {
  clipboard: { writeText(text: string): void; readText(): string | Promise<string> };
  // The path the user chose, or null when they cancelled.
  chooseSavePath(suggestedName: string): Promise<string | null>;
  writePrivateFile(filePath: string, text: string): Promise<void>;
  setTimer?: (callback: () => void, ms: number) => void;
}

export function createDesktopSecretOutlet(parts: DesktopParts): SecretOutlet {
  const setTimer = parts.setTimer ?? ((callback, ms) => setTimeout(callback, ms).unref());
  // What we put on the clipboard and have not cleared yet.
  const copied = new Set<string>();
  async function clearIfStill(text: string): Promise<void> {
    if (!copied.delete(text)) return;
    if ((await parts.clipboard.readText()) === text) parts.clipboard.writeText('');
  }
  return {
    kind: 'main',
    async copy(text) {
      parts.clipboard.writeText(text);
      copied.add(text);
      setTimer(() => void clearIfStill(text), clipboardClearSeconds * 1000);
      return { copiedBy: 'main', clearAfterSeconds: clipboardClearSeconds };
    },
    async dispose() {
      await Promise.all([...copied].map(clearIfStill));
    },
    async save(suggestedName, text) {
      const filePath = await parts.chooseSavePath(suggestedName);
      if (filePath === null) return { savedBy: 'main', saved: false };
      await parts.writePrivateFile(filePath, text);
      return { savedBy: 'main', saved: true };
    },
  };
}

// Created 0600, and tightened to 0600 when the user chose to overwrite a file that was readable by others.
export async function writePrivateFile(filePath: string, text: string): Promise<void> {
  const handle = await fs.open(filePath, 'w', privateFileMode);
  try {
    await handle.chmod(privateFileMode);
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
}
