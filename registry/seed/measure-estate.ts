// A quick local measurement, not a test: the registry's answer time for the whole estate of issue 7's shape
// (large-estate.ts), over HTTP on 127.0.0.1 as a client sees it, with the response's size. The registry runs in a
// process of its own (registry/cli.ts), so reading the answers does not slow down making them. `npm run bench`
// owns the benchmarks; this is for checking a change to the estate queries.
//   node registry/seed/measure-estate.ts [--runs 60]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hashPassword } from '../security/passwords.ts';
import { openStore } from '../store/store.ts';
import { issueEstateShape, seedLargeEstate } from './large-estate.ts';

const cli = path.resolve(import.meta.dirname, '../cli.ts');

/** The whole body of a GET, as bytes: the client does no more than receive it, so the time is the registry's. */
function get(url: URL, token: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { authorization: `Bearer ${token}` } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(Buffer.concat(chunks)));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

/** Starts the registry over `dataDir` in a child process; its URL and a way to stop it. */
async function startRegistryProcess(dataDir: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [cli, '--port', '0', '--data', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the registry exited (${code})`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

const { values } = parseArgs({ options: { runs: { type: 'string', default: '60' } } });
const runs = Number(values.runs);
const password = 'estate-owner-Measure-1';
const hashing = { memory: 1024, passes: 1, parallelism: 1 };
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-estate-'));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

try {
  const seeding = performance.now();
  const store = openStore(dataDir, { synchronous: 'NORMAL' });
  seedLargeEstate(store, issueEstateShape, await hashPassword(password, hashing), Date.now());
  store.close();
  console.log(`seeded ${JSON.stringify(issueEstateShape)} in ${Math.round(performance.now() - seeding)} ms`);

  const registry = await startRegistryProcess(dataDir);
  try {
    const signIn = await fetch(`${registry.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'estate-owner', password }),
    });
    const { token } = (await signIn.json()) as { token: string };
    for (const query of ['', '?include=collaborators', '?include=collaborators,tokens']) {
      const target = new URL(`/api/v1/projects${query}`, registry.url);
      const { projects } = JSON.parse((await get(target, token)).toString('utf8')) as {
        projects: { collaborators?: unknown[]; tokens?: unknown[] }[];
      };
      const count = (key: 'collaborators' | 'tokens') => projects.reduce((sum, project) => sum + (project[key]?.length ?? 0), 0);
      const times: number[] = [];
      let bytes = 0;
      // The first few warm the statement cache and the JIT.
      for (let run = 0; run < runs + 5; run += 1) {
        const started = performance.now();
        bytes = (await get(target, token)).length;
        if (run >= 5) times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      console.log(
        `GET ${target.pathname}${target.search}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, ` +
          `${(bytes / 1024).toFixed(0)} KiB (${projects.length} projects, ${count('collaborators')} collaborators, ${count('tokens')} reaching tokens)`,
      );
    }
  } finally {
    registry.stop();
  }
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
