// Verifying the hash chain of a million events (issue 8, section 4: at most 2 s), the way the console does as it
// reads an account's log: each event, parsed from the registry's JSON, appended to the chain ledger, which checks
// its link and recomputes its hash (electron/services/activity/chain-ledger.ts). Events come in pages of 500 from
// the same seeded history the analyzer bench uses, generated lazily; only the appends are timed (wall, and the
// main thread's CPU time, which a busy machine inflates less).
// Run alone: `node bench/chain-verification.ts`.
import { loadavg } from 'node:os';
import { eventHash, genesisHash, type ChainedEvent } from '../registry/contract/event-chain.ts';
import { createChainLedger } from '../electron/services/activity/chain-ledger.ts';
import { syntheticHistory } from './activity-history.ts';

export const chainVerificationGoalMs = 2_000;
const pageSize = 500;
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

function* pages(events: number): Generator<ChainedEvent[]> {
  let previous = genesisHash;
  let page: ChainedEvent[] = [];
  for (const event of syntheticHistory({ events })) {
    const hash = eventHash(previous, event);
    page.push({ ...event, prevHash: previous, hash });
    previous = hash;
    if (page.length < pageSize) continue;
    yield JSON.parse(JSON.stringify(page)) as ChainedEvent[];
    page = [];
  }
  if (page.length > 0) yield JSON.parse(JSON.stringify(page)) as ChainedEvent[];
}

export function benchChainVerification(events = 1_000_000) {
  const ledger = createChainLedger();
  let ms = 0;
  let cpuMs = 0;
  for (const page of pages(events)) {
    const started = performance.now();
    const startedCpu = process.threadCpuUsage();
    for (const event of page) {
      if (ledger.append(event)) throw new Error(`event ${event.id} did not verify`);
    }
    ms += performance.now() - started;
    const cpu = process.threadCpuUsage(startedCpu);
    cpuMs += (cpu.user + cpu.system) / 1000;
  }
  return {
    events: ledger.count,
    ms: round(ms),
    mainThreadCpuMs: round(cpuMs),
    perEventUs: round((ms * 1000) / Math.max(1, ledger.count), 2),
    ledgerMB: round((ledger.count * 12) / (1024 * 1024)),
    loadAverage: round(loadavg()[0] ?? 0, 2),
    goalMs: chainVerificationGoalMs,
    withinGoal: ms <= chainVerificationGoalMs,
  };
}

if (import.meta.main) console.log(JSON.stringify(benchChainVerification(), null, 2));
