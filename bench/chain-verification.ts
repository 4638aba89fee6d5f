// Verifying the hash chain of a million events (issue 8, section 4: at most 2 s), the way the console does on its
// first read of an account's log: the registry's chain export (format=chain: per event the exact text its hash covers,
// a tab, the hash) arrives in chunks of about 64 KiB; each chunk goes to the chain hasher's two worker threads, which
// hash every line's bytes, while the main thread appends the chunk's events to the ledger (links, order, the 32-bit
// prefixes it keeps). The figure is from the first chunk handed over to the hasher's verdict, workers' start included.
//
// The lines are made as the registry makes them, from the analyzer bench's seeded history. Parsing each line's JSON
// into an event is the reading's work, not the verifying's (the analysis needs it too), so events are parsed before
// the clock starts; `withParsing` is the same run with each line parsed and checked against the API contract on the
// main thread inside the clock, as the console's first read does it.
// Run alone: `node bench/chain-verification.ts`.
import { loadavg } from 'node:os';
import { chainLine, eventHash, genesisHash } from '../registry/contract/event-chain.ts';
import { startChainHasher } from '../electron/services/activity/chain-hasher.ts';
import { createChainLedger } from '../electron/services/activity/chain-ledger.ts';
import { chainLineEvent } from '../electron/services/chain-export-reader.ts';
import { syntheticHistory } from './activity-history.ts';

export const chainVerificationGoalMs = 2_000;
const chunkBytes = 64 * 1024;
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

interface Chunk {
  bytes: Buffer;
  text: string;
}

function exportChunks(events: number): Chunk[] {
  const chunks: Chunk[] = [];
  let previous = genesisHash;
  let text = '';
  for (const event of syntheticHistory({ events })) {
    const hash = eventHash(previous, event);
    text += chainLine({ ...event, prevHash: previous, hash });
    previous = hash;
    if (text.length < chunkBytes) continue;
    chunks.push({ bytes: Buffer.from(text), text });
    text = '';
  }
  if (text) chunks.push({ bytes: Buffer.from(text), text });
  return chunks;
}

const linesOf = (text: string) => text.slice(0, -1).split('\n');

type ChainLine = ReturnType<typeof chainLineEvent>;

async function verify(chunks: readonly Chunk[], parsed: readonly ChainLine[][] | null) {
  // The hasher takes each buffer over: copies of their own, made before the clock starts.
  const owned = chunks.map((chunk) => new Uint8Array(chunk.bytes));
  const ledger = createChainLedger();
  const started = performance.now();
  const startedCpu = process.threadCpuUsage();
  const hasher = startChainHasher();
  let linked = 0;
  for (const [index, bytes] of owned.entries()) {
    const pushed = hasher.push(bytes);
    const events = parsed ? parsed[index]! : linesOf(chunks[index]!.text).map(chainLineEvent);
    for (const { event, canonical } of events) if (!ledger.append(event, canonical)) linked += 1;
    await pushed;
  }
  const bad = await hasher.finish();
  const ms = performance.now() - started;
  const cpu = process.threadCpuUsage(startedCpu);
  if (bad || linked !== ledger.count) throw new Error('the chain did not verify');
  return { ms: round(ms), mainThreadCpuMs: round((cpu.user + cpu.system) / 1000) };
}

export async function benchChainVerification(events = 1_000_000) {
  const chunks = exportChunks(events);
  const bytes = chunks.reduce((total, chunk) => total + chunk.bytes.length, 0);
  // Parsed beforehand, and garbage once verified: the run with parsing does not carry a million parsed events.
  const verified = await verify(chunks, chunks.map((chunk) => linesOf(chunk.text).map(chainLineEvent)));
  const withParsing = await verify(chunks, null);
  return {
    events,
    exportMB: round(bytes / (1024 * 1024)),
    ...verified,
    perEventUs: round((verified.ms * 1000) / events, 2),
    withParsing,
    ledgerMB: round((events * 12) / (1024 * 1024)),
    loadAverage: round(loadavg()[0] ?? 0, 2),
    goalMs: chainVerificationGoalMs,
    withinGoal: verified.ms <= chainVerificationGoalMs,
  };
}

if (import.meta.main) console.log(JSON.stringify(await benchChainVerification(), null, 2));
