// Remembers a pure function's answers for the most recently used keys only, so repeated IPs and user agents cost
// a lookup while a log full of distinct ones (an attack from a botnet) cannot grow memory without limit.
// quick-lru keys a Map, so thousands of one-off address strings are neither interned nor hashed as property names.
import QuickLRU from 'quick-lru';

export function boundedMemo<T>(maxEntries: number, compute: (key: string) => T): (key: string) => T {
  // quick-lru holds up to twice maxSize while it swaps generations.
  const cache = new QuickLRU<string, T>({ maxSize: Math.max(1, Math.ceil(maxEntries / 2)) });
  return (key) => {
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}
