// Impossible travel: two successful sign-ins, each from a public address the database places, further apart than
// `travelSpeedKmh` allows in the time between them. Places closer than `travelMinDistanceKm` never count: city-level
// IP location is often that far off (mobile networks are placed at their operator's hub), and two devices of one
// person in one city would otherwise "travel" at thousands of km/h. Unlocated addresses are skipped, not guessed:
// the comparison is always with the last located sign-in.
import type { ActivityFlag, ActivityThresholds } from './activity-flags.ts';
import { reasons } from './flag-reasons.ts';
import type { Place, PublicPlace } from './geolocation.ts';
import { greatCircleKm } from './great-circle.ts';

type LocatedPlace = PublicPlace & { latitude: number; longitude: number };

const hourMs = 3_600_000;

function located(place: Place): place is LocatedPlace {
  return place.kind === 'public' && place.latitude !== null && place.longitude !== null;
}

export class ImpossibleTravel {
  private readonly limits: Pick<ActivityThresholds, 'travelSpeedKmh' | 'travelMinDistanceKm'>;
  private last: { time: number; place: LocatedPlace } | null = null;

  constructor(limits: Pick<ActivityThresholds, 'travelSpeedKmh' | 'travelMinDistanceKm'>) {
    this.limits = limits;
  }

  check(time: number, place: Place, flags: ActivityFlag[]): void {
    if (!located(place)) return;
    const last = this.last;
    this.last = { time, place };
    if (!last) return;
    const km = greatCircleKm(last.place, place);
    // Events out of order count as simultaneous rather than as travel backwards in time.
    const gapMs = Math.max(0, time - last.time);
    // km / (gapMs / hourMs) > speed, without dividing by a zero gap.
    if (km >= this.limits.travelMinDistanceKm && km * hourMs > this.limits.travelSpeedKmh * gapMs) {
      flags.push({ kind: 'impossible_travel', severity: 'high', reason: reasons.impossibleTravel(last.place, place, km, gapMs) });
    }
  }
}
