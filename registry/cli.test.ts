import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { totpCode } from './security/totp.ts';

const cli = path.join(import.meta.dirname, 'cli.ts');

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], stdin = ''): Promise<Finished> {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

// Starts the server, resolves with its URL once the line is printed, and stops it with a signal.
function serve(args: string[]) {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
      if (match && stdout.endsWith('\n')) resolve(match[0]);
    });
    void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  return {
    url,
    output: () => stdout,
    stop: async (signal: NodeJS.Signals) => {
      child.kill(signal);
      return exited;
    },
  };
}

describe('registry CLI', () => {
  let dataDir: string;
  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-'));
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  test('--help prints usage', async () => {
    const result = await run(['--help']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /user add <name> --password-stdin --data <dir> \[--totp\]/);
  });

  test('serves on 127.0.0.1, prints exactly one line with the URL, stops cleanly on SIGTERM', async () => {
    const server = serve(['--port', '0', '--data', dataDir]);
    const url = await server.url;
    const response = await fetch(`${url}/api/openapi.json`);
    assert.equal(response.status, 200);
    assert.equal(await server.stop('SIGTERM'), 0);
    assert.equal(server.output().trim().split('\n').length, 1);
  });

  test('user add with --totp prints the secrets once; the running server accepts the new user', async () => {
    const server = serve(['--port', '0', '--data', dataDir, '--seed', 'demo']);
    try {
      const url = await server.url;
      const added = await run(['user', 'add', 'kai', '--password-stdin', '--data', dataDir, '--totp'], 'kai password\n');
      assert.equal(added.code, 0, added.stderr);
      const created = JSON.parse(added.stdout);
      assert.deepEqual(Object.keys(created), ['username', 'totpSecret', 'recoveryCodes']);
      assert.equal(created.username, 'kai');
      assert.match(created.totpSecret, /^[A-Z2-7]{32}$/);
      assert.equal(created.recoveryCodes.length, 8);

      const response = await fetch(`${url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'kai', password: 'kai password', otp: await totpCode(created.totpSecret, Date.now()) }),
      });
      assert.equal(response.status, 200);
    } finally {
      assert.equal(await server.stop('SIGINT'), 0);
    }
  });

  test('user add without --totp prints only the username', async () => {
    const added = await run(['user', 'add', 'lee', '--password-stdin', '--data', dataDir], 'lee password');
    assert.equal(added.code, 0, added.stderr);
    assert.deepEqual(JSON.parse(added.stdout), { username: 'lee' });
  });

  test('a duplicate user or an empty password is a clear error with exit code 1', async () => {
    const duplicate = await run(['user', 'add', 'LEE', '--password-stdin', '--data', dataDir], 'pw\n');
    assert.equal(duplicate.code, 1);
    assert.match(duplicate.stderr, /already exists/);
    assert.equal(duplicate.stdout, '');
    const empty = await run(['user', 'add', 'mia', '--password-stdin', '--data', dataDir], '\n');
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /empty/);
  });
});
