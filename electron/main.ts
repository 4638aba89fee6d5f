// The Electron main process: app-level hardening, the app:// scheme the renderer is served from, one window from
// the window factory, and one ipcMain.handle per contract channel that checks the sender before handing the message
// to the shared dispatcher. Everything else (services, demo registry) comes from app-context.ts, which the browser
// host uses as well.
import { app, BrowserWindow, clipboard, dialog, ipcMain, protocol, session } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { createAppContext, type AppContext } from './app-context.ts';
import { appScheme, appSchemePrivileges, createAppProtocolHandler, rendererUrl } from './app-protocol.ts';
import { contentSecurityPolicyHeader } from './content-security-policy.ts';
import { channelNames } from './ipc/channels.ts';
import type { Result } from './ipc/contract.ts';
import { createDesktopSecretOutlet, writePrivateFile } from './services/secret-outlet.ts';
import { isTrustedSender, senderInfo } from './trusted-sender.ts';
import { createMainWindow, guardWebContents } from './window-factory.ts';

const demo = process.argv.includes('--demo') || process.env.VIGIL_DEMO === '1';
// Paths come from the app root (the folder with package.json, or app.asar when packaged), not from __dirname.
const appRoot = app.getAppPath();
const preloadPath = path.join(appRoot, 'dist', 'electron', 'preload.cjs');
const rendererDir = path.join(appRoot, 'dist', 'renderer');
const missingBuild = 'vigil: could not load the renderer; run `npm run build` first';

const windowWebContentsIds = new Set<number>();
const forbidden: Result<never> = {
  ok: false,
  error: { code: 'forbidden_sender', message: 'This page may not talk to Vigil.' },
};

let context: AppContext | null = null;
let mainWindow: BrowserWindow | null = null;

// A separate data folder (settings, demo registry) for tests and side-by-side profiles; set before ready.
if (process.env.VIGIL_USER_DATA_DIR) app.setPath('userData', process.env.VIGIL_USER_DATA_DIR);
app.enableSandbox();
// Privileges can only be given before ready; the handler that serves the files is registered once ready (start).
protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: appSchemePrivileges }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!context) return;
    // Stop the demo registry (if any) before the process goes away.
    const closing = context;
    context = null;
    event.preventDefault();
    closing
      .close()
      .catch(() => undefined)
      .finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error(`vigil: could not start (${error instanceof Error ? error.name : 'unknown error'})`);
      app.exit(1);
    });
}

async function start(): Promise<void> {
  hardenSession();
  protocol.handle(appScheme, createAppProtocolHandler(rendererDir));
  // A missing build would only show up as a blank window answering 404.
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) console.error(missingBuild);
  context = await createAppContext({
    userDataDir: app.getPath('userData'),
    transport: 'electron',
    demo,
    registryUrl: process.env.VIGIL_REGISTRY_URL ?? null,
    secrets: createDesktopSecretOutlet({ clipboard, chooseSavePath, writePrivateFile }),
  });
  registerIpc(context);
  openMainWindow();
}

function hardenSession(): void {
  const defaultSession = session.defaultSession;
  defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  defaultSession.setPermissionCheckHandler(() => false);
  defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicyHeader] },
    });
  });
}

function registerIpc(appContext: AppContext): void {
  const trusted = { windowWebContentsIds };
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!isTrustedSender(senderInfo(event), trusted)) return forbidden;
      return appContext.dispatcher.dispatch(channel, payload);
    });
  }
}

async function chooseSavePath(suggestedName: string): Promise<string | null> {
  const options = { defaultPath: path.join(app.getPath('documents'), suggestedName), properties: ['showOverwriteConfirmation' as const] };
  const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

function openMainWindow(): void {
  const window = createMainWindow({
    BrowserWindow,
    preloadPath,
    rendererUrl,
    onLoadFailed: () => console.error(missingBuild),
  });
  const id = window.webContents.id;
  windowWebContentsIds.add(id);
  window.on('closed', () => {
    windowWebContentsIds.delete(id);
    if (mainWindow === window) mainWindow = null;
  });
  mainWindow = window;
}
