// The Activity page's filters live in the URL (#/activity?type=login.failure&flagged=1&since=2026-11-01), so a
// reload, Back and a shared link keep them. Reading is forgiving: an unknown type or a malformed date in a hand-
// edited URL is dropped rather than breaking the page. Dates are whole days in UTC, as the console shows times.
import { eventTypes, type EventType } from './activity-text.ts';

export interface ActivityFilters {
  types: EventType[];
  flaggedOnly: boolean;
  /** YYYY-MM-DD, the first day shown. */
  since: string | null;
  /** YYYY-MM-DD, the last day shown. */
  until: string | null;
  ip: string | null;
}

export const noFilters: ActivityFilters = { types: [], flaggedOnly: false, since: null, until: null, ip: null };

const known: ReadonlySet<string> = new Set(eventTypes);
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

function day(value: string | null): string | null {
  if (!value || !dayPattern.test(value)) return null;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value ? null : value;
}

export function filtersFromSearch(params: URLSearchParams): ActivityFilters {
  const ip = params.get('ip')?.trim() ?? '';
  return {
    types: [...new Set(params.getAll('type'))].filter((type): type is EventType => known.has(type)),
    flaggedOnly: params.get('flagged') === '1',
    since: day(params.get('since')),
    until: day(params.get('until')),
    ip: ip === '' || ip.length > 64 ? null : ip,
  };
}

export function searchFromFilters(filters: ActivityFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const type of filters.types) params.append('type', type);
  if (filters.flaggedOnly) params.set('flagged', '1');
  if (filters.since) params.set('since', filters.since);
  if (filters.until) params.set('until', filters.until);
  if (filters.ip) params.set('ip', filters.ip);
  return params;
}

/** The time range the days cover, as the registry takes it: from the start of `since` up to (not including) the
 * start of the day after `until`. */
export function filterRange(filters: Pick<ActivityFilters, 'since' | 'until'>): { since?: string; until?: string } {
  const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 24 * 60 * 60 * 1000).toISOString();
  return {
    ...(filters.since ? { since: `${filters.since}T00:00:00.000Z` } : {}),
    ...(filters.until ? { until: dayAfter(filters.until) } : {}),
  };
}

/** The types with `type` added or removed, in the list's own order: one choice of types is one URL (and one cache entry). */
export function toggleType(types: readonly EventType[], type: EventType, on: boolean): EventType[] {
  const chosen = new Set(types);
  if (on) chosen.add(type);
  else chosen.delete(type);
  return eventTypes.filter((each) => chosen.has(each));
}

export const isFiltered = (filters: ActivityFilters) =>
  filters.types.length > 0 || filters.flaggedOnly || filters.since !== null || filters.until !== null || filters.ip !== null;
