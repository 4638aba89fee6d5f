// A streaming reviewer of an account's audit log. Feed it events oldest first, page by page; it keeps only what
// the next judgement needs (per-IP, device and country last sightings pruned to the novelty window, the latest
// located sign-in, the newest failed attempts, a bounded memo of addresses and user agents), so a million events
// cost about the memory of a thousand, and it flags what a maintainer should look at with a severity and a reason.
// The rules live beside it: sign-in-novelty.ts (with the warm-up), impossible-travel.ts, failure-bursts.ts and
// account-change-flags.ts; activity-flags.ts has the thresholds.
import type { AuditEvent } from '../../../registry/contract/schemas.ts';
import { defaultThresholds, type ActivityFlag, type ActivityThresholds, type FlaggedEvent } from './activity-flags.ts';
import { accountChangeFlag, accountChangeTypes } from './account-change-flags.ts';
import { boundedMemo } from './bounded-memo.ts';
import { createEventTimeParser } from './event-time.ts';
import { FailureBursts } from './failure-bursts.ts';
import { reasons } from './flag-reasons.ts';
import { defaultPlaceCacheSize, maxAddressLength, placeLabel, type Geolocator, type Place } from './geolocation.ts';
import { ImpossibleTravel } from './impossible-travel.ts';
import { classifyAddress } from './ip-ranges.ts';
import { SignInNovelty } from './sign-in-novelty.ts';
import { createDeviceParser, type Device, type DeviceParser } from './user-agent.ts';

/** An audit event as the registry sends it; every field but the id and type may be missing or malformed. */
export type AnalyzableEvent = Pick<AuditEvent, 'id' | 'type'> & {
  time?: unknown;
  ip?: unknown;
  userAgent?: unknown;
  details?: Record<string, unknown> | null;
};

export interface EventDescription {
  place: Place;
  placeLabel: string;
  device: Device;
}

export interface ActivityAnalyzer {
  /** Judges the next event (events must come oldest first); returns its flags, or null when it has none. */
  push(event: AnalyzableEvent): FlaggedEvent | null;
  /** Pushes a page of events, oldest first, and returns the flagged ones among them. */
  pushAll(events: Iterable<AnalyzableEvent>): FlaggedEvent[];
  /** The flags of an event already pushed (empty when it had none). */
  flagsFor(eventId: string): readonly ActivityFlag[];
  /** Every flagged event so far, oldest first. */
  flagged(): IterableIterator<FlaggedEvent>;
  readonly flaggedCount: number;
  readonly processed: number;
  /** Place and device of any event, pushed or not: what each row of the Activity table shows. Cheap (memoised). */
  describe(event: Pick<AnalyzableEvent, 'ip' | 'userAgent'>): EventDescription;
}

export interface ActivityAnalyzerOptions {
  geolocator: Geolocator;
  parseDevice?: DeviceParser;
  thresholds?: Partial<ActivityThresholds>;
  /** At most this many addresses, devices and countries are remembered each (the stalest go first). */
  maxRemembered?: number;
  /** Distinct IP addresses whose place and network are kept at hand. */
  addressCacheSize?: number;
}

interface AddressFacts {
  place: Place;
  /** What "a new IP" compares: the address (IPv4) or its /64 (IPv6); null when it is no address at all. */
  network: string | null;
}

const noDetails: Record<string, unknown> = {};

const addressText = (ip: unknown): string => (typeof ip === 'string' ? ip : '');
const detailsOf = (event: AnalyzableEvent): Record<string, unknown> =>
  event.details && typeof event.details === 'object' ? event.details : noDetails;

export function createActivityAnalyzer(options: ActivityAnalyzerOptions): ActivityAnalyzer {
  const limits: ActivityThresholds = { ...defaultThresholds, ...options.thresholds };
  const parseDevice = options.parseDevice ?? createDeviceParser();
  // One memo for both what an address is and where: each new address is classified and looked up once.
  const addressFacts = boundedMemo(options.addressCacheSize ?? defaultPlaceCacheSize, (ip): AddressFacts => {
    const address = classifyAddress(ip);
    return {
      place: options.geolocator.placeOf(address),
      network: address.kind === 'routable' ? address.network : address.kind === 'unknown' ? null : ip,
    };
  });
  const factsOf = (ip: string): AddressFacts => addressFacts(ip.length <= maxAddressLength ? ip : '');

  const timeOf = createEventTimeParser();
  const novelty = new SignInNovelty(limits, options.maxRemembered ?? 10_000);
  const travel = new ImpossibleTravel(limits);
  const bursts = new FailureBursts(limits.burstFailures, limits.burstWindowMs);
  const flaggedById = new Map<string, FlaggedEvent>();
  let processed = 0;

  function signedIn(event: AnalyzableEvent): ActivityFlag[] | null {
    const time = timeOf(event.time);
    // Without a time a sign-in cannot be placed among the others.
    if (!Number.isFinite(time)) return null;
    const flags: ActivityFlag[] = [];
    const ip = addressText(event.ip);
    const { place, network } = factsOf(ip);
    const burst = bursts.recent(time, limits.afterBurstMs);
    if (burst) {
      flags.push({ kind: 'sign_in_after_burst', severity: 'high', reason: reasons.afterBurst(burst, ip, time - burst.lastFailureAt) });
    }
    travel.check(time, place, flags);
    novelty.check({ time, ip, network, place, device: parseDevice(event.userAgent) }, flags);
    return flags;
  }

  function failed(event: AnalyzableEvent): ActivityFlag[] | null {
    const time = timeOf(event.time);
    if (!Number.isFinite(time)) return null;
    const ip = addressText(event.ip);
    let count = 1;
    let lastAt = time;
    if (event.type === 'login.rate_limited') {
      // One event stands for every attempt refused in a rate-limit window: details count, firstAt, lastAt.
      const details = detailsOf(event);
      count = typeof details.count === 'number' && details.count >= 1 ? Math.floor(details.count) : 1;
      const last = timeOf(details.lastAt);
      if (Number.isFinite(last) && last >= time) lastAt = last;
    }
    const burst = bursts.record(time, count, ip, lastAt);
    return burst ? [{ kind: 'failed_sign_in_burst', severity: 'medium', reason: reasons.burst(burst, limits.burstWindowMs) }] : null;
  }

  // Most of a long log is publishing and token traffic that no rule reads: it costs a comparison or two.
  function judge(event: AnalyzableEvent): ActivityFlag[] | null {
    const type = event.type;
    if (type === 'login.success') return signedIn(event);
    if (type === 'login.failure' || type === 'login.rate_limited') return failed(event);
    if (!accountChangeTypes.has(type)) return null;
    const change = accountChangeFlag(type, detailsOf(event), addressText(event.ip));
    return change ? [change] : null;
  }

  const analyzer: ActivityAnalyzer = {
    push(event) {
      processed += 1;
      const flags = judge(event);
      if (flags === null || flags.length === 0) return null;
      const flagged: FlaggedEvent = { eventId: String(event.id), flags };
      flaggedById.set(flagged.eventId, flagged);
      return flagged;
    },
    pushAll(events) {
      const flagged: FlaggedEvent[] = [];
      for (const event of events) {
        const result = analyzer.push(event);
        if (result) flagged.push(result);
      }
      return flagged;
    },
    flagsFor: (eventId) => flaggedById.get(eventId)?.flags ?? [],
    flagged: () => flaggedById.values(),
    get flaggedCount() {
      return flaggedById.size;
    },
    get processed() {
      return processed;
    },
    describe(event) {
      const { place } = factsOf(addressText(event.ip));
      return { place, placeLabel: placeLabel(place), device: parseDevice(event.userAgent) };
    },
  };
  return analyzer;
}
