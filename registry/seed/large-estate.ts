// A large estate for measuring GET /projects?include=collaborators,tokens (issue 7's figure: 500 projects × 20
// collaborators × 2,000 tokens): one owner of every project, each project with collaborators drawn from a pool of
// other accounts, and tokens spread over those accounts, some covering all their projects, some revoked or
// expired, plus a few releases per project. Deterministic, written straight to the store in one transaction
// (nobody but the owner signs in, so the others' password hashes are placeholders). For measurements, never tests.
import { createHash } from 'node:crypto';
import { apiTokenKey, apiTokenPreview, generateApiToken } from '../security/api-tokens.ts';
import { transaction } from '../store/database.ts';
import type { RegistryStore } from '../store/store.ts';

export interface LargeEstateShape {
  projects: number;
  /** Per project, the owner included. */
  collaborators: number;
  /** Across the whole pool of accounts, the owner's included. */
  tokens: number;
  /** Other accounts the collaborators are drawn from. */
  pool: number;
}

export const issueEstateShape: LargeEstateShape = { projects: 500, collaborators: 20, tokens: 2_000, pool: 200 };

const day = 24 * 60 * 60 * 1000;

/** Writes the estate; the owner's account id. `ownerPasswordHash` lets the owner sign in. */
export function seedLargeEstate(store: RegistryStore, shape: LargeEstateShape, ownerPasswordHash: string, now: number): number {
  return transaction(store.db, () => {
    const owner = store.accounts.insert({ username: 'estate-owner', passwordHash: ownerPasswordHash, totpSecret: null, createdAt: now - 900 * day });
    const pool = Array.from({ length: shape.pool }, (_, index) =>
      store.accounts.insert({
        username: `member-${index}`,
        passwordHash: 'not-a-hash',
        // Every third without 2FA.
        totpSecret: index % 3 === 0 ? null : 'JBSWY3DPEHPK3PXP',
        createdAt: now - 800 * day,
      }),
    );
    const projectsOf = new Map<number, number[]>([[owner, []]]);
    for (let index = 0; index < shape.projects; index += 1) {
      const name = `estate-project-${String(index).padStart(4, '0')}`;
      const id = store.projects.insert({ name, normalizedName: name, createdAt: now - (700 - (index % 300)) * day });
      store.projects.addCollaborator(id, owner, 'owner', now - 600 * day);
      projectsOf.get(owner)!.push(id);
      if (index % 2 === 0) store.projects.setPolicy(id, { publishRequires2fa: true, automationTokensBypass2fa: index % 4 === 0 });
      const members = new Set<number>();
      for (let k = 0; members.size < shape.collaborators - 1; k += 1) members.add(pool[(index * 7 + k * 13) % pool.length]!);
      for (const member of members) {
        store.projects.addCollaborator(id, member, member % 5 === 0 ? 'owner' : 'maintainer', now - 300 * day);
        if (!projectsOf.has(member)) projectsOf.set(member, []);
        projectsOf.get(member)!.push(id);
      }
      for (let release = 0; release < 1 + (index % 3); release += 1) {
        const artifact = Buffer.from(`${name} ${release}`);
        store.releases.insert({
          projectId: id,
          version: `1.${release}.0`,
          sha256: createHash('sha256').update(artifact).digest('hex'),
          artifact,
          publishedAt: now - (50 - release * 10) * day,
          publishedBy: [...members][release % members.size]!,
          tokenId: null,
        });
      }
    }
    const holders = [owner, ...pool];
    for (let index = 0; index < shape.tokens; index += 1) {
      const holder = holders[index % holders.length]!;
      const theirs = projectsOf.get(holder) ?? [];
      if (theirs.length === 0) continue;
      const all = index % 10 === 0;
      const secret = generateApiToken();
      const createdAt = now - (index % 120) * day;
      store.apiTokens.insert({
        accountId: holder,
        key: apiTokenKey(secret),
        preview: apiTokenPreview(secret),
        name: `token ${index}`,
        description: '',
        permission: index % 3 === 0 ? 'read-only' : 'read-write',
        projectIds: all ? 'all' : [theirs[index % theirs.length]!, theirs[(index * 3 + 1) % theirs.length]!],
        allowedCidrs: index % 4 === 0 ? ['198.51.100.0/24'] : [],
        bypass2fa: index % 7 === 0,
        createdWith2fa: true,
        // One in ten has expired.
        createdAt,
        expiresAt: createdAt + (index % 10 === 5 ? 1 : 180) * day,
        ...(index % 2 === 0 ? { lastUsed: { time: now - (index % 40) * day, ip: '198.51.100.7' } } : {}),
      });
      // One in twenty is revoked.
      if (index % 20 === 3) {
        const revoked = store.db.prepare('SELECT max(id) AS id FROM api_tokens').get() as { id: number };
        store.apiTokens.revokeOwn(holder, revoked.id, now - day);
      }
    }
    store.db.exec('ANALYZE');
    return owner;
  });
}
