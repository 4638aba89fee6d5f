// GET /projects as JSON text, made straight from store/estate-repository.ts's rows. An estate of 500 projects with
// 20 collaborators each and 2,000 tokens answers some 10,000 collaborator entries and more token entries (a token
// for all projects is listed under each of its holder's projects): building an object for each and then
// JSON.stringify-ing them all cost more than reading the rows. So what repeats is written once and its text reused:
// each token's entry (JSON.stringify of its typed view), the start of each collaborator's (username and 2FA
// state); the rest of a collaborator's entry (role and two times, all of known form) is filled in after it. Each
// project's own fields go through JSON.stringify, and the whole is joined once. The contract's schemas check the
// result in the tests (estate.test.ts), entry by entry.
//
// Order: projects by normalised name; within a project, owners first and then by username regardless of case, and
// tokens newest first. The rows come in whatever order the indexes give; people and tokens are visited in the
// order wanted, so each project's list fills up in order without sorting it.
import type { Collaborator, EstatePart, EstateProject, ReachingToken } from '../contract/estate-schemas.ts';
import { projectRoles, type ProjectRole } from '../contract/project-schemas.ts';
import type { CollaborationRow, EstateScope, ReachingTokenRecord } from '../store/estate-repository.ts';
import type { RegistryStore } from '../store/store.ts';
import type { Caller } from './caller.ts';
import { iso, isoFormatter } from './iso-time.ts';

type IsoFormat = (time: number) => string;

/** What a caller's estate covers: a scoped token narrows it to the projects it names. */
function estateScope(caller: Caller, projectId: number | null): EstateScope {
  const { token } = caller;
  return { accountId: caller.accountId, scopedTokenId: token && !token.allProjects ? token.id : null, projectId };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * JSON texts grouped by project, added in the order they are to be listed. Written as pieces of one array that is
 * joined once at the end: an estate's text is megabytes, and every intermediate join would copy it again.
 */
class ProjectGroups {
  private readonly groups = new Map<number, string[]>();

  add(projectId: number, text: string): void {
    const group = this.groups.get(projectId);
    if (group) group.push(text);
    else this.groups.set(projectId, [text]);
  }

  /** Pushes the project's entries, as a JSON array, onto `pieces`. */
  write(projectId: number, pieces: string[]): void {
    const group = this.groups.get(projectId) ?? [];
    pieces.push('[');
    for (let index = 0; index < group.length; index += 1) {
      if (index > 0) pieces.push(',');
      pieces.push(group[index]!);
    }
    pieces.push(']');
  }
}

/** The scope's collaborations by account. */
type ByAccount = ReadonlyMap<number, readonly CollaborationRow[]>;

/** Rows grouped by a key, in the order they came. */
function groupBy<R, K>(rows: readonly R[], key: (row: R) => K): Map<K, R[]> {
  const groups = new Map<K, R[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/**
 * The scope's collaborators as JSON texts, by project. People are visited by username (regardless of case), owners
 * first, so each project's list comes out in order without sorting it.
 */
function collaboratorGroups(store: RegistryStore, scope: EstateScope, byAccount: ByAccount, format: IsoFormat): ProjectGroups {
  const people = store.estate.people(byAccount.keys());
  // By project, then account: no key to build for each of thousands of lookups.
  const lastPublished = new Map<number, Map<number, number>>();
  for (const [projectId, accountId, time] of store.estate.lastPublishes(scope)) {
    const project = lastPublished.get(projectId) ?? new Map<number, number>();
    lastPublished.set(projectId, project.set(accountId, time));
  }
  const byName = [...people].sort(([, a], [, b]) => compareText(a.username.toLowerCase(), b.username.toLowerCase()));
  const groups = new ProjectGroups();
  // projectRoles is ['owner', 'maintainer']: owners first.
  for (const role of projectRoles) {
    for (const [accountId, person] of byName) {
      // The start of each of the person's entries, made once.
      const twoFactor: Collaborator['twoFactor'] = {
        enabled: person.twoFactor,
        enabledAt: person.twoFactor && person.twoFactorEnabledAt !== null ? format(person.twoFactorEnabledAt) : null,
      };
      const opening = `${JSON.stringify({ username: person.username, twoFactor } satisfies Pick<Collaborator, 'username' | 'twoFactor'>).slice(0, -1)},"role":"${role}","addedAt":"`;
      for (const [projectId, , rowRole, addedAt] of byAccount.get(accountId)!) {
        if (rowRole !== role) continue;
        const last = lastPublished.get(projectId)?.get(accountId);
        // The role is one of projectRoles and the times ISO text: nothing here needs escaping.
        groups.add(projectId, `${opening}${format(addedAt)}","lastPublishedAt":${last === undefined ? 'null' : `"${format(last)}"`}}`);
      }
    }
  }
  return groups;
}

function tokenView(record: ReachingTokenRecord, format: IsoFormat): ReachingToken {
  return {
    id: String(record.id),
    holder: record.holder,
    name: record.name,
    permission: record.permission,
    allProjects: record.allProjects,
    createdAt: format(record.createdAt),
    expiresAt: format(record.expiresAt),
    lastUsed: record.lastUsedAt === null ? null : { time: format(record.lastUsedAt), ip: record.lastUsedIp ?? '' },
    bypass2fa: record.bypass2fa,
    allowedCidrs: JSON.parse(record.allowedCidrs) as string[],
  };
}

/**
 * The tokens that reach each project in scope as JSON texts, by project; each token's text made once. Tokens that
 * name a project come paired with it from the database; a token for all projects reaches each project its holder
 * collaborates on (`collaborations`), which an owner of the project sees, and a maintainer only when it is theirs.
 */
function tokenGroups(
  store: RegistryStore,
  scope: EstateScope,
  roles: ReadonlyMap<number, ProjectRole>,
  byAccount: ByAccount,
  now: number,
  format: IsoFormat,
): ProjectGroups {
  const named = groupBy(store.estate.namedReaches(scope, now), ([, tokenId]) => tokenId);
  const allProjects = new Map(store.estate.allProjectsTokens(byAccount.keys(), now));
  const records = store.estate.tokens([...named.keys(), ...allProjects.keys()]);
  // Newest first (by creation, then id): visiting the tokens in that order fills each project's list in order.
  const ranked = [...records.values()].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  const groups = new ProjectGroups();
  for (const record of ranked) {
    const text = JSON.stringify(tokenView(record, format));
    const holder = allProjects.get(record.id);
    if (holder === undefined) {
      for (const [projectId] of named.get(record.id) ?? []) groups.add(projectId, text);
      continue;
    }
    for (const [projectId] of byAccount.get(holder) ?? []) {
      if (roles.get(projectId) === 'owner' || holder === scope.accountId) groups.add(projectId, text);
    }
  }
  return groups;
}

/** The body of GET /projects: the caller's projects (a scoped token's only), with the parts asked for. */
export function estateJson(store: RegistryStore, caller: Caller, parts: ReadonlySet<EstatePart>, now: number): string {
  const scope = estateScope(caller, null);
  const format = isoFormatter();
  const projects = store.estate.projects(scope);
  const byAccount = groupBy(parts.size > 0 ? store.estate.collaborations(scope) : [], ([, accountId]) => accountId);
  const collaborators = parts.has('collaborators') ? collaboratorGroups(store, scope, byAccount, format) : null;
  const roles = new Map(projects.map((project) => [project.id, project.role]));
  const tokens = parts.has('tokens') ? tokenGroups(store, scope, roles, byAccount, now, format) : null;
  const out: string[] = ['{"projects":['];
  projects.forEach((project, index) => {
    const fields: Omit<EstateProject, EstatePart> = {
      name: project.name,
      role: project.role,
      createdAt: format(project.createdAt),
      latestRelease: project.latestRelease && { version: project.latestRelease.version, publishedAt: format(project.latestRelease.publishedAt) },
      policy: project.policy,
    };
    const summary = JSON.stringify(fields);
    if (index > 0) out.push(',');
    // The summary is an object, so its text ends with "}": the parts go just before it.
    out.push(collaborators || tokens ? summary.slice(0, -1) : summary);
    if (collaborators) {
      out.push(',"collaborators":');
      collaborators.write(project.id, out);
    }
    if (tokens) {
      out.push(',"tokens":');
      tokens.write(project.id, out);
    }
    if (collaborators || tokens) out.push('}');
  });
  out.push(']}');
  return out.join('');
}

/** The collaborators of one project the account collaborates on, as its page and the estate show them. */
export function collaboratorsOf(store: RegistryStore, accountId: number, projectId: number): Collaborator[] {
  const scope = { accountId, scopedTokenId: null, projectId };
  const byAccount = groupBy(store.estate.collaborations(scope), ([, collaborator]) => collaborator);
  const out: string[] = [];
  collaboratorGroups(store, scope, byAccount, iso).write(projectId, out);
  return JSON.parse(out.join('')) as Collaborator[];
}
