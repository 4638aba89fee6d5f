// `npm start` on a machine without the Electron binary says so in one sentence and serves the console instead.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(import.meta.dirname, '..');

test('without the Electron binary, start explains and falls back to the browser host', async () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-start-'));
  const child = spawn(process.execPath, [path.join(root, 'scripts/start.ts'), '--port', '0', '--data', scratch], {
    cwd: root,
    // An empty dist folder stands for a machine where the binary was never downloaded.
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: scratch, VIGIL_REGISTRY_URL: 'http://127.0.0.1:9' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 20_000);
      child.stdout.on('data', () => {
        const match = /http:\/\/127\.0\.0\.1:\d+\/\?secret=[\w-]+/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[0]);
        }
      });
    });
    assert.match(output, /The Electron binary is not installed here, so Vigil is starting in your browser instead\./);
    const handshake = await fetch(url, { redirect: 'manual' });
    const cookie = handshake.headers.get('set-cookie')?.split(';')[0] ?? '';
    const page = await fetch(new URL('/', url), { headers: { cookie } });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<div id="root">/);
  } finally {
    child.kill('SIGTERM');
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});
