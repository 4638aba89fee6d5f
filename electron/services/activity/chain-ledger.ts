// What the console has verified of one account's hash chain, small enough for a million events: for each event in
// chain order its id and the first 32 bits of its hash (8 bytes an event, instead of the ~150 a map of full hashes
// would cost). With it, an event shown in any page, filtered or not, is checked against the chain as verified:
// its own hash, that the chain holds it, and that it has the hash it had then (a hash covers the one before it).
// 32 bits cannot prove an event unchanged to an adversary who grinds for a collision, but every event's full hash
// is also recomputed from its content, and the head (full hash) is compared on every visit.
import { eventHash, genesisHash, type ChainedEvent } from '../../../registry/contract/event-chain.ts';
import type { ChainProblem, ChainProblemReason } from './chain-problems.ts';

/** The first 32 bits of a hash, as the ledger keeps them. */
export const hashPrefix = (hash: string) => Number.parseInt(hash.slice(0, 8), 16);

export const problemWith = (event: Pick<ChainedEvent, 'id' | 'type' | 'time'>, reason: ChainProblemReason): ChainProblem => ({
  eventId: event.id,
  reason,
  type: event.type,
  time: event.time,
});

export interface ChainLedger {
  readonly count: number;
  readonly lastId: string | null;
  readonly lastHash: string;
  /**
   * Adds the next event in chain order; the problem with it, if any. `hashChecked`: its hash was recomputed elsewhere
   * (the chain hasher, from the line it came on), so only its link and its place are checked here.
   */
  append(event: ChainedEvent, hashChecked?: boolean): ChainProblem | null;
  /** Checks an event read from a page (in any order) against its own hash and the chain as verified. */
  check(event: ChainedEvent): ChainProblem | null;
  /** The first 32 bits of the hash the event with this id had when verified, or undefined if it was not. */
  recordedPrefix(id: string): number | undefined;
}

export function createChainLedger(): ChainLedger {
  let ids = new Float64Array(1024);
  let prefixes = new Uint32Array(1024);
  let count = 0;
  let lastId: string | null = null;
  let lastHash = genesisHash;

  function indexOf(id: number): number {
    let low = 0;
    let high = count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = ids[middle]!;
      if (found === id) return middle;
      if (found < id) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  function push(id: number, hash: string) {
    if (count === ids.length) {
      const biggerIds = new Float64Array(count * 2);
      biggerIds.set(ids);
      ids = biggerIds;
      const biggerPrefixes = new Uint32Array(count * 2);
      biggerPrefixes.set(prefixes);
      prefixes = biggerPrefixes;
    }
    ids[count] = id;
    prefixes[count] = hashPrefix(hash);
    count += 1;
  }

  return {
    get count() {
      return count;
    },
    get lastId() {
      return lastId;
    },
    get lastHash() {
      return lastHash;
    },

    append(event, hashChecked = false) {
      const id = Number(event.id);
      let problem: ChainProblem | null = null;
      if (event.prevHash !== lastHash || (count > 0 && id <= ids[count - 1]!)) problem = problemWith(event, 'unlinked');
      else if (!hashChecked && eventHash(event.prevHash, event) !== event.hash) problem = problemWith(event, 'altered');
      // The chain carries on from this event's own hash, so one bad event is named once, not with all after it.
      // An event out of id order is not kept: the ids must stay sorted for the lookups.
      if (count === 0 || id > ids[count - 1]!) push(id, event.hash);
      lastId = event.id;
      lastHash = event.hash;
      return problem;
    },

    check(event) {
      if (eventHash(event.prevHash, event) !== event.hash) return problemWith(event, 'altered');
      const id = Number(event.id);
      // Newer than what was verified: it is verified in full when the log is next read.
      if (count === 0 || id > ids[count - 1]!) return null;
      const index = indexOf(id);
      if (index === -1) return problemWith(event, 'inserted');
      if (prefixes[index] !== hashPrefix(event.hash)) return problemWith(event, 'rewritten');
      return null;
    },

    recordedPrefix(id) {
      const index = indexOf(Number(id));
      return index === -1 ? undefined : prefixes[index];
    },
  };
}
