import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BrowserWindowConstructorOptions } from 'electron';
import { createMainWindow, guardWebContents } from './window-factory.ts';

type Listener = (event: { preventDefault(): void }, ...args: unknown[]) => void;

class FakeContents {
  listeners = new Map<string, Listener[]>();
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
    this.openHandler = handler;
  }
  // Emits like Electron does and reports whether any listener prevented the default.
  emit(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    for (const listener of this.listeners.get(event) ?? []) listener({ preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

class FakeWindow {
  static created: FakeWindow[] = [];
  webContents = new FakeContents();
  shown = false;
  loaded: string[] = [];
  readyListeners: Array<() => void> = [];
  options: BrowserWindowConstructorOptions;
  constructor(options: BrowserWindowConstructorOptions) {
    this.options = options;
    FakeWindow.created.push(this);
  }
  once(_event: 'ready-to-show', listener: () => void) {
    this.readyListeners.push(listener);
    return this;
  }
  show() {
    this.shown = true;
  }
  async loadURL(url: string) {
    this.loaded.push(url);
  }
}

describe('window factory', () => {
  const window = createMainWindow({
    BrowserWindow: FakeWindow,
    preloadPath: '/app/dist/electron/preload.cjs',
    rendererUrl: 'app://vigil/index.html',
  });

  test('creates the window with every web preference locked down and the bundled preload', () => {
    assert.deepEqual(window.options.webPreferences, {
      preload: '/app/dist/electron/preload.cjs',
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
    });
  });

  test('loads the renderer from its URL and shows the window only once it is ready', () => {
    assert.deepEqual(window.loaded, ['app://vigil/index.html']);
    assert.equal(window.options.show, false);
    assert.equal(window.shown, false);
    window.readyListeners.forEach((listener) => listener());
    assert.equal(window.shown, true);
  });

  test('blocks navigation of the page and of any frame in it, redirects, new windows and <webview>', () => {
    const contents = window.webContents;
    assert.equal(contents.emit('will-navigate', 'https://evil.example/'), true);
    assert.equal(contents.emit('will-frame-navigate'), true);
    assert.equal(contents.emit('will-redirect', 'https://evil.example/'), true);
    assert.equal(contents.emit('will-attach-webview', {}, {}), true);
    assert.deepEqual(contents.openHandler?.({ url: 'https://github.com/' }), { action: 'deny' });
  });

  test('guards any other webContents the same way', () => {
    const contents = new FakeContents();
    guardWebContents(contents);
    assert.equal(contents.emit('will-navigate', 'file:///etc/passwd'), true);
    assert.equal(contents.emit('will-frame-navigate'), true);
    assert.deepEqual(contents.openHandler?.({ url: 'https://x.example/' }), { action: 'deny' });
  });
});
