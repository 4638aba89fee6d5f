// Recomputes the hashes of a chain export (format=chain: per event, the exact text its hash covers, a tab, the hash)
// in worker threads, while the main thread reads the same lines for the analysis. Hashing is most of what verifying
// a chain costs (one SHA-256 call an event, about 1.5 µs for 370 bytes on a 2-core machine), every line can be
// hashed on its own (the links between lines are checked in order on the main thread, by the ledger), so chunks of
// lines go to the workers in turn and their answers are put back in order. The event shown is parsed from the very
// text hashed, and the reader checks that the text is that event's canonical form (chain-export-reader.ts), so the
// hash checked here is the hash of the event's fields.
//
// The workers run checkLines below from its own source text (an eval'd worker): one file whether the main process
// runs from the TypeScript sources (tests, browser host) or from the esbuild bundle (Electron), with no second entry
// point to find on disk. checkLines therefore uses no name from outside its body.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ChainFields } from '../../../registry/contract/event-chain.ts';

export interface LinesChecked {
  lines: number;
  /** The index (in these lines) of the first whose hash does not match its text, and that line; -1 and '' if none. */
  bad: number;
  badLine: string;
}

/** Checks complete lines (each ending in \n): SHA-256 of the bytes before the line's last tab must be its hash. */
export function checkLines(bytes: Buffer, sha256: (data: Buffer) => string): LinesChecked {
  let lines = 0;
  let start = 0;
  for (;;) {
    const end = bytes.indexOf(10, start);
    if (end === -1) return { lines, bad: -1, badLine: '' };
    // prevHash (64), the event's text, a tab, the hash (64).
    const tab = end - 65;
    if (tab < start + 66 || bytes[tab] !== 9 || sha256(bytes.subarray(start, tab)) !== bytes.toString('latin1', tab + 1, end)) {
      return { lines, bad: lines, badLine: bytes.toString('utf8', start, end) };
    }
    lines += 1;
    start = end + 1;
  }
}

const workerSource = `
const { parentPort } = require('node:worker_threads');
const { hash } = require('node:crypto');
const checkLines = ${checkLines.toString()};
const sha256 = (data) => hash('sha256', data, 'hex');
parentPort.on('message', ({ seq, bytes }) => {
  const checked = checkLines(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), sha256);
  parentPort.postMessage({ seq, ...checked });
});
`;

/** The first line whose hash did not check out: its place in the chain and what it says it is. */
export interface BadLine {
  index: number;
  event: Pick<ChainFields, 'id' | 'type' | 'time'>;
}

export interface ChainHasher {
  /** Complete lines, in chain order; takes `bytes` over (its buffer moves to a worker). Resolves when there is room for more. */
  push(bytes: Uint8Array): Promise<void>;
  /** Waits for every line pushed, ends the workers, and gives the first bad line, or null. */
  finish(): Promise<BadLine | null>;
  /** Ends the workers now: the read stopped. */
  close(): void;
}

// Two workers use both cores of a small machine while the main thread parses; more gain little, as the registry and
// the main thread need the rest.
const defaultThreads = Math.max(1, Math.min(2, availableParallelism()));
// At most this many chunks (of about 64 KiB) waiting or being hashed: a registry faster than the hashing waits.
const maxInFlight = 8;

function describe(line: string): BadLine['event'] {
  try {
    const { id, type, time } = JSON.parse(line.slice(64, line.lastIndexOf('\t'))) as Partial<Record<string, unknown>>;
    return { id: String(id), type: String(type), time: String(time) };
  } catch {
    return { id: '?', type: 'unreadable line', time: '' };
  }
}

/** A hasher whose workers start with the first lines pushed (an empty log, or a read that fails first, starts none). */
export function startChainHasher(threads = defaultThreads): ChainHasher {
  const workers: Worker[] = [];
  const answers: LinesChecked[] = [];
  let sent = 0;
  let answered = 0;
  let failure: Error | null = null;
  let waiting: (() => void)[] = [];
  let closed = false;

  // Every waiter looks again at each answer (or failure).
  const notify = () => {
    const woken = waiting;
    waiting = [];
    for (const wake of woken) wake();
  };
  function start() {
    for (let count = 0; count < threads; count += 1) {
      const worker = new Worker(workerSource, { eval: true });
      listen(worker);
      workers.push(worker);
    }
  }

  function listen(worker: Worker) {
    worker.on('message', ({ seq, ...checked }: LinesChecked & { seq: number }) => {
      answers[seq] = checked;
      answered += 1;
      notify();
    });
    worker.on('error', (error) => {
      failure ??= error;
      notify();
    });
    worker.on('exit', () => {
      if (!closed) failure ??= new Error('a chain hashing worker stopped');
      notify();
    });
  }

  async function until(ready: () => boolean) {
    while (!ready()) {
      if (failure) throw failure;
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    if (failure) throw failure;
  }

  function close() {
    if (closed) return;
    closed = true;
    for (const worker of workers) void worker.terminate();
  }

  return {
    async push(bytes) {
      if (closed) throw new Error('the chain hasher is closed');
      if (workers.length === 0) start();
      const seq = sent;
      sent += 1;
      workers[seq % threads]!.postMessage({ seq, bytes }, [bytes.buffer as ArrayBuffer]);
      await until(() => sent - answered <= maxInFlight);
    },

    async finish() {
      try {
        await until(() => answered === sent);
      } finally {
        close();
      }
      let index = 0;
      for (const answer of answers) {
        if (answer.bad !== -1) return { index: index + answer.bad, event: describe(answer.badLine) };
        index += answer.lines;
      }
      return null;
    },

    close,
  };
}
