// One account's audit log as the console knows it: the analysis (flags, sign-ins per day) and what it has verified
// of the hash chain. The first read streams the whole log in chain order, oldest first, as the analyzer needs it,
// checking every link on the way; later reads ask for the head and read only what is newer. Whatever the registry
// serves must extend what this console verified before, in this run (the ledger) and in earlier ones (the head
// remembered in the settings): a log that was edited, cut short or rewritten is a problem naming its first bad
// event. Reads of one account run one at a time.
import type { EventsHead } from '../../../registry/contract/event-schemas.ts';
import type { AuditEvent } from '../../../registry/contract/schemas.ts';
import type { ChainSink } from '../chain-export-reader.ts';
import type { ActivityAnalyzer } from './activity-analyzer.ts';
import { startChainHasher } from './chain-hasher.ts';
import { createChainLedger, hashPrefix, problemWith, type ChainLedger } from './chain-ledger.ts';
import type { ChainProblem } from './chain-problems.ts';
import { tallySignIn, type SignInTally } from './sign-ins-per-day.ts';

/** The end of the chain as this console last verified it, kept in the settings (no secrets: ids and a hash). */
export interface RememberedHead {
  count: number;
  lastId: string | null;
  hash: string;
  seenAt: string;
}

/** How the log is read from the registry, as this account. */
export interface LogSource {
  head(): Promise<EventsHead>;
  /** Every event in chain order. */
  streamChain(sink: ChainSink): Promise<void>;
  /** The events newer than `id` (by id), newest first, read page by page until an event at or below `id`. */
  newerThan(id: string): Promise<AuditEvent[]>;
}

export interface HeadMemory {
  read(): Promise<RememberedHead | undefined>;
  write(head: RememberedHead): Promise<void>;
}

export interface LogIntegrity {
  /** unread: not read yet in this run (or the first read failed). */
  state: 'unread' | 'checking' | 'checked';
  /** While the whole log is read: how far. */
  checking: { done: number; total: number } | null;
  /** Events verified so far. */
  verified: number;
  /** The first bad event found; it stays until the whole history checks out. */
  problem: ChainProblem | null;
  /** The last read of the whole log stopped before its end (the registry could not be read). */
  interrupted: boolean;
}

export function createAccountLog(options: { analyzer: ActivityAnalyzer; source: LogSource; memory: HeadMemory; now: () => number }) {
  const { analyzer, source, memory } = options;
  /** The events that were flagged, by id, for the flagged list (bounded by how many are flagged). */
  const flaggedEvents = new Map<string, AuditEvent>();
  const signIns: SignInTally = new Map();
  let ledger: ChainLedger | null = null;
  let analyzedId = 0;
  let problem: ChainProblem | null = null;
  let checking: LogIntegrity['checking'] = null;
  let interrupted = false;
  let queue: Promise<unknown> = Promise.resolve();
  // A catch-up queued and not yet started: the page, the chart and the review list all ask at once when a page opens.
  let waiting: Promise<void> | null = null;

  function serial<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  }

  function analyse(event: AuditEvent) {
    const id = Number(event.id);
    if (id <= analyzedId) return;
    if (analyzer.push(event)) flaggedEvents.set(event.id, event);
    tallySignIn(signIns, event);
    analyzedId = id;
  }

  /**
   * Reads the whole chain, checking it against the ledger and the remembered head; replaces the ledger. Hashes are
   * recomputed by the hasher's workers from the lines as sent; links, order and what was seen before are checked
   * here, event by event, and the first problem in chain order of either kind is the one named.
   */
  async function readWhole(): Promise<void> {
    const remembered = await memory.read();
    const previous = ledger;
    const previousLast = Number(previous?.lastId ?? 0);
    const next = createChainLedger();
    let found: ChainProblem | null = null;
    let foundAt = Number.POSITIVE_INFINITY;
    let sawRemembered = remembered?.lastId == null;
    let sawPreviousLast = previous?.lastId == null;
    const progress = { done: 0, total: 0 };
    checking = progress;
    interrupted = true;
    const hasher = startChainHasher();
    const note = (problem: ChainProblem | null) => {
      if (found || !problem) return;
      found = problem;
      foundAt = progress.done;
    };
    try {
      progress.total = (await source.head()).count;
      await source.streamChain({
        lines: (bytes) => hasher.push(bytes),
        event(event, canonical) {
          note(next.append(event, canonical));
          if (!found && previous && Number(event.id) <= previousLast) {
            const recorded = previous.recordedPrefix(event.id);
            if (recorded === undefined) note(problemWith(event, 'inserted'));
            else if (recorded !== hashPrefix(event.hash)) note(problemWith(event, 'rewritten'));
          }
          if (event.id === previous?.lastId) sawPreviousLast = true;
          if (event.id === remembered?.lastId) {
            sawRemembered = true;
            if (event.hash !== remembered.hash) note(problemWith(event, 'rewritten'));
          }
          analyse(event);
          progress.done += 1;
          // Events appended since the head was read.
          if (progress.done > progress.total) progress.total = progress.done;
        },
      });
      // The first in chain order; for one event, as the ledger names them: unlinked, then altered, then the rest.
      const altered = await hasher.finish();
      // (Set in the callbacks above, which TypeScript's narrowing does not follow.)
      const fromLinks = found as ChainProblem | null;
      if (altered && (altered.index < foundAt || (altered.index === foundAt && fromLinks?.reason !== 'unlinked'))) found = problemWith(altered.event, 'altered');
    } finally {
      hasher.close();
      checking = null;
    }
    if (!sawPreviousLast) found ??= { eventId: previous!.lastId!, reason: 'removed' };
    if (!sawRemembered) found ??= { eventId: remembered!.lastId!, reason: 'removed' };
    interrupted = false;
    ledger = next;
    problem = found;
    await remember(remembered);
  }

  /** Reads what was appended since the last read; anything else that changed sends it back to the whole log. */
  async function readNewer(current: ChainLedger): Promise<void> {
    const head = await source.head();
    if (head.lastId === current.lastId && head.hash === current.lastHash && head.count === current.count) return;
    const newer = current.lastId === null ? [] : await source.newerThan(current.lastId);
    newer.sort((a, b) => Number(a.id) - Number(b.id));
    for (const event of newer) {
      const linked = current.append(event);
      problem ??= linked;
      analyse(event);
    }
    if (current.lastHash !== head.hash || current.count !== head.count) return readWhole();
    await remember(await memory.read());
  }

  async function remember(remembered: RememberedHead | undefined) {
    if (problem || !ledger || (remembered?.lastId === ledger.lastId && remembered?.hash === ledger.lastHash)) return;
    await memory.write({ count: ledger.count, lastId: ledger.lastId, hash: ledger.lastHash, seenAt: new Date(options.now()).toISOString() });
  }

  return {
    analyzer,
    flaggedEvents,
    signIns,

    /** Brings the analysis and the ledger up to the registry's head. */
    catchUp(): Promise<void> {
      waiting ??= serial(() => {
        waiting = null;
        return ledger ? readNewer(ledger) : readWhole();
      });
      return waiting;
    },

    /** "Verify whole history": every event read and checked again. */
    verifyWhole: () => {
      // Reported as checking from now, not only once the reads queued before it are done.
      checking ??= { done: 0, total: 0 };
      return serial(readWhole);
    },

    /** Checks the events of a page the console is about to show; the first problem is kept. */
    checkPage(events: readonly AuditEvent[]) {
      if (!ledger) return;
      for (const event of events) problem ??= ledger.check(event);
    },

    integrity(): LogIntegrity {
      const state = checking ? 'checking' : ledger ? 'checked' : 'unread';
      return { state, checking: checking && { ...checking }, verified: ledger?.count ?? 0, problem, interrupted };
    },
  };
}

export type AccountLog = ReturnType<typeof createAccountLog>;
