// The demo account's projects, releases and API tokens, relative to "now" like the rest of its history. The
// tokens cover every state the console tells apart: active and scoped with recent use, all projects with no
// address limit and bypassing 2FA, read-only, expiring within a week, stale (never used and over 30 days old;
// unused for over 90 days), revoked and expired. Their secrets are drawn at random and thrown away: the demo
// shows only metadata, and nobody can use them. Addresses are real ones, placed where the story says
// (demo-places.ts); each token's address limit contains the addresses it is used from.
import { createHash } from 'node:crypto';
import { normalizeProjectName, type ProjectRole } from '../contract/project-schemas.ts';
import type { TokenPermission } from '../contract/token-schemas.ts';
import { apiTokenKey, apiTokenPreview, generateApiToken } from '../security/api-tokens.ts';
import type { RegistryStore } from '../store/store.ts';
import { ciRunner, homeCli, office, type HistoryEvent } from './demo-history.ts';
import { demoPeople } from './demo-people.ts';
import { demoAddresses, demoNetworks, demoUserAgents, placeOf, type DemoPlace } from './demo-places.ts';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** The other account of the demo that owns the project the demo maintains (demo-people.ts). */
export const demoCollaboratorUsername = demoPeople.ines.username;

const laptopCli = placeOf(demoAddresses.home, demoUserAgents.npmMac);
const dashboard = placeOf(demoAddresses.dashboard, 'python-httpx/0.28.1');
const docsBot = { ip: office.ip, userAgent: 'docs-preview-bot/2.3 (+https://docs.example)' };
// Someone who found the token in the public CI log.
const stranger = placeOf(demoAddresses.tokenThief, 'curl/8.5.0');

interface DemoProject {
  name: string;
  /** The demo's role; a project the demo maintains is owned by demoCollaboratorUsername. */
  role: ProjectRole;
  createdDaysAgo: number;
}

export const demoProjects: readonly DemoProject[] = [
  { name: 'acme-http', role: 'owner', createdDaysAgo: 380 },
  { name: 'Acme.CLI', role: 'owner', createdDaysAgo: 300 },
  { name: 'yaml-lint-rules', role: 'maintainer', createdDaysAgo: 500 },
  { name: 'acme-testkit', role: 'owner', createdDaysAgo: 45 },
  { name: 'acme-schema', role: 'owner', createdDaysAgo: 20 },
  { name: 'acme-docs-theme', role: 'owner', createdDaysAgo: 90 },
];

interface DemoToken {
  name: string;
  description: string;
  permission: TokenPermission;
  projects: readonly string[] | 'all';
  allowedCidrs: readonly string[];
  bypass2fa: boolean;
  /** Milliseconds before now. */
  createdAgo: number;
  lifetimeDays: number;
  /** Milliseconds before now, oldest first; the last is the token's last use. */
  uses: ReadonlyArray<{ ago: number; place: DemoPlace }>;
  revokedAgo?: number;
  /** Uses refused after revocation. */
  refusedAfterRevocation?: ReadonlyArray<{ ago: number; place: DemoPlace }>;
}

export const demoTokens: readonly DemoToken[] = [
  {
    name: 'CI publish acme-http',
    description: 'GitHub Actions release workflow',
    permission: 'read-write',
    projects: ['acme-http'],
    allowedCidrs: [demoNetworks.ciRunners],
    bypass2fa: false,
    createdAgo: 25 * day,
    lifetimeDays: 90,
    uses: [
      { ago: 25 * day - 20 * minute, place: ciRunner },
      { ago: 9 * day, place: ciRunner },
      { ago: day, place: ciRunner },
      { ago: 4 * minute, place: ciRunner },
    ],
  },
  {
    name: 'Laptop releases',
    description: 'npm publish from my laptop',
    permission: 'read-write',
    projects: 'all',
    allowedCidrs: [],
    bypass2fa: true,
    createdAgo: 6 * day,
    lifetimeDays: 30,
    uses: [{ ago: 5 * day, place: laptopCli }],
  },
  {
    name: 'Download stats dashboard',
    description: '',
    permission: 'read-only',
    projects: ['acme-http', 'Acme.CLI'],
    allowedCidrs: [demoNetworks.dashboard],
    bypass2fa: false,
    createdAgo: 50 * day,
    lifetimeDays: 365,
    uses: [
      { ago: 50 * day - hour, place: dashboard },
      { ago: hour, place: dashboard },
    ],
  },
  {
    name: 'Hotfix yaml-lint-rules',
    description: 'One-off for the 3.1.1 fix',
    permission: 'read-write',
    projects: ['yaml-lint-rules'],
    allowedCidrs: [],
    bypass2fa: false,
    createdAgo: 4 * day,
    lifetimeDays: 7,
    uses: [{ ago: 2 * day, place: laptopCli }],
  },
  {
    name: 'Old mirror script',
    description: 'Mirror to the internal registry (never set up)',
    permission: 'read-only',
    projects: 'all',
    allowedCidrs: [],
    bypass2fa: false,
    createdAgo: 45 * day,
    lifetimeDays: 365,
    uses: [],
  },
  {
    name: 'Docs preview bot',
    description: '',
    permission: 'read-only',
    projects: ['acme-http'],
    allowedCidrs: [demoNetworks.office],
    bypass2fa: false,
    createdAgo: 200 * day,
    lifetimeDays: 365,
    uses: [{ ago: 120 * day, place: docsBot }],
  },
  {
    name: 'Release candidate CI',
    description: 'Printed in a public CI log by mistake',
    permission: 'read-write',
    projects: ['Acme.CLI'],
    allowedCidrs: [],
    bypass2fa: false,
    createdAgo: 20 * day,
    lifetimeDays: 30,
    uses: [
      { ago: 19 * day, place: ciRunner },
      { ago: 18 * day + 2 * hour, place: stranger },
    ],
    revokedAgo: 18 * day + hour,
    refusedAfterRevocation: [{ ago: 18 * day + 30 * minute, place: stranger }],
  },
  {
    name: 'Conference demo',
    description: '',
    permission: 'read-write',
    projects: ['acme-testkit'],
    allowedCidrs: [],
    bypass2fa: false,
    createdAgo: 40 * day,
    lifetimeDays: 7,
    uses: [{ ago: 39 * day, place: laptopCli }],
  },
];

interface DemoRelease {
  project: string;
  version: string;
  ago: number;
  /** The demo token it was published with; a session (from the console's machine) when absent. */
  token?: string;
  /** Published by the project's owner, the other account (the event is in her log, not the demo's). */
  byCollaborator?: boolean;
}

export const demoReleases: readonly DemoRelease[] = [
  { project: 'yaml-lint-rules', version: '3.1.0', ago: 30 * day, byCollaborator: true },
  { project: 'acme-http', version: '2.3.0', ago: 40 * day },
  { project: 'acme-http', version: '2.4.0', ago: 9 * day, token: 'CI publish acme-http' },
  { project: 'acme-http', version: '2.4.1', ago: day, token: 'CI publish acme-http' },
  { project: 'Acme.CLI', version: '0.9.0', ago: 60 * day },
  { project: 'Acme.CLI', version: '1.0.0', ago: 5 * day, token: 'Laptop releases' },
  { project: 'yaml-lint-rules', version: '3.1.1', ago: 2 * day, token: 'Hotfix yaml-lint-rules' },
  { project: 'acme-docs-theme', version: '0.3.0', ago: 25 * day },
  { project: 'acme-schema', version: '0.1.0', ago: 8 * day },
];

/** An event and the account whose log it goes to. */
export type AccountEvent = HistoryEvent & { accountId: number };

// Where the other account publishes from.
const inesCli = placeOf(demoAddresses.ines, 'npm/11.6.0 node/v24.11.0 linux x64 workspaces/false');

/**
 * Writes the projects, tokens and releases (call inside the seeding transaction) and returns the events they
 * leave in the accounts' logs, for the caller to add with the rest of the history.
 */
export function seedDemoProjects(store: RegistryStore, accounts: { demo: number; collaborator: number }, now: number): AccountEvent[] {
  const events: AccountEvent[] = [];
  const at = (place: DemoPlace, time: number, type: AccountEvent['type'], details: AccountEvent['details'], accountId = accounts.demo) =>
    events.push({ accountId, type, time, ip: place.ip, userAgent: place.userAgent, details });

  const projectIds = new Map<string, number>();
  for (const project of demoProjects) {
    // The demo belongs in a data folder of its own; one that already has these projects is somebody's.
    if (store.projects.findByNormalizedName(normalizeProjectName(project.name))) {
      throw new Error(`this data folder already has a project named "${project.name}": seed the demo into a folder of its own`);
    }
    const createdAt = now - project.createdDaysAgo * day;
    const id = store.projects.insert({ name: project.name, normalizedName: normalizeProjectName(project.name), createdAt });
    if (project.role === 'owner') {
      store.projects.addCollaborator(id, accounts.demo, 'owner', createdAt);
    } else {
      store.projects.addCollaborator(id, accounts.collaborator, 'owner', createdAt);
      store.projects.addCollaborator(id, accounts.demo, 'maintainer', createdAt + 30 * day);
    }
    projectIds.set(project.name, id);
  }

  const tokenIds = new Map<string, number>();
  for (const token of demoTokens) {
    const createdAt = now - token.createdAgo;
    const expiresAt = createdAt + token.lifetimeDays * day;
    const last = token.uses.at(-1);
    const secret = generateApiToken();
    const id = store.apiTokens.insert({
      accountId: accounts.demo,
      key: apiTokenKey(secret),
      preview: apiTokenPreview(secret),
      name: token.name,
      description: token.description,
      permission: token.permission,
      projectIds: token.projects === 'all' ? 'all' : token.projects.map((name) => projectIds.get(name)!),
      allowedCidrs: token.allowedCidrs,
      bypass2fa: token.bypass2fa,
      createdWith2fa: true,
      createdAt,
      expiresAt,
      ...(last ? { lastUsed: { time: now - last.ago, ip: last.place.ip } } : {}),
    });
    tokenIds.set(token.name, id);
    const named = { id: String(id), name: token.name };
    at(homeCli, createdAt, 'token.created', {
      ...named,
      permission: token.permission,
      projects: token.projects === 'all' ? 'all' : token.projects.join(','),
      expiresAt: new Date(expiresAt).toISOString(),
    });
    for (const use of token.uses) {
      if (store.apiTokens.rememberAddress(id, use.place.ip, now - use.ago)) at(use.place, now - use.ago, 'token.used_from_new_ip', named);
    }
    if (token.revokedAgo !== undefined) {
      store.apiTokens.revokeOwn(accounts.demo, id, now - token.revokedAgo);
      at(homeCli, now - token.revokedAgo, 'token.revoked', { reason: 'user', ...named });
      for (const refused of token.refusedAfterRevocation ?? []) {
        at(refused.place, now - refused.ago, 'token.refused', { reason: 'token_revoked', ...named });
      }
    }
  }

  for (const release of demoReleases) {
    const artifact = Buffer.from(`${normalizeProjectName(release.project)}-${release.version}.tgz (demo artifact)\n`);
    const tokenId = release.token === undefined ? null : tokenIds.get(release.token)!;
    const publishedAt = now - release.ago;
    store.releases.insert({
      projectId: projectIds.get(release.project)!,
      version: release.version,
      sha256: createHash('sha256').update(artifact).digest('hex'),
      artifact,
      publishedAt,
      publishedBy: release.byCollaborator ? accounts.collaborator : accounts.demo,
      tokenId,
    });
    // A token's release was one of its uses, and came from where that use did.
    const use = demoTokens.find((token) => token.name === release.token)?.uses.find((candidate) => candidate.ago === release.ago);
    const place = release.byCollaborator ? inesCli : (use?.place ?? homeCli);
    const details = {
      project: release.project,
      version: release.version,
      via: tokenId === null ? 'session' : 'token',
      tokenId: tokenId === null ? null : String(tokenId),
      tokenName: release.token ?? null,
    };
    at(place, publishedAt, 'release.published', details, release.byCollaborator ? accounts.collaborator : accounts.demo);
  }
  return events;
}
