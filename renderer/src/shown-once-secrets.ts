// Copying and saving codes that are shown once. Main does it where it can (Electron: clipboard cleared after 30
// seconds, a save dialog writing a 0600 file); in a browser tab it answers 'page' and the page does it here.
import type { VigilBridge } from './bridge/contract.ts';
import { call } from './queries.ts';

export async function copySecret(bridge: VigilBridge, text: string): Promise<number> {
  const result = await call(bridge, 'secrets:copy', { text });
  if (result.copiedBy === 'page') {
    await navigator.clipboard.writeText(text);
    // Cleared only if it still holds the codes: whatever the user copied since is theirs.
    setTimeout(() => {
      navigator.clipboard
        .readText()
        .then((current) => (current === text ? navigator.clipboard.writeText('') : undefined))
        .catch(() => undefined);
    }, result.clearAfterSeconds * 1000);
  }
  return result.clearAfterSeconds;
}

// True when saved; false when the user cancelled the save dialog.
export async function saveSecret(bridge: VigilBridge, suggestedName: string, text: string): Promise<boolean> {
  const result = await call(bridge, 'secrets:save', { suggestedName, text });
  if (result.savedBy === 'main') return result.saved;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = suggestedName;
    link.click();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  }
  return true;
}
