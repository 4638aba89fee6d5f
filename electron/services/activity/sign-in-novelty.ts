// "Not seen in the previous 90 days" for a successful sign-in's address (IPv6: its /64), device and country.
// Each is remembered with its last sighting only, forgotten once older than the window (checked once a day of
// log time) and capped, so memory follows how many places an account really uses, not how long its log is.
//
// Warm-up: until `warmUpMs` after the first successful sign-in seen, sign-ins only teach what is usual; otherwise
// the first sign-ins from each of an account's everyday devices and places would all be flagged.
import type { ActivityFlag, ActivityThresholds } from './activity-flags.ts';
import { reasons } from './flag-reasons.ts';
import type { Place } from './geolocation.ts';
import { RecentlySeen } from './recently-seen.ts';
import type { Device } from './user-agent.ts';

const pruneEveryMs = 24 * 60 * 60 * 1000;

export interface SignInFacts {
  time: number;
  ip: string;
  /** The address, or for IPv6 its /64; null when the event has no usable address. */
  network: string | null;
  place: Place;
  device: Device;
}

export class SignInNovelty {
  private readonly windowMs: number;
  private readonly warmUpMs: number;
  private readonly networks: RecentlySeen;
  private readonly devices: RecentlySeen;
  private readonly countries: RecentlySeen;
  private firstSignInAt: number | null = null;
  private lastPruneAt = Number.NEGATIVE_INFINITY;

  constructor(limits: Pick<ActivityThresholds, 'noveltyWindowMs' | 'warmUpMs'>, maxRemembered: number) {
    this.windowMs = limits.noveltyWindowMs;
    this.warmUpMs = limits.warmUpMs;
    this.networks = new RecentlySeen(maxRemembered);
    this.devices = new RecentlySeen(maxRemembered);
    this.countries = new RecentlySeen(maxRemembered);
  }

  /** The flags for what this sign-in uses that no sign-in used in the window before it; then remembers it. */
  check(signIn: SignInFacts, flags: ActivityFlag[]): void {
    const { time, place, network, device } = signIn;
    this.prune(time);
    this.firstSignInAt ??= time;
    const since = time - this.windowMs;
    if (time >= this.firstSignInAt + this.warmUpMs) {
      if (place.kind === 'public' && !this.countries.seenSince(place.country, since)) {
        flags.push({ kind: 'new_country', severity: 'high', reason: reasons.newCountry(place, this.windowMs) });
      }
      if (!this.devices.seenSince(device.key, since)) {
        flags.push({ kind: 'new_device', severity: 'medium', reason: reasons.newDevice(device, this.windowMs) });
      }
      if (network !== null && !this.networks.seenSince(network, since)) {
        flags.push({ kind: 'new_ip', severity: 'low', reason: reasons.newIp(signIn.ip, network, this.windowMs) });
      }
    }
    if (place.kind === 'public') this.countries.see(place.country, time);
    this.devices.see(device.key, time);
    if (network !== null) this.networks.see(network, time);
  }

  private prune(time: number): void {
    if (time - this.lastPruneAt < pruneEveryMs) return;
    this.lastPruneAt = time;
    const since = time - this.windowMs;
    this.networks.forgetBefore(since);
    this.devices.forgetBefore(since);
    this.countries.forgetBefore(since);
  }
}
