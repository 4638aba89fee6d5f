// What can be wrong with an audit log's hash chain, as main reports it and the window words it. No imports: the
// window loads this module too.

/**
 * altered: the event's content does not give its hash (changed after it was recorded);
 * unlinked: its prevHash is not the hash of the event before it (one was removed, inserted or reordered);
 * rewritten: it verifies, but not with the hash it had when this console verified it;
 * inserted: the chain, as verified, has no event with its id;
 * removed: an event this console verified is no longer in the log.
 */
export const chainProblemReasons = ['altered', 'unlinked', 'rewritten', 'inserted', 'removed'] as const;
export type ChainProblemReason = (typeof chainProblemReasons)[number];

export interface ChainProblem {
  eventId: string;
  reason: ChainProblemReason;
  /** The bad event's type and time as the log gave them; absent for an event no longer there. */
  type?: string;
  time?: string;
}
