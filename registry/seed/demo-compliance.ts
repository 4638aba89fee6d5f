// The demo's publish policies and the people around its projects, so the Projects page and the CI check have every
// compliance state to show (compliance/compliance-rules.ts):
// - failing: Acme.CLI (publishing does not require 2FA); acme-testkit (neither, and ines maintains it without 2FA:
//   turning the policy on previews her as blocked); acme-docs-theme (requires 2FA, but ines still has none, so she
//   is blocked: her refused publish is in her log and the demo's); yaml-lint-rules (ines owns it without 2FA).
// - at risk: acme-http and acme-schema require 2FA and everyone on them has it; only the demo's tokens are found
//   wanting. The demo's tokens for all projects (stale, bypassing 2FA) reach every project of the demo, so none of
//   its own can be compliant while its Tokens page shows them.
// - compliant: olu's two projects: policy on, olu on 2FA, one tidy token (scoped, address-limited, short-lived,
//   in use). Sign in as olu (demo-people.ts) beside the demo to see them.
// Events go where the registry would put them (server/project-events.ts): the actor's log and the owners'.
import { createHash } from 'node:crypto';
import { normalizeProjectName } from '../contract/project-schemas.ts';
import { policyOfLevel, type PolicyLevel } from '../contract/estate-schemas.ts';
import type { TokenPermission } from '../contract/token-schemas.ts';
import { apiTokenKey, apiTokenPreview, generateApiToken } from '../security/api-tokens.ts';
import type { RegistryStore } from '../store/store.ts';
import { homeCli } from './demo-history.ts';
import type { DemoPersonIds } from './demo-people.ts';
import { demoAddresses, demoNetworks, placeOf, type DemoPlace } from './demo-places.ts';
import type { AccountEvent } from './demo-projects.ts';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

const inesLaptop = placeOf(demoAddresses.ines, 'npm/11.6.0 node/v24.11.0 linux x64 workspaces/false');
const inesBrowser = placeOf(demoAddresses.ines, 'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0');
const oluCi = placeOf(demoAddresses.oluCi, 'npm/11.6.0 node/v24.11.0 linux x64 workspaces/false ci/github-actions');
const oluDesk = placeOf(demoAddresses.oluDesk, 'Vigil/0.1.0 (Electron 45; Windows 11)');

/** The demo's projects' policies, and when the demo set each. */
const demoPolicies: ReadonlyArray<{ project: string; level: PolicyLevel; ago: number }> = [
  { project: 'acme-http', level: 'publish', ago: 12 * hour },
  { project: 'acme-schema', level: 'automation', ago: 20 * day - hour },
  { project: 'acme-docs-theme', level: 'publish', ago: 3 * day },
];

/** Projects the demo owns that ines maintains, and when she was added. */
const inesMaintains: ReadonlyArray<{ project: string; ago: number }> = [
  { project: 'acme-docs-theme', ago: 80 * day },
  { project: 'acme-testkit', ago: 10 * day },
];

interface PersonToken {
  name: string;
  permission: TokenPermission;
  projects: readonly string[] | 'all';
  allowedCidrs: readonly string[];
  createdAgo: number;
  lifetimeDays: number;
  lastUse: { ago: number; place: DemoPlace };
}

const inesToken: PersonToken = {
  name: 'Download counts',
  permission: 'read-only',
  projects: 'all',
  allowedCidrs: [],
  createdAgo: 20 * day,
  lifetimeDays: 60,
  lastUse: { ago: 2 * hour, place: inesLaptop },
};

const oluProjects: ReadonlyArray<{ name: string; level: PolicyLevel; createdDaysAgo: number; release: { version: string; ago: number } }> = [
  { name: 'olu-config', level: 'publish', createdDaysAgo: 200, release: { version: '1.2.0', ago: 1 * day } },
  { name: 'olu-lint', level: 'automation', createdDaysAgo: 120, release: { version: '0.8.1', ago: 16 * day } },
];

const oluToken: PersonToken = {
  name: 'CI release olu-config',
  permission: 'read-write',
  projects: ['olu-config'],
  allowedCidrs: [demoNetworks.oluCi],
  createdAgo: 10 * day,
  lifetimeDays: 30,
  lastUse: { ago: 1 * day, place: oluCi },
};

/** Writes policies, collaborators, the people's projects and tokens (inside the seeding transaction); their events. */
export function seedDemoCompliance(store: RegistryStore, ids: DemoPersonIds & { demo: number }, now: number): AccountEvent[] {
  const events: AccountEvent[] = [];
  const usernames = { demo: 'demo', ines: store.accounts.usernameOf(ids.ines)!, olu: store.accounts.usernameOf(ids.olu)! };
  const at = (accountIds: readonly number[], place: DemoPlace, time: number, type: AccountEvent['type'], details: AccountEvent['details']) => {
    for (const accountId of accountIds) events.push({ accountId, type, time, ip: place.ip, userAgent: place.userAgent, details });
  };
  const projectId = (name: string) => store.projects.findByNormalizedName(normalizeProjectName(name))!.id;

  for (const { project, ago } of inesMaintains) {
    store.projects.addCollaborator(projectId(project), ids.ines, 'maintainer', now - ago);
    at([ids.demo, ids.ines], homeCli, now - ago, 'collaborator.added', { project, actor: usernames.demo, username: usernames.ines, role: 'maintainer' });
  }
  for (const { project, level, ago } of demoPolicies) {
    store.projects.setPolicy(projectId(project), policyOfLevel(level));
    at([ids.demo], homeCli, now - ago, 'project.policy_changed', { project, actor: usernames.demo, before: 'none', after: level });
  }
  // After the policy went on, ines tried to publish from her laptop as before.
  at([ids.ines, ids.demo], inesLaptop, now - 2 * day, 'release.refused', {
    project: 'acme-docs-theme',
    actor: usernames.ines,
    reason: 'two_factor_required',
    version: '0.4.0',
    via: 'session',
    tokenId: null,
    tokenName: null,
  });
  events.push(...insertToken(store, ids.ines, inesToken, now, inesBrowser));

  for (const project of oluProjects) {
    const createdAt = now - project.createdDaysAgo * day;
    const id = store.projects.insert({ name: project.name, normalizedName: normalizeProjectName(project.name), createdAt });
    store.projects.addCollaborator(id, ids.olu, 'owner', createdAt);
    store.projects.setPolicy(id, policyOfLevel(project.level));
    at([ids.olu], oluDesk, createdAt + hour, 'project.policy_changed', { project: project.name, actor: usernames.olu, before: 'none', after: project.level });
  }
  const tokenEvents = insertToken(store, ids.olu, oluToken, now, oluDesk);
  events.push(...tokenEvents);
  const oluTokenId = Number(tokenEvents[0]!.details.id);
  for (const project of oluProjects) {
    const artifact = Buffer.from(`${project.name}-${project.release.version}.tgz (demo artifact)\n`);
    const viaToken = project.name === 'olu-config';
    store.releases.insert({
      projectId: projectId(project.name),
      version: project.release.version,
      sha256: sha256(artifact),
      artifact,
      publishedAt: now - project.release.ago,
      publishedBy: ids.olu,
      tokenId: viaToken ? oluTokenId : null,
    });
    at([ids.olu], viaToken ? oluCi : oluDesk, now - project.release.ago, 'release.published', {
      project: project.name,
      version: project.release.version,
      via: viaToken ? 'token' : 'session',
      tokenId: viaToken ? String(oluTokenId) : null,
      tokenName: viaToken ? oluToken.name : null,
    });
  }
  return events;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

// A token nobody holds (its secret is drawn and thrown away), made with 2FA when its holder has it.
function insertToken(store: RegistryStore, accountId: number, token: PersonToken, now: number, madeFrom: DemoPlace): AccountEvent[] {
  const secret = generateApiToken();
  const createdAt = now - token.createdAgo;
  const expiresAt = createdAt + token.lifetimeDays * day;
  const projectIds = token.projects === 'all' ? 'all' : token.projects.map((name) => store.projects.findByNormalizedName(normalizeProjectName(name))!.id);
  const id = store.apiTokens.insert({
    accountId,
    key: apiTokenKey(secret),
    preview: apiTokenPreview(secret),
    name: token.name,
    description: '',
    permission: token.permission,
    projectIds,
    allowedCidrs: token.allowedCidrs,
    bypass2fa: false,
    createdWith2fa: store.accounts.findById(accountId)?.totpSecret !== null,
    createdAt,
    expiresAt,
    lastUsed: { time: now - token.lastUse.ago, ip: token.lastUse.place.ip },
  });
  store.apiTokens.rememberAddress(id, token.lastUse.place.ip, now - token.lastUse.ago);
  const named = { id: String(id), name: token.name };
  return [
    {
      accountId,
      type: 'token.created',
      time: createdAt,
      ip: madeFrom.ip,
      userAgent: madeFrom.userAgent,
      details: {
        ...named,
        permission: token.permission,
        projects: token.projects === 'all' ? 'all' : token.projects.join(','),
        expiresAt: new Date(expiresAt).toISOString(),
      },
    },
    { accountId, type: 'token.used_from_new_ip', time: now - token.lastUse.ago, ip: token.lastUse.place.ip, userAgent: token.lastUse.place.userAgent, details: named },
  ];
}
