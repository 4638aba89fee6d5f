// What the activity analyzer says about an event, and the thresholds it says it by. Types only and constants, so
// the renderer can import them without pulling the analyzer (or the IP database) into its bundle.
export type Severity = 'high' | 'medium' | 'low';

export const flagKinds = [
  'new_ip',
  'new_device',
  'new_country',
  'impossible_travel',
  'failed_sign_in_burst',
  'sign_in_after_burst',
  'recovery_code_used',
  'two_factor_disabled',
  'password_changed',
  'token_created',
  'token_new_ip',
] as const;
export type FlagKind = (typeof flagKinds)[number];

export interface ActivityFlag {
  kind: FlagKind;
  severity: Severity;
  /** A plain sentence naming the address, device, place or token concerned. */
  reason: string;
}

export interface FlaggedEvent {
  eventId: string;
  flags: ActivityFlag[];
}

const minute = 60_000;
const day = 24 * 60 * minute;

export interface ActivityThresholds {
  /** A sign-in's IP (IPv6: its /64), device or country is new when no successful sign-in used it in this long. */
  noveltyWindowMs: number;
  /** After the first successful sign-in the analyzer sees, this long only learns what is usual (see the notes). */
  warmUpMs: number;
  /** Two successful sign-ins further apart than this speed allows are impossible travel. */
  travelSpeedKmh: number;
  /** Closer than this, two places are within the error of city-level IP location and never impossible travel. */
  travelMinDistanceKm: number;
  /** This many failed sign-ins ... */
  burstFailures: number;
  /** ... within this long are a burst. */
  burstWindowMs: number;
  /** A successful sign-in at most this long after a burst's last failed attempt is a sign-in after a burst. */
  afterBurstMs: number;
}

export const defaultThresholds: ActivityThresholds = {
  noveltyWindowMs: 90 * day,
  warmUpMs: 7 * day,
  travelSpeedKmh: 1_000,
  travelMinDistanceKm: 500,
  burstFailures: 10,
  burstWindowMs: 10 * minute,
  afterBurstMs: 10 * minute,
};

const rank: Record<Severity, number> = { low: 0, medium: 1, high: 2 };

/** The most serious of an event's flags: what a table row or a review list sorts and colours by. */
export function highestSeverity(flags: readonly ActivityFlag[]): Severity | null {
  let highest: Severity | null = null;
  for (const flag of flags) if (highest === null || rank[flag.severity] > rank[highest]) highest = flag.severity;
  return highest;
}

/** Flagged events of these types are put to the owner ("Was this you?"): sign-ins, by password or recovery code. */
export const reviewableEventTypes: ReadonlySet<string> = new Set(['login.success', 'recovery_code.used']);
