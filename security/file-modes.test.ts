// Secrets on disk are for their owner only: the registry's database (TOTP secrets), its WAL and SHM, and every
// file the console writes are 0600 and the folders Vigil creates 0700 — checked on the real programs run under
// umask 000, in a folder that already exists with mode 0755 and in folders they create.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { openStore } from '../registry/store/store.ts';

const root = path.resolve(import.meta.dirname, '..');
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-modes-'));
after(() => fs.rmSync(base, { recursive: true, force: true }));

const modeOf = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

// Runs a Vigil program under umask 000 (the most permissive), resolving with its output once `ready` matches.
function run(script: string, args: string[], ready: RegExp, stdin?: string): Promise<{ output: string; stop(): Promise<void> }> {
  const child = spawn('sh', ['-c', 'umask 000; exec "$0" "$@"', process.execPath, path.join(root, script), ...args], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end(stdin);
  let output = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (ready.test(output)) resolve({ output, stop: () => (child.kill('SIGTERM'), exited) });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => (ready.test(output) ? undefined : reject(new Error(`${script} exited ${code}: ${output}`))));
  });
}

function walk(dir: string): { files: string[]; dirs: string[] } {
  const entries = fs.readdirSync(dir, { recursive: true, withFileTypes: true });
  const full = (entry: fs.Dirent) => path.join(entry.parentPath, entry.name);
  return { files: entries.filter((entry) => entry.isFile()).map(full), dirs: entries.filter((entry) => entry.isDirectory()).map(full) };
}

test('the registry keeps its database, WAL and SHM at 0600, in an existing 0755 folder, under umask 000', async () => {
  const dataDir = path.join(base, 'existing');
  fs.mkdirSync(dataDir, { mode: 0o755 });
  fs.chmodSync(dataDir, 0o755);
  await (await run('registry/cli.ts', ['user', 'add', 'alice', '--password-stdin', '--data', dataDir], /\}/, 'Granite-Meadow-Kettle-0123\n')).stop();
  const server = await run('registry/cli.ts', ['--port', '0', '--data', dataDir], /http:\/\/127\.0\.0\.1:\d+/);
  try {
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(server.output)![0];
    const signIn = await fetch(`${url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alice', password: 'Granite-Meadow-Kettle-0123' }),
    });
    assert.equal(signIn.status, 200);
    const names = fs.readdirSync(dataDir).sort();
    assert.deepEqual(names, ['registry.sqlite', 'registry.sqlite-shm', 'registry.sqlite-wal']);
    for (const name of names) assert.equal(modeOf(path.join(dataDir, name)), '600', name);
    assert.equal(modeOf(dataDir), '755', "an existing folder keeps the owner's choice");
  } finally {
    await server.stop();
  }
});

test('folders the registry creates are 0700, however deep', async () => {
  const dataDir = path.join(base, 'new', 'deeper', 'data');
  await (await run('registry/cli.ts', ['user', 'add', 'bob', '--password-stdin', '--data', dataDir], /\}/, 'Saffron-Lighthouse-Drum-0123\n')).stop();
  for (const dir of [path.join(base, 'new'), path.join(base, 'new', 'deeper'), dataDir]) assert.equal(modeOf(dir), '700', dir);
  assert.equal(modeOf(path.join(dataDir, 'registry.sqlite')), '600');
});

test('a database an older version left readable (0644) is made private when opened', () => {
  const dataDir = path.join(base, 'legacy');
  openStore(dataDir).close();
  for (const name of fs.readdirSync(dataDir)) fs.chmodSync(path.join(dataDir, name), 0o644);
  fs.writeFileSync(path.join(dataDir, 'registry.sqlite-wal'), '');
  fs.chmodSync(path.join(dataDir, 'registry.sqlite-wal'), 0o644);
  openStore(dataDir).close();
  for (const name of fs.readdirSync(dataDir)) assert.equal(modeOf(path.join(dataDir, name)), '600', name);
});

test('every file the console writes is 0600 and every folder 0700, under umask 000', async () => {
  const dataDir = path.join(base, 'console', 'profile');
  const consoleHost = await run('electron/browser-host/cli.ts', ['--demo', '--port', '0', '--data', dataDir], /Demo registry: http/);
  try {
    const { files, dirs } = walk(dataDir);
    assert.ok(files.some((file) => file.endsWith('settings.json')), files.join(', '));
    assert.ok(files.some((file) => file.endsWith('registry.sqlite')), files.join(', '));
    for (const file of files) assert.equal(modeOf(file), '600', file);
    for (const dir of [dataDir, ...dirs]) assert.equal(modeOf(dir), '700', dir);
  } finally {
    await consoleHost.stop();
  }
});
