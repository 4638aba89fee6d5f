// The Activity page's filters, as the URL keeps them, turned into the filter main takes: only what is set, whole
// UTC days as the time range they cover. Also the query key's part, so one filter is one cache entry.
import type { ActivityFilter } from '../bridge/contract.ts';
import { filterRange, type ActivityFilters } from './activity-filters.ts';

export function activityFilter(filters: ActivityFilters): ActivityFilter {
  return {
    ...(filters.types.length > 0 ? { types: [...filters.types] } : {}),
    ...(filters.flaggedOnly ? { flaggedOnly: true } : {}),
    ...filterRange(filters),
    ...(filters.ip ? { ip: filters.ip } : {}),
  };
}
