// A small seeded PRNG (mulberry32) for the fuzz tests: the same seed makes the same sequence of requests, so a
// failure seen once can be replayed with VIGIL_FUZZ_SEED=<seed>.
export const defaultFuzzSeed = 0x5eed_2025;

/** The seed from VIGIL_FUZZ_SEED (decimal or 0x-hex) or the fixed default, so CI runs are repeatable. */
export function fuzzSeed(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.VIGIL_FUZZ_SEED?.trim();
  if (!text) return defaultFuzzSeed;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`VIGIL_FUZZ_SEED must be an integer, not ${JSON.stringify(text)}`);
  return value >>> 0;
}

export interface SeededRandom {
  /** In [0, 1). */
  next(): number;
  /** An integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: [[3, 'a'], [1, 'b']] gives 'a' three times as often as 'b'. */
  weighted<T>(entries: ReadonlyArray<readonly [number, T]>): T;
}

export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (maxExclusive: number) => Math.floor(next() * maxExclusive);
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('cannot pick from nothing');
      return items[int(items.length)]!;
    },
    weighted<T>(entries: ReadonlyArray<readonly [number, T]>): T {
      const total = entries.reduce((sum, [weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [weight, value] of entries) {
        roll -= weight;
        if (roll < 0) return value;
      }
      return entries.at(-1)![1];
    },
  };
}
