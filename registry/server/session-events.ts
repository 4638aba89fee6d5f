// The audit event for a session that ended, however it ended: signed out by its own holder, revoked from another
// session of the account, or ended by a password change. Written in the same transaction as the ending itself.
import type { RegistryStore } from '../store/store.ts';
import type { RequestContext } from './request-context.ts';

export type SessionEndReason = 'sign_out' | 'revoked' | 'password_changed';

export interface SessionEnded {
  accountId: number;
  time: number;
  who: RequestContext;
  reason: SessionEndReason;
  /** The session that ended, when it is not the caller's own (signing out names none). */
  sessionId?: number;
}

export function recordSessionEnded(store: Pick<RegistryStore, 'events'>, ended: SessionEnded): void {
  const { accountId, time, who, reason, sessionId } = ended;
  store.events.append({
    accountId,
    type: 'session.ended',
    time,
    ...who,
    details: sessionId === undefined ? { reason } : { reason, sessionId: String(sessionId) },
  });
}
