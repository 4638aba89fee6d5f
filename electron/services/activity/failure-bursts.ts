// Bursts of failed sign-ins: at least `threshold` failed attempts within `windowMs`, counted over the whole account
// (a botnet spreads its guesses over many addresses). A burst lasts until `windowMs` passes with no failure, so a
// long attack is one burst, not one every few minutes.
//
// Memory stays bounded however long the attack: only the newest attempts needed to reach the threshold are kept,
// because once they alone reach it, older ones in the window can never change the answer.

export interface Burst {
  startedAt: number;
  lastFailureAt: number;
  /** Failed attempts since the burst started. */
  failures: number;
  /** Up to `maxAddresses` of the addresses the attempts came from, first seen first. */
  addresses: Set<string>;
  /** True when more addresses took part than `addresses` holds. */
  moreAddresses: boolean;
}

interface Attempts {
  time: number;
  count: number;
  ip: string;
}

const maxAddresses = 20;

export class FailureBursts {
  private readonly threshold: number;
  private readonly windowMs: number;
  private readonly window: Attempts[] = [];
  private inWindow = 0;
  private burst: Burst | null = null;

  constructor(threshold: number, windowMs: number) {
    this.threshold = Math.max(1, threshold);
    this.windowMs = windowMs;
  }

  /**
   * Records `count` failed attempts, the first at `time` and the last at `lastAt` (a rate-limit tally spans a few
   * minutes), and returns the burst they start, if they start one.
   */
  record(time: number, count: number, ip: string, lastAt = time): Burst | null {
    if (this.burst && time - this.burst.lastFailureAt > this.windowMs) this.burst = null;
    while (this.window.length > 0 && this.window[0]!.time < time - this.windowMs) this.inWindow -= this.window.shift()!.count;
    this.window.push({ time, count, ip });
    this.inWindow += count;

    let started: Burst | null = null;
    if (this.burst) {
      this.burst.failures += count;
      this.burst.lastFailureAt = Math.max(this.burst.lastFailureAt, lastAt);
      addAddress(this.burst, ip);
    } else if (this.inWindow >= this.threshold) {
      started = { startedAt: this.window[0]!.time, lastFailureAt: lastAt, failures: this.inWindow, addresses: new Set(), moreAddresses: false };
      for (const attempts of this.window) addAddress(started, attempts.ip);
      this.burst = started;
    }
    while (this.window.length > 1 && this.inWindow - this.window[0]!.count >= this.threshold) {
      this.inWindow -= this.window.shift()!.count;
    }
    return started;
  }

  /** The burst whose last failed attempt was at most `withinMs` before `time`, if any. */
  recent(time: number, withinMs: number): Burst | null {
    const burst = this.burst;
    return burst && time >= burst.startedAt && time - burst.lastFailureAt <= withinMs ? burst : null;
  }
}

function addAddress(burst: Burst, ip: string): void {
  // A botnet's thousandth address changes nothing once the list is full and marked as such.
  if (burst.moreAddresses || burst.addresses.has(ip)) return;
  if (burst.addresses.size < maxAddresses) burst.addresses.add(ip);
  else burst.moreAddresses = true;
}
