// When each IP, device or country was last used to sign in, for "not seen in the previous 90 days". A Map keeps
// keys in insertion order and a sighting re-inserts its key, so the map runs from least to most recently seen:
// forgetting what is older than the window only ever looks at the front, and the size cap drops the stalest.
export class RecentlySeen {
  private readonly lastSeen = new Map<string, number>();
  private newestKey: string | null = null;
  private readonly maxEntries: number;

  constructor(maxEntries: number) {
    this.maxEntries = maxEntries;
  }

  get size(): number {
    return this.lastSeen.size;
  }

  seenSince(key: string, since: number): boolean {
    const at = this.lastSeen.get(key);
    return at !== undefined && at >= since;
  }

  see(key: string, time: number): void {
    // The usual case, the same home address or device again, is already at the end: no need to move it.
    if (key !== this.newestKey) {
      this.lastSeen.delete(key);
      this.newestKey = key;
    }
    this.lastSeen.set(key, time);
    if (this.lastSeen.size > this.maxEntries) this.forgetOldest();
  }

  forgetBefore(time: number): void {
    for (const [key, at] of this.lastSeen) {
      if (at >= time) return;
      this.lastSeen.delete(key);
      if (key === this.newestKey) this.newestKey = null;
    }
  }

  private forgetOldest(): void {
    const oldest = this.lastSeen.keys().next();
    if (!oldest.done) this.lastSeen.delete(oldest.value);
  }
}
