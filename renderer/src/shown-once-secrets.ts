// Copying and saving codes that are shown once. In Electron main does it (clipboard cleared after 30 seconds, a
// save dialog writing a 0600 file); in a browser tab only the page can reach the clipboard or start a download,
// so it does both here and the codes never travel back to the host.
import type { AppInfo, VigilBridge } from './bridge/contract.ts';
import { downloadFile } from './download.ts';
import { call } from './queries.ts';

const pageClearSeconds = 30;

// Seconds until the clipboard is cleared.
export async function copySecret(bridge: VigilBridge, outlet: AppInfo['secretOutlet'], text: string): Promise<number> {
  if (outlet === 'main') return (await call(bridge, 'secrets:copy', { text })).clearAfterSeconds;
  await navigator.clipboard.writeText(text);
  setTimeout(() => {
    // Cleared only if it still holds the codes, so what the user copied since stays; if the page may not read the
    // clipboard, the codes are cleared anyway: leaving them is the worse mistake.
    navigator.clipboard
      .readText()
      .then((current) => current === text, () => true)
      .then((clear) => (clear ? navigator.clipboard.writeText('') : undefined))
      .catch(() => undefined);
  }, pageClearSeconds * 1000);
  return pageClearSeconds;
}

// True when saved; false when the user cancelled the save dialog.
export async function saveSecret(
  bridge: VigilBridge,
  outlet: AppInfo['secretOutlet'],
  suggestedName: string,
  text: string,
): Promise<boolean> {
  if (outlet === 'main') return (await call(bridge, 'secrets:save', { suggestedName, text })).saved;
  downloadFile(suggestedName, 'text/plain', text);
  return true;
}
