// What synchronous=FULL costs one commit: audit events appended one transaction each (as the registry writes them),
// FULL against NORMAL, on the same disk. Sign-in throughput shows the cost in context; this shows it bare.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Synchronous } from '../registry/store/database.ts';
import { openStore } from '../registry/store/store.ts';

const appends = 2_000;

export function benchCommits(synchronous: Synchronous): { synchronous: Synchronous; commits: number; perSecond: number; meanUs: number } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-commits-'));
  const store = openStore(dataDir, { synchronous });
  try {
    const accountId = store.accounts.insert({ username: 'bench', passwordHash: 'x', totpSecret: null, createdAt: 0 });
    const started = performance.now();
    for (let i = 0; i < appends; i += 1) {
      store.events.append({ accountId, type: 'login.failure', time: i, ip: '192.0.2.1', userAgent: 'bench', details: { reason: 'invalid_password' } });
    }
    const elapsedMs = performance.now() - started;
    return {
      synchronous,
      commits: appends,
      perSecond: Math.round((appends / elapsedMs) * 1000),
      meanUs: Math.round((elapsedMs / appends) * 1000),
    };
  } finally {
    store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
