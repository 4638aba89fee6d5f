// Who may call IPC: only the top frame of a window this process created, showing our own renderer file. A page
// that somehow got loaded into a window (or an iframe inside ours) gets forbidden_sender instead of a session.
import type { IpcMainInvokeEvent } from 'electron';
import { pathToFileURL } from 'node:url';

export interface SenderInfo {
  webContentsId: number;
  // Null when the frame is gone (navigated away or destroyed) by the time the message is handled.
  frameUrl: string | null;
  isTopFrame: boolean;
}

export interface TrustedSenders {
  // file:// URL of dist/renderer/index.html.
  rendererUrl: string;
  windowWebContentsIds: ReadonlySet<number>;
}

export function rendererFileUrl(indexHtmlPath: string): string {
  return pathToFileURL(indexHtmlPath).href;
}

export function senderInfo(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): SenderInfo {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frameUrl: frame ? frame.url : null,
    isTopFrame: frame ? frame.parent === null : false,
  };
}

export function isTrustedSender(sender: SenderInfo, trusted: TrustedSenders): boolean {
  if (!trusted.windowWebContentsIds.has(sender.webContentsId)) return false;
  if (!sender.isTopFrame || sender.frameUrl === null || !URL.canParse(sender.frameUrl)) return false;
  const url = new URL(sender.frameUrl);
  if (url.protocol !== 'file:') return false;
  // In-page state (hash routes, query) does not change which document is talking.
  url.hash = '';
  url.search = '';
  return url.href === new URL(trusted.rendererUrl).href;
}
