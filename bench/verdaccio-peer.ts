// Verdaccio as a point of comparison for token-authenticated requests: installed on demand into bench/peers/
// (outside the app's dependency tree, from its own lockfile), started on a free loopback port with a throwaway
// storage folder, and given one user whose JWT the benchmark sends to /-/whoami.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const peerDir = path.resolve(import.meta.dirname, 'peers', 'verdaccio');
const binary = path.join(peerDir, 'node_modules', 'verdaccio', 'bin', 'verdaccio');

export interface RunningVerdaccio {
  url: string;
  token: string;
  close(): Promise<void>;
}

function ensureInstalled(): void {
  if (fs.existsSync(binary)) return;
  console.error('bench: installing Verdaccio into bench/peers/verdaccio (once)…');
  // npm's own install, from the peer's lockfile; npm_execpath is the npm running this script.
  const npm = process.env.npm_execpath;
  const [command, args] = npm ? [process.execPath, [npm, 'ci', '--no-audit', '--no-fund']] : ['npm', ['ci', '--no-audit', '--no-fund']];
  execFileSync(command, args, { cwd: peerDir, stdio: ['ignore', 'ignore', 'inherit'] });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForUp(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`Verdaccio exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/-/ping`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('Verdaccio did not start within 20 s');
}

export async function startVerdaccio(): Promise<RunningVerdaccio> {
  ensureInstalled();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-verdaccio-'));
  const port = await freePort();
  const config = path.join(dir, 'config.yaml');
  fs.writeFileSync(
    config,
    [
      `storage: ${path.join(dir, 'storage')}`,
      'auth:',
      '  htpasswd:',
      `    file: ${path.join(dir, 'htpasswd')}`,
      '    max_users: 10',
      // JWTs for the API, as a production Verdaccio issues them; its legacy tokens re-check the password each time.
      'security:',
      '  api:',
      '    jwt:',
      '      sign:',
      '        expiresIn: 7d',
      'uplinks: {}',
      'packages:',
      "  '**':",
      '    access: $authenticated',
      '    publish: $authenticated',
      'log: { type: stdout, format: json, level: fatal }',
      '',
    ].join('\n'),
  );
  const child = spawn(process.execPath, [binary, '--config', config, '--listen', `127.0.0.1:${port}`], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForUp(url, child);
    const response = await fetch(`${url}/-/user/org.couchdb.user:bench`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench', password: 'bench-password-0123', type: 'user', roles: [] }),
    });
    const body = (await response.json()) as { token?: string };
    if (!response.ok || !body.token) throw new Error(`Verdaccio refused the bench user (${response.status})`);
    return { url, token: body.token, close };
  } catch (error) {
    await close();
    throw error;
  }
}
