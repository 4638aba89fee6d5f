// An API token as the API shows it: metadata, key and preview, never the token (the registry does not have it).
import type { TokenInfo } from '../contract/token-schemas.ts';
import type { ApiTokenRecord } from '../store/api-token-repository.ts';
import type { RegistryStore } from '../store/store.ts';
import { iso } from './iso-time.ts';

/** "all", or the display names of the projects the token names. */
export function tokenProjectNames(store: RegistryStore, token: ApiTokenRecord): 'all' | string[] {
  return token.allProjects ? 'all' : store.apiTokens.projectsOf(token.id).map((project) => project.name);
}

export function tokenView(store: RegistryStore, token: ApiTokenRecord): TokenInfo {
  return {
    id: String(token.id),
    key: token.key,
    name: token.name,
    description: token.description,
    preview: token.preview,
    permission: token.permission,
    projects: tokenProjectNames(store, token),
    allowedCidrs: token.allowedCidrs,
    bypass2fa: token.bypass2fa,
    createdAt: iso(token.createdAt),
    expiresAt: iso(token.expiresAt),
    lastUsed:
      token.lastUsedAt === null || token.lastUsedIp === null ? null : { time: iso(token.lastUsedAt), ip: token.lastUsedIp },
    createdWith2fa: token.createdWith2fa,
    revokedAt: token.revokedAt === null ? null : iso(token.revokedAt),
  };
}
