// The Activity page's words for the registry's event types, and whether an event was a success or a failure:
// what a maintainer scanning the log reads, rather than the API's type names.
import { eventTypes } from '../../../registry/contract/event-types.ts';

export type EventType = (typeof eventTypes)[number];
export { eventTypes };

export const eventTypeText: Record<EventType, string> = {
  'login.success': 'Signed in',
  'login.failure': 'Sign-in failed',
  'login.rate_limited': 'Sign-ins refused (rate limit)',
  'recovery_code.used': 'Recovery code used',
  'session.ended': 'Session ended',
  'session.confirmed': 'Access confirmed',
  'session.confirm_failed': 'Access confirmation failed',
  'two_factor.enabled': '2FA turned on',
  'two_factor.replaced': 'Authenticator replaced',
  'two_factor.disabled': '2FA turned off',
  'recovery_codes.generated': 'Recovery codes generated',
  'recovery_code.checked': 'Recovery code checked',
  'password.changed': 'Password changed',
  'token.created': 'Token created',
  'token.revoked': 'Token revoked',
  'token.refused': 'Token refused',
  'token.used_from_new_ip': 'Token used from a new address',
  'release.published': 'Release published',
  'project.policy_changed': 'Publishing policy changed',
  'collaborator.added': 'Collaborator added',
  'collaborator.removed': 'Collaborator removed',
  'release.refused': 'Release refused',
};

const failures: ReadonlySet<EventType> = new Set(['login.failure', 'login.rate_limited', 'session.confirm_failed', 'token.refused', 'release.refused']);
const successes: ReadonlySet<EventType> = new Set(['login.success', 'session.confirmed', 'release.published']);

export type EventResult = 'success' | 'failure' | null;

/** Sign-ins, confirmations and publishes succeed or fail; other events (a change made) have no result. */
export function eventResult(type: EventType): EventResult {
  return failures.has(type) ? 'failure' : successes.has(type) ? 'success' : null;
}
