// The one place a BrowserWindow is created, with every web preference pinned to its safe value, plus the guards
// main.ts applies to every webContents: no navigation (of the page or of any frame in it), no new windows, no
// <webview>. The BrowserWindow class is a parameter so the options can be checked without an Electron binary.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

interface PreventableEvent {
  preventDefault(): void;
}

// The parts of Electron's WebContents the guards use.
export interface GuardableContents {
  on(event: string, listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface FactoryWindow {
  webContents: GuardableContents;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  loadURL(url: string): Promise<void>;
}

export type WindowConstructor<W extends FactoryWindow> = new (options: BrowserWindowConstructorOptions) => W;

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

// Applied by main.ts to every webContents the app ever creates (web-contents-created), windows included.
export function guardWebContents(contents: GuardableContents): void {
  // The console is one page; any navigation is either a bug or an attack.
  contents.on('will-navigate', (event) => event.preventDefault());
  // will-navigate fires for the top frame only; will-frame-navigate (Electron 25+) fires for subframes too, so an
  // injected iframe cannot be navigated either (the console itself has no iframes).
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export interface MainWindowOptions<W extends FactoryWindow> {
  BrowserWindow: WindowConstructor<W>;
  preloadPath: string;
  // The renderer's URL on the app:// scheme main.ts registers (app-protocol.ts).
  rendererUrl: string;
  onLoadFailed?: (error: unknown) => void;
}

export function createMainWindow<W extends FactoryWindow>(options: MainWindowOptions<W>): W {
  const window = new options.BrowserWindow({
    width: 1100,
    height: 780,
    minWidth: 720,
    minHeight: 560,
    title: 'Vigil',
    // Shown once painted, so the user never sees a blank white frame.
    show: false,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  guardWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  window.loadURL(options.rendererUrl).catch((error: unknown) => options.onLoadFailed?.(error));
  return window;
}
