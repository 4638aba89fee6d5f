// Runs async work over a list with at most `concurrency` items in flight: enough to keep a server busy the way
// several clients would, few enough that the fuzz stays light on a two-core machine.
export async function runPool<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < items.length) {
      const index = nextIndex++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** Counts occurrences, for the one-line summaries ("200×41 401×977 …"). */
export class Tally {
  private readonly counts = new Map<string, number>();

  add(key: string | number): void {
    const name = String(key);
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  get total(): number {
    let sum = 0;
    for (const count of this.counts.values()) sum += count;
    return sum;
  }

  toString(): string {
    return [...this.counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, count]) => `${key}×${count}`)
      .join(' ');
  }
}
