// What the Tokens page warns about, decided in main from the registry's facts. Stale is the compliance rules'
// (unused for 90 days, or never in the 30 days since it was made), so the Tokens and Projects pages agree.
import { isStale } from '../../../compliance/compliance-rules.ts';
import type { TokenInfo } from '../../../registry/contract/token-schemas.ts';

const day = 24 * 60 * 60 * 1000;
export const expiringSoonDays = 7;

export interface TokenFlags {
  expiringSoon: boolean;
  stale: boolean;
  allProjects: boolean;
  bypasses2fa: boolean;
  noIpLimit: boolean;
}

export function tokenFlags(token: Pick<TokenInfo, 'createdAt' | 'expiresAt' | 'lastUsed' | 'projects' | 'bypass2fa' | 'allowedCidrs'>, now: number): TokenFlags {
  return {
    expiringSoon: Date.parse(token.expiresAt) - now < expiringSoonDays * day,
    stale: isStale(token, now),
    allProjects: token.projects === 'all',
    bypasses2fa: token.bypass2fa,
    noIpLimit: token.allowedCidrs.length === 0,
  };
}
