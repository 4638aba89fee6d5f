// `npm start` where the Electron binary is missing: it runs the electron package's real installer against a mirror
// on 127.0.0.1 (a scratch copy of the package, so node_modules is never written), launches what it downloaded, and
// otherwise says why in one line and serves the console to the browser instead.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, test } from 'node:test';
import zlib from 'node:zlib';
import { openLaunchLink } from '../electron/test-support/browser-host-client.ts';

const root = path.resolve(import.meta.dirname, '..');
const electronPackage = path.join(root, 'node_modules/electron');
const packageJson = fs.readFileSync(path.join(electronPackage, 'package.json'), 'utf8');
const { version } = JSON.parse(packageJson) as { version: string };
const zipName = `electron-v${version}-${process.platform}-${process.arch}.zip`;
const fallbackLine = /^vigil: (.+); starting Vigil in your browser instead\.$/m;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanUp of cleanups.splice(0).reverse()) await cleanUp();
});

function scratchDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-start-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// The electron package without any binary, laid out so its installer still finds @electron/get and the extractor.
function electronPackageCopy(): string {
  const modules = path.join(scratchDir(), 'node_modules');
  const copy = path.join(modules, 'electron');
  fs.cpSync(electronPackage, copy, {
    recursive: true,
    filter: (source) => !['dist', 'path.txt'].includes(path.relative(electronPackage, source)),
  });
  for (const scope of ['@electron', '@electron-internal']) {
    fs.symlinkSync(path.join(root, 'node_modules', scope), path.join(modules, scope));
  }
  return copy;
}

// A zip with stored (uncompressed) entries whose Unix modes survive extraction; enough for a fake release.
function storedZip(files: Array<{ name: string; content: string; mode: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name);
    const data = Buffer.from(file.content);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(10, 4);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 10, 4); // made on Unix, so the external attributes are a file mode
    central.writeUInt16LE(10, 6);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((0o100000 | file.mode) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

interface Mirror {
  url: string;
  requests: string[];
  sockets: Socket[];
}

async function startMirror(handler: http.RequestListener): Promise<Mirror> {
  const requests: string[] = [];
  const sockets: Socket[] = [];
  const server = http.createServer((request, response) => {
    requests.push(request.url ?? '');
    handler(request, response);
  });
  server.on('connection', (socket) => sockets.push(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests, sockets };
}

// A mirror holding one release: a fake `electron` that prints how it was started, and its checksum file.
function releaseMirror(checksum?: string): Promise<Mirror> {
  const zip = storedZip([{ name: 'electron', content: '#!/bin/sh\necho "fake electron: $*"\n', mode: 0o755 }]);
  const sum = checksum ?? crypto.createHash('sha256').update(zip).digest('hex');
  return startMirror((request, response) => {
    if (request.url === `/v${version}/${zipName}`) return response.end(zip);
    if (request.url === `/v${version}/SHASUMS256.txt`) return response.end(`${sum} *${zipName}\n`);
    response.writeHead(404).end();
  });
}

interface Started {
  child: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
}

// `npm start` minus the build, with nothing from the surrounding environment steering the download.
function start(env: NodeJS.ProcessEnv, args: string[]): Started {
  const steersDownload = /^(npm_config_electron|npm_package_config_electron|electron_)/i;
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !steersDownload.test(name)));
  const child = spawn(process.execPath, [path.join(root, 'scripts/start.ts'), ...args], {
    cwd: root,
    env: { ...inherited, VIGIL_REGISTRY_URL: 'http://127.0.0.1:9', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  cleanups.push(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  });
  return {
    child,
    output: () => output,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (!match) return;
          clearTimeout(timer);
          child.stdout.off('data', check);
          resolve(match);
        };
        const timer = setTimeout(() => reject(new Error(`no ${pattern} in:\n${output}`)), 20_000);
        child.stdout.on('data', check);
        check();
      }),
  };
}

// Everything a download needs: the package copy, a mirror, remote checksums, and a cache of the test's own.
function downloadEnv(mirror: Mirror): NodeJS.ProcessEnv {
  return {
    VIGIL_ELECTRON_PACKAGE_DIR: electronPackageCopy(),
    ELECTRON_MIRROR: mirror.url,
    electron_use_remote_checksums: '1',
    electron_config_cache: scratchDir(),
  };
}

function browserHostArgs(): string[] {
  return ['--port', '0', '--data', scratchDir()];
}

// The console is served: the printed link trades its secret for a cookie that opens the page.
async function assertServesConsole(started: Started): Promise<void> {
  const [url] = await started.waitFor(/http:\/\/vigil-[0-9a-f]+\.localhost:\d+\/launch\?token=[\w-]+/);
  const page = await (await openLaunchLink(url)).get('/');
  assert.equal(page.status, 200);
  assert.match(page.body, /<div id="root">/);
}

// Exactly one line explains the fallback, and no stack trace reaches the person starting Vigil.
async function fallbackReason(started: Started): Promise<string> {
  await assertServesConsole(started);
  const output = started.output();
  assert.equal(output.match(new RegExp(fallbackLine.source, 'gm'))?.length, 1, output);
  assert.doesNotMatch(output, /^\s+at /m);
  return fallbackLine.exec(output)?.[1] ?? '';
}

test('downloads the missing binary from the mirror and launches it with the app and the arguments', async () => {
  const mirror = await releaseMirror();
  const env = downloadEnv(mirror);
  const started = start(env, ['--demo']);
  const [exitCode] = (await once(started.child, 'exit')) as [number | null];

  assert.equal(exitCode, 0, started.output());
  assert.ok(started.output().includes(`Downloading Electron ${version} (first run only)…\n`), started.output());
  assert.match(started.output(), new RegExp(`^fake electron: ${root} --demo$`, 'm'));
  assert.deepEqual(mirror.requests.sort(), [`/v${version}/${zipName}`, `/v${version}/SHASUMS256.txt`].sort());
  assert.ok(fs.existsSync(path.join(env.VIGIL_ELECTRON_PACKAGE_DIR ?? '', 'dist/electron')));
  assert.notDeepEqual(fs.readdirSync(env.electron_config_cache ?? ''), [], 'the download is cached where told');
});

test('when the mirror answers 404, says so in one line and falls back to the browser host', async () => {
  const mirror = await startMirror((_request, response) => response.writeHead(404).end());
  const reason = await fallbackReason(start(downloadEnv(mirror), browserHostArgs()));
  assert.equal(reason, `could not download the Electron binary (${new URL(mirror.url).host} answered 404 Not Found)`);
});

test('when the mirror drops the connection, reports no network connection and falls back', async () => {
  const mirror = await startMirror((request) => request.socket.destroy());
  const reason = await fallbackReason(start(downloadEnv(mirror), browserHostArgs()));
  assert.equal(reason, `could not download the Electron binary (no network connection to ${new URL(mirror.url).host})`);
});

test('when the download does not match its checksum, says so, installs nothing and falls back', async () => {
  const mirror = await releaseMirror('0'.repeat(64));
  const env = downloadEnv(mirror);
  const reason = await fallbackReason(start(env, browserHostArgs()));
  assert.equal(reason, 'could not download the Electron binary (the download did not match its published checksum)');
  assert.equal(fs.existsSync(path.join(env.VIGIL_ELECTRON_PACKAGE_DIR ?? '', 'dist/electron')), false);
});

test('when the mirror never answers, the time limit stops the installer and start falls back', async () => {
  const mirror = await startMirror(() => {});
  const env = { ...downloadEnv(mirror), VIGIL_ELECTRON_DOWNLOAD_TIMEOUT_MS: '1000' };
  const reason = await fallbackReason(start(env, browserHostArgs()));
  assert.equal(
    reason,
    'could not download the Electron binary (timed out after 1 second; VIGIL_ELECTRON_DOWNLOAD_TIMEOUT_MS allows longer)',
  );
  assert.ok(mirror.sockets.length > 0 && mirror.sockets.every((socket) => socket.destroyed), 'the installer is gone');
});

test('with ELECTRON_SKIP_BINARY_DOWNLOAD set, does not try to download and says why', async () => {
  const mirror = await releaseMirror();
  const env = { ...downloadEnv(mirror), ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
  const reason = await fallbackReason(start(env, browserHostArgs()));
  assert.equal(reason, 'ELECTRON_SKIP_BINARY_DOWNLOAD is set, so the Electron binary is not downloaded');
  assert.deepEqual(mirror.requests, []);
});

test('with ELECTRON_OVERRIDE_DIST_PATH naming a folder without the binary, does not download and falls back', async () => {
  // As Electron does: that variable says where the binary already is, so there is nothing to fetch.
  const emptyDist = scratchDir();
  const mirror = await releaseMirror();
  const env = { ...downloadEnv(mirror), ELECTRON_OVERRIDE_DIST_PATH: emptyDist };
  const reason = await fallbackReason(start(env, browserHostArgs()));
  assert.equal(reason, `ELECTRON_OVERRIDE_DIST_PATH (${emptyDist}) holds no Electron binary`);
  assert.deepEqual(mirror.requests, []);
});
