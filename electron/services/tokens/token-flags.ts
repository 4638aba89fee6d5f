// What the Tokens page warns about, decided in main from the registry's facts so every view (and the later
// compliance rules) reads a token the same way. A token is stale when nobody has used it for 90 days, or never
// in the 30 days since it was made: either way it is a credential lying around for no one.
import type { TokenInfo } from '../../../registry/contract/token-schemas.ts';

const day = 24 * 60 * 60 * 1000;
export const expiringSoonDays = 7;
export const neverUsedStaleDays = 30;
export const unusedStaleDays = 90;

export interface TokenFlags {
  expiringSoon: boolean;
  stale: boolean;
  allProjects: boolean;
  bypasses2fa: boolean;
  noIpLimit: boolean;
}

export function tokenFlags(token: Pick<TokenInfo, 'createdAt' | 'expiresAt' | 'lastUsed' | 'projects' | 'bypass2fa' | 'allowedCidrs'>, now: number): TokenFlags {
  const sinceUse = token.lastUsed ? now - Date.parse(token.lastUsed.time) : null;
  const age = now - Date.parse(token.createdAt);
  return {
    expiringSoon: Date.parse(token.expiresAt) - now < expiringSoonDays * day,
    stale: sinceUse === null ? age > neverUsedStaleDays * day : sinceUse > unusedStaleDays * day,
    allProjects: token.projects === 'all',
    bypasses2fa: token.bypass2fa,
    noIpLimit: token.allowedCidrs.length === 0,
  };
}
