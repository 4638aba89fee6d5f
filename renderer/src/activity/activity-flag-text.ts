// How the analyzer's flags read on the Activity page: a severity word beside every reason (colour alone would
// leave the severity unsaid to anyone who cannot see it), the most serious first, and one word for a whole row.
import type { ActivityFlag } from '../bridge/contract.ts';

export type Severity = ActivityFlag['severity'];

export const severityText: Record<Severity, string> = { high: 'High', medium: 'Medium', low: 'Low' };

const rank: Record<Severity, number> = { low: 0, medium: 1, high: 2 };

/** The most serious of an event's flags, or null for an event nothing flagged. */
export function highestSeverity(flags: readonly ActivityFlag[]): Severity | null {
  let highest: Severity | null = null;
  for (const flag of flags) if (highest === null || rank[flag.severity] > rank[highest]) highest = flag.severity;
  return highest;
}

/** Most serious first; flags of one severity keep the analyzer's order. */
export function bySeverity(flags: readonly ActivityFlag[]): ActivityFlag[] {
  return [...flags].sort((a, b) => rank[b.severity] - rank[a.severity]);
}
