// Who may call IPC: only the top frame of a window this process created, showing our renderer at app://vigil. A
// page that somehow got loaded into a window (or an iframe inside ours) gets forbidden_sender instead of a session.
import type { IpcMainInvokeEvent } from 'electron';
import { appHost, appScheme } from './app-protocol.ts';

export interface SenderInfo {
  webContentsId: number;
  // Null when the frame is gone (navigated away or destroyed) by the time the message is handled.
  frameUrl: string | null;
  isTopFrame: boolean;
}

export interface TrustedSenders {
  windowWebContentsIds: ReadonlySet<number>;
}

// The renderer is one document; '/' is what the protocol handler serves as index.html.
const rendererPaths = new Set(['/', '/index.html']);

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
  // The origin is pinned: file: pages (any local file) and other app: hosts are not ours. `host` includes the
  // port, so app://vigil:1 is refused too. In-page state (hash routes, query) does not change the document.
  return url.protocol === `${appScheme}:` && url.host === appHost && rendererPaths.has(url.pathname);
}
