// Events that are worth a look whatever came before them: the account's defences changed (a recovery code spent,
// 2FA turned off, a new password) or a token appeared or travelled. One event, one flag.
import type { ActivityFlag } from './activity-flags.ts';
import { reasons } from './flag-reasons.ts';

export const accountChangeTypes: ReadonlySet<string> = new Set([
  'recovery_code.used',
  'two_factor.disabled',
  'password.changed',
  'token.created',
  'token.used_from_new_ip',
]);

export function accountChangeFlag(type: string, details: Record<string, unknown>, ip: string): ActivityFlag | null {
  switch (type) {
    case 'recovery_code.used':
      return { kind: 'recovery_code_used', severity: 'medium', reason: reasons.recoveryCodeUsed(details.remaining) };
    case 'two_factor.disabled':
      return { kind: 'two_factor_disabled', severity: 'high', reason: reasons.twoFactorDisabled() };
    case 'password.changed':
      return { kind: 'password_changed', severity: 'medium', reason: reasons.passwordChanged(details.sessionsEnded) };
    case 'token.created':
      // A token that can publish is a way back into the account; a read-only one is still worth knowing about.
      return {
        kind: 'token_created',
        severity: details.permission === 'read-only' ? 'low' : 'medium',
        reason: reasons.tokenCreated(details.name, details.permission, details.projects),
      };
    case 'token.used_from_new_ip':
      return { kind: 'token_new_ip', severity: 'low', reason: reasons.tokenNewIp(details.name, ip) };
    default:
      return null;
  }
}
