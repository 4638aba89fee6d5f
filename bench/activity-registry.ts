// The audit log at a million events (issue 8's registry figures). An account gets a seeded history of 1,000,000
// events (seed history's own function, timed), then the registry, in a process of its own, answers one client on
// one keep-alive connection, p50 and p95 over repeated requests: the first page, a page 500,000 events deep, a
// filtered page (two types and a year's range, in the middle of the history) and the chain's head. Last, the
// whole log exported as NDJSON, with how much the registry's resident memory grew at its peak while streaming it.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { seedAccountHistory } from '../registry/seed/account-history.ts';
import { createAccount } from '../registry/server/accounts.ts';
import { encodeEventCursor } from '../registry/server/event-cursor.ts';
import { openStore } from '../registry/store/store.ts';
import { percentile } from './latency.ts';
import { startRegistryProcess } from './registry-process.ts';

const username = 'bench-activity';
const password = 'bench-activity-password-0123';
const day = 24 * 3600_000;
const warmUp = 20;
const runs = 200;
// The goals for pages and head. The seed's is the CLI's promise (well under a minute); the export's is ours: the
// text of a million events is about 450 MB, and the stream holds a chunk or two of it; what the process grows by is
// the garbage collector's slack, which levels off (about 35 MB for 90 MB exported, 75 MB for 210 MB or 450 MB).
const goals = { firstPageMs: 20, deepPageRatio: 1.5, filteredPageMs: 50, headMs: 5, seedSeconds: 60, exportRssGrowthMB: 100 };

const round = (value: number, places = 2) => Math.round(value * 10 ** places) / 10 ** places;

/** One GET on the shared connection: its status, the body's size and how long until the last byte arrived. */
function get(agent: http.Agent, url: URL, token: string): Promise<{ status: number; bytes: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers: { authorization: `Bearer ${token}` } }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, bytes, ms: performance.now() - started }));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

async function latency(agent: http.Agent, url: URL, token: string, count = runs): Promise<{ p50Ms: number; p95Ms: number; bytes: number }> {
  let bytes = 0;
  const samples: number[] = [];
  for (let run = 0; run < warmUp + count; run += 1) {
    const result = await get(agent, url, token);
    if (result.status !== 200) throw new Error(`${url.pathname}${url.search} answered ${result.status}`);
    bytes = result.bytes;
    if (run >= warmUp) samples.push(result.ms);
  }
  samples.sort((a, b) => a - b);
  return { p50Ms: round(percentile(samples, 0.5)), p95Ms: round(percentile(samples, 0.95)), bytes };
}

// Linux: kilobytes of a /proc/<pid>/status field (VmRSS now, VmHWM the peak since it was last reset).
function memoryKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
}

async function exportFigures(agent: http.Agent, registry: { url: string; pid: number }, token: string): Promise<Record<string, unknown>> {
  const linux = fs.existsSync(`/proc/${registry.pid}/status`);
  const before = linux ? memoryKb(registry.pid, 'VmRSS') : Number.NaN;
  // Writing 5 resets the peak so VmHWM afterwards is the export's (Linux 4.0+).
  if (linux) fs.writeFileSync(`/proc/${registry.pid}/clear_refs`, '5');
  const started = performance.now();
  const result = await get(agent, new URL('/api/v1/account/events/export?format=ndjson', registry.url), token);
  const seconds = (performance.now() - started) / 1000;
  const growthMB = (memoryKb(registry.pid, 'VmHWM') - before) / 1024;
  return {
    status: result.status,
    megabytes: round(result.bytes / 1e6, 1),
    seconds: round(seconds, 1),
    megabytesPerSecond: round(result.bytes / 1e6 / seconds, 1),
    peakRssGrowthMB: round(growthMB, 1),
    goalMB: goals.exportRssGrowthMB,
    withinGoal: growthMB <= goals.exportRssGrowthMB,
  };
}

export async function benchActivityRegistry(events = 1_000_000): Promise<Record<string, unknown>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-activity-'));
  try {
    await createAccount(dataDir, { username, password, totp: false });
    const store = openStore(dataDir);
    let seeding: number;
    let deep: { time: number; id: number };
    let newest: number;
    try {
      const started = performance.now();
      seedAccountHistory(store, username, { events, seed: 1, until: Date.now() });
      seeding = (performance.now() - started) / 1000;
      const accountId = store.accounts.findByUsername(username)!.id;
      // Where a client that paged through half the log stands: the 500,000th newest event.
      const row = store.db
        .prepare('SELECT time, id FROM events WHERE account_id = ? ORDER BY time DESC, id DESC LIMIT 1 OFFSET ?')
        .get(accountId, Math.floor(events / 2) - 1) as { time: number; id: number };
      deep = { time: Number(row.time), id: Number(row.id) };
      newest = store.events.list(accountId, 1)[0]!.time;
    } finally {
      store.close();
    }

    const registry = await startRegistryProcess(dataDir);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const signIn = await fetch(`${registry.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      const { token } = (await signIn.json()) as { token: string };
      const url = (query: string) => new URL(`/api/v1/account/events${query}`, registry.url);
      const iso = (time: number) => new Date(time).toISOString();
      const filter = `type=login.failure&type=login.rate_limited&since=${iso(newest - 730 * day)}&until=${iso(newest - 365 * day)}`;

      const first = await latency(agent, url('?limit=50'), token);
      const deeper = await latency(agent, url(`?limit=50&cursor=${encodeEventCursor(deep)}`), token);
      const filtered = await latency(agent, url(`?limit=50&${filter}`), token);
      const head = await latency(agent, url('/head'), token, 2 * runs);
      const within = (figure: { p50Ms: number }, goal: number) => ({ ...figure, goalMs: goal, withinGoal: figure.p50Ms <= goal });
      return {
        events,
        seedHistory: { seconds: round(seeding, 1), goalSeconds: goals.seedSeconds, withinGoal: seeding <= goals.seedSeconds },
        firstPage: within(first, goals.firstPageMs),
        pageHalfwayDeep: {
          ...deeper,
          depth: Math.floor(events / 2),
          ratioToFirstPage: round(deeper.p50Ms / first.p50Ms),
          goalRatio: goals.deepPageRatio,
          withinGoal: deeper.p50Ms <= goals.deepPageRatio * first.p50Ms,
        },
        filteredPage: { ...within(filtered, goals.filteredPageMs), query: filter.replace(/since=.*$/, 'since=<2 years ago>&until=<1 year ago>') },
        head: within(head, goals.headMs),
        exportNdjson: await exportFigures(agent, registry, token),
      };
    } finally {
      agent.destroy();
      await registry.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
