// main.ts as Electron runs it: bundled by esbuild into CommonJS (as scripts/build.ts does) and started against a
// stand-in `electron` module that records the hardening calls, the app:// protocol, the IPC handlers and the window
// it creates.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { build } from 'esbuild';
import { channelNames } from './ipc/channels.ts';

const projectRoot = path.resolve(import.meta.dirname, '..');
const appRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-main-'));
after(() => fs.rmSync(appRoot, { recursive: true, force: true }));
// A built renderer for the app:// handler to serve.
fs.mkdirSync(path.join(appRoot, 'dist', 'renderer'), { recursive: true });
fs.writeFileSync(path.join(appRoot, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Vigil</title>');

type Handler = (event: unknown, payload: unknown) => Promise<unknown> | unknown;
type ProtocolHandler = (request: Request) => Promise<Response>;
type Listener = (event: { preventDefault(): void }) => void;

function fakeElectron() {
  const calls: string[] = [];
  const appListeners = new Map<string, (...args: unknown[]) => void>();
  const handlers = new Map<string, Handler>();
  const privilegedSchemes: unknown[] = [];
  const protocolHandlers = new Map<string, ProtocolHandler>();
  const windows: FakeWindow[] = [];
  const hardening: {
    permissionRequest?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
    permissionCheck?: () => boolean;
    headers?: (details: { responseHeaders?: Record<string, string[]> }, callback: (response: unknown) => void) => void;
  } = {};
  let nextId = 1;

  class FakeContents {
    id = nextId++;
    events: string[] = [];
    listeners = new Map<string, Listener>();
    on(event: string, listener: Listener) {
      this.events.push(event);
      this.listeners.set(event, listener);
      return this;
    }
    // Emits like Electron does and reports whether the listener prevented the default.
    emit(event: string): boolean {
      let prevented = false;
      this.listeners.get(event)?.({ preventDefault: () => (prevented = true) });
      return prevented;
    }
    setWindowOpenHandler() {
      this.events.push('window-open-handler');
    }
  }
  class FakeWindow {
    webContents = new FakeContents();
    options: unknown;
    loaded: string[] = [];
    constructor(options: unknown) {
      this.options = options;
      windows.push(this);
    }
    once() {
      return this;
    }
    on() {
      return this;
    }
    show() {}
    async loadURL(url: string) {
      this.loaded.push(url);
    }
  }

  const electron = {
    app: {
      enableSandbox: () => calls.push('enableSandbox'),
      requestSingleInstanceLock: () => true,
      on: (event: string, listener: (...args: unknown[]) => void) => appListeners.set(event, listener),
      whenReady: () => {
        calls.push('whenReady');
        return Promise.resolve();
      },
      getPath: (name: string) => (name === 'userData' ? path.join(appRoot, 'user-data') : assert.fail(name)),
      getAppPath: () => appRoot,
      quit: () => calls.push('quit'),
      exit: (code: number) => calls.push(`exit ${code}`),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: typeof hardening.permissionRequest) => (hardening.permissionRequest = handler),
        setPermissionCheckHandler: (handler: typeof hardening.permissionCheck) => (hardening.permissionCheck = handler),
        webRequest: { onHeadersReceived: (handler: typeof hardening.headers) => (hardening.headers = handler) },
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        calls.push('registerSchemesAsPrivileged');
        privilegedSchemes.push(...schemes);
      },
      handle: (scheme: string, handler: ProtocolHandler) => {
        calls.push(`protocol.handle ${scheme}`);
        protocolHandlers.set(scheme, handler);
      },
    },
    ipcMain: { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) },
    BrowserWindow: FakeWindow,
  };
  return { electron, calls, appListeners, handlers, privilegedSchemes, protocolHandlers, windows, hardening, FakeContents };
}

// No keychain in this test: keytar fails to load, as it does on a machine without libsecret.
function keytarUnavailable(): never {
  throw new Error('keytar not available in this test');
}

let fake: ReturnType<typeof fakeElectron>;
before(async () => {
  const bundle = await build({
    absWorkingDir: projectRoot,
    entryPoints: [path.join(import.meta.dirname, 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['electron'],
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  fake = fakeElectron();
  const realRequire = createRequire(path.join(projectRoot, 'package.json'));
  const fakeRequire = (id: string) => (id === 'electron' ? fake.electron : id === 'keytar' ? keytarUnavailable() : realRequire(id));
  const module = { exports: {} };
  const errors = console.error;
  console.error = () => undefined;
  try {
    // Node's CommonJS wrapper, as Electron loads dist/electron/main.cjs.
    const filename = path.join(projectRoot, 'dist/electron/main.cjs');
    new Function('require', 'module', 'exports', '__filename', '__dirname', bundle.outputFiles[0]!.text)(
      fakeRequire,
      module,
      module.exports,
      filename,
      path.dirname(filename),
    );
    // main.ts starts asynchronously once the app is ready; wait for the window it opens at the end.
    for (let turn = 0; turn < 1000 && fake.windows.length === 0; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  } finally {
    console.error = errors;
  }
  assert.equal(fake.windows.length, 1, 'main.ts opened no window');
});

describe('main process (bundled)', () => {
  test('enables the sandbox and registers the privileged app:// scheme before the app is ready', () => {
    assert.deepEqual(fake.calls.slice(0, 3), ['enableSandbox', 'registerSchemesAsPrivileged', 'whenReady']);
    assert.deepEqual(fake.privilegedSchemes, [{ scheme: 'app', privileges: { standard: true, secure: true } }]);
  });

  test('serves the built renderer on app://vigil once ready, with the CSP header, and nothing on other hosts', async () => {
    assert.ok(fake.calls.indexOf('protocol.handle app') > fake.calls.indexOf('whenReady'));
    assert.deepEqual([...fake.protocolHandlers.keys()], ['app']);
    const handler = fake.protocolHandlers.get('app')!;
    const page = await handler(new Request('app://vigil/index.html'));
    assert.equal(page.status, 200);
    assert.equal(await page.text(), '<!doctype html><title>Vigil</title>');
    assert.match(page.headers.get('content-security-policy') ?? '', /^default-src 'none';.*frame-ancestors 'none'$/);
    assert.equal((await handler(new Request('app://evil/index.html'))).status, 404);
  });

  test('denies every permission request and check', () => {
    let granted: boolean | undefined;
    fake.hardening.permissionRequest?.({}, 'media', (value) => (granted = value));
    assert.equal(granted, false);
    assert.equal(fake.hardening.permissionCheck?.(), false);
  });

  test('adds the Content-Security-Policy header to every response', () => {
    let response: { responseHeaders: Record<string, string[]> } | undefined;
    fake.hardening.headers?.({ responseHeaders: { 'X-Other': ['1'] } }, (value) => (response = value as typeof response));
    assert.deepEqual(response?.responseHeaders['X-Other'], ['1']);
    assert.match(response?.responseHeaders['Content-Security-Policy']?.[0] ?? '', /^default-src 'none'; script-src 'self';/);
  });

  test('guards every webContents the app creates', () => {
    const contents = new fake.FakeContents();
    fake.appListeners.get('web-contents-created')?.({}, contents);
    assert.deepEqual(contents.events, [
      'will-navigate',
      'will-frame-navigate',
      'will-redirect',
      'will-attach-webview',
      'window-open-handler',
    ]);
    assert.equal(contents.emit('will-frame-navigate'), true);
    assert.equal(fake.windows[0]!.webContents.emit('will-frame-navigate'), true);
  });

  test('opens one hardened window on the bundled preload and the renderer at app://vigil', () => {
    const [window] = fake.windows;
    const options = window!.options as { webPreferences: Record<string, unknown> };
    assert.equal(options.webPreferences.preload, path.join(appRoot, 'dist', 'electron', 'preload.cjs'));
    assert.equal(options.webPreferences.sandbox, true);
    assert.equal(options.webPreferences.contextIsolation, true);
    assert.deepEqual(window!.loaded, ['app://vigil/index.html']);
  });

  test('registers exactly one handler per contract channel', () => {
    assert.deepEqual([...fake.handlers.keys()].sort(), [...channelNames].sort());
  });

  test('answers our renderer through the shared dispatcher, and anyone else with forbidden_sender', async () => {
    const window = fake.windows[0]!;
    const handler = fake.handlers.get('app:get-info')!;
    const ours = { sender: { id: window.webContents.id }, senderFrame: { url: 'app://vigil/index.html#/x', parent: null } };
    const info = (await handler(ours, undefined)) as {
      ok: boolean;
      value: { transport: string; keychainAvailable: boolean; secretOutlet: string };
    };
    assert.equal(info.ok, true);
    assert.equal(info.value.transport, 'electron');
    assert.equal(info.value.keychainAvailable, false);
    // Electron's main copies and saves codes shown once (clipboard cleared after 30 s, 0600 files).
    assert.equal(info.value.secretOutlet, 'main');

    const forbidden = { ok: false, error: { code: 'forbidden_sender', message: 'This page may not talk to Vigil.' } };
    // The renderer's old file:// URL is no longer ours: only the app://vigil origin is.
    const fileUrl = pathToFileURL(path.join(appRoot, 'dist', 'renderer', 'index.html')).href;
    const strangers = [
      { sender: { id: window.webContents.id }, senderFrame: { url: 'https://evil.example/', parent: null } },
      { sender: { id: window.webContents.id }, senderFrame: { url: fileUrl, parent: null } },
      { sender: { id: window.webContents.id }, senderFrame: { url: 'app://evil/index.html', parent: null } },
      { sender: { id: window.webContents.id }, senderFrame: { url: 'app://vigil/index.html', parent: {} } },
      { sender: { id: 999 }, senderFrame: { url: 'app://vigil/index.html', parent: null } },
    ];
    for (const event of strangers) assert.deepEqual(await handler(event, undefined), forbidden);
    const invalid = (await fake.handlers.get('session:sign-in')!(ours, { username: 'x' })) as { error: { code: string } };
    assert.equal(invalid.error.code, 'invalid_request');
  });
});
