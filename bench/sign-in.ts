// Sign-in with password + TOTP against the reference registry over real HTTP on 127.0.0.1, with the production
// argon2id parameters and 8 concurrent clients. TOTP replay protection lets an account use each time step once,
// so the load is spread over many accounts, each signing in with steps t-1, t and t+1 in that order.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { owaspArgon2Params } from '../registry/security/passwords.ts';
import { totpCode } from '../registry/security/totp.ts';
import { createAccount } from '../registry/server/accounts.ts';
import { startRegistry } from '../registry/server/start-registry.ts';
import type { Synchronous } from '../registry/store/database.ts';
import { summarize } from './latency.ts';

const concurrency = 8;
const accountCount = 48;
const signInsPerAccount = 3;
const stepMs = 30_000;

interface BenchAccount {
  username: string;
  password: string;
  totpSecret: string;
}

async function createAccounts(dataDir: string): Promise<BenchAccount[]> {
  const accounts: BenchAccount[] = [];
  for (let index = 0; index < accountCount; index += 1) {
    const username = `bench-${index}`;
    const password = `bench-password-${index}`;
    const created = await createAccount(dataDir, { username, password, totp: true });
    if (!created.totpSecret) throw new Error('account created without a TOTP secret');
    accounts.push({ username, password, totpSecret: created.totpSecret });
  }
  return accounts;
}

async function signIn(url: string, account: BenchAccount, attempt: number): Promise<number> {
  // Attempt k uses the code of step (now + k - 1): always later than the previous attempt's, so never a replay.
  const otp = await totpCode(account.totpSecret, Date.now() + (attempt - 1) * stepMs);
  const started = performance.now();
  const response = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'vigil-bench' },
    body: JSON.stringify({ username: account.username, password: account.password, otp }),
  });
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  return elapsed;
}

export async function benchSignIn(synchronous: Synchronous = 'FULL'): Promise<Record<string, unknown>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-'));
  const accounts = await createAccounts(dataDir);
  const registry = await startRegistry({ dataDir, port: 0, synchronous });
  try {
    const jobs: { account: BenchAccount; attempt: number }[] = [];
    for (let attempt = 0; attempt < signInsPerAccount; attempt += 1) {
      for (const account of accounts) jobs.push({ account, attempt });
    }
    // Warm up connections and the JIT with one sign-in that is not counted.
    const warmUp = jobs.shift();
    if (warmUp) await signIn(registry.url, warmUp.account, warmUp.attempt);

    const samples: number[] = [];
    const started = performance.now();
    const workers = Array.from({ length: concurrency }, async () => {
      for (let job = jobs.shift(); job; job = jobs.shift()) samples.push(await signIn(registry.url, job.account, job.attempt));
    });
    await Promise.all(workers);
    const wallMs = performance.now() - started;
    return {
      synchronous,
      concurrency,
      argon2id: { memoryKiB: owaspArgon2Params.memory, passes: owaspArgon2Params.passes, parallelism: owaspArgon2Params.parallelism },
      cpus: os.availableParallelism(),
      ...summarize(samples, wallMs),
    };
  } finally {
    await registry.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
