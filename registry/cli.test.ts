import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { totpCode } from './security/totp.ts';

const cli = path.join(import.meta.dirname, 'cli.ts');
// Passwords the policy accepts (12+ characters, not the user name, hard to guess).
const kaiPassword = 'Tundra-Parsnip-Lantern-41';
const leePassword = 'quiet harbor violin 8 fig';

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
    assert.match(result.stdout, /user add <name> --password-stdin --data <dir> \[--totp\] \[--name <issuer>\]/);
    assert.match(result.stdout, /--confirm-window <seconds> .*\n.*\(default 600\)/);
    assert.match(result.stdout, /--name <issuer> .*\(default "Vigil registry"\)/);
    assert.match(result.stdout, /seed history <user> --events <n> --data <dir> \[--seed <n>\] \[--until <time>\]/);
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
      const added = await run(['user', 'add', 'kai', '--password-stdin', '--data', dataDir, '--totp'], `${kaiPassword}\n`);
      assert.equal(added.code, 0, added.stderr);
      const created = JSON.parse(added.stdout);
      assert.deepEqual(Object.keys(created), ['username', 'totpSecret', 'recoveryCodes']);
      assert.equal(created.username, 'kai');
      assert.match(created.totpSecret, /^[A-Z2-7]{32}$/);
      assert.equal(created.recoveryCodes.length, 8);

      const response = await fetch(`${url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'kai', password: kaiPassword, otp: await totpCode(created.totpSecret, Date.now()) }),
      });
      assert.equal(response.status, 200);
    } finally {
      assert.equal(await server.stop('SIGINT'), 0);
    }
  });

  test('user add without --totp prints only the username', async () => {
    const added = await run(['user', 'add', 'lee', '--password-stdin', '--data', dataDir], leePassword);
    assert.equal(added.code, 0, added.stderr);
    assert.deepEqual(JSON.parse(added.stdout), { username: 'lee' });
  });

  test('a duplicate user or an empty password is a clear error with exit code 1', async () => {
    const duplicate = await run(['user', 'add', 'LEE', '--password-stdin', '--data', dataDir], `${leePassword}\n`);
    assert.equal(duplicate.code, 1);
    assert.match(duplicate.stderr, /already exists/);
    assert.equal(duplicate.stdout, '');
    const empty = await run(['user', 'add', 'mia', '--password-stdin', '--data', dataDir], '\n');
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /empty/);
  });

  test('user add refuses a weak password as the API does: a clear reason, exit code 1, nothing created', async () => {
    for (const [password, reason] of [
      ['short-pw', /at least 12 characters/],
      ['Nova-ROSALIND-rosalind-9', /must not contain the username/],
      ['password1234', /too easy to guess/],
    ] as const) {
      const refused = await run(['user', 'add', 'rosalind', '--password-stdin', '--data', dataDir, '--totp'], `${password}\n`);
      assert.equal(refused.code, 1, password);
      assert.match(refused.stderr, /^error: weak password: /);
      assert.match(refused.stderr, reason);
      assert.equal(refused.stderr.includes(password), false, 'the password is never repeated');
      assert.equal(refused.stdout, '');
    }
    const accepted = await run(['user', 'add', 'rosalind', '--password-stdin', '--data', dataDir], `${kaiPassword}\n`);
    assert.equal(accepted.code, 0, accepted.stderr);
  });

  test('on a terminal, user add --totp also prints the otpauth URI and warns that the secrets are shown once', async () => {
    const passwordFile = path.join(dataDir, 'password.txt');
    fs.writeFileSync(passwordFile, `${kaiPassword}\n`);
    const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
    const command = [process.execPath, cli, 'user', 'add', 'tty.user', '--password-stdin', '--data', dataDir, '--totp', '--name', 'Acme Packages']
      .map(quote)
      .join(' ');
    // script(1) runs the command on a pseudo-terminal, so process.stdout.isTTY is true in the CLI.
    const child = spawn('script', ['-qec', `${command} < ${quote(passwordFile)}`, '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, output);
    const lines = output.split(/\r?\n/).filter((line) => line !== '');
    const created = JSON.parse(lines[0]!);
    assert.equal(created.username, 'tty.user');
    const uri = lines.find((line) => line.includes('otpauth://'));
    assert.equal(
      uri,
      `Authenticator app URI: otpauth://totp/Acme%20Packages:tty.user?secret=${created.totpSecret}&issuer=Acme%20Packages&algorithm=SHA1&digits=6&period=30`,
    );
    assert.match(output, /shown only this once/);
  });

  test('project add and add-collaborator: one line of JSON each; clear errors for bad names, duplicates and unknown users', async () => {
    const added = await run(['project', 'add', 'Web_Kit', '--owner', 'lee', '--data', dataDir]);
    assert.equal(added.code, 0, added.stderr);
    assert.deepEqual(JSON.parse(added.stdout), { project: 'Web_Kit', owner: 'lee' });
    const collaborator = await run(['project', 'add-collaborator', 'web-kit', 'kai', '--role', 'maintainer', '--data', dataDir]);
    assert.equal(collaborator.code, 0, collaborator.stderr);
    assert.deepEqual(JSON.parse(collaborator.stdout), { project: 'web-kit', username: 'kai', role: 'maintainer' });

    for (const [args, message] of [
      [['project', 'add', 'WEB.KIT', '--owner', 'kai'], /A project named "WEB\.KIT" already exists \(as "Web_Kit"/],
      [['project', 'add', 'web_kit_', '--owner', 'kai'], /A project name is 1-100 letters/],
      [['project', 'add', 'fresh', '--owner', 'nobody'], /No account is named "nobody"/],
      [['project', 'add', 'fresh'], /--owner <user> is required/],
      [['project', 'add-collaborator', 'web_kit', 'nobody'], /No account is named "nobody"/],
      [['project', 'add-collaborator', 'no-such', 'kai'], /No project is named "no-such"/],
      [['project', 'add-collaborator', 'web_kit', 'kai'], /"kai" is already maintainer of "Web_Kit"/],
      [['project', 'add-collaborator', 'web_kit', 'rosalind', '--role', 'admin'], /--role must be maintainer or owner/],
      [['project', 'remove-collaborator', 'web_kit', 'lee'], /last owner/],
      [['project', 'rename', 'web_kit'], /Unknown command/],
    ] as const) {
      const refused = await run([...args, '--data', dataDir]);
      assert.equal(refused.code, 1, args.join(' '));
      assert.match(refused.stderr, message, args.join(' '));
      assert.equal(refused.stdout, '');
    }
    const removed = await run(['project', 'remove-collaborator', 'WEB-KIT', 'kai', '--data', dataDir]);
    assert.equal(removed.code, 0, removed.stderr);
  });

  test('seed history appends a long history to an existing account and prints the chain\'s head; clear errors', async () => {
    const seeded = await run(['seed', 'history', 'lee', '--events', '1_000', '--seed', '3', '--until', '2025-01-01T00:00:00Z', '--data', dataDir]);
    assert.equal(seeded.code, 0, seeded.stderr);
    const result = JSON.parse(seeded.stdout);
    assert.deepEqual([result.username, result.events, result.until.slice(0, 10)], ['lee', 1_000, '2024-12-31']);
    assert.ok(result.head.count >= 1_000);
    assert.match(result.head.hash, /^[0-9a-f]{64}$/);

    for (const [args, message] of [
      [['seed', 'history', 'nobody', '--events', '1000'], /no account named "nobody"/],
      [['seed', 'history', 'lee', '--events', '10'], /--events must be a whole number from 1000 to 10000000/],
    ] as const) {
      const refused = await run([...args, '--data', dataDir]);
      assert.equal(refused.code, 1, args.join(' '));
      assert.match(refused.stderr, message, args.join(' '));
      assert.equal(refused.stdout, '');
    }
  });

  test('with --log, a token used for whoami and publishing appears nowhere in the log', async () => {
    const server = serve(['--port', '0', '--data', dataDir, '--log']);
    try {
      const url = await server.url;
      const call = (method: string, pathname: string, token: string, body?: unknown) =>
        fetch(`${url}${pathname}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      const session = await (
        await fetch(`${url}/api/v1/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'lee', password: leePassword }),
        })
      ).json();
      const created = await (await call('POST', '/api/v1/tokens', session.token, { name: 'logged', permission: 'read-only', projects: ['web-kit'] })).json();
      assert.match(created.token, /^vgl_/);
      assert.equal((await call('GET', '/api/v1/whoami', created.token)).status, 200);
      const refused = await fetch(`${url}/api/v1/projects/web-kit/releases/1.0.0`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${created.token}`, 'content-type': 'application/octet-stream' },
        body: 'artifact',
      });
      assert.equal(refused.status, 403);
      assert.equal((await call('DELETE', `/api/v1/tokens/${created.id}`, session.token)).status, 204);
      assert.equal((await call('GET', '/api/v1/whoami', created.token)).status, 401);
      assert.equal(await server.stop('SIGTERM'), 0);
      assert.ok(server.output().includes('/api/v1/whoami'), 'requests are logged');
      assert.equal(server.output().includes(created.token), false);
      assert.equal(server.output().includes(session.token), false);
    } finally {
      await server.stop('SIGTERM');
    }
  });

  test('--confirm-window sets how long a session stays confirmed; --name names the issuer; bad values are refused', async () => {
    const refused = await run(['--port', '0', '--data', dataDir, '--confirm-window', '0']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /--confirm-window must be a whole number of seconds/);
    const server = serve(['--port', '0', '--data', dataDir, '--confirm-window', '90', '--name', 'Acme Packages']);
    try {
      const url = await server.url;
      const post = (pathname: string, body: unknown, token?: string) =>
        fetch(`${url}${pathname}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        });
      const session = await (await post('/api/v1/session', { username: 'lee', password: leePassword })).json();
      const before = Date.now();
      const confirmed = await (await post('/api/v1/session/confirm', { password: leePassword }, session.token)).json();
      const window = Date.parse(confirmed.confirmedUntil) - before;
      assert.ok(window >= 89_000 && window <= 91_000, `confirmed for ${window} ms`);
      const enrollment = await (await post('/api/v1/account/totp', {}, session.token)).json();
      assert.match(enrollment.otpauthUri, /^otpauth:\/\/totp\/Acme%20Packages:lee\?/);
    } finally {
      assert.equal(await server.stop('SIGTERM'), 0);
    }
  });
});
