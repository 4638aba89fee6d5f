// Starts the real programs a user runs — the reference registry and the console's browser host — as child
// processes, each with its own data folder, and reads the URL each prints.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface RunningProcess {
  url: string;
  // Everything the process printed so far, stdout and stderr: its logs, scanned for secrets by the journeys.
  output(): string;
  stop(): Promise<void>;
}

export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `vigil-e2e-${prefix}-`));
}

function startAndReadUrl(script: string, args: string[], pattern: RegExp, env?: NodeJS.ProcessEnv): Promise<RunningProcess> {
  const child = spawn(process.execPath, [path.join(root, script), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${script} printed no URL within 20 s:\n${output}`)), 20_000);
    function fail(error: Error): void {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    }
    function onData(chunk: Buffer): void {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({ url: match[0], output: () => output, stop: () => stopProcess(child) });
    }
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => fail(new Error(`${script} exited with ${code} before printing a URL:\n${output}`)));
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function startRegistry(dataDir: string, extra: string[] = []): Promise<RunningProcess> {
  return startAndReadUrl('registry/cli.ts', ['--port', '0', '--data', dataDir, ...extra], /http:\/\/127\.0\.0\.1:\d+/);
}

export function startConsole(dataDir: string, extra: string[], env?: NodeJS.ProcessEnv): Promise<RunningProcess> {
  return startAndReadUrl(
    'electron/browser-host/cli.ts',
    ['--port', '0', '--data', dataDir, ...extra],
    /http:\/\/vigil-[0-9a-f]+\.localhost:\d+\/launch\?token=[A-Za-z0-9_-]+/,
    env,
  );
}

export interface CreatedUser {
  username: string;
  password: string;
  // Empty for an account made without 2FA.
  totpSecret: string;
  recoveryCodes: string[];
}

// Creates a project through the registry's own CLI, as an operator would.
export function addProject(dataDir: string, name: string, owner: string): Promise<void> {
  const child = spawn(process.execPath, [path.join(root, 'registry/cli.ts'), 'project', 'add', name, '--owner', owner, '--data', dataDir], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`project add failed (${code}): ${stderr}`))));
  });
}

// Creates an account through the registry's own CLI, as an operator would.
export function addUser(dataDir: string, username: string, password: string, totp: boolean): Promise<CreatedUser> {
  const args = ['user', 'add', username, '--password-stdin', '--data', dataDir, ...(totp ? ['--totp'] : [])];
  const child = spawn(process.execPath, [path.join(root, 'registry/cli.ts'), ...args], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(`${password}\n`);
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`user add failed (${code}): ${stderr}`));
      const created = JSON.parse(stdout.split('\n')[0] ?? '') as Partial<CreatedUser>;
      resolve({
        username: created.username ?? username,
        password,
        totpSecret: created.totpSecret ?? '',
        recoveryCodes: created.recoveryCodes ?? [],
      });
    });
  });
}
