// Failed sign-ins from the audit log, in the terms a maintainer acts on: a wrong second factor or recovery code
// means the password was right (change it); a rate-limit tally is many attempts refused unchecked.
import type { AuditEvent, EventType } from '../../registry/contract/schemas.ts';
import type { FailedSignIn } from '../ipc/contract.ts';

export const failedSignInTypes: readonly EventType[] = ['login.failure', 'login.rate_limited'];

const causeByReason: Record<string, FailedSignIn['cause']> = {
  invalid_password: 'password',
  invalid_totp: 'second_factor',
  replayed_totp: 'second_factor',
  invalid_recovery_code: 'recovery_code',
  burned_recovery_code: 'recovery_code',
};

export function toFailedSignIn(event: AuditEvent): FailedSignIn | null {
  const base = { id: event.id, time: event.time, ip: event.ip, userAgent: event.userAgent };
  if (event.type === 'login.rate_limited') {
    const count = event.details.count;
    return { ...base, cause: 'rate_limited', count: typeof count === 'number' && count >= 1 ? Math.floor(count) : 1 };
  }
  if (event.type !== 'login.failure') return null;
  // A reason this console does not know yet is still a failed sign-in; the password is the safe assumption.
  const cause = causeByReason[String(event.details.reason)] ?? 'password';
  return { ...base, cause, count: 1 };
}

export function toFailedSignIns(events: readonly AuditEvent[]): FailedSignIn[] {
  return events.map(toFailedSignIn).filter((failure) => failure !== null);
}
